using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RemoteKit.Generators.Tests;

public class GeneratedCodeTests
{
    [Fact]
    public void Design_example_compiles_without_diagnostics()
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void All_shapes_compile_without_diagnostics()
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Generated_code_needs_no_documentation_warnings()
    {
        var options = CSharpGeneratorRunner.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        var compilation = CSharpGeneratorRunner.CreateCompilation(Sources.Work, Sources.Shapes);
        compilation = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), options)));
        var driver = CSharpGeneratorDriver.Create([new RemoteGenerator().AsSourceGenerator()], parseOptions: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        var generated = output.GetDiagnostics()
            .Where(d => d.Location.SourceTree is { } tree && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(generated);
    }

    [Fact]
    public void Design_example_call_sites_compile()
    {
        const string usage = """
            using RemoteKit;

            public static class Usage
            {
                public static async Task Run(EngineView one, DirectView all, LoadBalancedView lb)
                {
                    RemoteCall<long> call = Work.Remote.SlowPower(5);
                    AsyncResult<long[]> ar = all.ApplyAsync(Work.SlowPower, 5, 5);
                    long[] powers = await ar;
                    long two = lb.Apply(Work.SlowPower, 2);
                    long four = lb.Apply(Work.SlowPower, 2, 2);
                    long global = lb.Apply(Work.PowerOfGlobal, 2);
                    string who = await one.ApplyAsync(Work.WhoAmI);
                    string[] everyone = all.Apply(Work.WhoAmI);
                    long[] mapped = lb.Map(Work.SlowPower, Enumerable.Range(0, 10).Select(x => (long)x));
                    AsyncMapResult<long> streamed = lb.MapAsync(Work.SlowPower, new long[] { 1, 2 }, new[] { 3, 4 }, chunkSize: 10, ordered: false);
                    long[] direct = all.Map(Work.SlowPower, new long[] { 1, 2 });
                    long[] typed = lb.Map(Enumerable.Range(0, 10), x => Work.Remote.SlowPower(x));
                    await all.ExecuteAsync(Work.WhoAmI);
                    all.Execute(Company.Product.Compute.Outer.Shapes.Setup);
                    one.Apply(Company.Product.Compute.Outer.Shapes.Setup);
                    await lb.ApplyAsync(Company.Product.Compute.Outer.Shapes.NoopAsync);
                    await lb.ApplyAsync(Company.Product.Compute.Outer.Shapes.DelayAsync, 10);
                    string? echo = await lb.ApplyAsync(Company.Product.Compute.Outer.Shapes.EchoAsync, null);
                    int sum = lb.Apply(Company.Product.Compute.Outer.Shapes.Add, 1, 2);
                    string cat = lb.Apply(Company.Product.Compute.Outer.Shapes.Add, "a", "b");
                    int sum3 = lb.Apply(Company.Product.Compute.Outer.Shapes.Add, 1, 2, 3);
                    string hi = lb.Apply(Company.Product.Compute.Outer.Shapes.Greet, "you");
                    RemoteCall<string> many = Company.Product.Compute.Outer.Shapes.Remote.Many(1, 2, 3, "d", true, 'f', 4m, Guid.Empty, DateTime.MinValue, [], new(), (1, "l"));
                    int hidden = lb.Apply(Company.Product.Compute.Outer.Shapes.Hidden, 1);
                    Company.Product.Compute.Point moved = lb.Apply(Company.Product.Compute.Point.Move, new Company.Product.Compute.Point(1, 2), 3);
                }
            }
            """;

        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes, usage);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Overload_resolution_picks_the_extension_by_argument_count()
    {
        const string usage = """
            using RemoteKit;

            public static class Usage
            {
                public static void Run(DirectView all, LoadBalancedView lb)
                {
                    all.ApplyAsync(Work.SlowPower, 5, 5);
                    lb.Apply(Work.SlowPower, 2);
                    lb.Apply(Work.PowerOfGlobal, 2);
                }
            }
            """;

        var run = CSharpGeneratorRunner.Run(Sources.Work, usage);
        Assert.Empty(run.CompilationErrors);

        var tree = run.Compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var model = run.Compilation.GetSemanticModel(tree);
        var calls = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>()
            .Select(i => (IMethodSymbol)model.GetSymbolInfo(i).Symbol!)
            .Select(m => m.ReducedFrom!.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat))
            .ToList();

        Assert.Equal(
            [
                "RemoteViewExtensions_TestAssembly.ApplyAsync(DirectView, Func<long, int, long>, long, int, CancellationToken)",
                "RemoteViewExtensions_TestAssembly.Apply(LoadBalancedView, Func<long, int, long>, long)",
                "RemoteViewExtensions_TestAssembly.Apply(LoadBalancedView, Func<long, int, long>, long)",
            ],
            calls);
    }

    [Fact]
    public void Only_methods_passed_to_a_view_get_view_extensions()
    {
        const string source = """
            using RemoteKit;

            public static partial class Shapes
            {
                [Remote] public static int ByName(int x) => x;
                [Remote] public static string Conditional(string s) => s;
                [Remote] public static double Named(double a, double b) => a + b;
                [Remote] public static long Unused(long a, short b, byte c) => a;

                public static void Run(LoadBalancedView lb, DirectView? all)
                {
                    lb.Apply(ByName, 1);
                    all?.Apply(Conditional, "x");
                    lb.Map(method: Named, new[] { 1.0 }, new[] { 2.0 });
                }
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);

        Assert.Empty(run.CompilationErrors);
        var extensions = run.GeneratedSource("ViewExtensions");
        Assert.Contains("table.Add(global::Shapes.ByName,", extensions, StringComparison.Ordinal);
        Assert.Contains("table.Add(global::Shapes.Conditional,", extensions, StringComparison.Ordinal);
        Assert.Contains("table.Add(global::Shapes.Named,", extensions, StringComparison.Ordinal);
        Assert.DoesNotContain("Unused", extensions, StringComparison.Ordinal);

        // Its typed call still exists for view.ApplyAsync(Shapes.Remote.Unused(...)).
        Assert.Contains(run.Result.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("RemoteCall<long> Unused(long a, short b, byte c)", StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_methods_use_the_shared_invoker_and_others_keep_their_own_invoke_method()
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work);

        Assert.Empty(run.CompilationErrors);
        var provider = run.GeneratedSource("RemoteMethodProvider");
        var sources = run.Result.Results.Single().GeneratedSources;
        string Method(string name) => sources.Single(s => s.HintName.StartsWith("Work." + name + ".", StringComparison.Ordinal)).SourceText.ToString();

        // PowerOfGlobal reads a [Global] and WhoAmI is async with injected parameters: each keeps an invoke method.
        Assert.Contains("RemoteInvoker.FromFunc<long, long, int>(global::Work.Remote.__SlowPower_", provider, StringComparison.Ordinal);
        Assert.DoesNotContain("_Invoke(", Method("SlowPower"), StringComparison.Ordinal);
        Assert.Contains("_Invoke(", Method("PowerOfGlobal"), StringComparison.Ordinal);
        Assert.Contains("_Invoke(", Method("WhoAmI"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lambda_passed_to_a_view_binds_to_the_extensions_of_its_arity_so_the_analyzer_can_report_it()
    {
        const string source = """
            using RemoteKit;

            public static partial class Shapes
            {
                [Remote] public static int One(int x) => x;
                [Remote] public static long Two(long a, int b) => a;

                public static AsyncResult<long> Run(LoadBalancedView lb) => lb.ApplyAsync((long a, int b) => a * b, 5, 1);
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);

        Assert.Empty(run.CompilationErrors);
        var extensions = run.GeneratedSource("ViewExtensions");
        Assert.Contains("table.Add(global::Shapes.Two,", extensions, StringComparison.Ordinal);
        Assert.DoesNotContain("Shapes.One,", extensions, StringComparison.Ordinal);
    }

    [Fact]
    public void Delegates_differing_only_in_nullability_share_one_warning_free_extension()
    {
        var run = CSharpGeneratorRunner.Run(Sources.NullableText);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("#nullable disable annotations", run.GeneratedSource("ViewExtensions"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parameter_names_that_clash_with_generated_names_compile()
    {
        const string source = """
            using RemoteKit;

            public static partial class Clash
            {
                [Remote]
                public static int M(int Descriptor, int _x, int x, int writer, int view, int method, int cancellationToken, int chunkSize, int @event, int __a0) =>
                    Descriptor + _x + x + writer + view + method + cancellationToken + chunkSize + @event + __a0;
            }

            public static class Usage
            {
                public static int Run(LoadBalancedView lb) => lb.Apply(Clash.M, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Methods_with_more_than_sixteen_parameters_get_factories_but_no_view_extensions()
    {
        var parameters = string.Join(", ", Enumerable.Range(0, 17).Select(i => $"int p{i}"));
        var source = $$"""
            using RemoteKit;

            public static partial class Wide
            {
                [Remote] public static int M({{parameters}}) => p0;

                [Remote] public static int Small(int x) => x;

                public static RemoteCall<int> Call() => Remote.M({{string.Join(", ", Enumerable.Range(0, 17))}});

                public static int Use(LoadBalancedView lb) => lb.Apply(Small, 1);
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        var extensions = run.GeneratedSource("ViewExtensions");
        Assert.Contains("Wide.Small", extensions, StringComparison.Ordinal);
        Assert.DoesNotContain("Wide.M", extensions, StringComparison.Ordinal);
    }
}
