using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RemoteKit.Kernel.Cells;

/// <summary>A <c>#r</c> line of a cell: a NuGet package (<c>#r "nuget: NodaTime, 3.3.7"</c>) or an assembly file.</summary>
internal sealed record ReferenceDirective(string? Package, string? Version, string? Path, int Line);

/// <summary>
/// The C# of a cell after the kernel's own syntax is taken out, with every line where it was: <c>#r</c> lines become
/// blank (the kernel resolves them), and magic lines (<c>%px ...</c>, <c>!cmd</c>) become calls of
/// <see cref="MagicCommands"/> on the same line, so compiler messages keep the cell's line numbers.
/// </summary>
internal static partial class CellSource
{
    /// <summary>The symbols a .NET SDK project defines for this runtime (<c>NET</c>, <c>NET10_0_OR_GREATER</c>, ...): generators such as MemoryPack's read them.</summary>
    public static readonly string[] PreprocessorSymbols =
    [
        "NET", "NETCOREAPP", $"NET{Environment.Version.Major}_0",
        .. Enumerable.Range(5, Math.Max(0, Environment.Version.Major - 4)).Select(v => $"NET{v}_0_OR_GREATER"),
        "NETCOREAPP1_0_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP2_1_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER",
    ];

    public static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script, preprocessorSymbols: PreprocessorSymbols);
    public static readonly CSharpParseOptions RegularOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Regular, preprocessorSymbols: PreprocessorSymbols);

    /// <summary>Takes the <c>#r</c> lines out of <paramref name="code"/> (blanked in place).</summary>
    public static string ExtractReferences(string code, List<ReferenceDirective> references)
    {
        var lines = SplitLines(code);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ReferenceLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var target = match.Groups["target"].Value.Trim();
            if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            {
                var parts = target["nuget:".Length..].Split([',', '/'], 2, StringSplitOptions.TrimEntries);
                references.Add(new ReferenceDirective(parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null, null, i + 1));
            }
            else
            {
                references.Add(new ReferenceDirective(null, null, target, i + 1));
            }

            lines[i] = "";
        }

        return string.Join("\n", lines);
    }

    /// <summary>
    /// Rewrites magic lines into calls on <c>Magics</c>: a line starting (in column 0, where a statement may start) with
    /// <c>%name args</c> or <c>!command</c>.
    /// </summary>
    public static string RewriteLineMagics(string code)
    {
        var lines = SplitLines(code);
        var statementMayStart = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (statementMayStart && line.StartsWith('%') && !line.StartsWith("%%", StringComparison.Ordinal))
            {
                var match = LineMagic().Match(line);
                if (match.Success)
                {
                    lines[i] = "await Magics.LineAsync(" + Literal(match.Groups["name"].Value) + ", " + Literal(match.Groups["args"].Value.Trim()) + ");";
                    continue;
                }
            }
            else if (statementMayStart && line.StartsWith('!') && line.Length > 1)
            {
                lines[i] = "await Magics.ShellAsync(" + Literal(line[1..].Trim()) + ");";
                continue;
            }

            var trimmed = line.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                statementMayStart = trimmed[^1] is ';' or '{' or '}';
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>
    /// Whether a cell declares <c>[Remote]</c> methods, <c>[MemoryPackable]</c> types (values that cross to engines) or a
    /// namespace: then its types are compiled as a real assembly with the generators, and the rest of the cell runs as a
    /// script after it.
    /// </summary>
    public static bool DeclaresRemoteCode(SyntaxTree script)
    {
        var root = (CompilationUnitSyntax)script.GetRoot();
        return root.Members.Any(m => m is BaseNamespaceDeclarationSyntax)
            || root.Members.OfType<BaseTypeDeclarationSyntax>().Any(t =>
                t.DescendantNodes().OfType<MethodDeclarationSyntax>().Any(IsRemote) ||
                t.DescendantNodesAndSelf().OfType<BaseTypeDeclarationSyntax>().Any(IsMemoryPackable));
    }

    private static bool IsMemoryPackable(BaseTypeDeclarationSyntax type) =>
        type.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "MemoryPackable" or "MemoryPackableAttribute"
            or "MemoryPack.MemoryPackable" or "MemoryPack.MemoryPackableAttribute" or "global::MemoryPack.MemoryPackable" or "global::MemoryPack.MemoryPackableAttribute");

    private static bool IsRemote(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Remote" or "RemoteAttribute" or "RemoteKit.Remote"
            or "RemoteKit.RemoteAttribute" or "global::RemoteKit.Remote" or "global::RemoteKit.RemoteAttribute");

    /// <summary>
    /// Splits a cell that declares [Remote] code: the project part keeps usings, types and namespaces; the script part keeps
    /// usings and everything else. Each blanks the other's text, so both keep the cell's line and column numbers.
    /// </summary>
    public static (string Project, string Script) Split(string code, SyntaxTree script)
    {
        var root = (CompilationUnitSyntax)script.GetRoot();
        var projectSpans = root.Members.Where(IsProjectMember).Select(m => m.FullSpan).ToList();
        var scriptSpans = root.Members.Where(m => !IsProjectMember(m)).Select(m => m.FullSpan).ToList();
        return (Blank(code, scriptSpans), Blank(code, projectSpans));
    }

    private static bool IsProjectMember(MemberDeclarationSyntax member) => member is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax or DelegateDeclarationSyntax;

    /// <summary>Replaces every character of <paramref name="spans"/> but line ends with spaces.</summary>
    public static string Blank(string code, IEnumerable<Microsoft.CodeAnalysis.Text.TextSpan> spans)
    {
        var chars = code.ToCharArray();
        foreach (var span in spans)
        {
            for (var i = span.Start; i < span.End && i < chars.Length; i++)
            {
                if (chars[i] is not ('\n' or '\r'))
                {
                    chars[i] = ' ';
                }
            }
        }

        return new string(chars);
    }

    /// <summary>The trailing expression of a script (the last statement, an expression with no semicolon), if any.</summary>
    public static ExpressionSyntax? TrailingExpression(SyntaxTree script)
    {
        var root = (CompilationUnitSyntax)script.GetRoot();
        return root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement }
            ? statement.Expression
            : null;
    }

    public static string[] SplitLines(string code) => code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>Whether <paramref name="code"/> is blank once comments are taken out.</summary>
    public static bool IsBlank(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ScriptOptions);
        return !tree.GetRoot().DescendantTokens().Any(t => !t.IsKind(SyntaxKind.EndOfFileToken));
    }

    /// <summary>The first non-blank line of a cell, and the cell with that line blanked (so the rest keeps its line numbers).</summary>
    public static (string First, string Body) FirstLine(string code)
    {
        var lines = SplitLines(code);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                var first = lines[i].Trim();
                lines[i] = "";
                return (first, string.Join("\n", lines));
            }
        }

        return ("", code);
    }

    [GeneratedRegex("^\\s*#r\\s+\"(?<target>[^\"]+)\"\\s*(//.*)?$")]
    private static partial Regex ReferenceLine();

    [GeneratedRegex("^%(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<args>.*)$")]
    private static partial Regex LineMagic();
}
