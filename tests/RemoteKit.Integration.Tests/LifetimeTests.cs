using System.Diagnostics;
using Xunit;

namespace RemoteKit.Integration.Tests;

public sealed class LifetimeTests
{
    [Fact]
    public async Task Killing_the_program_that_started_a_cluster_leaves_no_remotekit_process_within_ten_seconds()
    {
        using var launcher = ProgramRunner.Start("RemoteKit.TestAssets.Launcher.dll", ["2"], redirectInput: true);
        var line = await launcher.StandardOutput.ReadLineAsync().WaitAsync(Patience.Long);
        Assert.NotNull(line);
        Assert.StartsWith("PIDS ", line);
        var pids = line[5..].Split(' ').Select(int.Parse).ToArray();
        Assert.Equal(3, pids.Length);
        var children = pids.Select(Process.GetProcessById).ToArray();

        launcher.Kill(); // SIGKILL on Linux: no cleanup code runs in the launcher.
        await launcher.WaitForExitAsync().WaitAsync(Patience.Long);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Task.WhenAll(children.Select(c => c.WaitForExitAsync(deadline.Token)));
        Assert.All(children, c => Assert.True(c.HasExited));
    }

    [Fact]
    public async Task Disposing_a_cluster_stops_all_its_processes()
    {
        var cluster = await Cluster.StartAsync(engines: 2);
        var processes = cluster.ProcessIds.Select(Process.GetProcessById).ToArray();
        Assert.Equal([0, 1], cluster.Client.Ids);
        await cluster.DisposeAsync();
        Assert.All(processes, p => Assert.True(p.HasExited));
    }

    [Fact]
    public async Task Client_shutdown_stops_every_engine_and_the_controller()
    {
        var cluster = await Cluster.StartAsync(engines: 2);
        try
        {
            var processes = cluster.ProcessIds.Select(Process.GetProcessById).ToArray();
            await cluster.Client.ShutdownAsync();
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync())).WaitAsync(Patience.Long);
            Assert.All(processes, p => Assert.True(p.HasExited));
            await Assert.ThrowsAsync<RemoteKitConnectionException>(async () => await cluster.Client[0].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_the_controller_dies_and_is_not_restarted_engines_exit_and_pending_tasks_fail_with_a_connection_error()
    {
        var cluster = await Cluster.StartAsync(engines: 2, new ClusterOptions { RestartController = false });
        try
        {
            var processes = cluster.ProcessIds.Select(Process.GetProcessById).ToArray();
            var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
            var pending = cluster.Client[0].ApplyAsync(Work.WaitForFile, gate);

            processes[0].Kill(); // the controller, by SIGKILL

            // Sent while the client may not know yet: held for a reconnect that the cluster knows will never come.
            await Assert.ThrowsAsync<RemoteKitConnectionException>(async () => await cluster.Client[1].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync())).WaitAsync(Patience.Long);

            var lost = await Assert.ThrowsAsync<RemoteKitConnectionException>(async () => await pending.Task.WaitAsync(Patience.Long));
            Assert.Contains("controller", lost.Message);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Aborted_tasks_waiting_at_the_controller_never_run()
    {
        await using var cluster = await Cluster.StartAsync(engines: 1, new ClusterOptions { EngineTaskLimit = 1 });
        var client = cluster.Client;
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        var lb = client.LoadBalancedView();
        var blocker = lb.ApplyAsync(Work.WaitForFile, gate);
        try
        {
            var waiting = Enumerable.Range(0, 3).Select(i => lb.ApplyAsync(Work.SetVariable, "ran_after_abort", i)).ToArray();
            Assert.Equal(3, (await client.QueueStatusAsync()).Unassigned);
            foreach (var w in waiting)
            {
                w.Abort();
            }

            foreach (var w in waiting)
            {
                var error = await Assert.ThrowsAsync<TaskAbortedException>(async () => await w.Completion.WaitAsync(Patience.Long));
                Assert.Contains("aborted before it ran", error.Message);
            }

            Assert.Equal(0, (await client.QueueStatusAsync()).Unassigned);
        }
        finally
        {
            await File.WriteAllTextAsync(gate, "go");
            await blocker.Task.WaitAsync(Patience.Long);
            File.Delete(gate);
        }

        var missing = await Assert.ThrowsAsync<RemoteException>(async () => await client[0].PullAsync<int>("ran_after_abort"));
        Assert.Contains("ran_after_abort", missing.Message);
    }

    [Fact]
    public async Task A_task_on_an_engine_that_dies_fails_with_EngineLostException_then_its_view_with_EngineNotFoundException_and_the_other_engines_keep_working()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2, new ClusterOptions { Restart = { Enabled = false } });
        var client = cluster.Client;
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        var pids = await client[..].ApplyAsync(Work.ProcessId);
        var doomed = client[1];
        var running = doomed.ApplyAsync(Work.WaitForFile, gate);
        var queuedBehind = doomed.ApplyAsync(Work.EngineId);

        using (var engine = Process.GetProcessById(pids[1]))
        {
            engine.Kill();
            await engine.WaitForExitAsync().WaitAsync(Patience.Long);
        }

        foreach (var lost in new AsyncResult[] { running, queuedBehind })
        {
            var error = await Assert.ThrowsAsync<EngineLostException>(async () => await lost.Completion.WaitAsync(Patience.Long));
            Assert.Equal(1, error.EngineId);
            Assert.Contains("Engine 1 was lost", error.Message);
            Assert.False(string.IsNullOrEmpty(error.Reason));
            Assert.IsAssignableFrom<RemoteKitException>(error);
        }

        // The view was made while engine 1 existed; the controller has forgotten it since.
        var notFound = await Assert.ThrowsAsync<EngineNotFoundException>(async () => await doomed.ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        Assert.Equal(1, notFound.EngineId);
        Assert.Contains("no engine 1", notFound.Message);

        Assert.Equal(0, await client.LoadBalancedView().ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        Assert.Equal(0, await client[0].ApplyAsync(Work.EngineId));
    }

    [Fact]
    public async Task An_engine_killed_by_sigkill_is_replaced_by_a_new_engine_and_the_cluster_is_back_to_full_size()
    {
        await using var cluster = await Cluster.StartAsync(engines: 4);
        var client = cluster.Client;
        var exit = await KillEngineAsync(cluster, 1);
        Assert.True(exit.WillRestart);
        Assert.Equal(128 + 9, exit.ExitCode);

        // The replacement registers as a new engine, with the next id.
        await client.WaitForEnginesAsync(4, Patience.Long);
        Assert.Equal([0, 2, 3, 4], client.Ids);
        Assert.Equal(1, cluster.EngineRestarts);
        Assert.Equal(5, cluster.ProcessIds.Count);
        var ids = await client[..].ApplyAsync(Work.EngineId);
        Assert.Equal([0, 2, 3, 4], ids);
        await AssertSquaresAsync(client);
    }

    [Fact]
    public async Task With_restarts_off_a_killed_engine_is_not_replaced_and_the_rest_keep_working()
    {
        await using var cluster = await Cluster.StartAsync(engines: 4, new ClusterOptions { Restart = { Enabled = false } });
        var client = cluster.Client;
        var exit = await KillEngineAsync(cluster, 1);

        // The supervisor decided (and raised the event) after the death: nothing will replace the engine later.
        Assert.False(exit.WillRestart);
        Assert.Equal([0, 2, 3], client.Ids);
        Assert.Equal(3, (await client.QueueStatusAsync()).Engines.Count);
        Assert.Equal(0, cluster.EngineRestarts);
        Assert.Equal(4, cluster.ProcessIds.Count);
        await AssertSquaresAsync(client);
    }

    private static async Task AssertSquaresAsync(RemoteClient client)
    {
        var squares = await client[..].MapAsync(Work.Power, Enumerable.Range(0, 10).Select(x => (long)x), Enumerable.Repeat(2, 10));
        Assert.Equal(Enumerable.Range(0, 10).Select(x => (long)x * x), squares);
    }

    /// <summary>SIGKILLs an engine while it runs a task; returns the supervisor's decision once the client has seen the engine go.</summary>
    private static async Task<EngineExitedEventArgs> KillEngineAsync(Cluster cluster, int engineId)
    {
        var client = cluster.Client;
        var exits = new TaskCompletionSource<EngineExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.EngineExited += (_, e) => exits.TrySetResult(e);
        var pid = await client[engineId].ApplyAsync(Work.ProcessId);
        var running = client[engineId].ApplyAsync(Work.WaitForFile, Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}"));
        using (var engine = Process.GetProcessById(pid))
        {
            engine.Kill();
            await engine.WaitForExitAsync().WaitAsync(Patience.Long);
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await running.Completion.WaitAsync(Patience.Long));

        // Replies come after the engine-set update the controller sent when it lost the engine.
        await client.QueueStatusAsync();
        Assert.DoesNotContain(engineId, client.Ids);
        return await exits.Task.WaitAsync(Patience.Long);
    }
}
