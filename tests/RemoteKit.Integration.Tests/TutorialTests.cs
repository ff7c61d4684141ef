using Xunit;

namespace RemoteKit.Integration.Tests;

public sealed class TutorialTests
{
    [Fact]
    public async Task The_tutorial_sample_runs_to_the_end_and_prints_the_ipyparallel_tutorial_values()
    {
        var output = await ProgramRunner.RunAsync("Tutorial.dll", [], TimeSpan.FromMinutes(5));

        Assert.Contains("rc.ids: [0, 1, 2, 3]", output);
        Assert.Contains("result: [3125, 3125, 3125, 3125]", output);
        Assert.Contains("ar.get(): [3125, 3125, 3125, 3125]", output);
        Assert.Contains("result: 3125", output);
        Assert.Contains("result: 4", output);
        Assert.Contains("result: [0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049]", output);
        Assert.Contains("result: [0, 1, 1024, 59049, 1048576, 9765625, 60466176, 282475249, 1073741824, 3486784401]", output);
        Assert.Contains("dview['b']: [100000, 100000, 100000, 100000]", output);
        Assert.Contains("dview['a']: [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15]]", output);
        Assert.Contains("rc[1].apply(who_am_i): engine 1 of 4", output);
        Assert.Contains("rc[3].apply(setup) printed: setup done on engine 3", output);
        Assert.Contains("Tutorial finished in", output);
        Assert.Contains("took", output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_tutorial_runs_to_the_end_on_a_cluster_of_fewer_engines(int engines)
    {
        var output = await ProgramRunner.RunAsync("Tutorial.dll", ["--engines", engines.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));

        Assert.Contains("rc.ids: [" + string.Join(", ", Enumerable.Range(0, engines)) + "]", output);
        Assert.Contains("result: [0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049]", output);
        Assert.Contains($"rc[{Math.Min(1, engines - 1)}].apply(who_am_i): engine {Math.Min(1, engines - 1)} of {engines}", output);
        Assert.Contains($"rc[{engines - 1}].apply(setup) printed: setup done on engine {engines - 1}", output);
        Assert.Contains("Tutorial finished in", output);
    }
}
