using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

/// <summary>An edit that leaves every [Remote] signature alone regenerates nothing; a signature edit does.</summary>
public class IncrementalTests
{
    private static readonly string[] ModelSteps =
    [
        RemoteGenerator.TrackingNames.Parsed,
        RemoteGenerator.TrackingNames.Diagnostics,
        RemoteGenerator.TrackingNames.Methods,
        RemoteGenerator.TrackingNames.AllMethods,
        RemoteGenerator.TrackingNames.Assembly,
        RemoteGenerator.TrackingNames.AnyRejected,
    ];

    private static GeneratorRunResult RunTwice(string before, string after)
    {
        var compilation = CSharpGeneratorRunner.CreateCompilation(before);
        var driver = CSharpGeneratorRunner.CreateDriver().RunGenerators(compilation);
        // The same compilation with Source0.cs replaced: built afresh from the shared base, as ReplaceSyntaxTree on a
        // compilation shared across parallel tests now and then failed to find the tree.
        var edited = CSharpGeneratorRunner.CreateCompilation(after);
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Theory]
    [InlineData("// just a comment\n", "")]
    [InlineData("", "\npublic static partial class Unrelated { public static int Helper() => 1; }\n")]
    public void Edit_outside_remote_signatures_is_cached(string prefix, string suffix)
    {
        var edited = prefix + Sources.Work.Replace("Thread.Sleep(1000);", "Thread.Sleep(2000);", StringComparison.Ordinal) + suffix;
        var result = RunTwice(Sources.Work, edited);

        foreach (var step in ModelSteps)
        {
            Assert.All(Reasons(result, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
        }

        Assert.All(
            result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Moving_a_view_call_reintercepts_it_but_keeps_the_view_extensions()
    {
        const string usage = """

            public static class Usage
            {
                public static long Run(RemoteKit.LoadBalancedView lb) => lb.Apply(Work.SlowPower, 2);
            }
            """;
        var result = RunTwice(Sources.Work + usage, Sources.Work + "\n// a line above the call\n" + usage);

        Assert.All(Reasons(result, RemoteGenerator.TrackingNames.ViewUses), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, RemoteGenerator.TrackingNames.CallSites));
    }

    [Fact]
    public void Edit_to_remote_signature_is_modified()
    {
        var result = RunTwice(Sources.Work, Sources.Work.Replace("int i = 5", "int i = 6", StringComparison.Ordinal));

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, RemoteGenerator.TrackingNames.Methods));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, RemoteGenerator.TrackingNames.Assembly));
        Assert.Contains(
            IncrementalStepRunReason.Modified,
            result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason));
    }
}
