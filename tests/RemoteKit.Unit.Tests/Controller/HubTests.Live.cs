using System.Buffers;
using RemoteKit.Controller;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>The hub's path for what running tasks send their callers, and for the callers' acknowledgements of stream items.</summary>
public partial class HubTests
{
    private static readonly byte[] OutputBody = Body(w => OutputEvent.Write(w, [new OutputChunk(OutputStreamKind.Stdout, 0, "hi\n")]));

    [Fact]
    public void Task_events_reach_the_tasks_client_under_its_own_task_id_in_order_and_before_the_result()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(7, target: 0);
        var (taskId, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        SendEvent(e0, engine0, taskId, TaskEventKind.Output, OutputBody);
        SendEvent(e0, engine0, taskId, TaskEventKind.Progress, Hex("2A000000"));
        CompleteOk(e0, engine0, taskId);

        var frames = _clientChannel.Drain();
        Assert.Equal([MessageKind.TaskEvent, MessageKind.TaskEvent, MessageKind.Result], frames.Select(f => f.Kind));
        var r = frames[0].Reader();
        Assert.Equal(new TaskEventMessage(7, 0, TaskEventKind.Output), TaskEventMessage.Read(ref r));
        Assert.Equal(OutputBody, r.Rest.ToArray());
        r = frames[1].Reader();
        Assert.Equal(new TaskEventMessage(7, 0, TaskEventKind.Progress), TaskEventMessage.Read(ref r));
        Assert.Equal(Hex("2A000000"), r.Rest.ToArray());
    }

    [Fact]
    public void A_large_batch_of_items_is_forwarded_in_the_buffer_it_was_read_into()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(7, target: 0);
        var (taskId, _) = Dispatched(e0.Single(MessageKind.Dispatch));

        var items = Concat(Body(w => new StreamItemsEvent(0, 2).Write(w)), Hex("02000000 01000000 02000000"));
        SendEvent(e0, engine0, taskId, TaskEventKind.StreamItems, items, large: true);

        var sent = _clientChannel.Single(MessageKind.TaskEvent);
        Assert.Same(e0.LastDelivered, sent.Buffer);
        var r = sent.Reader();
        Assert.Equal(new TaskEventMessage(7, 0, TaskEventKind.StreamItems), TaskEventMessage.Read(ref r));
        Assert.Equal(items, r.Rest.ToArray());
    }

    [Fact]
    public void Events_of_a_task_the_engine_no_longer_holds_are_dropped()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(7, target: 0);
        var (taskId, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        CompleteOk(e0, engine0, taskId);
        _clientChannel.Drain();

        SendEvent(e0, engine0, taskId, TaskEventKind.Output, OutputBody);
        SendEvent(e0, engine0, 999, TaskEventKind.Output, OutputBody);

        Assert.Empty(_clientChannel.Drain());
    }

    [Fact]
    public void A_clients_acknowledgement_of_stream_items_becomes_credit_for_the_engine_running_the_stream()
    {
        AddEngine();
        var (e1, _) = AddEngine();
        Clear(e1);
        SubmitTask(7, target: 1);
        var (taskId, _) = Dispatched(e1.Single(MessageKind.Dispatch));

        Deliver(_clientChannel, Message.ToFrame(new StreamAckMessage(7, 1234)));

        var r = e1.Single(MessageKind.StreamCredit).Reader();
        Assert.Equal(new StreamCreditMessage(taskId, 1234), StreamCreditMessage.Read(ref r));

        // An acknowledgement for a task the client does not have goes nowhere.
        Deliver(_clientChannel, Message.ToFrame(new StreamAckMessage(8, 1)));
        Assert.Empty(e1.Drain());
    }

    [Fact]
    public void A_stream_that_has_yielded_items_is_not_retried_when_its_engine_is_lost_and_one_that_has_not_is()
    {
        var (e0, engine0) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(6, -1, Retries: 2), TaskBody));
        Deliver(_clientChannel, FrameOf(new SubmitMessage(9, -1, Retries: 2), TaskBody));
        var (yielded, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        Dispatched(e1.Single(MessageKind.Dispatch));

        SendEvent(e0, engine0, yielded, TaskEventKind.StreamItems, Concat(Body(w => new StreamItemsEvent(0, 1).Write(w)), Hex("01000000 05000000")));
        Assert.Equal(MessageKind.TaskEvent, _clientChannel.Single(MessageKind.TaskEvent).Kind);
        _hub.RemoveEngine(engine0, "killed by a test");

        // The caller has the items it yielded: running it again would give them twice, so it fails after them.
        var (clientTaskId, result) = Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result));
        Assert.Equal(6UL, clientTaskId);
        Assert.Equal(ErrorKind.EngineLost, Error(result).Kind);
        Assert.DoesNotContain(e1.Drain(), f => f.Kind == MessageKind.Dispatch);

        // Output alone does not count: a task that only printed runs again elsewhere.
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 1 });
        (e0, engine0) = AddEngine();
        (e1, _) = AddEngine();
        Clear(e0, e1);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(6, -1, Retries: 2), TaskBody));
        var (printed, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        SendEvent(e0, engine0, printed, TaskEventKind.Output, OutputBody);
        _hub.RemoveEngine(engine0, "killed by a test");
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
        Assert.Equal(printed, Dispatched(e1.Drain().Single(f => f.Kind == MessageKind.Dispatch)).TaskId);
    }

    private void SendEvent(FakeChannel channel, Hub.EngineState engine, ulong taskId, TaskEventKind kind, byte[] body, bool large = false) =>
        channel.Deliver(FrameOf(new EngineTaskEventMessage(taskId, engine.Id, kind), body), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b), large);
}
