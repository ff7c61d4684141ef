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

    [Fact]
    public async Task A_killed_task_of_a_slurm_job_array_is_replaced_by_a_job_of_its_own()
    {
        ResourceManagers.RequireSlurm();
        var options = new ClusterOptions { Launcher = EngineLauncherKind.Slurm, Slurm = { JobArray = true, Walltime = TimeSpan.FromMinutes(30) } };
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:00:02";
        await using var cluster = await Cluster.StartAsync(engines: 4, options);
        var client = cluster.Client;
        var exited = new TaskCompletionSource<EngineExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.EngineExited += (_, e) => exited.TrySetResult(e);
        var job = Assert.Single((await client[..].ApplyAsync(LauncherWork.Variable, "SLURM_ARRAY_JOB_ID").Task.WaitAsync(Patience.Long)).Distinct());

        // The array task's engine dies (its batch shell is the engine); the job's other three tasks run on.
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        Signals.Send("KILL", pids[2]);
        Assert.True((await exited.Task.WaitAsync(Patience.Long)).WillRestart);
        await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([0, 1, 3, 4]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);

        Assert.NotEqual(job, await client[4].ApplyAsync(LauncherWork.Variable, "SLURM_ARRAY_JOB_ID").Task.WaitAsync(Patience.Long));
        foreach (var id in new[] { 0, 1, 3 })
        {
            Assert.Equal(job, await client[id].ApplyAsync(LauncherWork.Variable, "SLURM_ARRAY_JOB_ID").Task.WaitAsync(Patience.Long));
        }

        Assert.Equal(1, cluster.EngineRestarts);
    }
}
