using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace RemoteKit.Engine;

/// <summary>
/// Compiles the scripts of <c>Execute</c> with Roslyn, in this process: the path of an engine that has no script server, and
/// the script server's own. Each script is compiled as a continuation of one empty base submission, so Roslyn binds the
/// references once per set of assemblies instead of once per script (a new script then compiles in about 5–10 ms instead of
/// 30–70 ms), and compiled scripts are kept by their text.
/// </summary>
/// <remarks>
/// Only this class, <see cref="ScriptSource"/>, <see cref="ScriptBase"/> and the server's compiler name Roslyn's types: an
/// engine that compiles through the server never loads Roslyn, because nothing it runs reaches them.
/// </remarks>
internal static class ScriptCompiler
{
    private static readonly ConcurrentDictionary<string, Script<object>> Compiled = new(StringComparer.Ordinal);

    /// <summary>
    /// Metadata references by assembly path, and the dependencies they lack: reading an assembly is the slow part of a new
    /// reference, and each read is a whole image in memory.
    /// </summary>
    private static readonly ScriptReferences References = new();

    private static readonly Lock BaseLock = new();
    private static ScriptBase? _base;

    /// <summary>Compiles <paramref name="code"/> in this process with the prelude of the candidates it names.</summary>
    /// <exception cref="ScriptCompilationException">The script does not compile.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ICompiledScript Compile(string code, IReadOnlyList<ScriptVariableCandidate> candidates)
    {
        var parsed = ScriptSource.Parse(code);
        var declared = ScriptPrelude.Choose(candidates, parsed.Mentions, parsed.Declares);
        var source = ScriptPrelude.Source(declared, code);
        var script = Compiled.TryGetValue(source, out var known) ? known : CurrentBase().Continue(source);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new ScriptCompilationException(errors.Select(ScriptBase.Format));
        }

        Compiled.TryAdd(source, script);
        return new InProcessScript(script, declared.Select(c => c.Name).ToArray());
    }

    /// <summary>The base over the assemblies loaded now: a new one when an assembly has been loaded from a file since.</summary>
    private static ScriptBase CurrentBase()
    {
        var assemblies = ScriptPrelude.LoadedAssemblyPaths().ToHashSet(StringComparer.Ordinal);
        lock (BaseLock)
        {
            if (_base is null || !_base.Paths.SetEquals(assemblies))
            {
                _base = new ScriptBase(assemblies, assemblies.Select(p => References.Get(p)), References.Resolver);
            }

            return _base;
        }
    }

    /// <summary>A script compiled in this process, run by Roslyn's scripting API.</summary>
    private sealed class InProcessScript(Script<object> script, IReadOnlyList<string> declared) : ICompiledScript
    {
        public IReadOnlyList<string> Declared => declared;

        public async Task<IReadOnlyList<ScriptVariableValue>> RunAsync(ScriptGlobals globals, CancellationToken cancellationToken)
        {
            var state = await script.RunAsync(globals, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (state.Exception is not null)
            {
                throw state.Exception;
            }

            return state.Variables.Select(v => new ScriptVariableValue(v.Name, v.Value, v.Type)).ToArray();
        }
    }
}

/// <summary>An empty submission over one set of references, with the imports and globals every script has.</summary>
internal sealed class ScriptBase
{
    private readonly Script<object> _empty;

    /// <param name="paths">The assembly files the references were read from.</param>
    /// <param name="references">The references every script over this base has.</param>
    /// <param name="resolver">
    /// Resolves <c>#r</c> directives and the dependencies the references lack (<see cref="ScriptReferences.Resolver"/>).
    /// </param>
    public ScriptBase(HashSet<string> paths, IEnumerable<MetadataReference> references, MetadataReferenceResolver resolver)
    {
        Paths = paths;
        var options = ScriptOptions.Default
            .WithReferences(references)
            .WithMetadataResolver(resolver)
            .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "RemoteKit")
            .WithEmitDebugInformation(false);
        _empty = CSharpScript.Create<object>(string.Empty, options, typeof(ScriptGlobals));
    }

    public HashSet<string> Paths { get; }

    public Script<object> Continue(string source) => _empty.ContinueWith<object>(source);

    /// <summary>A compiler error as <see cref="ScriptCompilationException"/> lists it: <c>(line,column): error CS0000: message</c>.</summary>
    public static string Format(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        return $"  ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
