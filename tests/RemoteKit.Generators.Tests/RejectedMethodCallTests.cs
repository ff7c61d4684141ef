using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

/// <summary>Calls to a rejected [Remote] method report its RK error and nothing else (no CS1501 on the view call).</summary>
public class RejectedMethodCallTests
{
    [Theory]
    [InlineData("public static void Bad(int a, out int x) { x = a; }", "RK0003")]
    [InlineData("public static void Bad(int a, ref int x) { }", "RK0003")]
    [InlineData("public static void Bad(int a, System.Span<int> x) { }", "RK0003")]
    [InlineData("public static void Bad(int a, object x) { }", "RK0004")]
    public void Only_the_RK_error_is_reported_where_a_view_calls_a_rejected_method(string method, string id)
    {
        var source = $$"""
            using System.Threading.Tasks;
            using RemoteKit;

            public static partial class Work
            {
                [Remote] {{method}}

                [Remote] public static long Good(long x) => x;
            }

            public static class Use
            {
                public static async Task Run(RemoteClient client)
                {
                    await client[..].ApplyAsync(Work.Bad, 1, 2);
                    client.LoadBalancedView().Apply(Work.Bad, 1, 2);
                    client[0].Execute(Work.Bad, 1, 2);
                    long[] good = await client[..].ApplyAsync(Work.Good, 3);
                }
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);
        var errors = run.GeneratorDiagnostics.Concat(run.CompilationErrors).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        var only = Assert.Single(errors);
        Assert.Equal(id, only.Id);
    }

    [Fact]
    public void Without_rejected_methods_no_catch_all_overloads_are_generated_and_wrong_calls_keep_their_compiler_error()
    {
        const string source = """
            using RemoteKit;

            public static partial class Work
            {
                [Remote] public static long Good(long x) => x;
            }

            public static class Use
            {
                public static void Run(RemoteClient client) => client[..].Apply(Work.Good, 1, 2, 3);
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.DoesNotContain(run.Result.Results.Single().GeneratedSources, s => s.HintName.Contains("Rejected", StringComparison.Ordinal));
        Assert.Contains(run.CompilationErrors, d => d.Id == "CS1501");
    }
}
