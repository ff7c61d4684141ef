using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

public class AnalyzerTests
{
    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string usage)
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, usage);
        return (await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation)).Where(d => d.Id.StartsWith("RK", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task LambdaPassedToApplyAsyncIsReported()
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
    public async Task NonRemoteMethodGroupsAndDelegatesAreReported()
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
    public async Task RemoteMethodGroupsAndTypedCallFactoriesAreAccepted()
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
