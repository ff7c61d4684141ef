using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace RemoteKit.Engine;

/// <summary>
/// Runs C# scripts sent with <c>view.Execute(code)</c>: every namespace variable whose type this engine knows is declared
/// (by name, with its type) before the code, and every top-level variable the script declares or changes goes back into the
/// namespace afterwards. Roslyn is loaded on first use only, so engines that never execute scripts do not pay for it.
/// </summary>
internal static class ScriptRunner
{
    private static readonly ConcurrentDictionary<string, Script<object>> Compiled = new(StringComparer.Ordinal);

    /// <summary>Metadata references by assembly path: reading an assembly's metadata is the slow part of a new script.</summary>
    private static readonly ConcurrentDictionary<string, MetadataReference> References = new(StringComparer.Ordinal);

    /// <summary>
    /// Compiles a small script once, so that the first <c>Execute</c> finds Roslyn loaded and compiled to native code
    /// (run on a background thread when an engine process starts; see <see cref="EngineOptions.WarmUpScripts"/>).
    /// </summary>
    public static void WarmUp()
    {
        var script = Create("var warm = (int)System.Math.Pow(2, 5);");
        _ = script.Compile();
        _ = TopLevelDeclarations("var warm = 1;");
    }

    public static async Task ExecuteAsync(string code, RemoteContext context)
    {
        var ns = context.Namespace;
        var redeclared = TopLevelDeclarations(code);
        var declared = new List<(string Name, Type Type, object? Value)>();
        var prelude = new StringBuilder();
        foreach (var name in ns.Names.OrderBy(n => n, StringComparer.Ordinal))
        {
            if (!Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name) || redeclared.Contains(name) || !ns.TryGetEntry(name, out var found))
            {
                continue;
            }

            var entry = found;

            var type = entry.Type ?? TypeNames.Resolve(entry.TypeName);
            if (type is null || !type.IsVisible || !IsReferencable(type) || CSharpName(type) is not { } typeName)
            {
                continue;
            }

            var value = ns.GetBoxed(name, type);
            declared.Add((name, type, value));
            prelude.Append(typeName).Append(" @").Append(name).Append(" = (").Append(typeName).Append(")Variables[\"").Append(name).Append("\"];\n");
        }

        var source = prelude + "#line 1\n" + code;
        var script = Compiled.GetOrAdd(source, Create);
        var diagnostics = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (diagnostics.Length > 0)
        {
            Compiled.TryRemove(source, out _);
            throw new ScriptCompilationException(diagnostics);
        }

        var globals = new ScriptGlobals(declared.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal), context);
        var state = await script.RunAsync(globals, cancellationToken: context.CancellationToken).ConfigureAwait(false);
        if (state.Exception is not null)
        {
            throw state.Exception;
        }

        var before = declared.ToDictionary(d => d.Name, d => d.Value, StringComparer.Ordinal);
        foreach (var variable in state.Variables)
        {
            if (before.TryGetValue(variable.Name, out var old) && ReferenceEquals(old, variable.Value))
            {
                continue;
            }

            ns.SetBoxed(variable.Name, variable.Value, variable.Type);
        }
    }

    private static Script<object> Create(string source)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => References.GetOrAdd(a.Location, static path => MetadataReference.CreateFromFile(path)));
        var options = ScriptOptions.Default
            .WithReferences(references)
            .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "RemoteKit")
            .WithEmitDebugInformation(false);
        return CSharpScript.Create<object>(source, options, typeof(ScriptGlobals));
    }

    /// <summary>Names the script declares itself at top level (<c>var b = ...</c>): these replace the namespace variable.</summary>
    private static HashSet<string> TopLevelDeclarations(string code)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            code, Microsoft.CodeAnalysis.CSharp.CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in tree.GetRoot().ChildNodes())
        {
            var variables = node switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.FieldDeclarationSyntax field => field.Declaration.Variables,
                Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax { Statement: Microsoft.CodeAnalysis.CSharp.Syntax.LocalDeclarationStatementSyntax local } => local.Declaration.Variables,
                _ => default,
            };
            foreach (var variable in variables)
            {
                names.Add(variable.Identifier.ValueText);
            }
        }

        return names;
    }

    /// <summary>
    /// Whether a script can name the type: every assembly it involves must be a file on disk. Types from shipped code live
    /// only in memory, so such variables stay reachable untyped, through <c>Variables["name"]</c>.
    /// </summary>
    private static bool IsReferencable(Type type)
    {
        if (type.HasElementType)
        {
            return IsReferencable(type.GetElementType()!);
        }

        return !type.Assembly.IsDynamic && !string.IsNullOrEmpty(type.Assembly.Location)
            && (!type.IsGenericType || type.GetGenericArguments().All(IsReferencable));
    }

    /// <summary>C# syntax for a type, or null when it has none a script could write (anonymous, pointer, open generic).</summary>
    internal static string? CSharpName(Type type)
    {
        if (type.IsArray)
        {
            var element = CSharpName(type.GetElementType()!);
            return element is null ? null : element + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsPointer || type.IsByRef || type.ContainsGenericParameters || type.Name.Contains('<', StringComparison.Ordinal))
        {
            return null;
        }

        var name = (type.DeclaringType is { } outer ? CSharpName(outer) + "." : "global::" + (type.Namespace is null ? string.Empty : type.Namespace + "."))
            + (type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name);
        if (type.IsGenericType)
        {
            var args = type.GetGenericArguments().Select(CSharpName).ToArray();
            if (args.Any(a => a is null))
            {
                return null;
            }

            name += "<" + string.Join(", ", args) + ">";
        }

        return name;
    }
}

/// <summary>What a script executed on an engine sees as globals: the engine context and its namespace's current values.</summary>
public sealed class ScriptGlobals
{
    internal ScriptGlobals(IReadOnlyDictionary<string, object?> variables, RemoteContext context)
    {
        Variables = variables;
        Context = context;
    }

    /// <summary>The namespace's values when the script started, by name (also declared as typed variables).</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>The engine context.</summary>
    public RemoteContext Context { get; }
}

/// <summary>A script sent to <c>Execute</c> does not compile; the message lists every error with its line and column.</summary>
public sealed class ScriptCompilationException : Exception
{
    internal ScriptCompilationException(IReadOnlyList<Diagnostic> errors)
        : base("The script does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(Format)))
    {
    }

    private static string Format(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        return $"  ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
