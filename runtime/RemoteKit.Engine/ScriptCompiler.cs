using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace RemoteKit.Engine;

/// <summary>
/// Compiles the scripts of <c>Execute</c> in this process, for an engine that has no script server: the server's own
/// compiler (<see cref="ScriptServerCompiler"/>) run here, and its assemblies loaded the way the server's are
/// (<see cref="LoadedScript"/>, kept in <see cref="LoadedScripts"/>), so both paths compile the same text against the
/// same references, run scripts the same way, and let go of the same ones.
/// </summary>
/// <remarks>
/// Only the server's compiler, <see cref="ScriptSource"/>, <see cref="ScriptBase"/> and <see cref="ScriptReferences"/> name
/// Roslyn's types: an engine that compiles through the server never loads Roslyn, because nothing it runs reaches them.
/// </remarks>
internal static class ScriptCompiler
{
    private static readonly ScriptServerCompiler Compiler = new();
    private static readonly LoadedScripts Loaded = new();

    /// <summary>Compiles <paramref name="code"/> in this process with the prelude of the candidates it names.</summary>
    /// <exception cref="ScriptCompilationException">The script does not compile.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ICompiledScript Compile(string code, IReadOnlyList<ScriptVariableCandidate> candidates)
    {
        var key = LoadedScripts.Key(code, candidates);
        if (Loaded.TryGet(key, out var known))
        {
            return known;
        }

        var (compiled, errors) = Compiler.CompileScript(new ScriptCompileRequest(code, ScriptPrelude.LoadedAssemblyPaths().ToArray(), candidates));
        return compiled is null ? throw new ScriptCompilationException(errors!) : Loaded.Add(key, LoadedScript.Load(compiled));
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
