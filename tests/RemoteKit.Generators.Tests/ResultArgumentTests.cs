using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

/// <summary>The generated forms that take other tasks' results (<c>RemoteArg&lt;T&gt;</c>) where a [Remote] method takes a <c>T</c>.</summary>
public class ResultArgumentTests
{
    [Fact]
    public void Results_and_kept_values_of_the_parameter_type_compile_and_plain_values_still_bind_the_plain_form()
    {
        const string usage = """
            using RemoteKit;

            public static class Usage
            {
                public static async Task Run(EngineView one, LoadBalancedView lb, RemoteRef<long> kept)
                {
                    AsyncResult<long> first = lb.ApplyAsync(Work.SlowPower, 2);
                    long chained = await lb.ApplyAsync(Work.SlowPower, first, 3);
                    long fromKept = one.Apply(Work.SlowPower, kept);
                    long mixed = await one.ApplyAsync(Work.SlowPower, kept, 4, cancellationToken: default);
                    long plain = lb.Apply(Work.SlowPower, 5, 6);
                }
            }
            """;
        var run = CSharpGeneratorRunner.Run(Sources.Work, usage);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        var extensions = run.GeneratedSource("ViewExtensions");
        Assert.Contains("global::RemoteKit.RemoteArg<long> x", extensions, StringComparison.Ordinal);
        Assert.Contains("global::RemoteKit.RemoteArgs.Bind(", extensions, StringComparison.Ordinal);

        // Every argument a value: the plain form, intercepted as before (the first call and the last).
        var interceptors = run.GeneratedSource("Interceptors");
        Assert.Contains("view.Apply(global::Work.Remote.SlowPower(x, i))", interceptors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_of_another_type_does_not_compile_and_RK0012_names_the_argument_and_both_types()
    {
        const string usage = """
            using RemoteKit;

            public static class Usage
            {
                public static void Run(LoadBalancedView lb, AsyncResult<string> text) => lb.ApplyAsync(Work.SlowPower, text, 3);
            }
            """;
        var run = CSharpGeneratorRunner.Run(Sources.Work, usage);

        Assert.NotEmpty(run.CompilationErrors);
        var mismatch = Assert.Single(await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation), d => d.Id == "RK0012");
        Assert.Equal(DiagnosticSeverity.Error, mismatch.Severity);
        Assert.Equal(
            "Argument 'text' is a RemoteKit.AsyncResult<string>, but parameter 'x' of [Remote] method 'Work.SlowPower' takes a long. A task's result (AsyncResult<T>, RemoteRef<T>) can stand only for a parameter of type T.",
            mismatch.GetMessage());
    }
}
