using RemoteKit.Launchers;
using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>
/// Cluster.StartAsync with the SGE launcher against the real Grid Engine that tests/clusters/setup-sge.sh starts: an array
/// job of one engine per task, work on it, a lost task replaced by a job of its own, and nothing left once disposed.
/// </summary>
[Collection(ResourceManagers.Collection)]
public sealed class SgeLauncherTests
{
    [Fact]
    public async Task Sge_from_code_runs_four_array_tasks_and_disposing_deletes_the_job()
    {
        var options = Options();
        var cluster = await Cluster.StartAsync(engines: 4, options);
        string job;
        int[] pids;
        try
        {
            var client = cluster.Client;
            Assert.Equal([0, 1, 2, 3], client.Ids);
            var powers = await client[..].MapAsync(Work.SlowPower, Enumerable.Range(0, 10).Select(x => (long)x)).Task.WaitAsync(Patience.Long);
            Assert.Equal([0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049], powers);
            Assert.Equal(["1", "2", "3", "4"], (await client[..].ApplyAsync(LauncherWork.Variable, "SGE_TASK_ID").Task.WaitAsync(Patience.Long)).Order());
            Assert.All(await client[..].ApplyAsync(LauncherWork.Variable, "QUEUE").Task.WaitAsync(Patience.Long), queue => Assert.Equal("rk.q", queue));
            job = Assert.Single((await client[..].ApplyAsync(LauncherWork.Variable, "JOB_ID").Task.WaitAsync(Patience.Long)).Distinct());
            pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        Assert.True(await ResourceManagers.SgeJobGoneAsync(job, Patience.Long), $"SGE job {job} is still in qstat after the cluster was disposed");
        foreach (var pid in pids)
        {
            Assert.True(await ChildProcess.WaitGoneAsync(pid, Patience.Long), $"engine process {pid} outlived the cluster");
        }
    }

    [Fact]
    public async Task A_killed_task_of_an_sge_array_job_is_ended_with_qdel_and_replaced_by_a_job_of_its_own()
    {
        var options = Options();
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:00:02";
        await using var cluster = await Cluster.StartAsync(engines: 4, options);
        var client = cluster.Client;
        var exited = new TaskCompletionSource<EngineExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.EngineExited += (_, e) => exited.TrySetResult(e);
        var job = Assert.Single((await client[..].ApplyAsync(LauncherWork.Variable, "JOB_ID").Task.WaitAsync(Patience.Long)).Distinct());

        // The array task's engine dies (the job script execs it); the job's other three tasks run on.
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        Signals.Send("KILL", pids[2]);
        var exit = await exited.Task.WaitAsync(Patience.Long);
        Assert.True(exit.WillRestart);
        Assert.Equal($"SGE job {job} (4 engines)", exit.Engines);
        await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([0, 1, 3, 4]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);

        var replacement = await client[4].ApplyAsync(LauncherWork.Variable, "JOB_ID").Task.WaitAsync(Patience.Long);
        Assert.NotEqual(job, replacement);
        Assert.Equal("1", await client[4].ApplyAsync(LauncherWork.Variable, "SGE_TASK_ID").Task.WaitAsync(Patience.Long));
        foreach (var id in new[] { 0, 1, 3 })
        {
            Assert.Equal(job, await client[id].ApplyAsync(LauncherWork.Variable, "JOB_ID").Task.WaitAsync(Patience.Long));
        }

        Assert.Equal(1, cluster.EngineRestarts);
    }

    private static ClusterOptions Options() => new()
    {
        Launcher = EngineLauncherKind.Sge,
        Sge = { CommandDirectory = ResourceManagers.RequireSge(), Walltime = TimeSpan.FromMinutes(30) },
        EngineTimeout = TimeSpan.FromMinutes(5),
        JobPollInterval = TimeSpan.FromSeconds(1),
    };
}
