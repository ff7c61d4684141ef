using System.Buffers;
using System.Diagnostics.Metrics;
using RemoteKit.Controller.History;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>The monitor fed in batches: every task recorded once, in order, with the right totals, and queries see what the hub reported.</summary>
public partial class HubTests
{
    [Fact]
    public async Task A_burst_of_tasks_yields_one_record_each_with_the_right_counters_and_totals()
    {
        const int Tasks = 600;
        using var telemetry = new RemoteKitTelemetry();
        var counted = CountTasks(telemetry, out var meters);
        using var _ = meters;
        await using var monitor = HubWithHistory(new TaskHistoryOptions(), telemetry);
        var engines = new[] { AddEngine(), AddEngine() };
        Clear(engines[0].Channel, engines[1].Channel);

        // Two at a time, one on each engine, answered as they arrive: each fifth one throws.
        for (ulong i = 1; i <= Tasks; i += 2)
        {
            SubmitTask(i, target: -1);
            SubmitTask(i + 1, target: -1);
            foreach (var (channel, engine) in engines)
            {
                var (taskId, _) = Dispatched(channel.Single(MessageKind.Dispatch));
                if (taskId % 5 == 0)
                {
                    Throw(channel, engine, taskId, "System.InvalidOperationException");
                }
                else
                {
                    CompleteOk(channel, engine, taskId);
                }
            }
        }

        var records = await QueryAsync(_clientChannel, new TaskHistoryQuery());
        Assert.Equal(Tasks, records.Count);
        Assert.Equal(Enumerable.Range(1, Tasks).Select(i => (ulong)i), records.Select(r => r.TaskId));
        Assert.Equal(records.Select(r => r.TaskId % 5 == 0 ? TaskHistoryStatus.Failed : TaskHistoryStatus.Completed), records.Select(r => r.Status));

        // Each task's events applied in order: one start before its end, on the engine it was sent to (odd ids on engine 0).
        Assert.All(records, r => Assert.True(
            r.Attempts == 1 && r.EngineId == (r.TaskId % 2 == 1 ? 0 : 1) && r.SubmittedAt <= r.CompletedAt,
            $"task {r.TaskId}: {r.Attempts} attempts on engine {r.EngineId}, {r.SubmittedAt:O} / {r.CompletedAt:O}"));

        var totals = monitor.GetSnapshot().Totals;
        Assert.Equal((Tasks, Tasks * 4 / 5, Tasks / 5, 0, 0), (totals.Submitted, totals.Completed, totals.Failed, totals.Queued, totals.Running));
        Assert.Equal([(Tasks * 2 / 5, Tasks / 10), (Tasks * 2 / 5, Tasks / 10)], monitor.GetSnapshot().Engines.Select(e => (e.Completed, e.Failed)));
        lock (counted)
        {
            Assert.Equal((Tasks, Tasks * 4 / 5, Tasks / 5), (counted["remotekit.task.submitted"], counted["remotekit.task.completed"], counted["remotekit.task.failed"]));
        }
    }

    [Fact]
    public async Task A_history_query_right_after_a_result_sees_the_task_and_one_still_running_shows_as_running()
    {
        await using var monitor = HubWithHistory(new TaskHistoryOptions());
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: 0);
        var (done, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        SubmitTask(2, target: -1);
        CompleteOk(e0, engine0, done);
        Assert.Equal(MessageKind.Result, _clientChannel.Drain().Last(f => f.Kind != MessageKind.ControlReply).Kind);

        var records = await QueryAsync(_clientChannel, new TaskHistoryQuery());

        Assert.Equal([TaskHistoryStatus.Completed, TaskHistoryStatus.Running], records.Select(r => r.Status));
        Assert.Equal(done, records[0].TaskId);
        Assert.Equal((0, 1), (records[1].EngineId, records[1].Attempts));
    }

    [Fact]
    public async Task The_monitor_applies_what_the_hub_reported_without_being_asked()
    {
        await using var monitor = HubWithHistory(new TaskHistoryOptions());
        var changed = new SemaphoreSlim(0);
        monitor.Changed += (_, _) => changed.Release();
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: 0);
        var (taskId, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        CompleteOk(e0, engine0, taskId);

        // Straight from the history, which the monitor feeds from its batches on the thread pool: no query drains it here.
        using var deadline = new CancellationTokenSource(Patience.Long);
        while ((await monitor.History!.QueryAsync(new TaskHistoryQuery(), deadline.Token)).Count == 0)
        {
            await changed.WaitAsync(deadline.Token);
        }

        Assert.Equal(taskId, Assert.Single(await monitor.History.QueryAsync(new TaskHistoryQuery())).TaskId);
    }

    [Fact]
    public void The_snapshot_shows_the_task_each_engine_runs_and_the_tasks_no_engine_has_yet()
    {
        using var monitor = new DisposingMonitor(HubWithHistory(new TaskHistoryOptions(), new RemoteKitTelemetry()));
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: 0);
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        SubmitTask(2, target: -1);
        Assert.Empty(e0.Drain());

        var before = monitor.Value.GetSnapshot();
        var engine = Assert.Single(before.Engines);
        Assert.Equal((EngineStatus.Busy, (ulong?)first, "execute", 0), (engine.State, engine.RunningTaskId, engine.RunningMethod, engine.Queued));
        Assert.Equal((2L, 0L, 1, 1), (before.Totals.Submitted, before.Totals.Completed, before.Totals.Running, before.Totals.Queued));

        // The first ends and the queued one goes to the engine.
        CompleteOk(e0, engine0, first);
        var (second, _) = Dispatched(e0.Drain().Single(f => f.Kind == MessageKind.Dispatch));
        var after = monitor.Value.GetSnapshot();
        Assert.Equal((EngineStatus.Busy, (ulong?)second, 1L), (after.Engines[0].State, after.Engines[0].RunningTaskId, after.Engines[0].Completed));
        Assert.Equal((2L, 1L, 1, 0), (after.Totals.Submitted, after.Totals.Completed, after.Totals.Running, after.Totals.Queued));

        CompleteOk(e0, engine0, second);
        var idle = monitor.Value.GetSnapshot();
        Assert.Equal((EngineStatus.Idle, (ulong?)null, 2L), (idle.Engines[0].State, idle.Engines[0].RunningTaskId, idle.Engines[0].Completed));
        Assert.Equal((0, 0), (idle.Totals.Running, idle.Totals.Queued));
    }

    [Fact]
    public async Task One_hop_outcomes_count_in_the_totals_the_engines_stats_the_recent_failures_and_the_metrics()
    {
        using var telemetry = new RemoteKitTelemetry();
        var counted = CountTasks(telemetry, out var meters);
        using var _ = meters;
        await using var monitor = HubWithHistory(new TaskHistoryOptions(), telemetry);
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);
        Deliver(_clientChannel, Message.ToFrame(new MethodNamesMessage([new(0x42, "Work.Add")])));
        var call = Body(w => new CallTask(0x42, HashA).Write(w));
        var ok = ResultOf(ResultStatus.Ok, Hex("2A"), engine0.Id);
        var failed = Body(w =>
        {
            var result = ResultBody.Begin(w);
            ErrorPayload.Of(new InvalidOperationException("boom")).Write(w);
            result.End(w, ResultStatus.Error, engine0.Id, 10, 20, default);
        });

        ReportOutcomes(e0, engine0, (block.First, 7, call, ok), (block.First + 1, 8, call, failed), (block.First + 2, 9, call, ok));

        var snapshot = monitor.GetSnapshot();
        Assert.Equal((3L, 2L, 1L, 0, 0), (snapshot.Totals.Submitted, snapshot.Totals.Completed, snapshot.Totals.Failed, snapshot.Totals.Running, snapshot.Totals.Queued));
        Assert.Equal((EngineStatus.Idle, 2L, 1L), (snapshot.Engines[0].State, snapshot.Engines[0].Completed, snapshot.Engines[0].Failed));
        var failure = Assert.Single(snapshot.RecentFailures);
        Assert.Equal((block.First + 1, "Work.Add", (int?)engine0.Id, "System.InvalidOperationException", "boom"), (failure.TaskId, failure.Method, failure.EngineId, failure.ErrorType, failure.Message));
        Assert.Equal(0, Assert.Single(snapshot.Clients).Outstanding);
        lock (counted)
        {
            Assert.Equal((3L, 2L, 1L), (counted["remotekit.task.submitted"], counted["remotekit.task.completed"], counted["remotekit.task.failed"]));
            Assert.Equal((3L * call.Length, (2L * ok.Length) + failed.Length), (counted["remotekit.io.received"], counted["remotekit.io.sent"]));
        }
    }

    /// <summary>Disposes a monitor in a synchronous test.</summary>
    private sealed class DisposingMonitor(ClusterMonitor monitor) : IDisposable
    {
        public ClusterMonitor Value { get; } = monitor;

        public void Dispose() => Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A hub whose monitor keeps an in-memory history with <paramref name="options"/> and counts into <paramref name="telemetry"/>.</summary>
    private ClusterMonitor HubWithHistory(TaskHistoryOptions options, RemoteKitTelemetry telemetry)
    {
        var monitor = new ClusterMonitor(TaskHistory.CreateInMemory(options), options, telemetry);
        UseMonitor(monitor);
        return monitor;
    }

    /// <summary>Counts the task counters of <paramref name="telemetry"/>'s meter only (other tests count into others).</summary>
    private static Dictionary<string, long> CountTasks(RemoteKitTelemetry telemetry, out MeterListener listener)
    {
        var counted = new Dictionary<string, long>();
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == telemetry.Meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (counted)
            {
                counted[instrument.Name] = counted.GetValueOrDefault(instrument.Name) + value;
            }
        });
        listener.Start();
        return counted;
    }

    /// <summary>Asks the hub for task records as a client does, and reads its answer.</summary>
    private async Task<IReadOnlyList<TaskHistoryRecord>> QueryAsync(FakeChannel channel, TaskHistoryQuery query)
    {
        Deliver(channel, Message.ToFrame(new HistoryRequestMessage(77, HistoryOp.Query, query)));
        var reply = await NextOf(channel, MessageKind.HistoryReply);
        var r = reply.Reader();
        Assert.Equal(HistoryReplyMessage.Ok, HistoryReplyMessage.Read(ref r).Outcome);
        var records = new TaskHistoryRecord[r.ReadI32()];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = HistoryReplyMessage.ReadRecord(ref r);
        }

        return records;
    }
}
