using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Tasks with a timeout sent in one hop (a load-balanced one on a lease, an engine view's), on real controller and engine
/// processes: they go in one hop, fail with <see cref="TaskTimeoutException"/> once the timeout passes, are aborted on
/// their engine and recorded as timed out, and nothing waits behind one that ignores its abort.
/// </summary>
public sealed class OneHopTimeoutTests
{
    [Fact]
    public async Task A_balanced_task_past_its_timeout_on_a_lease_fails_with_TaskTimeoutException_and_the_history_says_it_timed_out()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var timed = client.LoadBalancedView(new TaskOptions { Timeout = TimeSpan.FromSeconds(1) });
        await LeaseTests.WarmUpAsync(client, () => timed.ApplyAsync(Work.Remote.Add(0, 0)).Completion);

        // Quick tasks with a timeout go on leases and come back right.
        var leasedBefore = client.LeasedTasksSent;
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i + 1L, await timed.ApplyAsync(Work.Remote.Add(i, 1)).Task.WaitAsync(Patience.Long));
        }

        Assert.Equal(20, client.LeasedTasksSent - leasedBefore);

        // Once the method's name is known to the controller (its first call may go through it), it goes on a lease too.
        var open = TempFile("open");
        File.WriteAllText(open, "open");
        await LeaseTests.WarmUpAsync(client, () => timed.ApplyAsync(Work.WaitForFile, open).Completion);
        File.Delete(open);

        var gate = TempFile("gate");
        leasedBefore = client.LeasedTasksSent;
        var stuck = timed.ApplyAsync(Work.WaitForFile, gate);
        var error = await Assert.ThrowsAsync<TaskTimeoutException>(async () => await stuck.Task.WaitAsync(Patience.Long));
        Assert.Equal(1, client.LeasedTasksSent - leasedBefore);
        Assert.Contains(error.EngineId, client.Ids);
        Assert.Equal("The task did not finish within its timeout of 1 s.", error.Message);

        // The abort reached the engine: the waiting task ended there, so that engine runs the next task.
        Assert.Equal(error.EngineId, await client[error.EngineId].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        var query = new TaskHistoryQuery { Method = "Work.WaitForFile" };
        await Events.UntilAsync(
            async ct => (await client.HistoryAsync(query, ct)).Any(r => r.Status == TaskHistoryStatus.TimedOut),
            () => "the history to record the task as timed out");
        var records = await client.HistoryAsync(query);
        Assert.Single(records, r => r.Status == TaskHistoryStatus.TimedOut);
        Assert.All(records, r => Assert.Contains(r.Status, new[] { TaskHistoryStatus.Completed, TaskHistoryStatus.TimedOut }));
        Assert.Equal(0, cluster.EngineRestarts);
    }

    [Fact]
    public async Task An_engine_view_task_past_its_timeout_goes_in_one_hop_fails_with_TaskTimeoutException_and_frees_its_engine()
    {
        await using var cluster = await Cluster.StartAsync(engines: 1);
        var client = cluster.Client;
        var timed = client[0].With(new TaskOptions { Timeout = TimeSpan.FromMilliseconds(1500) });
        Assert.Equal(TimeSpan.FromMilliseconds(1500), timed.Options.Timeout);

        // Once the method's name is known to the controller and the direct connection is open, a call goes in one hop.
        var open = TempFile("open");
        File.WriteAllText(open, "open");
        await Events.UntilAsync(
            async ct =>
            {
                var before = client.DirectTasksSent;
                Assert.True(await timed.ApplyAsync(Work.WaitForFile, open).Task.WaitAsync(ct));
                return client.DirectTasksSent > before;
            },
            () => "a call with a timeout to go in one hop");
        File.Delete(open);

        var sentBefore = client.DirectTasksSent;
        var stuck = timed.ApplyAsync(Work.WaitForFile, TempFile("gate"));
        var error = await Assert.ThrowsAsync<TaskTimeoutException>(async () => await stuck.Task.WaitAsync(Patience.Long));
        Assert.Equal(1, client.DirectTasksSent - sentBefore);
        Assert.Equal((0, "The task did not finish within its timeout of 1.5 s."), (error.EngineId, error.Message));

        // Aborted on the engine, which runs what comes next, as after the controller's timeout.
        Assert.Equal(9L, await timed.ApplyAsync(Work.Power, 3L, 2).Task.WaitAsync(Patience.Long));
        Assert.Equal(0, cluster.EngineRestarts);
    }

    [Fact]
    public async Task Nothing_waits_behind_a_leased_task_that_ignores_its_timeout_and_abort()
    {
        // A recycle grace far longer than the test's patience: work that waited for it would fail the test.
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:AbortGrace"] = "00:10:00";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var timed = client.LoadBalancedView(new TaskOptions { Timeout = TimeSpan.FromSeconds(3) });
        var started = TempFile("started");
        var release = TempFile("release");
        try
        {
            // Known to the controller by name, and a lease held: the stuck call goes on the lease.
            File.WriteAllText(release, "go");
            await LeaseTests.WarmUpAsync(client, () => timed.ApplyAsync(Work.IgnoreAbortUntilFile, started, release).Completion);
            File.Delete(release);
            File.Delete(started);

            var leasedBefore = client.LeasedTasksSent;
            var stuck = timed.ApplyAsync(Work.IgnoreAbortUntilFile, started, release);
            await Events.FileAppearsAsync(started);
            Assert.Equal(1, client.LeasedTasksSent - leasedBefore);

            // Sent while it runs, on leases and through the controller: none of them may wait for the stuck engine's recycle.
            var map = client.LoadBalancedView().MapAsync(Enumerable.Range(0, 400), x => Work.Remote.Power(x, 2));
            await Assert.ThrowsAsync<TaskTimeoutException>(async () => await stuck.Task.WaitAsync(Patience.Long));
            Assert.Equal(Enumerable.Range(0, 400).Select(x => (long)x * x), await map.Task.WaitAsync(Patience.Long));
            var after = await client.LoadBalancedView().MapAsync(Enumerable.Range(0, 100), x => Work.Remote.Power(x, 3)).Task.WaitAsync(Patience.Long);
            Assert.Equal(Enumerable.Range(0, 100).Select(x => (long)x * x * x), after);
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(started);
            File.Delete(release);
        }
    }

    private static string TempFile(string what) => Path.Combine(Path.GetTempPath(), $"remotekit-{what}-{Guid.NewGuid():N}");
}
