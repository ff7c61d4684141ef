using System.Diagnostics;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Tasks for one named engine sent in one hop (straight to the engine on the client's direct connection), on real
/// controller and engine processes: they return right results without passing through the controller, keep their order
/// with tasks that do, stream their output, reach the history, and fail once, cleanly, when their engine dies or stops.
/// </summary>
public sealed class OneHopTests
{
    [Fact]
    public async Task An_engine_views_calls_go_in_one_hop_return_right_results_and_reach_the_history()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.Remote.Add(0, 0)).Completion);
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.Remote.Fail("warming up")).Completion.ContinueWith(_ => { }, TaskScheduler.Default));

        const int Calls = 200;
        var (sentBefore, _) = client.ControllerBytes;
        var directBefore = client.DirectTasksSent;
        for (var i = 0; i < Calls; i++)
        {
            Assert.Equal(i + 1L, await client[0].ApplyAsync(Work.Remote.Add(i, 1)).Task.WaitAsync(Patience.Long));
        }

        // Through the controller each call's Submit frame alone is over 60 bytes; in one hop the controller hears nothing of them.
        var (sentAfter, _) = client.ControllerBytes;
        Assert.Equal(Calls, client.DirectTasksSent - directBefore);
        Assert.True(sentAfter - sentBefore < Calls * 10, $"the controller connection carried {sentAfter - sentBefore} bytes for {Calls} one-hop calls");

        var failed = await Assert.ThrowsAsync<RemoteException>(async () => await client[0].ApplyAsync(Work.Remote.Fail("one hop")).Task.WaitAsync(Patience.Long));
        Assert.Contains("one hop", failed.Message);
        Assert.Equal(Calls + 1, client.DirectTasksSent - directBefore);

        var adds = await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Add" });
        Assert.True(adds.Count >= Calls, $"the history holds {adds.Count} of the {Calls} calls of Work.Add");
        Assert.All(adds, r => Assert.Equal((TaskHistoryStatus.Completed, 0), (r.Status, r.EngineId)));
        Assert.Equal(adds.Count, adds.Select(r => r.TaskId).Distinct().Count());
        var fail = Assert.Single(await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Fail" }), r => r.ErrorMessage == "one hop");
        Assert.Equal((TaskHistoryStatus.Failed, 0, "System.InvalidOperationException"), (fail.Status, fail.EngineId, fail.ErrorType));
    }

    [Fact]
    public async Task A_direct_views_map_with_large_results_and_a_failing_item_goes_in_one_hop_and_reaches_the_history()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        await WarmUpAsync(client, 0, () => client[..].MapAsync(Work.Add, new long[] { 1, 2 }, new long[] { 3, 4 }).Task);
        await WarmUpAsync(client, 1, () => client[..].MapAsync(Work.Add, new long[] { 1, 2 }, new long[] { 3, 4 }).Task);
        await WarmUpAsync(client, 0, () => client[..].MapAsync(Work.FailOn, [1, 2], [9, 9]).Task);
        await WarmUpAsync(client, 1, () => client[..].MapAsync(Work.FailOn, [1, 2], [9, 9]).Task);
        var directBefore = client.DirectTasksSent;

        // 40,000 longs: each engine's part answers with over 64 KiB, more than an outcome carries whole.
        var xs = Enumerable.Range(0, 40_000).Select(i => (long)i).ToArray();
        Assert.Equal(xs.Select(x => x + 1), await client[..].MapAsync(Work.Add, xs, xs.Select(_ => 1L).ToArray()).Task.WaitAsync(Patience.Long));
        Assert.Equal(2, client.DirectTasksSent - directBefore);
        var failing = client[..].MapAsync(Work.FailOn, Enumerable.Range(0, 40_000), Enumerable.Repeat(30_000, 40_000));
        await Assert.ThrowsAnyAsync<Exception>(() => failing.Task.WaitAsync(Patience.Long));
        Assert.Equal(4, client.DirectTasksSent - directBefore);

        var records = await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.FailOn" });
        Assert.Contains(records, r => r.Status == TaskHistoryStatus.Failed && r.EngineId == 1 && r.ErrorMessage == "item 30000 is bad");
        Assert.Contains(records, r => r.Status == TaskHistoryStatus.Completed && r.EngineId == 0 && r.BytesOut > 64 * 1024);
    }

    [Fact]
    public async Task Order_holds_when_one_hop_calls_interleave_with_streams_and_large_pushes_on_one_engine()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        await WarmUpAsync(client, 1, () => client[1].ApplyAsync(Work.Remote.Append("warm", 0)).Completion);
        var directBefore = client.DirectTasksSent;

        const int Tasks = 60;
        var calls = new List<AsyncResult>();
        var streams = new List<AsyncStream<int>>();
        for (var i = 0; i < Tasks; i++)
        {
            if (i % 10 == 4)
            {
                // A stream never goes in one hop: it waits for the calls ahead of it, and the calls behind it go through the controller.
                streams.Add(client[1].StreamAsync(Work.Remote.AppendThenYield("order", i)));
            }
            else if (i % 20 == 9)
            {
                // A large value goes through the controller as a direct push task.
                calls.Add(client[1].PushAsync(new { big = new double[200_000] }));
                calls.Add(client[1].ApplyAsync(Work.Remote.Append("order", i)));
            }
            else
            {
                calls.Add(client[1].ApplyAsync(Work.Remote.Append("order", i)));
            }
        }

        foreach (var stream in streams)
        {
            await foreach (var _ in stream.WithCancellation(new CancellationTokenSource(Patience.Long).Token))
            {
            }
        }

        await Task.WhenAll(calls.Select(c => c.Completion)).WaitAsync(Patience.Long);
        Assert.Equal(Enumerable.Range(0, Tasks), await client[1].PullAsync<int[]>("order").Task.WaitAsync(Patience.Long));
        Assert.True(client.DirectTasksSent - directBefore > 0, "no task went in one hop");
    }

    [Fact]
    public async Task Live_output_of_a_one_hop_task_reaches_the_caller_while_it_runs()
    {
        await using var cluster = await Cluster.StartAsync(engines: 1);
        var client = cluster.Client;
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(LiveWork.PrintEvery, 0, 0).Completion);
        var directBefore = client.DirectTasksSent;

        var result = client[0].ApplyAsync(LiveWork.PrintEvery, 5, 100);
        var lines = new List<string>();
        var seenBeforeTheEnd = 0;
        await foreach (var piece in result.Output.WithCancellation(new CancellationTokenSource(Patience.Long).Token))
        {
            Assert.Equal(0, piece.EngineId);
            var arrived = piece.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            seenBeforeTheEnd += result.IsReady ? 0 : arrived.Length;
            lines.AddRange(arrived);
        }

        Assert.Equal(5, await result.Task.WaitAsync(Patience.Long));
        Assert.Equal(1, client.DirectTasksSent - directBefore);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"line {i}"), lines);
        Assert.True(seenBeforeTheEnd >= 1, "no line arrived before the result");
        Assert.Equal(string.Concat(lines.Select(l => l + Environment.NewLine)), result.Metadata!.Stdout);
    }

    [Fact]
    public async Task Aborting_a_queued_one_hop_task_fails_it_with_TaskAbortedException_and_the_engine_goes_on()
    {
        await using var cluster = await Cluster.StartAsync(engines: 1);
        var client = cluster.Client;
        var gate = TempFile("gate");
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.Remote.Add(0, 0)).Completion);
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.WaitForFile, Existing).Completion);
        var directBefore = client.DirectTasksSent;
        try
        {
            var blocking = client[0].ApplyAsync(Work.WaitForFile, gate);
            using var cancel = new CancellationTokenSource();
            var queued = client[0].ApplyAsync(Work.Remote.Add(1, 2), cancel.Token);
            var after = client[0].ApplyAsync(Work.Remote.Add(2, 2));
            Assert.Equal(3, client.DirectTasksSent - directBefore);

            await cancel.CancelAsync();
            var aborted = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queued.Task.WaitAsync(Patience.Long));
            Assert.IsType<TaskAbortedException>(aborted);
            Assert.False(blocking.IsReady);

            File.WriteAllText(gate, "go");
            Assert.True(await blocking.Task.WaitAsync(Patience.Long));
            Assert.Equal(4L, await after.Task.WaitAsync(Patience.Long));
        }
        finally
        {
            File.Delete(gate);
        }
    }

    [Fact]
    public async Task A_killed_engine_fails_each_of_its_queued_one_hop_tasks_once_with_EngineLostException_and_the_other_engine_keeps_working()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2, new ClusterOptions { Restart = { Enabled = false } });
        var client = cluster.Client;
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        var (started, release) = (TempFile("started"), TempFile("release"));
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.Remote.Add(0, 0)).Completion);
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.IgnoreAbortUntilFile, TempFile("warm"), Existing).Completion);
        var directBefore = client.DirectTasksSent;
        try
        {
            var held = client[0].ApplyAsync(Work.IgnoreAbortUntilFile, started, release);
            var queued = Enumerable.Range(0, 5).Select(i => client[0].ApplyAsync(Work.Remote.Add(i, 1))).ToArray();
            Assert.Equal(6, client.DirectTasksSent - directBefore);
            await Events.FileAppearsAsync(started);

            using (var engine = Process.GetProcessById(pids[0]))
            {
                engine.Kill();
                await engine.WaitForExitAsync().WaitAsync(Patience.Long);
            }

            foreach (var task in queued.Select(q => q.Completion).Prepend(held.Completion))
            {
                var lost = await Assert.ThrowsAsync<EngineLostException>(() => task.WaitAsync(Patience.Long));
                Assert.Equal(0, lost.EngineId);
                Assert.StartsWith("Engine 0 was lost before the task finished", lost.Message);
            }

            Assert.Equal(1, await client[1].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
            Assert.Equal(5L, await client[1].ApplyAsync(Work.Remote.Add(2, 3)).Task.WaitAsync(Patience.Long));

            // The engine could not report them; the client did: the history lists each once, lost with the engine-lost error.
            var lostAdds = (await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Add" })).Where(r => r.Status != TaskHistoryStatus.Completed).ToList();
            var lostHeld = (await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.IgnoreAbortUntilFile" })).Where(r => r.Status != TaskHistoryStatus.Completed).ToList();
            Assert.Equal(5, lostAdds.Count);
            Assert.Single(lostHeld);
            Assert.Equal(6, lostAdds.Concat(lostHeld).Select(r => r.TaskId).Distinct().Count());
            Assert.All(lostAdds.Concat(lostHeld), r =>
            {
                Assert.Equal((TaskHistoryStatus.Lost, 0, "RemoteKit.EngineLostException"), (r.Status, r.EngineId, r.ErrorType));
                Assert.StartsWith("Engine 0 was lost before the task finished", r.ErrorMessage, StringComparison.Ordinal);
            });
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(started);
            File.Delete(release);
        }
    }

    [Fact]
    public async Task Another_clients_queue_status_counts_an_engines_queued_one_hop_tasks_and_its_balanced_call_goes_elsewhere()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.Remote.Add(0, 0)).Completion);
        await WarmUpAsync(client, 0, () => client[0].ApplyAsync(Work.WaitForFile, Existing).Completion);
        await using var other = await RemoteClient.ConnectAsync(cluster.ConnectionInfo, Patience.Long);
        await other.WaitForEnginesAsync(2, Patience.Long);
        var gate = TempFile("gate");
        var directBefore = client.DirectTasksSent;
        try
        {
            var blocking = client[0].ApplyAsync(Work.WaitForFile, gate);
            var queued = Enumerable.Range(0, 4).Select(i => client[0].ApplyAsync(Work.Remote.Add(i, 1))).ToArray();
            Assert.Equal(5, client.DirectTasksSent - directBefore);

            // The controller hears of them from the engine, not from their client.
            QueueStatusReport? status = null;
            await Events.UntilAsync(
                async ct => (status = await other.QueueStatusAsync(ct)).Engines.Single(e => e.EngineId == 0) is { Queued: 4, Running: 1 },
                () => $"engine 0 to show 4 queued and 1 running to another client (last: {status?.Engines.Single(e => e.EngineId == 0)})");

            // The balancer counts them too: the other client's balanced call goes to the idle engine, not behind them.
            Assert.Equal(1, await other.LoadBalancedView().ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));

            File.WriteAllText(gate, "go");
            Assert.True(await blocking.Task.WaitAsync(Patience.Long));
            var sums = await Task.WhenAll(queued.Select(q => q.Task)).WaitAsync(Patience.Long);
            Assert.Equal([1L, 2L, 3L, 4L], sums);
            await Events.UntilAsync(
                async ct => (status = await other.QueueStatusAsync(ct)).Engines.Single(e => e.EngineId == 0) is { Queued: 0, Running: 0 },
                () => $"engine 0 to show nothing queued or running once its tasks ended (last: {status?.Engines.Single(e => e.EngineId == 0)})");
        }
        finally
        {
            File.WriteAllText(gate, "go");
            File.Delete(gate);
        }
    }

    [Fact]
    public async Task A_stopped_engine_declared_lost_fails_its_one_hop_tasks_once_and_their_late_answers_are_ignored()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:02:00";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var client = cluster.Client;
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        await WarmUpAsync(client, 1, () => client[1].ApplyAsync(Work.Remote.Add(0, 0)).Completion);
        await WarmUpAsync(client, 1, () => client[1].ApplyAsync(Work.WaitForFile, Existing).Completion);
        var directBefore = client.DirectTasksSent;
        var gate = TempFile("gate");
        using var engine = Process.GetProcessById(pids[1]);
        AsyncResult<bool> held;
        AsyncResult<long>[] queued;
        try
        {
            held = client[1].ApplyAsync(Work.WaitForFile, gate);
            queued = Enumerable.Range(0, 3).Select(i => client[1].ApplyAsync(Work.Remote.Add(i, 1))).ToArray();
            Assert.Equal(4, client.DirectTasksSent - directBefore);
            Signals.Send("STOP", engine.Id);

            foreach (var task in queued.Select(q => q.Completion).Prepend(held.Completion))
            {
                var lost = await Assert.ThrowsAsync<EngineLostException>(() => task.WaitAsync(Patience.Long));
                Assert.Equal(1, lost.EngineId);
                Assert.Contains("heartbeat", lost.Message);
            }

            // The held task can finish now, once the engine runs again: its answer finds nobody waiting.
            File.WriteAllText(gate, "go");
            await client.Engines.WaitUntilAsync(ids => !ids.Contains(1), () => "engine 1 was never dropped", Patience.Long, CancellationToken.None);
        }
        finally
        {
            Signals.Send("CONT", engine.Id);
        }

        await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([0, 1]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
        Assert.IsType<EngineLostException>(held.Completion.Exception?.InnerException);
        Assert.All(queued, q => Assert.IsType<EngineLostException>(q.Completion.Exception?.InnerException));
        Assert.Equal(pids[1], await client[1].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long));
        Assert.Equal(4L, await client[1].ApplyAsync(Work.Remote.Add(3, 1)).Task.WaitAsync(Patience.Long));
        File.Delete(gate);
    }

    [Fact]
    public async Task A_one_hop_task_that_ignores_its_abort_gets_its_engine_recycled_and_fails_as_aborted()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:AbortGrace"] = "00:00:02";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var client = cluster.Client;
        var exits = new TaskCompletionSource<EngineExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.EngineExited += (_, e) => exits.TrySetResult(e);
        var (started, release) = (TempFile("started"), TempFile("release"));
        await WarmUpAsync(client, 1, () => client[1].ApplyAsync(Work.IgnoreAbortUntilFile, TempFile("warm"), Existing).Completion);
        var directBefore = client.DirectTasksSent;
        try
        {
            var stuck = client[1].ApplyAsync(Work.IgnoreAbortUntilFile, started, release);
            Assert.Equal(1, client.DirectTasksSent - directBefore);
            await Events.FileAppearsAsync(started);
            stuck.Abort();

            // The controller holds the abort to its deadline though the task never passed through it.
            var aborted = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stuck.Task.WaitAsync(Patience.Long));
            Assert.IsType<TaskAbortedException>(aborted);
            Assert.Contains("ignored its abort", aborted.Message);
            Assert.True((await exits.Task.WaitAsync(Patience.Long)).WillRestart);
            await client.WaitForEnginesAsync(2, Patience.Long);
            var ids = await client[..].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long);
            Assert.Equal([0, 2], ids);
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(started);
            File.Delete(release);
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> (on <paramref name="engine"/>) until it goes in one hop: the engine's direct connection is
    /// open, the code and the method's name are known to the controller, ids are at hand.
    /// </summary>
    private static async Task WarmUpAsync(RemoteClient client, int engine, Func<Task> call)
    {
        using var ready = new CancellationTokenSource(Patience.Long);
        Assert.True(await client.Direct.WaitReadyAsync(engine, ready.Token), $"no direct connection to engine {engine}");
        while (true)
        {
            ready.Token.ThrowIfCancellationRequested();
            var before = client.DirectTasksSent;
            await call().WaitAsync(ready.Token);
            if (client.DirectTasksSent > before)
            {
                return;
            }
        }
    }

    /// <summary>A file that exists: what waits for it returns at once.</summary>
    private static readonly string Existing = typeof(OneHopTests).Assembly.Location;

    private static string TempFile(string what) => Path.Combine(Path.GetTempPath(), $"remotekit-{what}-{Guid.NewGuid():N}");
}
