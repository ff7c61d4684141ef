using System.Text;
using RemoteKit.Protocol;

namespace RemoteKit.Engine;

/// <summary>
/// The lines a script is compiled after: each namespace variable it names (and does not declare itself) declared with its
/// type from the globals, in name order, then <c>#line 1</c> so the compiler's line numbers are the user's. Both compile
/// paths (in the engine and in the script server) write it here, so they compile the same text.
/// </summary>
internal static class ScriptPrelude
{
    /// <summary>
    /// The files of the assemblies loaded in this process, and of the compiler's scripting assemblies this host holds: what a
    /// script compiles against. A script compiled in process always had the compiler loaded beside it, and scripts use it
    /// (the notebook's <c>%px</c> formats values with <c>CSharpObjectFormatter</c>); an engine on the script server's path
    /// loads it only when such a script runs.
    /// </summary>
    public static IEnumerable<string> LoadedAssemblyPaths() => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
        .Select(a => a.Location)
        .Concat(CompilerAssemblies.Select(PlatformAssemblies.PathOf).OfType<string>())
        .Distinct(StringComparer.Ordinal);

    private static readonly string[] CompilerAssemblies =
        ["Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp", "Microsoft.CodeAnalysis.Scripting", "Microsoft.CodeAnalysis.CSharp.Scripting"];

    /// <summary>The candidates the script mentions and does not declare, in ordinal name order.</summary>
    public static IReadOnlyList<ScriptVariableCandidate> Choose(IEnumerable<ScriptVariableCandidate> candidates, Func<string, bool> mentions, Func<string, bool> declares) =>
        candidates.Where(c => mentions(c.Name) && !declares(c.Name)).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The source compiled for <paramref name="code"/> with these variables declared.</summary>
    public static string Source(IEnumerable<ScriptVariableCandidate> declared, string code)
    {
        var prelude = new StringBuilder();
        foreach (var (name, typeName) in declared)
        {
            prelude.Append(typeName).Append(" @").Append(name).Append(" = (").Append(typeName).Append(")Variables[\"").Append(name).Append("\"];\n");
        }

        return prelude.Append("#line 1\n").Append(code).ToString();
    }
}

/// <summary>A compiled script, however it was compiled: what its prelude declares, and running it.</summary>
internal interface ICompiledScript
{
    /// <summary>The namespace variables its prelude declares: the engine decodes these for it.</summary>
    IReadOnlyList<string> Declared { get; }

    /// <summary>Runs the script; its exception, if it throws, is rethrown as is.</summary>
    /// <returns>The script's top-level variables after it ran.</returns>
    Task<IReadOnlyList<ScriptVariableValue>> RunAsync(ScriptGlobals globals, CancellationToken cancellationToken);
}

/// <summary>A top-level variable of a script after it ran.</summary>
internal readonly record struct ScriptVariableValue(string Name, object? Value, Type Type);
