using System.Diagnostics;
using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary><c>remotekit controller --restore</c>: a controller that died is replaced on its address and key, and its engine comes back.</summary>
public sealed class CliRestoreTests
{
    [Fact]
    public async Task A_restored_controller_takes_back_the_engine_and_the_client_of_the_one_that_died()
    {
        await using var cli = new Cli();
        await cli.RunAsync("profile", "create", "rs");
        var profile = cli.Profile("rs");
        var first = cli.RunAsync("controller", "--profile", "rs");
        await Events.FileAppearsAsync(profile.ClientConnectionFile);
        var engine = cli.RunAsync("engine", "--profile", "rs");
        Task<Run>? second = null;
        try
        {
            await using var client = await cli.ConnectAsync("rs");
            await client.WaitForEnginesAsync(1, Patience.Long);
            await client[0].PushAsync(new { kept = 77 });
            var before = ConnectionInfo.Load(profile.ClientConnectionFile);
            using (var controller = Process.GetProcessById(before.ControllerPid!.Value))
            {
                controller.Kill();
            }

            Assert.NotEqual(0, (await first.WaitAsync(Patience.Long)).ExitCode);
            second = cli.RunAsync("controller", "--profile", "rs", "--restore");

            // Sent with a retry, the task survives being sent to the dying connection: the client sends it again once back.
            var balanced = client.LoadBalancedView(new TaskOptions { Retries = 1 });
            Assert.Equal(0, await balanced.ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
            var pulled = await client[0].PullAsync<int>("kept").Task.WaitAsync(Patience.Long);
            Assert.Equal(77, pulled);
            var after = ConnectionInfo.Load(profile.ClientConnectionFile);
            Assert.Equal((before.Port, before.Key), (after.Port, after.Key));
            Assert.NotEqual(before.ControllerPid, after.ControllerPid);
            Assert.False(engine.IsCompleted, "the engine exited instead of waiting for its controller");
        }
        finally
        {
            await cli.RunAsync("cluster", "stop", "--profile", "rs");
            await engine.WaitAsync(Patience.Long);
            if (second is not null)
            {
                await second.WaitAsync(Patience.Long);
            }
        }
    }

    [Fact]
    public async Task A_daemonized_cluster_restarts_its_controller_when_it_dies_and_keeps_its_engines()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("sup", 2);
        var profile = cli.Profile("sup");
        await using var client = await cli.ConnectAsync("sup");
        var pids = await client[..].ApplyAsync(CliWork.ProcessId).Task.WaitAsync(Patience.Long);
        await client[..].PushAsync(new { kept = 5 });
        var before = ConnectionInfo.Load(profile.ClientConnectionFile);
        using (var controller = Process.GetProcessById(before.ControllerPid!.Value))
        {
            controller.Kill();
        }

        // The cluster's process starts a restored controller; the engines and this client come back to it.
        var balanced = client.LoadBalancedView(new TaskOptions { Retries = 1 });
        Assert.Equal(9, await balanced.ApplyAsync(Work.Power, 3, 2).Task.WaitAsync(Patience.Long));
        await client.WaitForEnginesAsync(2, Patience.Long);
        Assert.Equal([0, 1], client.Ids);
        var pidsAfter = await client[..].ApplyAsync(CliWork.ProcessId).Task.WaitAsync(Patience.Long);
        var kept = await client[..].PullAsync<int>("kept").Task.WaitAsync(Patience.Long);
        Assert.Equal(pids, pidsAfter);
        Assert.Equal([5, 5], kept);
        var after = ConnectionInfo.Load(profile.ClientConnectionFile);
        Assert.Equal((before.Port, before.Key), (after.Port, after.Key));
        Assert.NotEqual(before.ControllerPid, after.ControllerPid);

        // A stop on request is not a death: the whole cluster ends.
        var stopped = await cli.RunAsync("cluster", "stop", "--profile", "sup");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        foreach (var pid in pids.Append(after.ControllerPid!.Value))
        {
            Assert.True(await Processes.ExitsAsync(pid), $"process {pid} still runs after 'cluster stop'");
        }
    }

    [Fact]
    public async Task Restoring_a_profile_whose_controller_stopped_normally_says_there_is_nothing_to_restore()
    {
        await using var cli = new Cli();
        await cli.RunAsync("profile", "create", "none");
        var run = await cli.RunAsync("controller", "--profile", "none", "--restore");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no controller of profile 'none' to restore", run.Err);
    }
}
