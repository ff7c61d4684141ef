using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RemoteKit.Unit.Tests;

/// <summary>
/// Every test is in exactly one tier (docs/architecture.md, Tests), so <c>--filter Category=Unit|Integration|Packaging</c>
/// together run the whole suite and no test twice. A test project says its tier once, for the assembly, in Tier.cs; a
/// project that mixes tiers (RemoteKit.Observability.Tests) says it on every test class instead, never both.
/// </summary>
public sealed class TierTests
{
    private static readonly string[] Tiers = ["Unit", "Integration", "Packaging"];

    [Fact]
    public void Every_test_class_of_every_test_project_is_in_exactly_one_tier()
    {
        var projects = Directory.GetFiles(Path.Combine(Repository.Root, "tests"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => File.ReadAllText(p).Contains("\"Microsoft.NET.Test.Sdk\"", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(projects, p => Path.GetFileName(p) == "RemoteKit.Unit.Tests.csproj");

        var wrong = new List<string>();
        foreach (var project in projects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var roots = Sources(Path.GetDirectoryName(project)!).ToList();
            var assemblyTiers = roots.SelectMany(r => r.AttributeLists)
                .Where(list => list.Target?.Identifier.ValueText == "assembly")
                .SelectMany(list => Categories(list, "AssemblyTrait"))
                .ToList();
            if (assemblyTiers.Count > 1)
            {
                wrong.Add($"{name} says its tier {assemblyTiers.Count} times");
            }

            // Test classes by name: the parts of a partial class share their traits.
            var classes = roots.SelectMany(r => r.DescendantNodes().OfType<ClassDeclarationSyntax>()).GroupBy(c => c.Identifier.ValueText);
            foreach (var parts in classes)
            {
                if (!parts.SelectMany(c => c.Members.OfType<MethodDeclarationSyntax>()).Any(IsTest))
                {
                    continue;
                }

                var tiers = assemblyTiers.Concat(parts.SelectMany(c => c.AttributeLists).SelectMany(list => Categories(list, "Trait"))).ToList();
                if (tiers.Count != 1 || !Tiers.Contains(tiers[0]))
                {
                    wrong.Add($"{name}: {parts.Key} is in [{string.Join(", ", tiers)}]");
                }
            }
        }

        Assert.True(wrong.Count == 0, "Each test class needs exactly one tier of " + string.Join(", ", Tiers) + ":\n" + string.Join('\n', wrong));
    }

    private static IEnumerable<CompilationUnitSyntax> Sources(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f).GetCompilationUnitRoot());

    private static bool IsTest(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(list => list.Attributes).Any(a => SimpleName(a) is "Fact" or "Theory");

    /// <summary>The values of <c>[Trait("Category", value)]</c> (or <c>AssemblyTrait</c>) attributes in a list.</summary>
    private static IEnumerable<string> Categories(AttributeListSyntax list, string attribute) =>
        list.Attributes
            .Where(a => SimpleName(a) == attribute && a.ArgumentList is { Arguments.Count: 2 } args && Text(args.Arguments[0]) == "Category")
            .Select(a => Text(a.ArgumentList!.Arguments[1]) ?? "?");

    private static string SimpleName(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private static string? Text(AttributeArgumentSyntax argument) =>
        argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
}
