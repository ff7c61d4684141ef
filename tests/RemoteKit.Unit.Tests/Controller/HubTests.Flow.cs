using System.Buffers;
using RemoteKit.Controller;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>The hub's dataflow rules: dependencies, their outcomes and timeouts, Follow, kept values and where their takers run.</summary>
public partial class HubTests
{
    private static readonly byte[] FlowCallBody = Body(w =>
    {
        new CallTask(1, new byte[CodeBundle.HashLength]).Write(w);
        w.WriteI32(7);
    });

    [Fact]
    public void A_dependent_task_waits_for_its_dependency_though_an_engine_is_free_then_runs()
    {
        var (e0, engine0) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);

        SubmitTask(1, target: -1);
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        SubmitFlow(2, -1, new FlowTask(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [new FlowDependency(1, DependencyKind.After)], []));
        Assert.Empty(e1.Drain());

        CompleteOk(e0, engine0, first);
        Assert.Single(e0.Drain().Concat(e1.Drain()), f => f.Kind == MessageKind.Dispatch);
    }

    [Fact]
    public void A_chain_of_dependent_tasks_follows_its_head_to_its_engine_at_once_and_that_engine_decides_each()
    {
        (_hub, _client) = NewHub(new ControllerOptions { EngineTaskLimit = 8 });
        var (e0, _) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);

        SubmitTask(1, target: -1);
        for (ulong id = 2; id <= 4; id++)
        {
            SubmitFlow(id, -1, After(id - 1));
        }

        // Each goes behind the one before on engine 0, with the condition engine 0 checks; engine 1 gets nothing.
        var sent = e0.Drain();
        Assert.Equal(
            [MessageKind.Dispatch, MessageKind.Chain, MessageKind.Dispatch, MessageKind.Chain, MessageKind.Dispatch, MessageKind.Chain, MessageKind.Dispatch],
            sent.Select(f => f.Kind));
        var r = sent[5].Reader();
        var chain = ChainMessage.Read(ref r);
        Assert.Equal(Dispatched(sent[6]).TaskId, chain.TaskId);
        Assert.Equal([Dispatched(sent[4]).TaskId], chain.After);
        Assert.DoesNotContain(e1.Drain(), f => f.Kind == MessageKind.Dispatch);

        // A task depending on tasks on two engines waits at the controller instead.
        SubmitTask(5, target: 1);
        SubmitFlow(6, -1, new FlowTask(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [new FlowDependency(4, DependencyKind.After), new FlowDependency(5, DependencyKind.After)], []));
        Assert.Empty(e0.Drain());
        Assert.Single(e1.Drain(), f => f.Kind == MessageKind.Dispatch);
    }

    [Fact]
    public void A_failed_dependency_fails_its_dependants_down_the_chain_and_a_task_waiting_for_failure_runs()
    {
        var (e0, engine0) = AddEngine();
        Clear(e0);

        SubmitTask(1, target: -1);
        var (first, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        SubmitFlow(2, -1, After(1));
        SubmitFlow(3, -1, After(2));
        SubmitFlow(4, -1, After(1) with { Rule = DependencyRule.Failure });
        Throw(e0, engine0, first, "System.IO.InvalidDataException");

        var results = _clientChannel.Drain().Where(f => f.Kind == MessageKind.Result).Select(Result).ToDictionary(r => r.ClientTaskId, r => r.Body);
        Assert.Equal(ErrorKind.DependencyFailed, Error(results[2]).Kind);
        Assert.Contains("System.IO.InvalidDataException: it failed", Error(results[2]).Message);
        Assert.Equal(ErrorKind.DependencyFailed, Error(results[3]).Kind);
        Assert.False(results.ContainsKey(4));
        Assert.Single(e0.Drain(), f => f.Kind == MessageKind.Dispatch);

        // A dependency that ended before the task arrived is judged from the outcomes the hub remembers.
        SubmitFlow(5, -1, After(1));
        Assert.Equal(ErrorKind.DependencyFailed, Error(Result(_clientChannel.Single(MessageKind.Result)).Body).Kind);
        SubmitFlow(6, -1, After(999));
        Assert.Contains("does not know", Error(Result(_clientChannel.Single(MessageKind.Result)).Body).Message);
    }

    [Fact]
    public void Follow_runs_on_the_engine_of_its_dependency_and_fails_when_that_engine_is_gone()
    {
        var (e0, _) = AddEngine();
        var (e1, engine1) = AddEngine();
        Clear(e0, e1);

        SubmitTask(1, target: 1);
        var (first, _) = Dispatched(e1.Single(MessageKind.Dispatch));
        CompleteOk(e1, engine1, first);
        SubmitFlow(2, -1, new FlowTask(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [new FlowDependency(1, DependencyKind.Follow)], []));
        Assert.Empty(e0.Drain());
        Dispatched(e1.Single(MessageKind.Dispatch));

        _hub.RemoveEngine(engine1, "test");
        _clientChannel.Drain();
        SubmitFlow(3, -1, new FlowTask(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [new FlowDependency(1, DependencyKind.Follow)], []));
        var error = Error(Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result)).Body);
        Assert.Equal(ErrorKind.DependencyFailed, error.Kind);
        Assert.Contains("no longer registered", error.Message);
    }

    [Fact]
    public void A_task_waiting_past_its_dependency_timeout_fails()
    {
        var (e0, _) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: -1);
        SubmitFlow(2, -1, After(1) with { DependencyTimeoutMilliseconds = 2_000 });
        Run(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(_clientChannel.Drain(), f => f.Kind == MessageKind.Result);
        Run(TimeSpan.FromSeconds(2));
        Assert.Contains("DependencyTimeout", Error(Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result)).Body).Message);
    }

    [Fact]
    public void A_task_taking_a_kept_value_runs_where_it_is_kept_when_that_engine_has_room_and_otherwise_the_value_moves()
    {
        var (e0, engine0) = AddEngine();
        var (e1, engine1) = AddEngine();
        e1.Deliver(Message.ToFrame(new EngineEndpointMessage("10.1.2.3", 4567, null)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine1, k, b));
        Clear(e0, e1);

        // Kept on engine 0: the controller counts it. (A long run keeps engine 0's queue limit at 1.)
        SubmitTask(1, target: 0);
        var (made, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        CompleteKept(e0, engine0, made, size: 5_000, runTicks: TimeSpan.FromMinutes(1).Ticks);
        Assert.Equal(5_000, QueueStatus().Engines[0].KeptBytes);

        // Engine 0 is free: the task that takes the value runs there, told where the value is.
        SubmitFlow(2, -1, Taking(made));
        var (taker, body) = Dispatched(e0.Single(MessageKind.Dispatch));
        var r = new WireReader(new ReadOnlySequence<byte>(body));
        RemoteKit.Protocol.TaskBody.ReadKind(ref r);
        Assert.Equal(new FlowDispatchInput(45, made, 0, 5_000), Assert.Single(FlowDispatch.Read(ref r).Inputs));
        Assert.Empty(e1.Drain());

        // Engine 0 is busy (its limit is 1): the next runs on engine 1, and engine 0 sends the value to engine 1's direct path.
        SubmitFlow(3, -1, Taking(made));
        var (moved, _) = Dispatched(e1.Single(MessageKind.Dispatch));
        var send = e0.Single(MessageKind.SendKept).Reader();
        Assert.Equal(new SendKeptMessage(made, moved, "10.1.2.3", 4567, null), SendKeptMessage.Read(ref send));
        CompleteOk(e0, engine0, taker);
        CompleteOk(e1, engine1, moved);

        // The client leaves: its kept value is freed on its engine.
        _hub.RemoveClient(_client);
        var drop = e0.Single(MessageKind.DropKept).Reader();
        Assert.Equal([made], FreeKeptMessage.Read(ref drop, toEngine: true).RefIds);
    }

    [Fact]
    public void A_task_taking_a_value_kept_on_a_lost_engine_fails_naming_it()
    {
        var (e0, engine0) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);
        SubmitTask(1, target: 0);
        var (made, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        CompleteKept(e0, engine0, made, size: 100);
        _hub.RemoveEngine(engine0, "test");
        _clientChannel.Drain();

        SubmitFlow(2, -1, Taking(made));
        var error = Error(Result(_clientChannel.Drain().Single(f => f.Kind == MessageKind.Result)).Body);
        Assert.Equal(ErrorKind.EngineLost, error.Kind);
        Assert.Contains("was lost", error.Message);
        Assert.DoesNotContain(e1.Drain(), f => f.Kind == MessageKind.Dispatch);
    }

    [Fact]
    public async Task The_dashboard_shows_what_each_engine_keeps_until_it_is_freed_and_the_history_keeps_no_result_for_it()
    {
        var monitor = HubWithHistory(new RemoteKit.Controller.History.TaskHistoryOptions { Results = RemoteKit.Controller.History.ResultRetention.Recent });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(1, target: 0);
        var (made, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        CompleteKept(e0, engine0, made, size: 7_000);
        Assert.Equal(7_000, Assert.Single(monitor.GetSnapshot().Engines).KeptBytes);
        monitor.Drain();
        Assert.Null(await monitor.History!.GetResultAsync(made));

        Deliver(_clientChannel, Message.ToFrame(new FreeKeptMessage([made])));
        Assert.Equal(0, Assert.Single(monitor.GetSnapshot().Engines).KeptBytes);
        var drop = e0.Single(MessageKind.DropKept).Reader();
        Assert.Equal([made], FreeKeptMessage.Read(ref drop, toEngine: true).RefIds);
    }

    private static FlowTask After(ulong clientTaskId) =>
        new(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [new FlowDependency(clientTaskId, DependencyKind.After)], []);

    /// <summary>A call taking kept value <paramref name="refId"/> as its argument, after the call's 41-byte header and its int.</summary>
    private static FlowTask Taking(ulong refId) => new(FlowFlags.None, DependencyRule.Success, LocalityRule.Prefer, 0, [], [new FlowInput(45, refId)]);

    private void SubmitFlow(ulong clientTaskId, int target, FlowTask flow) =>
        Deliver(_clientChannel, FrameOf(new SubmitMessage(clientTaskId, target), Body(w =>
        {
            flow.Write(w);
            w.Write(FlowCallBody);
        })));

    /// <summary>Answers a task whose engine kept its value.</summary>
    private void CompleteKept(FakeChannel channel, Hub.EngineState engine, ulong taskId, long size, long runTicks = 1)
    {
        var frame = Message.Start(new EngineResultMessage(taskId), 64);
        var result = ResultBody.Begin(frame);
        new KeptReply(taskId, size).Write(frame);
        result.End(frame, ResultStatus.Kept, engine.Id, 1, 1 + runTicks, default);
        channel.Deliver(frame.Finish(), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));
    }
}
