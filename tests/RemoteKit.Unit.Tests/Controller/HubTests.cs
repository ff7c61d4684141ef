using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RemoteKit.Controller;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>The controller's hub, fed frames as bytes through in-memory channels: routing, balancing, aborts, losses, code.</summary>
public partial class HubTests
{
    private static readonly byte[] TaskBody = Hex("05 03000000 312B31");
    private readonly FakeChannel _clientChannel = new("client");
    private Hub _hub;
    private Hub.ClientState _client;
    private bool _hostStopped;
    private readonly FakeTimeProvider _time = new();

    public HubTests()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 1 });
    }

    [Fact]
    public void Engines_are_welcomed_and_announced_to_clients()
    {
        var (e0, _) = AddEngine();
        var first = e0.Drain();
        Assert.Equal([MessageKind.EngineWelcome, MessageKind.Heartbeat], first.Select(f => f.Kind));
        Assert.Equal((0, 1), Welcome(first[0]));
        var (e1, _) = AddEngine();
        Assert.Equal((0, 2), Welcome(e0.Single(MessageKind.EngineWelcome)));
        Assert.Equal((1, 2), Welcome(e1.Drain()[0]));
        var sets = _clientChannel.Drain();
        Assert.Equal(3, sets.Count);
        var r = sets[^1].Reader();
        Assert.Equal([0, 1], EngineSetMessage.Read(ref r).EngineIds);
    }

    [Fact]
    public void Direct_task_goes_to_its_engine_and_its_result_back_to_the_client()
    {
        var (e0, _) = AddEngine();
        var (e1, engine1) = AddEngine();
        Clear(e0, e1);

        SubmitTask(7, target: 1);
        Assert.Empty(e0.Drain());
        var (taskId, body) = Dispatched(e1.Single(MessageKind.Dispatch));
        Assert.Equal(TaskBody, body);

        var result = Hex("00 01000000 0100000000000000 0200000000000000 01000000 2A FFFFFFFF FFFFFFFF 0000000000000000 0000000000000000");
        e1.Deliver(FrameOf(new EngineResultMessage(taskId), result), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine1, k, b));
        var sent = _clientChannel.Single(MessageKind.Result);
        Assert.Equal(Concat(Hex("0700000000000000"), result), sent.Body);
    }

    [Fact]
    public void Large_tasks_and_results_are_forwarded_in_the_buffer_they_were_read_into()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);

        _clientChannel.Deliver(FrameOf(new SubmitMessage(3, 0), TaskBody), ClientHandler, large: true);
        var dispatch = e0.Single(MessageKind.Dispatch);
        Assert.Same(_clientChannel.LastDelivered, dispatch.Buffer);
        var (taskId, body) = Dispatched(dispatch);
        Assert.Equal(TaskBody, body);

        var result = Hex("00 00000000 0100000000000000 0200000000000000 00000000 FFFFFFFF FFFFFFFF 0000000000000000 0000000000000000");
        e0.Deliver(FrameOf(new EngineResultMessage(taskId), result), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine0, k, b), large: true);
        var sent = _clientChannel.Single(MessageKind.Result);
        Assert.Equal(Concat(Hex("0300000000000000"), result), sent.Body);
        Assert.Same(e0.LastDelivered, sent.Buffer);
    }

    [Fact]
    public void Balanced_tasks_go_to_the_least_busy_engine_within_the_limit_and_the_queue_drains_when_one_frees_up()
    {
        var (e0, engine0) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);

        SubmitTask(1, target: -1);
        SubmitTask(2, target: -1);
        SubmitTask(3, target: -1);
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        Dispatched(e1.Single(MessageKind.Dispatch));

        var status = QueueStatus();
        Assert.Equal(1, status.Unassigned);
        Assert.Equal([new EngineQueueLine(0, 0, 1, 0), new EngineQueueLine(1, 0, 1, 0)], status.Engines);

        CompleteOk(e0, engine0, first);
        Assert.Equal(MessageKind.Result, _clientChannel.Drain().Single(f => f.Kind != MessageKind.ControlReply).Kind);
        Dispatched(e0.Single(MessageKind.Dispatch));
        Assert.Empty(e1.Drain());

        status = QueueStatus();
        Assert.Equal(0, status.Unassigned);
        Assert.Equal(new EngineQueueLine(0, 0, 1, 1), status.Engines[0]);
    }

    [Fact]
    public void Balanced_task_avoids_an_engine_busy_with_a_direct_task()
    {
        var (e0, _) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);

        SubmitTask(1, target: 0);
        SubmitTask(2, target: -1);
        Dispatched(e0.Single(MessageKind.Dispatch));
        Dispatched(e1.Single(MessageKind.Dispatch));
    }

    [Fact]
    public void Aborted_queued_task_fails_at_once_and_never_runs()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: -1);
        SubmitTask(2, target: -1);
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        Deliver(_clientChannel, Message.ToFrame(new AbortMessage([2])));
        var (clientTaskId, body) = Result(_clientChannel.Single(MessageKind.Result));
        Assert.Equal(2UL, clientTaskId);
        Assert.Equal((ErrorKind.Aborted, ResultStatus.Error), (Error(body).Kind, body.Header.Status));

        CompleteOk(e0, engine0, first);
        Assert.Empty(e0.Drain());
        Assert.Equal(0, QueueStatus().Unassigned);
    }

    [Fact]
    public void Aborted_dispatched_task_is_aborted_on_its_engine()
    {
        var (e0, _) = AddEngine();
        Clear(e0);
        SubmitTask(5, target: 0);
        var (taskId, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        Deliver(_clientChannel, Message.ToFrame(new AbortMessage([5])));
        var r = e0.Single(MessageKind.AbortTask).Reader();
        Assert.Equal(taskId, AbortTaskMessage.Read(ref r).TaskId);
    }

    [Fact]
    public void Lost_engine_fails_its_outstanding_tasks()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(8, target: 0);
        _clientChannel.Drain();

        _hub.RemoveEngine(engine0, "killed by a test");
        var frames = _clientChannel.Drain();
        var (clientTaskId, body) = Result(frames.Single(f => f.Kind == MessageKind.Result));
        Assert.Equal(8UL, clientTaskId);
        var error = Error(body);
        Assert.Equal((ErrorKind.EngineLost, "RemoteKit.EngineLostException"), (error.Kind, error.Type));
        Assert.Contains("killed by a test", error.Message, StringComparison.Ordinal);
        var r = frames.Single(f => f.Kind == MessageKind.EngineSet).Reader();
        Assert.Empty(EngineSetMessage.Read(ref r).EngineIds);
    }

    [Fact]
    public void Task_for_an_unknown_engine_fails()
    {
        AddEngine();
        _clientChannel.Drain();
        SubmitTask(4, target: 9);
        var (clientTaskId, body) = Result(_clientChannel.Single(MessageKind.Result));
        Assert.Equal(4UL, clientTaskId);
        Assert.Equal(9, body.Header.EngineId);
        var error = Error(body);
        Assert.Equal(ErrorKind.EngineNotFound, error.Kind);
        Assert.Contains("[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeStore_answers_queries_and_engine_requests_found_or_not()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var bundle = CodeBundle.Create("App", [("A", [1, 2, 3])]);

        Assert.False(Query(21, bundle.Hash));
        RequestCode(e0, engine0, bundle.Hash);
        var r = e0.Single(MessageKind.CodeBundle).Reader();
        Assert.False(CodeBundleMessage.ReadHeader(ref r).Found);

        Deliver(_clientChannel, Message.ToFrame(new CodeUploadMessage(bundle)));
        Assert.True(Query(22, bundle.Hash));
        RequestCode(e0, engine0, bundle.Hash);
        var reply = e0.Single(MessageKind.CodeBundle);
        Assert.Equal(Concat([1], Body(w => bundle.Write(w))), reply.Body);
    }

    [Fact]
    public void An_upload_filed_under_another_bundles_hash_is_refused_and_never_stored()
    {
        Clear(_clientChannel);
        var real = CodeBundle.Create("App", [("A", [1, 2, 3])]);
        var impostor = new CodeBundle(real.Hash, "App", [new ShippedAssembly("A", System.Security.Cryptography.SHA256.HashData([9, 9]), [9, 9])]);

        Assert.Throws<ProtocolViolationException>(() => Deliver(_clientChannel, Message.ToFrame(new CodeUploadMessage(impostor))));
        Assert.False(Query(23, real.Hash));
    }

    [Fact]
    public void Shutdown_replies_stops_engines_and_the_host()
    {
        var (e0, _) = AddEngine();
        Clear(e0);
        Deliver(_clientChannel, Message.ToFrame(new ControlRequestMessage(4, ControlOp.Shutdown)));
        var sent = _clientChannel.Drain();
        var r = sent.Single(f => f.Kind == MessageKind.ControlReply).Reader();
        Assert.Equal(4UL, ControlReplyMessage.Read(ref r).RequestId);
        r.ExpectEnd();

        // Clients hear that the stop was asked for, last, so that they do not wait for the controller to come back.
        Assert.Equal(MessageKind.ControllerStopping, sent[^1].Kind);
        e0.Single(MessageKind.Stop);
        Assert.True(_hostStopped);
        Assert.Equal("controller stopping", _clientChannel.CloseReason);
    }

    [Fact]
    public void Queued_tasks_of_a_gone_client_are_dropped()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: -1);
        SubmitTask(2, target: -1);
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        _hub.RemoveClient(_client);
        CompleteOk(e0, engine0, first);
        Assert.Empty(e0.Drain());
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
    }

    [Fact]
    public void A_retried_task_runs_on_another_engine_and_its_result_is_preceded_by_the_engines_it_outlived()
    {
        var (e0, engine0) = AddEngine();
        var (e1, engine1) = AddEngine();
        Clear(e0, e1);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(6, -1, Retries: 1), TaskBody));
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        _hub.RemoveEngine(engine0, "killed by a test");
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
        var (second, body) = Dispatched(e1.Drain().Single(f => f.Kind == MessageKind.Dispatch));
        Assert.Equal(first, second);
        Assert.Equal(TaskBody, body);

        CompleteOk(e1, engine1, second);
        var frames = _clientChannel.Drain();
        Assert.Equal([MessageKind.TaskAttempts, MessageKind.Result], frames.Select(f => f.Kind));
        var r = frames[0].Reader();
        Assert.Equal(new TaskAttemptsMessage(6, [0]).LostEngineIds, TaskAttemptsMessage.Read(ref r).LostEngineIds);

        // A late answer from the lost engine is dropped: the caller got its result once.
        CompleteOk(e0, engine0, first);
        Assert.Empty(_clientChannel.Drain());
    }

    [Fact]
    public void An_engine_whose_task_ignores_its_abort_gets_no_new_work_its_queued_tasks_move_at_once_and_it_is_recycled_after_the_grace()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 4, AbortGrace = TimeSpan.FromSeconds(10), HeartbeatMisses = 1000 });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: -1);
        SubmitTask(2, target: -1);
        var dispatched = e0.Drain().Where(f => f.Kind == MessageKind.Dispatch).Select(f => Dispatched(f).TaskId).ToArray();
        Assert.Equal(2, dispatched.Length);

        // Task 2 waits behind the aborted task 1 on engine 0, which runs what it holds in order: it is taken back at once
        // (engine 0 is told to skip it) and goes to the next engine that joins, long before the abort grace ends.
        Deliver(_clientChannel, Message.ToFrame(new AbortMessage([1])));
        Assert.Equal(dispatched, e0.Drain().Where(f => f.Kind == MessageKind.AbortTask).Select(AbortOf));
        var (e1, engine1) = AddEngine();
        var requeued = Dispatched(e1.Drain().Single(f => f.Kind == MessageKind.Dispatch));
        Assert.Equal(dispatched[1], requeued.TaskId);
        CompleteOk(e1, engine1, requeued.TaskId);
        var (clientTaskId, result) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        Assert.Equal((2UL, ResultStatus.Ok), (clientTaskId, result.Header.Status));

        // While engine 0 has not answered the abort, new work goes to engine 1 only.
        SubmitTask(3, target: -1);
        SubmitTask(4, target: -1);
        Assert.DoesNotContain(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
        Assert.Equal(2, e1.Drain().Count(f => f.Kind == MessageKind.Dispatch));

        Run(TimeSpan.FromSeconds(9));
        Assert.Null(e0.CloseReason);
        Run(TimeSpan.FromSeconds(2));
        Assert.Contains("ignored its abort", e0.CloseReason, StringComparison.Ordinal);
        var (abortedId, aborted) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        Assert.Equal((1UL, ErrorKind.Aborted), (abortedId, Error(aborted).Kind));

        // Engine 0 answering late for the task it was told to skip changes nothing: the caller had its result once.
        CompleteOk(e0, engine0, dispatched[1]);
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
    }

    [Fact]
    public void A_task_running_on_two_engines_that_were_lost_fails_instead_of_taking_a_third()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 1, HeartbeatMisses = 1000, TaskEngineLossLimit = 2 });
        var engines = new[] { AddEngine(), AddEngine(), AddEngine() };
        Clear([.. engines.Select(e => e.Channel)]);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(5, -1, Retries: 10), TaskBody));

        // Each engine it lands on dies while running it (its process crashes, say), though it has retries left.
        var first = engines.Single(e => e.Channel.Drain().Any(f => f.Kind == MessageKind.Dispatch));
        _hub.RemoveEngine(first.Engine, "connection reset");
        var second = engines.Single(e => e != first && e.Channel.Drain().Any(f => f.Kind == MessageKind.Dispatch));
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
        _hub.RemoveEngine(second.Engine, "connection reset");

        var (clientTaskId, body) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        var error = Error(body);
        Assert.Equal((5UL, ErrorKind.KilledEngines), (clientTaskId, error.Kind));
        Assert.Contains("TaskEngineLossLimit", error.Message, StringComparison.Ordinal);
        var third = engines.Single(e => e != first && e != second);
        Assert.DoesNotContain(third.Channel.Drain(), f => f.Kind == MessageKind.Dispatch);
        Assert.Null(third.Channel.CloseReason);
    }

    [Fact]
    public void A_view_over_a_subset_never_uses_other_engines_and_its_waiting_tasks_hold_up_nobody()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 1, HeartbeatMisses = 1000 });
        var engines = new[] { AddEngine(), AddEngine(), AddEngine() };
        Clear([.. engines.Select(e => e.Channel)]);
        Deliver(_clientChannel, Message.ToFrame(new TargetSetMessage(0, [2])));

        // Two tasks for engine 2 only, then two for any engine: the second subset task waits for engine 2 while the
        // unconstrained ones behind it go to engines 0 and 1.
        Deliver(_clientChannel, FrameOf(new SubmitMessage(1, SubmitMessage.TargetOfSet(0)), TaskBody));
        Deliver(_clientChannel, FrameOf(new SubmitMessage(2, SubmitMessage.TargetOfSet(0)), TaskBody));
        SubmitTask(3, target: -1);
        SubmitTask(4, target: -1);
        var sent = engines.Select(e => e.Channel.Drain().Where(f => f.Kind == MessageKind.Dispatch).Select(f => Dispatched(f).TaskId).ToArray()).ToArray();
        Assert.Single(sent[2]);
        Assert.Single(sent[0]);
        Assert.Single(sent[1]);

        // Engine 0 frees up first: it takes nothing of the subset's.
        CompleteOk(engines[0].Channel, engines[0].Engine, sent[0][0]);
        Assert.DoesNotContain(engines[0].Channel.Drain(), f => f.Kind == MessageKind.Dispatch);
        CompleteOk(engines[2].Channel, engines[2].Engine, sent[2][0]);
        Assert.Single(engines[2].Channel.Drain(), f => f.Kind == MessageKind.Dispatch);
    }

    [Fact]
    public void A_subset_task_whose_engines_are_all_gone_fails_with_engine_not_found()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 1, HeartbeatMisses = 1000 });
        var (e0, _) = AddEngine();
        var (e1, engine1) = AddEngine();
        Clear(e0, e1);
        Deliver(_clientChannel, Message.ToFrame(new TargetSetMessage(0, [1])));
        Deliver(_clientChannel, FrameOf(new SubmitMessage(1, SubmitMessage.TargetOfSet(0), Retries: 3), TaskBody));
        Assert.Single(e1.Drain(), f => f.Kind == MessageKind.Dispatch);

        // Its only engine is lost: the retry has nowhere to go, and engine 0 is not a place for it.
        _hub.RemoveEngine(engine1, "connection reset");
        var (clientTaskId, body) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        Assert.Equal((1UL, ErrorKind.EngineNotFound), (clientTaskId, Error(body).Kind));
        Assert.Contains("None of the engines the view may use ([1])", Error(body).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(e0.Drain(), f => f.Kind == MessageKind.Dispatch);

        // A set the client never defined breaks the protocol.
        Assert.Throws<ProtocolViolationException>(() => Deliver(_clientChannel, FrameOf(new SubmitMessage(2, SubmitMessage.TargetOfSet(5)), TaskBody)));
    }

    [Fact]
    public void A_task_that_throws_a_named_exception_runs_again_avoiding_the_engines_it_failed_on()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 4, HeartbeatMisses = 1000 });
        var engines = new[] { AddEngine(), AddEngine(), AddEngine() };
        Clear([.. engines.Select(e => e.Channel)]);
        Deliver(_clientChannel, Message.ToFrame(new TargetSetMessage(0, [], TargetSetMessage.RetryOnException, ["System.IO.IOException"])));
        Deliver(_clientChannel, FrameOf(new SubmitMessage(1, SubmitMessage.TargetOfSet(0), Retries: 2), TaskBody));

        // It throws on each engine in turn; the caller hears nothing until the third, which succeeds.
        var tried = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (channel, engine, taskId) = DispatchedOnce(engines);
            Assert.DoesNotContain(engine.Id, tried);
            if (attempt == 2)
            {
                CompleteOk(channel, engine, taskId);
                break;
            }

            tried.Add(engine.Id);
            Throw(channel, engine, taskId, "System.IO.IOException");
            Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
        }

        var frames = _clientChannel.Drain();
        var r = frames.Single(f => f.Kind == MessageKind.TaskAttempts).Reader();
        Assert.Equal(tried, TaskAttemptsMessage.Read(ref r).LostEngineIds);
        Assert.Equal(ResultStatus.Ok, Result(frames.Single(f => f.Kind == MessageKind.Result)).Body.Header.Status);

        // Another type is not retried: the caller gets it at once.
        Deliver(_clientChannel, FrameOf(new SubmitMessage(2, SubmitMessage.TargetOfSet(0), Retries: 2), TaskBody));
        var holder = DispatchedOnce(engines);
        Throw(holder.Channel, holder.Engine, holder.TaskId, "System.ArgumentException");
        var (failedId, failed) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        Assert.Equal((2UL, ErrorKind.Thrown, "System.ArgumentException"), (failedId, Error(failed).Kind, Error(failed).Type));
    }

    [Fact]
    public void A_past_deadline_task_fails_with_task_timeout_and_its_engine_takes_nothing_new_until_it_answers()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(9, -1, TimeoutMilliseconds: 500), TaskBody));
        var (taskId, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        _time.Advance(TimeSpan.FromMilliseconds(600));
        _hub.Tick();
        var (clientTaskId, body) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        Assert.Equal((9UL, ErrorKind.TimedOut), (clientTaskId, Error(body).Kind));
        Assert.Equal(taskId, AbortOf(e0.Drain().Single(f => f.Kind == MessageKind.AbortTask)));

        SubmitTask(10, target: -1);
        Assert.Empty(e0.Drain());
        CompleteOk(e0, engine0, taskId);
        Assert.Single(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
    }

    [Fact]
    public void Engines_and_clients_are_pinged_and_the_silent_ones_are_let_go()
    {
        (_hub, _client) = NewHub(new ControllerOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), HeartbeatMisses = 4, ClientHeartbeatMisses = 30 });
        var (e0, _) = AddEngine();
        Clear(e0);

        _hub.Tick();
        // Engines, like clients, give a silent controller the client's limit: its pauses must not end them.
        var r = e0.Single(MessageKind.Heartbeat).Reader();
        Assert.Equal(new HeartbeatMessage(1000, 30), HeartbeatMessage.Read(ref r));
        r = _clientChannel.Drain().Single(f => f.Kind == MessageKind.Heartbeat).Reader();
        Assert.Equal(new HeartbeatMessage(1000, 30), HeartbeatMessage.Read(ref r));

        Run(TimeSpan.FromMilliseconds(4_250), () => Deliver(_clientChannel, Message.ToFrame(default(HeartbeatReplyMessage))));
        Assert.Contains("no heartbeat", e0.CloseReason, StringComparison.Ordinal);
        Assert.Null(_clientChannel.CloseReason);

        Run(TimeSpan.FromMilliseconds(30_250));
        Assert.Contains("no heartbeat", _clientChannel.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_controller_that_did_not_run_for_a_while_takes_its_own_pause_for_nobody_s_silence()
    {
        (_hub, _client) = NewHub(new ControllerOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), HeartbeatMisses = 4, ClientHeartbeatMisses = 30 });
        var (e0, _) = AddEngine();
        var (e1, engine1) = AddEngine();
        Clear(e0, e1);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(1, -1, TimeoutMilliseconds: 5_000), TaskBody));
        _hub.Tick();

        // Frozen for 40 s (SIGSTOP, a VM pause): longer than the engines' and the client's limits and the task's timeout.
        _time.Advance(TimeSpan.FromSeconds(40));
        _hub.Tick();
        Assert.Null(e0.CloseReason);
        Assert.Null(e1.CloseReason);
        Assert.Null(_clientChannel.CloseReason);
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);

        // Running again, it still notices real silence: engine 1 answers, engine 0 does not.
        Run(TimeSpan.FromMilliseconds(4_250), () =>
        {
            Deliver(_clientChannel, Message.ToFrame(default(HeartbeatReplyMessage)));
            e1.Deliver(Message.ToFrame(default(HeartbeatReplyMessage)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine1, k, b));
        });
        Assert.Contains("no heartbeat", e0.CloseReason, StringComparison.Ordinal);
        Assert.Null(e1.CloseReason);
        Assert.Null(_clientChannel.CloseReason);
    }

    [Fact]
    public void An_engine_lost_for_silence_comes_back_with_its_id_within_the_grace_and_is_refused_after_it()
    {
        (_hub, _client) = NewHub(new ControllerOptions { HeartbeatInterval = TimeSpan.FromSeconds(1), HeartbeatMisses = 2, ReadmissionGrace = TimeSpan.FromSeconds(10) });
        var e0 = new FakeChannel("engine");
        var engine0 = _hub.AdmitEngine(e0, EngineHelloMessage.New("unit-a"))!;
        var r = e0.Drain().First(f => f.Kind == MessageKind.EngineWelcome).Reader();
        var welcome = EngineWelcomeMessage.Read(ref r);
        Assert.Equal((0, 10_000), (welcome.EngineId, welcome.ReadmissionGraceMilliseconds));
        Clear(e0);

        Run(TimeSpan.FromMilliseconds(2_250), () => Deliver(_clientChannel, Message.ToFrame(default(HeartbeatReplyMessage))));
        Assert.Contains("no heartbeat", e0.CloseReason, StringComparison.Ordinal);
        var lost = Notices().Single();
        Assert.Equal((0, EngineFate.Lost, "unit-a"), (lost.EngineId, lost.Fate, lost.LaunchId));

        // A wrong token is refused and does not use up the real engine's chance.
        var impostor = new FakeChannel("impostor");
        Assert.Null(_hub.AdmitEngine(impostor, new EngineHelloMessage(0, new byte[EngineWelcomeMessage.TokenLength], "unit-a")));
        Assert.Contains("did not prove", impostor.CloseReason, StringComparison.Ordinal);

        var back = new FakeChannel("engine again");
        var again = _hub.AdmitEngine(back, new EngineHelloMessage(0, welcome.Token, "unit-a"));
        Assert.Equal(0, again?.Id);
        Assert.NotEqual(engine0, again);
        Assert.Equal(EngineFate.Readmitted, Notices().Single().Fate);

        // Lost again, and this time it stays away: once the grace has passed, whoever started it hears that it ended.
        r = back.Drain().First(f => f.Kind == MessageKind.EngineWelcome).Reader();
        var second = EngineWelcomeMessage.Read(ref r);
        Assert.False(second.Token.AsSpan().SequenceEqual(welcome.Token));
        _hub.RemoveEngine(again!, "connection reset");
        Assert.Equal(EngineFate.Lost, Notices().Single().Fate);
        Run(TimeSpan.FromMilliseconds(10_250), () => Deliver(_clientChannel, Message.ToFrame(default(HeartbeatReplyMessage))));
        var ended = Notices().Single();
        Assert.Equal((0, EngineFate.Ended, "unit-a"), (ended.EngineId, ended.Fate, ended.LaunchId));
        var late = new FakeChannel("late");
        Assert.Null(_hub.AdmitEngine(late, new EngineHelloMessage(0, second.Token, "unit-a")));
        Assert.Contains("not waiting to be re-admitted", late.CloseReason, StringComparison.Ordinal);
    }

    /// <summary>Advances the clock by <paramref name="span"/> a quarter of an interval at a time, ticking (as the controller's timer does).</summary>
    private void Run(TimeSpan span, Action? eachTick = null)
    {
        for (var left = span; left > TimeSpan.Zero; left -= TimeSpan.FromMilliseconds(250))
        {
            _time.Advance(TimeSpan.FromMilliseconds(250));
            eachTick?.Invoke();
            _hub.Tick();
        }
    }

    private List<EngineNoticeMessage> Notices() => _clientChannel.Drain().Where(f => f.Kind == MessageKind.EngineNotice).Select(f =>
    {
        var r = f.Reader();
        return EngineNoticeMessage.Read(ref r);
    }).ToList();

    [Fact]
    public void Unexpected_kind_from_a_client_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Deliver(_clientChannel, Message.ToFrame(new DispatchMessage(1))));

    private (Hub Hub, Hub.ClientState Client) NewHub(ControllerOptions options)
    {
        var hub = new Hub(options, NullLogger.Instance, () => _hostStopped = true, time: _time, defer: work => work());
        return (hub, hub.AddClient(_clientChannel));
    }

    private static ulong AbortOf(SentFrame frame)
    {
        var r = frame.Reader();
        return AbortTaskMessage.Read(ref r).TaskId;
    }

    private (FakeChannel Channel, Hub.EngineState Engine) AddEngine()
    {
        var channel = new FakeChannel("engine");
        return (channel, _hub.AddEngine(channel));
    }

    private void Clear(params FakeChannel[] engines)
    {
        foreach (var e in engines)
        {
            e.Drain();
        }

        _clientChannel.Drain();
    }

    private void ClientHandler(byte kind, in ReadOnlySequence<byte> body) => _hub.OnClientFrame(_client, kind, body);

    private void Deliver(FakeChannel channel, Transport.OutgoingFrame frame) => channel.Deliver(frame, ClientHandler);

    private void SubmitTask(ulong clientTaskId, int target) => Deliver(_clientChannel, FrameOf(new SubmitMessage(clientTaskId, target), TaskBody));

    /// <summary>The one engine of <paramref name="engines"/> that was sent a task since they were last drained, and the task.</summary>
    private static (FakeChannel Channel, Hub.EngineState Engine, ulong TaskId) DispatchedOnce((FakeChannel Channel, Hub.EngineState Engine)[] engines)
    {
        var sent = engines
            .SelectMany(e => e.Channel.Drain().Where(f => f.Kind == MessageKind.Dispatch).Select(f => (e.Channel, e.Engine, Dispatched(f).TaskId)))
            .ToArray();
        return Assert.Single(sent);
    }

    /// <summary>Answers a task as failed with an exception of <paramref name="type"/> thrown by the method.</summary>
    private void Throw(FakeChannel channel, Hub.EngineState engine, ulong taskId, string type)
    {
        var frame = Message.Start(new EngineResultMessage(taskId), 128);
        var result = ResultBody.Begin(frame);
        new ErrorPayload(ErrorKind.Thrown, type, "it failed", null).Write(frame);
        result.End(frame, ResultStatus.Error, engine.Id, 1, 2, default);
        channel.Deliver(frame.Finish(), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));
    }

    private void CompleteOk(FakeChannel channel, Hub.EngineState engine, ulong taskId, long runTicks = 1)
    {
        var frame = Message.Start(new EngineResultMessage(taskId), 64);
        ResultBody.Begin(frame).End(frame, ResultStatus.Ok, engine.Id, 1, 1 + runTicks, default);
        channel.Deliver(frame.Finish(), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));
    }

    private void RequestCode(FakeChannel channel, Hub.EngineState engine, byte[] hash) =>
        channel.Deliver(Message.ToFrame(new CodeRequestMessage(hash)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));

    private bool Query(ulong requestId, byte[] hash)
    {
        Deliver(_clientChannel, Message.ToFrame(new CodeQueryMessage(requestId, hash)));
        var r = _clientChannel.Single(MessageKind.CodeQueryReply).Reader();
        var reply = CodeQueryReplyMessage.Read(ref r);
        Assert.Equal(requestId, reply.RequestId);
        return reply.Found;
    }

    private QueueStatusReply QueueStatus()
    {
        Deliver(_clientChannel, Message.ToFrame(new ControlRequestMessage(77, ControlOp.QueueStatus)));
        var r = _clientChannel.Drain().Single(f => f.Kind == MessageKind.ControlReply).Reader();
        Assert.Equal(77UL, ControlReplyMessage.Read(ref r).RequestId);
        return QueueStatusReply.Read(ref r);
    }

    private static (int EngineId, int EngineCount) Welcome(SentFrame frame)
    {
        var r = frame.Reader();
        var welcome = EngineWelcomeMessage.Read(ref r);
        return (welcome.EngineId, welcome.EngineCount);
    }

    private static (ulong TaskId, byte[] Body) Dispatched(SentFrame frame)
    {
        var r = frame.Reader();
        return (DispatchMessage.Read(ref r).TaskId, r.Rest.ToArray());
    }

    private static (ulong ClientTaskId, ResultBody Body) Result(SentFrame frame)
    {
        var r = frame.Reader();
        return (ResultMessage.Read(ref r).ClientTaskId, ResultBody.Read(ref r));
    }

    private static ErrorPayload Error(ResultBody body)
    {
        var r = new WireReader(body.Payload);
        return ErrorPayload.Read(ref r);
    }
}
