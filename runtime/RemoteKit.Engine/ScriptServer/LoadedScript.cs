using System.Reflection;
using System.Runtime.Loader;

namespace RemoteKit.Engine;

/// <summary>
/// A script the script server compiled, loaded from its bytes and run the way Roslyn's scripting API runs a submission: its
/// <c>&lt;Factory&gt;</c> is called with the submission array (slot 0 the globals), and its top-level variables are the
/// public fields of the submission object, as <c>ScriptState.Variables</c> reads them.
/// </summary>
/// <remarks>
/// Scripts load into one ordinary (not collectible) context. The engine keeps every compiled script by its text for the
/// life of the process, as the in-process path does (whose loader never unloads either), so nothing could be collected;
/// a collectible context would only add its costs (slower statics, and objects of script types kept in the namespace
/// pinning it) for no memory back. A script's references resolve to the assemblies already loaded in the engine.
/// </remarks>
internal sealed class LoadedScript : ICompiledScript
{
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
    private static readonly ScriptLoadContext Context = new();

    private readonly Type _submission;
    private readonly Func<object?[], Task<object>> _factory;

    private LoadedScript(Type submission, Func<object?[], Task<object>> factory, IReadOnlyList<string> declared)
    {
        _submission = submission;
        _factory = factory;
        Declared = declared;
    }

    public IReadOnlyList<string> Declared { get; }

    public static LoadedScript Load(ScriptCompiledReply reply)
    {
        using var image = new MemoryStream(reply.Assembly, writable: false);
        var assembly = Context.LoadFromStream(image);
        foreach (var type in assembly.GetTypes())
        {
            if (type.GetMethod("<Factory>", Static) is { } factory)
            {
                return new LoadedScript(type, factory.CreateDelegate<Func<object?[], Task<object>>>(), reply.Declared);
            }
        }

        throw new InvalidOperationException($"The script server's assembly {assembly.FullName} has no submission factory.");
    }

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

    /// <summary>Where scripts load: their references are the engine's assemblies, whichever context loaded them.</summary>
    private sealed class ScriptLoadContext() : AssemblyLoadContext("RemoteKit scripts")
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
