using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RemoteKit.Kernel.Display;

namespace RemoteKit.Kernel.Cells;

/// <summary>
/// What Jupyter asks while the user types, answered from Roslyn's semantic model of the cell as the next submission:
/// completions (<c>complete_request</c>), what a name is (<c>inspect_request</c>, with its XML documentation and, for a
/// notebook variable, its value), and whether <c>jupyter console</c> should run the code or wait for more
/// (<c>is_complete_request</c>).
/// </summary>
internal static partial class CodeAssistance
{
    public static (IReadOnlyList<string> Matches, int Start, int End) Complete(ScriptSession scripts, string code, int cursor)
    {
        var (text, position) = Prepare(code, cursor);
        var start = position;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_'))
        {
            start--;
        }

        var prefix = text[start..position];
        var compilation = scripts.Continue(text).GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        IEnumerable<ISymbol> symbols;
        var dot = start - 1;
        while (dot >= 0 && char.IsWhiteSpace(text[dot]))
        {
            dot--;
        }

        if (dot >= 0 && text[dot] == '.')
        {
            var token = tree.GetRoot().FindToken(dot);
            var left = token.Parent switch
            {
                MemberAccessExpressionSyntax access => access.Expression,
                QualifiedNameSyntax qualified => qualified.Left,
                _ => null,
            };
            if (left is null)
            {
                return ([], CodePoints(code, start), cursor);
            }

            var symbol = model.GetSymbolInfo(left).Symbol;
            symbols = symbol is INamespaceOrTypeSymbol container
                ? model.LookupSymbols(dot + 1, container).Where(s => s.IsStatic || s is INamespaceOrTypeSymbol)
                : model.GetTypeInfo(left).Type is { } type
                    ? model.LookupSymbols(dot + 1, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { IsExtensionMethod: true })
                    : [];
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }

        var matches = symbols
            .Select(s => s.Name)
            .Where(n => n.Length > 0 && !n.StartsWith("__", StringComparison.Ordinal) && !n.Contains('<', StringComparison.Ordinal) && !n.Contains('#', StringComparison.Ordinal) && n != ".ctor")
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        return (matches, CodePoints(code, start), cursor);
    }

    public static string? Inspect(ScriptSession scripts, string code, int cursor)
    {
        var (text, position) = Prepare(code, cursor);
        var compilation = scripts.Continue(text).GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var token = tree.GetRoot().FindToken(Math.Max(0, position > 0 && (position >= text.Length || !char.IsLetterOrDigit(text[position])) ? position - 1 : position));
        if (token.Parent is null)
        {
            return null;
        }

        var node = token.Parent;
        var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
        if (symbol is null)
        {
            return null;
        }

        var description = new StringBuilder(symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
        if (symbol is IFieldSymbol or ILocalSymbol or IPropertySymbol)
        {
            var type = symbol switch
            {
                IFieldSymbol f => f.Type,
                ILocalSymbol l => l.Type,
                IPropertySymbol p => p.Type,
                _ => null,
            };
            description.Insert(0, type?.ToDisplayString() + " ");
        }

        if (Summary(symbol) is { Length: > 0 } summary)
        {
            description.Append("\n\n").Append(summary);
        }

        if (symbol is IFieldSymbol { ContainingType.IsScriptClass: true } && scripts.State?.GetVariable(symbol.Name) is { } variable)
        {
            description.Append("\n\nValue: ").Append(ValueFormatter.PlainText(variable.Value));
        }

        return description.ToString();
    }

    /// <summary><c>complete</c>, <c>incomplete</c> (with an indent for the next line) or <c>invalid</c>, for <c>jupyter console</c>.</summary>
    public static (string Status, string Indent) IsComplete(string code)
    {
        if (code.TrimStart().StartsWith("%%", StringComparison.Ordinal))
        {
            // A cell magic takes lines until an empty one.
            return code.EndsWith('\n') && code.TrimEnd(' ', '\t').EndsWith("\n\n", StringComparison.Ordinal) ? ("complete", "") : ("incomplete", "");
        }

        var (text, _) = Prepare(code, 0);
        var tree = CSharpSyntaxTree.ParseText(text, CellSource.ScriptOptions);
        if (SyntaxFactory.IsCompleteSubmission(tree))
        {
            return ("complete", "");
        }

        var depth = text.Count(c => c == '{') - text.Count(c => c == '}');
        return ("incomplete", new string(' ', Math.Max(0, depth) * 4));
    }

    /// <summary>The cell with magic and <c>#r</c> lines blanked (same length, so positions hold) and the cursor as a UTF-16 index.</summary>
    private static (string Text, int Position) Prepare(string code, int cursorCodePoints)
    {
        var position = Utf16Index(code, cursorCodePoints);
        var text = KernelLine().Replace(code, m => new string(' ', m.Length));
        return (text, position);
    }

    private static int Utf16Index(string text, int codePoints)
    {
        var index = 0;
        for (var n = 0; n < codePoints && index < text.Length; n++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        }

        return index;
    }

    private static int CodePoints(string text, int utf16Index)
    {
        var count = 0;
        for (var i = 0; i < utf16Index && i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }

        return count;
    }

    private static string? Summary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            var summary = XElement.Parse(xml).Element("summary");
            if (summary is null)
            {
                return null;
            }

            var text = string.Concat(summary.Nodes().Select(n => n is XElement e
                ? (string?)e.Attribute("cref")?.Value.Split(':').Last() ?? (string?)e.Attribute("langword")?.Value ?? (string?)e.Attribute("name")?.Value ?? e.Value
                : n.ToString()));
            return Whitespace().Replace(text, " ").Trim();
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"(?m)^(%.*|!.*|[ \t]*#r[ \t].*)$")]
    private static partial Regex KernelLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
