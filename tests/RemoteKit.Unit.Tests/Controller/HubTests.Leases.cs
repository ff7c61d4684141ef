using System.Buffers;
using RemoteKit.Controller;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>Leases of engine capacity for load-balanced tasks sent in one hop: grants, revokes, returns, and the engines' load.</summary>
public partial class HubTests
{
    [Fact]
    public void An_idle_cluster_grants_leases_on_engines_with_a_direct_path_until_the_waiting_tasks_are_covered()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 4 });
        var (e0, engine0) = AddLeasableEngine();
        var (e1, engine1) = AddLeasableEngine();
        var (e2, _) = AddEngine();
        Clear(e0, e1, e2);

        Assert.Equal([new LeaseSlots(1, 0, 4)], RequestLeases(_clientChannel, _client, waiting: 3));
        Assert.Equal([new LeaseSlots(2, 1, 4)], RequestLeases(_clientChannel, _client, waiting: 100));

        // Engine 2 has no direct path, and the others are leased.
        Assert.Empty(RequestLeases(_clientChannel, _client, waiting: 1));
        Assert.Equal(2, _hub.LeaseCount);
        Assert.Empty(e0.Drain());
    }

    [Fact]
    public void No_lease_is_granted_while_a_task_waits_in_the_hubs_queue()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 1, MaxEngineTaskLimit = 1 });
        var (e0, engine0) = AddLeasableEngine();
        Clear(e0);
        SubmitTask(1, target: -1);
        SubmitTask(2, target: -1);
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        Assert.Empty(RequestLeases(_clientChannel, _client, waiting: 1));

        CompleteOk(e0, engine0, first);
        var (second, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        CompleteOk(e0, engine0, second);
        Assert.Equal([new LeaseSlots(1, 0, 1)], RequestLeases(_clientChannel, _client, waiting: 1));
    }

    [Fact]
    public void Another_clients_waiting_task_revokes_a_lease_once_and_runs_when_the_lease_comes_back()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 2, MaxEngineTaskLimit = 2 });
        var (e0, engine0) = AddLeasableEngine();
        var (e1, engine1) = AddLeasableEngine();
        Clear(e0, e1);
        var leases = RequestLeases(_clientChannel, _client, waiting: 10);
        Assert.Equal(2, leases.Count);
        var (other, otherClient) = SecondClient();

        other.Deliver(FrameOf(new SubmitMessage(5, -1), TaskBody), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        Assert.Empty(e0.Drain());
        Assert.Empty(e1.Drain());
        var revoked = Assert.Single(Revokes(_clientChannel));
        Assert.Contains(revoked, leases.Select(l => l.LeaseId));

        // Nothing else happening does not revoke another lease for the same task.
        Run(TimeSpan.FromSeconds(1));
        Assert.Empty(Revokes(_clientChannel));

        var engine = leases.Single(l => l.LeaseId == revoked).EngineId;
        Deliver(_clientChannel, Message.ToFrame(new LeaseReturnMessage(revoked)));
        var (channel, hubEngine) = engine == 0 ? (e0, engine0) : (e1, engine1);
        var (taskId, body) = Dispatched(channel.Drain().Single(f => f.Kind == MessageKind.Dispatch));
        Assert.Equal(TaskBody, body);
        CompleteOk(channel, hubEngine, taskId);
        Assert.Equal(5UL, Result(other.Drain().Single(f => f.Kind == MessageKind.Result)).ClientTaskId);
        Assert.Equal(1, _hub.LeaseCount);
    }

    [Fact]
    public void A_revoked_lease_not_returned_within_the_abort_grace_is_taken_back_and_the_waiting_task_runs()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 2, MaxEngineTaskLimit = 2, AbortGrace = TimeSpan.FromSeconds(2) });
        var (e0, engine0) = AddLeasableEngine();
        Clear(e0);
        var lease = Assert.Single(RequestLeases(_clientChannel, _client, waiting: 1));
        var (other, otherClient) = SecondClient();
        other.Deliver(FrameOf(new SubmitMessage(5, -1), TaskBody), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        Assert.Equal([lease.LeaseId], Revokes(_clientChannel));

        // The holder ignores the revoke (everyone keeps answering pings): within the grace the task waits for the lease.
        void Alive()
        {
            Deliver(_clientChannel, Message.ToFrame(default(HeartbeatReplyMessage)));
            other.Deliver(Message.ToFrame(default(HeartbeatReplyMessage)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
            e0.Deliver(Message.ToFrame(default(HeartbeatReplyMessage)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine0, k, b));
        }

        Run(TimeSpan.FromMilliseconds(1_500), Alive);
        Assert.DoesNotContain(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
        Assert.Equal(1, _hub.LeaseCount);

        // Past it the controller takes the lease back and the task goes to the engine; a late return changes nothing.
        Run(TimeSpan.FromMilliseconds(1_000), Alive);
        var (taskId, _) = Dispatched(e0.Drain().Single(f => f.Kind == MessageKind.Dispatch));
        Assert.Equal(0, _hub.LeaseCount);
        Deliver(_clientChannel, Message.ToFrame(new LeaseReturnMessage(lease.LeaseId)));
        Assert.DoesNotContain(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
        CompleteOk(e0, engine0, taskId);
        Assert.Equal(5UL, Result(other.Drain().Single(f => f.Kind == MessageKind.Result)).ClientTaskId);
    }

    [Fact]
    public void A_waiting_task_of_the_holder_itself_revokes_its_lease_when_nobody_else_holds_one()
    {
        var (e0, _) = AddLeasableEngine();
        Clear(e0);
        var lease = Assert.Single(RequestLeases(_clientChannel, _client, waiting: 1));
        SubmitTask(1, target: -1);
        Assert.Equal([lease.LeaseId], Revokes(_clientChannel));
        Deliver(_clientChannel, Message.ToFrame(new LeaseReturnMessage(lease.LeaseId)));
        Dispatched(e0.Single(MessageKind.Dispatch));
    }

    [Fact]
    public void Leased_slots_count_in_the_engines_load_and_outcome_reports_of_leased_tasks_do_not_free_them()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 4, MaxEngineTaskLimit = 4 });
        var (e0, engine0) = AddLeasableEngine();
        var (e1, engine1) = AddLeasableEngine();
        Clear(e0, e1);

        // An engine with a task in flight is not free of other work: no lease on it.
        SubmitTask(1, target: -1);
        var (running, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        var lease = Assert.Single(RequestLeases(_clientChannel, _client, waiting: 100));
        Assert.Equal(new LeaseSlots(1, 1, 4), lease);

        // Leased slots fill engine 1: the balancer sends engine 0 up to its limit, and no more.
        for (ulong i = 2; i <= 5; i++)
        {
            SubmitTask(i, target: -1);
        }

        Assert.Equal(3, e0.Drain().Count(f => f.Kind == MessageKind.Dispatch));
        Assert.Empty(e1.Drain());
        Assert.Equal([lease.LeaseId], Revokes(_clientChannel));

        // A report of leased tasks counts them as completed but frees no slot.
        var block = AskForTaskIds(9);
        var call = Body(w => new CallTask(0x42, HashA).Write(w));
        ReportOutcomes(e1, engine1, (block.First, 100, call, ResultOf(ResultStatus.Ok, [], 1)), (block.First + 1, 101, call, ResultOf(ResultStatus.Ok, [], 1)));
        Assert.Empty(e1.Drain());
        Assert.Equal(2, QueueStatus().Engines[1].Completed);

        // The lease back: the waiting task goes to engine 1, and three more fit there.
        Deliver(_clientChannel, Message.ToFrame(new LeaseReturnMessage(lease.LeaseId)));
        Dispatched(e1.Single(MessageKind.Dispatch));
        for (ulong i = 6; i <= 9; i++)
        {
            SubmitTask(i, target: -1);
        }

        Assert.Equal(3, e1.Drain().Count(f => f.Kind == MessageKind.Dispatch));
        Assert.Empty(e0.Drain());
        CompleteOk(e0, engine0, running);
        Dispatched(e0.Single(MessageKind.Dispatch));
    }

    [Fact]
    public void A_lease_goes_with_its_engine()
    {
        var (e0, engine0) = AddLeasableEngine();
        Clear(e0);
        Assert.Single(RequestLeases(_clientChannel, _client, waiting: 1));

        _hub.RemoveEngine(engine0, "connection closed");
        Assert.Equal(0, _hub.LeaseCount);

        // Returning it afterwards is harmless.
        Deliver(_clientChannel, Message.ToFrame(new LeaseReturnMessage(1)));
        Assert.Equal(0, _hub.LeaseCount);
    }

    [Fact]
    public void A_lease_goes_with_its_client_and_the_queue_drains_onto_its_slots()
    {
        var (e0, _) = AddLeasableEngine();
        Clear(e0);
        var (other, otherClient) = SecondClient();
        other.Deliver(Message.ToFrame(new LeaseRequestMessage(1)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        Assert.Single(Grant(other.Single(MessageKind.LeaseGrant)));

        SubmitTask(1, target: -1);
        Assert.Empty(e0.Drain());
        Assert.Single(Revokes(other));

        _hub.RemoveClient(otherClient);
        Assert.Equal(0, _hub.LeaseCount);
        Dispatched(e0.Single(MessageKind.Dispatch));
    }

    [Fact]
    public void A_returned_idle_lease_lets_the_balancer_use_the_engine_and_another_client_lease_it()
    {
        var (e0, _) = AddLeasableEngine();
        Clear(e0);
        var lease = Assert.Single(RequestLeases(_clientChannel, _client, waiting: 1));
        var (other, otherClient) = SecondClient();
        other.Deliver(Message.ToFrame(new LeaseRequestMessage(1)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        Assert.Empty(Grant(other.Single(MessageKind.LeaseGrant)));

        Deliver(_clientChannel, Message.ToFrame(new LeaseReturnMessage(lease.LeaseId)));
        other.Deliver(Message.ToFrame(new LeaseRequestMessage(1)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(otherClient, k, b));
        Assert.Equal(0, Assert.Single(Grant(other.Single(MessageKind.LeaseGrant))).EngineId);
    }

    [Fact]
    public void A_lease_grows_with_its_engines_task_limit_as_its_short_tasks_are_reported()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 4, MaxEngineTaskLimit = 64 });
        var (e0, engine0) = AddLeasableEngine();
        Clear(e0);
        var lease = Assert.Single(RequestLeases(_clientChannel, _client, waiting: 1));
        Assert.Equal(4, lease.Slots);

        // Tasks of 10 ticks: the engine runs far more than 64 of them within EngineQueueTime.
        var block = AskForTaskIds(9);
        var call = Body(w => new CallTask(0x42, HashA).Write(w));
        ReportOutcomes(e0, engine0, (block.First, 100, call, ResultOf(ResultStatus.Ok, [], 0)));
        Assert.Equal([new LeaseSlots(lease.LeaseId, 0, 64)], Grant(_clientChannel.Single(MessageKind.LeaseGrant)));

        // The balancer counts the grown lease: a task waits (and revokes it).
        SubmitTask(1, target: -1);
        Assert.Empty(e0.Drain());
        Assert.Equal([lease.LeaseId], Revokes(_clientChannel));
    }

    [Fact]
    public void A_request_naming_engines_is_granted_leases_on_those_engines_only()
    {
        var (e0, _) = AddLeasableEngine();
        var (e1, _) = AddLeasableEngine();
        var (e2, _) = AddLeasableEngine();
        Clear(e0, e1, e2);

        // Every engine is free, but the view is over engines 2 and 1: it is covered by those, the free engine 0 is not leased.
        Deliver(_clientChannel, Message.ToFrame(new LeaseRequestMessage(100, [2, 1])));
        Assert.Equal([1, 2], Grant(_clientChannel.Drain().Single(f => f.Kind == MessageKind.LeaseGrant)).Select(l => l.EngineId).Order());

        // A request naming only leased engines gets none; engine 0 is still there for a request of any engine.
        Deliver(_clientChannel, Message.ToFrame(new LeaseRequestMessage(1, [1])));
        Assert.Empty(Grant(_clientChannel.Drain().Single(f => f.Kind == MessageKind.LeaseGrant)));
        Assert.Equal(0, Assert.Single(RequestLeases(_clientChannel, _client, waiting: 1)).EngineId);
    }

    private (FakeChannel Channel, Hub.EngineState Engine) AddLeasableEngine()
    {
        var (channel, engine) = AddEngine();
        channel.Deliver(Message.ToFrame(new EngineEndpointMessage("127.0.0.1", 4000 + engine.Id, null)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));
        return (channel, engine);
    }

    private IReadOnlyList<LeaseSlots> RequestLeases(FakeChannel channel, Hub.ClientState client, int waiting)
    {
        channel.Deliver(Message.ToFrame(new LeaseRequestMessage(waiting)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(client, k, b));
        return Grant(channel.Drain().Single(f => f.Kind == MessageKind.LeaseGrant));
    }

    private static IReadOnlyList<LeaseSlots> Grant(SentFrame frame)
    {
        var r = frame.Reader();
        return LeaseGrantMessage.Read(ref r).Leases;
    }

    private static List<ulong> Revokes(FakeChannel channel) => channel.Drain().Where(f => f.Kind == MessageKind.LeaseRevoke).Select(f =>
    {
        var r = f.Reader();
        return LeaseRevokeMessage.Read(ref r).LeaseId;
    }).ToList();
}
