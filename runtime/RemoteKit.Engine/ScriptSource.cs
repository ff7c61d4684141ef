using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RemoteKit.Engine;

/// <summary>What a script's text says about the namespace, from one parse: the names it uses and the names it declares.</summary>
internal sealed class ScriptSource
{
    private readonly HashSet<string> _identifiers;
    private readonly HashSet<string> _declared;

    private ScriptSource(HashSet<string> identifiers, HashSet<string> declared)
    {
        _identifiers = identifiers;
        _declared = declared;
    }

    public static ScriptSource Parse(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script)).GetRoot();
        var identifiers = root.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken))
            .Select(t => t.ValueText)
            .ToHashSet(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in root.ChildNodes())
        {
            var variables = node switch
            {
                FieldDeclarationSyntax field => field.Declaration.Variables,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration.Variables,
                _ => default,
            };
            foreach (var variable in variables)
            {
                declared.Add(variable.Identifier.ValueText);
            }
        }

        return new ScriptSource(identifiers, declared);
    }

    /// <summary>Whether the script names <paramref name="name"/> anywhere as an identifier (<c>@name</c> included).</summary>
    public bool Mentions(string name) => _identifiers.Contains(name);

    /// <summary>Whether the script declares <paramref name="name"/> itself at top level (<c>var b = ...</c>): it replaces the namespace variable.</summary>
    public bool Declares(string name) => _declared.Contains(name);
}
