using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary>
/// <c>remotekit cluster start --restore</c>: the cluster's own process is SIGKILLed; its batch engines wait, and a restored
/// cluster takes them back with their ids and namespaces instead of starting new ones.
/// </summary>
[Collection(ResourceManagers.Collection)]
public sealed class CliClusterRestoreTests
{
    [Fact]
    public async Task A_cluster_whose_process_died_is_restored_with_its_running_slurm_engines()
    {
        ResourceManagers.RequireSlurm();
        await using var cli = new Cli();
        string[] launch = ["--engines", "slurm", "--engine-timeout", "5m"];
        await cli.StartClusterAsync("back", 2, launch);
        var profile = cli.Profile("back");
        var jobs = RecordedJobs(cli, "back");
        await using (var client = await cli.ConnectAsync("back"))
        {
            await client[..].PushAsync(new { kept = 9 });
        }

        // The cluster's process dies; its controller, seeing its input close without a stop, ends without stopping the engines.
        var before = ConnectionInfo.Load(profile.ClientConnectionFile);
        using (var cluster = Process.GetProcessById(cli.RecordedPids("back")[0]))
        {
            cluster.Kill();
        }

        Assert.True(await Processes.ExitsAsync(before.ControllerPid!.Value), "the controller outlived its cluster process");
        var restored = await cli.RunAsync(["cluster", "start", "-n", "2", "--profile", "back", "--daemonize", "--restore", .. launch]);
        Assert.True(restored.ExitCode == 0, restored.ToString());

        // The same jobs' engines, with their ids and what was pushed before; no new job, and the same port and key.
        await using (var client = await cli.ConnectAsync("back"))
        {
            Assert.Equal([0, 1], client.Ids);
            var kept = await client[..].PullAsync<int>("kept").Task.WaitAsync(Patience.Long);
            Assert.Equal([9, 9], kept);
        }

        Assert.Equal(jobs, RecordedJobs(cli, "back"));
        var after = ConnectionInfo.Load(profile.ClientConnectionFile);
        Assert.Equal((before.Port, before.Key), (after.Port, after.Key));

        var stopped = await cli.RunAsync("cluster", "stop", "--profile", "back");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        foreach (var job in jobs)
        {
            Assert.Equal("", await ResourceManagers.SqueueAfterStopAsync(job));
        }
    }

    [Fact]
    public async Task Restoring_a_cluster_that_stopped_normally_says_there_is_nothing_to_restore()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("gone", 1);
        Assert.Equal(0, (await cli.RunAsync("cluster", "stop", "--profile", "gone")).ExitCode);

        var run = await cli.RunAsync("cluster", "start", "-n", "1", "--profile", "gone", "--daemonize", "--restore");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no cluster of profile 'gone' to restore", run.Err);
    }

    private static List<string> RecordedJobs(Cli cli, string profile)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Profile(profile).RunDirectory, "cluster.json")));
        return [.. state.RootElement.GetProperty("units").EnumerateArray()
            .Select(u => u.TryGetProperty("job", out var job) ? job.GetString() : null)
            .OfType<string>()
            .Order()];
    }
}
