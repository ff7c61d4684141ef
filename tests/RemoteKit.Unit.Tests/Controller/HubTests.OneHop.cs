using System.Buffers;
using RemoteKit.Controller;
using RemoteKit.Controller.History;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>The hub's part in tasks sent in one hop: id blocks, outcome batches, and aborts it holds to its deadline.</summary>
public partial class HubTests
{
    private static readonly Guid DirectClient = new(Hex("000102030405060708090A0B0C0D0E0F"));

    [Fact]
    public void Task_id_blocks_never_overlap_each_other_or_the_hubs_own_task_ids()
    {
        var (e0, _) = AddEngine();
        Clear(e0);
        var first = AskForTaskIds(1);
        SubmitTask(1, target: 0);
        var (own, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        var second = AskForTaskIds(2);

        Assert.Equal(Hub.TaskIdBlockSize, first.Count);
        Assert.True(own >= first.First + (ulong)first.Count, $"task {own} is inside the block from {first.First}");
        Assert.True(second.First > own);
    }

    [Fact]
    public async Task Outcome_batches_count_as_the_engines_tasks_and_reach_the_history_with_method_client_and_outcome()
    {
        var monitor = HubWithHistory(new TaskHistoryOptions { Results = ResultRetention.Recent });
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
        ReportOutcomes(e0, engine0, (block.First, 7, call, ok), (block.First + 1, 8, call, failed));

        Assert.Equal(2, QueueStatus().Engines[0].Completed);
        var records = await QueryAsync(_clientChannel, new TaskHistoryQuery());
        Assert.Equal([block.First, block.First + 1], records.Select(r => r.TaskId));
        Assert.All(records, r => Assert.Equal(("Work.Add", 0, _client.Id, 1), (r.Method, r.EngineId, r.ClientId, r.Attempts)));
        Assert.Equal([TaskHistoryStatus.Completed, TaskHistoryStatus.Failed], records.Select(r => r.Status));
        Assert.Equal("System.InvalidOperationException", records[1].ErrorType);
        Assert.True(records[0].HasArguments);
        Assert.Equal(new DateTimeOffset(10, TimeSpan.Zero), records[0].StartedAt);
        Assert.Equal(Hex("2A"), (await monitor.History!.GetResultAsync(block.First))![1..]);
    }

    [Theory]
    [InlineData(DirectOutcomesMessage.MaxOutcomes)]
    [InlineData(DirectOutcomesMessage.MaxOutcomes + 36)]
    public async Task A_batch_of_outcomes_up_to_and_past_what_an_engine_sends_is_recorded_whole_with_each_tasks_method(int count)
    {
        HubWithHistory(new TaskHistoryOptions());
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);
        Deliver(_clientChannel, Message.ToFrame(new MethodNamesMessage([new(0x42, "Work.Add"), new(0x43, "Work.Sub")])));
        var add = Body(w => new CallTask(0x42, HashA).Write(w));
        var sub = Body(w => new CallTask(0x43, HashA).Write(w));
        var ok = ResultOf(ResultStatus.Ok, Hex("2A"), engine0.Id);

        // Methods in runs of three, so the name looked up for one task is reused for the next and then replaced.
        ReportOutcomes(e0, engine0, [.. Enumerable.Range(0, count).Select(i => (block.First + (ulong)i, (ulong)i, i / 3 % 2 == 0 ? add : sub, ok))]);

        Assert.Null(e0.CloseReason);
        Assert.Equal(count, QueueStatus().Engines[0].Completed);
        var records = await QueryAsync(_clientChannel, new TaskHistoryQuery());
        Assert.Equal(Enumerable.Range(0, count).Select(i => block.First + (ulong)i), records.Select(r => r.TaskId));
        Assert.Equal(Enumerable.Range(0, count).Select(i => i / 3 % 2 == 0 ? "Work.Add" : "Work.Sub"), records.Select(r => r.Method));
        Assert.All(records, r => Assert.Equal((TaskHistoryStatus.Completed, _client.Id, true), (r.Status, r.ClientId, r.HasArguments)));
    }

    [Fact]
    public async Task A_one_hop_tasks_arguments_are_kept_from_its_outcome_after_the_reports_buffer_is_reused()
    {
        var monitor = HubWithHistory(new TaskHistoryOptions());
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);
        byte[] CallWith(byte argument) => Body(w =>
        {
            new CallTask(0x42, HashA).Write(w);
            w.Write(Enumerable.Repeat(argument, 100).ToArray());
        });

        var first = CallWith(1);
        var second = CallWith(2);
        var ok = ResultOf(ResultStatus.Ok, Hex("2A"), engine0.Id);
        // Each report arrives in a pooled buffer, given back once the hub returns: the second report reuses the first's.
        ReportOutcomes(e0, engine0, (block.First, 7, first, ok));
        ReportOutcomes(e0, engine0, (block.First + 1, 8, second, ok));

        var kept = await monitor.History!.GetArgumentsAsync(block.First);
        Assert.Equal(first, kept!.Body);
        Assert.Equal((engine0.Id, (long)first.Length), (kept.Target, kept.Size));
        Assert.Equal(second, (await monitor.History.GetArgumentsAsync(block.First + 1))!.Body);
    }

    [Fact]
    public async Task An_outcome_that_kept_only_the_header_of_a_large_batch_result_is_recorded_with_its_real_size()
    {
        HubWithHistory(new TaskHistoryOptions { Results = ResultRetention.Recent });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);
        var batch = Body(w => new BatchTask(0x42, HashA, 1).Write(w));
        var payload = Body(w =>
        {
            BatchReply.WriteHeader(w, engine0.Id, 1);
            var item = BatchReply.BeginItem(w);
            w.Write(new byte[DirectOutcome.MaxKeptBytes]);
            item.Succeed(w);
        });
        var large = ResultOf(ResultStatus.Ok, payload, engine0.Id);
        ReportOutcomes(e0, engine0, (block.First, 7, batch, large));

        Assert.Null(e0.CloseReason);
        var record = Assert.Single(await QueryAsync(_clientChannel, new TaskHistoryQuery()));
        Assert.Equal((TaskHistoryStatus.Completed, (long?)large.Length, false), (record.Status, record.BytesOut, record.HasResult));
    }

    [Fact]
    public void An_engine_that_never_reports_an_aborted_one_hop_task_is_recycled_after_the_grace_and_one_that_reports_it_is_not()
    {
        (_hub, _client) = NewHub(new ControllerOptions { AbortGrace = TimeSpan.FromSeconds(10), HeartbeatMisses = 1000 });
        var (e0, engine0) = AddEngine();
        var (e1, engine1) = AddEngine();
        Clear(e0, e1);
        var block = AskForTaskIds(1);
        var call = Body(w => new CallTask(0x42, HashA).Write(w));

        // Engine 1 reports its aborted task (even before the client's word arrives: the word then arms nothing).
        ReportOutcomes(e1, engine1, (block.First + 1, 2, call, ResultOf(ResultStatus.Ok, [], engine1.Id)));
        Deliver(_clientChannel, Message.ToFrame(new DirectAbortedMessage(1, block.First + 1)));
        Deliver(_clientChannel, Message.ToFrame(new DirectAbortedMessage(0, block.First)));

        Run(TimeSpan.FromSeconds(9));
        Assert.Null(e0.CloseReason);
        Run(TimeSpan.FromSeconds(2));
        Assert.Contains($"task {block.First} ignored its abort", e0.CloseReason, StringComparison.Ordinal);
        Assert.Null(e1.CloseReason);
        var ended = Assert.Single(Notices());
        Assert.Equal((0, EngineFate.Ended), (ended.EngineId, ended.Fate));
    }

    [Fact]
    public void A_reported_aborted_task_disarms_its_deadline()
    {
        (_hub, _client) = NewHub(new ControllerOptions { AbortGrace = TimeSpan.FromSeconds(10), HeartbeatMisses = 1000 });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);
        Deliver(_clientChannel, Message.ToFrame(new DirectAbortedMessage(0, block.First)));
        Run(TimeSpan.FromSeconds(5));
        ReportOutcomes(e0, engine0, (block.First, 1, Body(w => new CallTask(0x42, HashA).Write(w)), ResultOf(ResultStatus.Error, [], engine0.Id)));
        Run(TimeSpan.FromSeconds(20));
        Assert.Null(e0.CloseReason);
    }

    [Fact]
    public void A_one_hop_task_reported_ended_before_the_word_that_it_timed_out_holds_nothing_back()
    {
        (_hub, _client) = NewHub(new ControllerOptions { AbortGrace = TimeSpan.FromSeconds(10), HeartbeatMisses = 1000 });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        var block = AskForTaskIds(1);

        // The task ended as its client's timeout passed: the engine's word that it timed out comes after its outcome.
        ReportOutcomes(e0, engine0, (block.First, 1, Body(w => new CallTask(0x42, HashA).Write(w)), ResultOf(ResultStatus.Ok, [], engine0.Id)));
        e0.Deliver(Message.ToFrame(new DirectTimedOutMessage(block.First)), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine0, k, b));

        // The engine still takes balanced tasks, and is not recycled once the grace has passed.
        SubmitTask(1, target: -1);
        Assert.Single(e0.Drain(), f => f.Kind == MessageKind.Dispatch);
        Run(TimeSpan.FromSeconds(20));
        Assert.Null(e0.CloseReason);
    }

    private TaskIdBlock AskForTaskIds(ulong requestId)
    {
        Deliver(_clientChannel, Message.ToFrame(new ControlRequestMessage(requestId, ControlOp.TaskIds, DirectClient)));
        var reply = _clientChannel.Drain().Single(f => f.Kind == MessageKind.ControlReply);
        var r = reply.Reader();
        Assert.Equal(requestId, ControlReplyMessage.Read(ref r).RequestId);
        return TaskIdBlock.Read(ref r);
    }

    private void ReportOutcomes(FakeChannel channel, Hub.EngineState engine, params (ulong TaskId, ulong ClientTaskId, byte[] Task, byte[] Result)[] outcomes)
    {
        var frame = Message.Start(new DirectOutcomesMessage(outcomes.Length), 256);
        foreach (var (taskId, clientTaskId, task, result) in outcomes)
        {
            DirectOutcome.Write(frame, taskId, clientTaskId, DirectClient, 5, task, result);
        }

        channel.Deliver(frame.Finish(), (byte k, in ReadOnlySequence<byte> b) => _hub.OnEngineFrame(engine, k, b));
    }

    private static byte[] ResultOf(ResultStatus status, byte[] payload, int engineId) => Body(w =>
    {
        var result = ResultBody.Begin(w);
        w.Write(payload);
        result.End(w, status, engineId, 10, 20, default);
    });
}
