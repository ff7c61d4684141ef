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
    public async Task Restoring_a_profile_whose_controller_stopped_normally_says_there_is_nothing_to_restore()
    {
        await using var cli = new Cli();
        await cli.RunAsync("profile", "create", "none");
        var run = await cli.RunAsync("controller", "--profile", "none", "--restore");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no controller of profile 'none' to restore", run.Err);
    }
}
