using System.Reflection;
using System.Runtime.Loader;
using RemoteKit.Protocol;

namespace RemoteKit.Engine;

/// <summary>
/// A script the script server (or the engine's own <see cref="ScriptCompiler"/>) compiled, loaded from its bytes and run
/// the way Roslyn's scripting API runs a submission: its <c>&lt;Factory&gt;</c> is called with the submission array (slot 0
/// the globals), and its top-level variables are the public fields of the submission object, as
/// <c>ScriptState.Variables</c> reads them.
/// </summary>
/// <remarks>
/// Each script loads into a collectible context of its own, so that an engine that has run thousands of distinct scripts
/// (a notebook's cells, generated code) holds only those it still uses: <see cref="Unload"/> lets the runtime free the
/// script's code once nothing refers to it (no run in progress, no namespace value of a type the script declared). A
/// script's references resolve to the assemblies already loaded in the engine.
/// </remarks>
internal sealed class LoadedScript : ICompiledScript
{
    /// <summary>The name of every script's load context.</summary>
    public const string ContextName = "RemoteKit script";

    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    private readonly Type _submission;
    private readonly Func<object?[], Task<object>> _factory;
    private AssemblyLoadContext? _context;

    private LoadedScript(AssemblyLoadContext context, Type submission, Func<object?[], Task<object>> factory, IReadOnlyList<string> declared)
    {
        _context = context;
        _submission = submission;
        _factory = factory;
        Declared = declared;
    }

    public IReadOnlyList<string> Declared { get; }

    /// <summary>The script's submission type, in the script's assembly.</summary>
    public Type Submission => _submission;

    public static LoadedScript Load(ScriptCompiledReply reply)
    {
        LoadFiles(reply.Files);
        var context = new ScriptLoadContext();
        try
        {
            using var image = new MemoryStream(reply.Assembly, writable: false);
            var assembly = context.LoadFromStream(image);
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetMethod("<Factory>", Static) is { } factory)
                {
                    return new LoadedScript(context, type, factory.CreateDelegate<Func<object?[], Task<object>>>(), reply.Declared);
                }
            }

            throw new InvalidOperationException($"The compiled script's assembly {assembly.FullName} has no submission factory.");
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>
    /// Loads the assembly files a script's <c>#r</c> directives name, each once for the process (into the default context,
    /// as Roslyn's scripting loader keeps them for the process), unless an assembly of that name is loaded already: the
    /// script binds to them, and later scripts compile against them without <c>#r</c>, since they are loaded here.
    /// </summary>
    private static void LoadFiles(IReadOnlyList<string> files)
    {
        foreach (var file in files)
        {
            var name = AssemblyName.GetAssemblyName(file).Name;
            // The platform's assemblies the default context finds itself when the script binds to them.
            if (name is null || PlatformAssemblies.PathOf(name) is not null
                || AppDomain.CurrentDomain.GetAssemblies().Any(a => string.Equals(a.GetName().Name, name, StringComparison.Ordinal)))
            {
                continue;
            }

            AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
        }
    }

    /// <summary>
    /// Lets the runtime free the script's code once nothing refers to it any more: this object, runs in progress and namespace
    /// values of the script's types keep it until they are gone (a caller that already holds it may still run it). Idempotent.
    /// </summary>
    public void Unload() => Interlocked.Exchange(ref _context, null)?.Unload();

    public async Task<IReadOnlyList<ScriptVariableValue>> RunAsync(ScriptGlobals globals, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Slot 0 holds the globals, the empty base submission has no slot, and this submission takes slot 1.
        var submissions = new object?[4];
        submissions[0] = globals;
        await _factory(submissions).ConfigureAwait(false);
        var state = Array.Find(submissions, s => s is not null && s.GetType() == _submission);
        if (state is null)
        {
            return [];
        }

        var variables = new List<ScriptVariableValue>();
        foreach (var field in _submission.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (field.Name.Length > 0 && (char.IsLetterOrDigit(field.Name[0]) || field.Name[0] == '_'))
            {
                variables.Add(new ScriptVariableValue(field.Name, field.GetValue(state), field.FieldType));
            }
        }

        return variables;
    }

    /// <summary>Where a script loads: its references are the engine's assemblies, whichever context loaded them.</summary>
    private sealed class ScriptLoadContext() : AssemblyLoadContext(ContextName, isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (AssemblyName.ReferenceMatchesDefinition(assemblyName, loaded.GetName()) && !loaded.IsDynamic && !string.IsNullOrEmpty(loaded.Location))
                {
                    return loaded;
                }
            }

            return null;
        }
    }
}
