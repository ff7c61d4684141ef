using System.Diagnostics;
using RemoteKit.Launchers;
using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>The controller's verdict on a lost engine reaches the launcher that started it, on another host too.</summary>
[Collection(ResourceManagers.Collection)]
public sealed class LostEngineLauncherTests
{
    [Fact]
    public async Task An_ssh_engine_stopped_past_its_grace_is_killed_on_its_host_and_replaced_there()
    {
        var options = new ClusterOptions { Launcher = EngineLauncherKind.Ssh, Ssh = { Hosts = ["rk-host2:1"], ConfigFile = ResourceManagers.RequireSsh() } };
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:00:03";
        await using var cluster = await Cluster.StartAsync(engines: 1, options);
        var client = cluster.Client;
        var exited = new TaskCompletionSource<EngineExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.EngineExited += (_, e) => exited.TrySetResult(e);

        // The test hosts share this machine's process ids, so the engine on rk-host2 can be stopped from here; only its
        // launcher, over SSH, can end it.
        var pid = await client[0].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        using var engine = Process.GetProcessById(pid);
        Signals.Send("STOP", pid);
        try
        {
            Assert.True((await exited.Task.WaitAsync(Patience.Long)).WillRestart);
            await engine.WaitForExitAsync().WaitAsync(Patience.Long);
        }
        finally
        {
            if (!engine.HasExited)
            {
                Signals.Send("CONT", pid);
            }
        }

        await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([1]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
        Assert.Equal("rk-host2", await client[1].ApplyAsync(LauncherWork.MachineName).Task.WaitAsync(Patience.Long));
        Assert.Equal(1, cluster.EngineRestarts);
    }
}
