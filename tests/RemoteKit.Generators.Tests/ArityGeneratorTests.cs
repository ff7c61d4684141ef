using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RemoteKit.Abstractions.Arity;

namespace RemoteKit.Generators.Tests;

/// <summary>
/// The generator that writes RemoteKit.Abstractions' arity families from templates: every family for every arity it has
/// always had, the same text on every run, each file marked as generated.
/// </summary>
public class ArityGeneratorTests
{
    /// <summary>
    /// One family: the file it is written to, the type that declares it, its member's name, its first arity, and how many type
    /// parameters it has besides the arguments' (TResult). Classes named per arity (Loop1 ... Loop16) put <c>{0}</c> in the name.
    /// </summary>
    public sealed record Family(string HintName, Type DeclaringType, string Member, int FirstArity, int ExtraTypeParameters)
    {
        public override string ToString() => $"{HintName}: {string.Format(System.Globalization.CultureInfo.InvariantCulture, Member, "N")}";
    }

    private const int MaxArity = 16;

    private static readonly Family[] Families =
    [
        new("RemoteCalls.CallTypes.g.cs", typeof(RemoteCalls), "Call", 0, 1),
        new("RemoteCalls.Factories.g.cs", typeof(RemoteCalls), "Create", 0, 1),
        new("RemoteCalls.Factories.g.cs", typeof(RemoteCalls), "CreateVoid", 0, 0),
        new("RemoteCalls.Zip.g.cs", typeof(RemoteCalls), "Zip", 1, 1),
        new("RemoteColumns.Loops.g.cs", typeof(RemoteColumns), "Loop{0}", 1, 1),
        new("RemoteColumns.Factories.g.cs", typeof(RemoteColumns), "Loop", 1, 1),
        new("RemoteInvocation.Arguments.g.cs", typeof(RemoteInvocation), "ReadArguments", 1, 0),
        new("RemoteInvoker.Functions.g.cs", typeof(RemoteInvoker), "FromFunc", 0, 1),
    ];

    public static TheoryData<Family> AllFamilies() => [.. Families];

    private static ImmutableArray<GeneratedSourceResult> Generate()
    {
        var compilation = CSharpCompilation.Create("Arity", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = CSharpGeneratorDriver.Create(new ArityGenerator()).RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(result.Diagnostics);
        return result.GeneratedSources;
    }

    private static IEnumerable<int> Arities(Family family) => Enumerable.Range(family.FirstArity, MaxArity - family.FirstArity + 1);

    [Fact]
    public void Writes_one_file_per_family_file_and_nothing_else()
    {
        var hintNames = Generate().Select(s => s.HintName).Order(StringComparer.Ordinal);

        Assert.Equal(Families.Select(f => f.HintName).Distinct().Order(StringComparer.Ordinal), hintNames);
    }

    [Theory]
    [MemberData(nameof(AllFamilies))]
    public void Writes_every_arity_of_the_family_once(Family family)
    {
        var source = Generate().Single(s => s.HintName == family.HintName);
        Assert.Empty(source.SyntaxTree.GetDiagnostics());

        var arities = source.SyntaxTree.GetRoot().DescendantNodes()
            .OfType<MemberDeclarationSyntax>()
            .Select(member => member switch
            {
                MethodDeclarationSyntax m => (Name: m.Identifier.ValueText, TypeParameters: m.TypeParameterList?.Parameters.Count ?? 0),
                ClassDeclarationSyntax c => (Name: c.Identifier.ValueText, TypeParameters: c.TypeParameterList?.Parameters.Count ?? 0),
                _ => (Name: "", TypeParameters: 0),
            })
            .Where(m => m.Name == NameAt(family, m.TypeParameters - family.ExtraTypeParameters))
            .Select(m => m.TypeParameters - family.ExtraTypeParameters)
            .Order();

        Assert.Equal(Arities(family), arities);
    }

    [Theory]
    [MemberData(nameof(AllFamilies))]
    public void The_built_contract_has_every_arity_of_the_family(Family family)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var methods = family.DeclaringType.GetMethods(all).Select(m => (m.Name, Count: m.GetGenericArguments().Length));
        var types = family.DeclaringType.GetNestedTypes(all).Select(t => (Name: t.Name.Split('`')[0], Count: t.GetGenericArguments().Length));

        var arities = methods.Concat(types)
            .Where(m => m.Name == NameAt(family, m.Count - family.ExtraTypeParameters))
            .Select(m => m.Count - family.ExtraTypeParameters)
            .Order();

        Assert.Equal(Arities(family), arities);
    }

    [Fact]
    public void Two_runs_write_the_same_files()
    {
        var first = Generate();
        var second = Generate();

        Assert.Equal(first.Select(s => s.HintName), second.Select(s => s.HintName));
        Assert.All(first.Zip(second), pair => Assert.Equal(pair.First.SourceText.ToString(), pair.Second.SourceText.ToString()));
    }

    [Fact]
    public void Every_file_is_marked_generated_and_nullable_aware()
    {
        var sources = Generate();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.StartsWith("// <auto-generated/>\n#nullable enable\n", s.SourceText.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Templates_leave_no_stray_whitespace()
    {
        Assert.All(Generate(), source =>
        {
            var text = source.SourceText.ToString();
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n\n", text, StringComparison.Ordinal);
            Assert.EndsWith("}\n", text, StringComparison.Ordinal);
            Assert.All(text.Split('\n'), line => Assert.Equal(line.TrimEnd(), line));
        });
    }

    private static string NameAt(Family family, int arity) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, family.Member, arity);
}
