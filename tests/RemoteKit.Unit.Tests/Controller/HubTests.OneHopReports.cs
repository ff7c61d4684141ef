using System.Buffers;
using RemoteKit.Controller;
using RemoteKit.Controller.History;
using RemoteKit.Controller.Observing;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>
/// What the hub hears of one-hop tasks besides their outcomes: the engines' counts of those they hold, in the balancer's
/// load and queue status, and the clients' reports of those they failed for a lost engine, in the history once.
/// </summary>
public partial class HubTests
{
    [Fact]
    public void A_balanced_task_goes_to_the_engine_without_a_one_hop_backlog_until_that_backlog_drains()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 4 });
        var (e0, engine0) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);

        ReportBacklog(e0, engine0, 3);
        SubmitTask(1, target: -1);
        SubmitTask(2, target: -1);
        Assert.Empty(e0.Drain());
        Assert.Equal(2, e1.Drain().Count(f => f.Kind == MessageKind.Dispatch));

        // Engine 0 holds 3 one-hop tasks, engine 1 two of the hub's: the next goes to engine 1 until engine 0 drains.
        SubmitTask(3, target: -1);
        Assert.Single(e1.Drain(), f => f.Kind == MessageKind.Dispatch);
        ReportBacklog(e0, engine0, 0);
        SubmitTask(4, target: -1);
        Assert.Single(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
    }

    [Fact]
    public void An_engine_whose_one_hop_backlog_fills_its_task_limit_takes_no_balanced_task_and_queue_status_counts_the_backlog()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 2, MaxEngineTaskLimit = 2 });
        var (e0, engine0) = AddEngine();
        Clear(e0);

        ReportBacklog(e0, engine0, 2);
        SubmitTask(1, target: -1);
        Assert.Empty(e0.Drain());
        var status = QueueStatus();
        Assert.Equal(1, status.Unassigned);
        Assert.Equal(new EngineQueueLine(0, 1, 1, 0, OneHop: 2), Assert.Single(status.Engines));

        // One ended: the waiting task takes its room at once.
        ReportBacklog(e0, engine0, 1);
        Assert.Single(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
        status = QueueStatus();
        Assert.Equal(0, status.Unassigned);
        Assert.Equal(new EngineQueueLine(0, 1, 1, 0, OneHop: 1), Assert.Single(status.Engines));
    }

    [Fact]
    public void Leased_tasks_in_an_engines_one_hop_backlog_are_not_counted_twice_beside_the_lease()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 2, MaxEngineTaskLimit = 8 });
        var (e0, engine0) = AddLeasableEngine();
        Clear(e0);
        var lease = Assert.Single(RequestLeases(_clientChannel, _client, waiting: 2));
        Assert.Equal(2, lease.Slots);
        var block = AskForTaskIds(1);

        // The lease's 2 tasks and 6 of an engine view: 8 one-hop tasks. Another client's balanced task waits (and revokes).
        ReportBacklog(e0, engine0, 8);
        var (other, otherClient) = SecondClient();
        other.Deliver(FrameOf(new SubmitMessage(5, -1), TaskBody), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        Assert.Empty(e0.Drain());
        Assert.Single(Revokes(_clientChannel));

        // Short tasks raise the engine's limit to 8 (the lease stays at 2 while a task waits); with 7 one-hop tasks left the
        // engine holds 7, not 2 + 7: the waiting task goes there.
        var call = Body(w => new CallTask(0x42, HashA).Write(w));
        ReportOutcomes(e0, engine0, (block.First, 1, call, ResultOf(ResultStatus.Ok, [], engine0.Id)));
        Assert.Empty(e0.Drain());
        ReportBacklog(e0, engine0, 7);
        Assert.Single(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
    }

    [Fact]
    public async Task A_clients_loss_report_records_each_lost_one_hop_task_once_as_lost_with_the_engine_lost_error()
    {
        HubWithHistory(new TaskHistoryOptions());
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);
        Deliver(_clientChannel, Message.ToFrame(new MethodNamesMessage([new(0x42, "Work.Add")])));
        var call = Body(w => new CallTask(0x42, HashA).Write(w));

        // The engine reported the first before it was lost; the client reports all three (the third it had asked to abort).
        ReportOutcomes(e0, engine0, (block.First, 7, call, ResultOf(ResultStatus.Ok, [], engine0.Id)));
        Deliver(_clientChannel, Message.ToFrame(new DirectLostMessage(0, "gone",
        [
            new(block.First, 7, 100, ErrorKind.EngineLost, TaskKind.Call, 0x42, call.Length),
            new(block.First + 1, 8, 100, ErrorKind.EngineLost, TaskKind.Call, 0x42, call.Length),
            new(block.First + 2, 9, 100, ErrorKind.Aborted, TaskKind.Execute, 0, 40),
        ])));

        // An outcome arriving after the client's report, and the same report again, make no second record.
        ReportOutcomes(e0, engine0, (block.First + 1, 8, call, ResultOf(ResultStatus.Ok, [], engine0.Id)));
        Deliver(_clientChannel, Message.ToFrame(new DirectLostMessage(0, "gone", [new(block.First + 1, 8, 100, ErrorKind.EngineLost, TaskKind.Call, 0x42, call.Length)])));

        var records = await QueryAsync(_clientChannel, new TaskHistoryQuery());
        Assert.Equal([block.First, block.First + 1, block.First + 2], records.Select(r => r.TaskId));
        Assert.Equal([TaskHistoryStatus.Completed, TaskHistoryStatus.Lost, TaskHistoryStatus.Aborted], records.Select(r => r.Status));
        var lost = records[1];
        Assert.Equal(("Work.Add", 0, _client.Id), (lost.Method, lost.EngineId, lost.ClientId));
        Assert.Equal(("RemoteKit.EngineLostException", "Engine 0 was lost before the task finished (gone)."), (lost.ErrorType, lost.ErrorMessage));
        Assert.Equal((long?)call.Length, lost.BytesIn);
        Assert.Equal(("execute", "RemoteKit.TaskAbortedException"), (records[2].Method, records[2].ErrorType));
        Assert.Equal(1, QueueStatus().Engines[0].Completed);
    }

    [Fact]
    public async Task A_loss_report_naming_task_ids_its_client_was_never_given_writes_no_record_and_the_real_outcome_still_counts()
    {
        HubWithHistory(new TaskHistoryOptions());
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);
        var call = Body(w => new CallTask(0x42, HashA).Write(w));

        // Another client, which has ids of its own, claims this client's task (and one nobody was given) was lost.
        var (other, otherClient) = SecondClient();
        other.Deliver(Message.ToFrame(new ControlRequestMessage(1, ControlOp.TaskIds, Guid.NewGuid())), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        other.Deliver(Message.ToFrame(new DirectLostMessage(0, "made up",
        [
            new(block.First, 7, 100, ErrorKind.EngineLost, TaskKind.Call, 0x42, call.Length),
            new(ulong.MaxValue - 5, 8, 100, ErrorKind.EngineLost, TaskKind.Call, 0x42, call.Length),
        ])), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        Assert.Empty(await QueryAsync(_clientChannel, new TaskHistoryQuery()));

        // The engine's own report of the task is recorded as it ended.
        ReportOutcomes(e0, engine0, (block.First, 7, call, ResultOf(ResultStatus.Ok, [], engine0.Id)));
        var record = Assert.Single(await QueryAsync(_clientChannel, new TaskHistoryQuery()));
        Assert.Equal((block.First, TaskHistoryStatus.Completed, _client.Id), (record.TaskId, record.Status, record.ClientId));
    }

    [Fact]
    public async Task The_cluster_view_counts_one_hop_tasks_an_engine_holds_as_running_and_queued_beside_the_hubs()
    {
        await using var monitor = HubWithHistory(new TaskHistoryOptions());
        var (e0, engine0) = AddEngine();
        var (e1, engine1) = AddEngine();
        Clear(e0, e1);

        // Engine 0 holds 3 tasks sent in one hop; engine 1 one of the hub's and 2 in one hop.
        ReportBacklog(e0, engine0, 3);
        SubmitTask(1, target: 1);
        var (sent, _) = Dispatched(e1.Single(MessageKind.Dispatch));
        ReportBacklog(e1, engine1, 2);

        var snapshot = monitor.GetSnapshot();
        Assert.Equal(
            [(EngineStatus.Busy, (ulong?)null, 2, 3), (EngineStatus.Busy, sent, 2, 2)],
            snapshot.Engines.Select(e => (e.State, e.RunningTaskId, e.Queued, e.OneHop)));
        Assert.Equal((2, 4), (snapshot.Totals.Running, snapshot.Totals.Queued));

        // Once they ended, engine 0 is idle; engine 1 runs the hub's task only.
        ReportBacklog(e0, engine0, 0);
        ReportBacklog(e1, engine1, 0);
        snapshot = monitor.GetSnapshot();
        Assert.Equal(
            [(EngineStatus.Idle, (ulong?)null, 0, 0), (EngineStatus.Busy, sent, 0, 0)],
            snapshot.Engines.Select(e => (e.State, e.RunningTaskId, e.Queued, e.OneHop)));
        Assert.Equal((1, 0), (snapshot.Totals.Running, snapshot.Totals.Queued));
    }

    [Fact]
    public void Balanced_tasks_queued_behind_a_one_hop_task_that_timed_out_while_running_move_to_another_engine_at_once()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 4, AbortGrace = TimeSpan.FromSeconds(10), HeartbeatMisses = 1000 });
        var (e0, engine0) = AddEngine();
        Clear(e0);

        // Engine 0 runs a task a client sent it in one hop; the only engine, it takes two balanced tasks behind it.
        ReportBacklog(e0, engine0, 1);
        SubmitTask(1, target: -1);
        SubmitTask(2, target: -1);
        var dispatched = e0.Drain().Where(f => f.Kind == MessageKind.Dispatch).Select(f => Dispatched(f).TaskId).ToArray();
        Assert.Equal(2, dispatched.Length);

        // The one-hop task passed its timeout while running: both are taken back (engine 0 skips them) and run elsewhere.
        e0.Deliver(Message.ToFrame(new DirectTimedOutMessage(0x1001)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine0, k, b));
        Assert.Equal(dispatched, e0.Drain().Where(f => f.Kind == MessageKind.AbortTask).Select(AbortOf));
        var (e1, engine1) = AddEngine();
        var moved = e1.Drain().Where(f => f.Kind == MessageKind.Dispatch).Select(f => Dispatched(f).TaskId).ToArray();
        Assert.Equal(dispatched, moved);
        foreach (var id in moved)
        {
            CompleteOk(e1, engine1, id);
        }

        var results = _clientChannel.Drain().Where(f => f.Kind == MessageKind.Result).Select(f => Result(f)).ToArray();
        Assert.Equal([(1UL, ResultStatus.Ok), (2UL, ResultStatus.Ok)], results.Select(r => (r.ClientTaskId, r.Body.Header.Status)).Order());

        // Engine 0's late answers for the tasks it was told to skip change nothing.
        CompleteOk(e0, engine0, dispatched[0]);
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
    }

    private void ReportBacklog(FakeChannel channel, Hub.EngineState engine, int count) =>
        channel.Deliver(Message.ToFrame(new DirectBacklogMessage(count)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));
}
