using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

public class AnalyzerTests
{
    /// <summary>A view call passing a lambda of each arity 0 to 16 (every arity a [Remote] method may have), to each view kind.</summary>
    public static TheoryData<int, string> LambdaArities()
    {
        var data = new TheoryData<int, string>();
        foreach (var view in new[] { "EngineView", "DirectView", "LoadBalancedView" })
        {
            for (var arity = 0; arity <= 16; arity++)
            {
                data.Add(arity, view);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LambdaArities))]
    public async Task A_lambda_of_any_arity_is_RK0006_and_nothing_else_whatever_the_Remote_methods(int arity, string view)
    {
        var parameters = string.Join(", ", Enumerable.Range(1, arity).Select(i => $"int a{i}"));
        var arguments = string.Concat(Enumerable.Range(1, arity).Select(i => $", {i}"));
        var sequences = string.Concat(Enumerable.Range(1, arity).Select(i => $", new[] {{ {i} }}"));
        var lambda = $"({parameters}) => {(arity == 0 ? "42" : "a1")}";
        var usage = $$"""
            using RemoteKit;
            public static class Usage
            {
                public static async Task Run({{view}} view)
                {
                    await view.ApplyAsync({{lambda}}{{arguments}});
                    view.Apply({{lambda}}{{arguments}});
                    {{(arity > 0 ? $"view.Map({lambda}{sequences});" : "")}}
                    {{(arity == 0 && view != "LoadBalancedView" ? "view.Execute(() => System.Console.WriteLine());" : "")}}
                }
            }
            """;

        // With the tutorial's [Remote] methods (arities 0 to 2), and in a project with none at all.
        foreach (var sources in new[] { new[] { Sources.Work, usage }, new[] { usage } })
        {
            var run = CSharpGeneratorRunner.Run(sources);
            var diagnostics = await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation);
            var errors = run.Compilation.GetDiagnostics().Concat(diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var calls = 2 + (arity > 0 ? 1 : 0) + (arity == 0 && view != "LoadBalancedView" ? 1 : 0);
            Assert.True(errors.Count == calls && errors.All(d => d.Id == "RK0006"), string.Join("\n", errors));
        }
    }

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string usage)
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, usage);
        return (await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation)).Where(d => d.Id.StartsWith("RK", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task Lambda_passed_to_ApplyAsync_is_reported()
    {
        const string usage = """
            using RemoteKit;
            public static class Usage
            {
                public static void Run(EngineView view) => view.ApplyAsync((long x, int i) => x * i, 5);
            }
            """;

        var diagnostic = Assert.Single(await AnalyzeAsync(usage));

        Assert.Equal("RK0006", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("Source1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(CSharpGeneratorRunner.SpanOf(usage, "(long x, int i) => x * i"), diagnostic.Location.GetLineSpan().Span);
        Assert.Contains("lambda", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_remote_method_groups_and_delegates_are_reported()
    {
        const string usage = """
            using RemoteKit;
            public class Usage
            {
                public static long Plain(long x, int i) => x;
                public long Instance(long x, int i) => x;

                public void Run(LoadBalancedView lb, DirectView all, Func<long, int, long> variable)
                {
                    long Local(long x, int i) => x;
                    lb.Apply(Plain, 1);
                    all.Map(Instance, new long[] { 1 });
                    lb.MapAsync(Local, new long[] { 1 }, chunkSize: 2);
                    lb.Apply(variable, 1);
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(usage);

        Assert.Equal(4, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal("RK0006", d.Id));
        Assert.Equal(
            [
                CSharpGeneratorRunner.SpanOf(usage, "Plain", 1),
                CSharpGeneratorRunner.SpanOf(usage, "Instance", 1),
                CSharpGeneratorRunner.SpanOf(usage, "Local", 1),
                CSharpGeneratorRunner.SpanOf(usage, "variable", 1),
            ],
            diagnostics.Select(d => d.Location.GetLineSpan().Span).OrderBy(s => s.Start));
    }

    [Fact]
    public async Task Remote_method_groups_and_typed_call_factories_are_accepted()
    {
        const string usage = """
            using RemoteKit;
            public static class Usage
            {
                public static async Task Run(EngineView one, DirectView all, LoadBalancedView lb)
                {
                    await all.ApplyAsync(Work.SlowPower, 5, 5);
                    lb.Apply(Work.PowerOfGlobal, 2);
                    await one.ApplyAsync(Work.WhoAmI);
                    lb.Map(Work.SlowPower, Enumerable.Range(0, 10).Select(x => (long)x));
                    lb.Map(Enumerable.Range(0, 10), x => Work.Remote.SlowPower(x));
                    await lb.MapAsync(Enumerable.Range(0, 10), x => Work.Remote.SlowPower(x), chunkSize: 2);
                    all.Apply(Work.Remote.SlowPower(1));
                }
            }
            """;

        Assert.Empty(await AnalyzeAsync(usage));
    }
}
