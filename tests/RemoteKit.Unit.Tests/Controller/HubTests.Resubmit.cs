using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Controller;
using RemoteKit.Controller.History;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>Resubmission: a task of the history run again for any client, from the body the history kept.</summary>
public partial class HubTests
{
    private static readonly byte[] CallBody = Concat(Hex("01 0807060504030201"), HashA, Hex("2A000000"));

    [Fact]
    public async Task A_kept_task_runs_again_for_another_client_on_its_engine_and_its_new_id_comes_before_its_result()
    {
        await using var monitor = HubWithHistory(new TaskHistoryOptions());
        var (e0, engine0) = AddEngine();
        var (e1, _) = AddEngine();
        Clear(e0, e1);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(7, 0, TimeoutMilliseconds: 60_000), CallBody));
        var (firstId, _) = Dispatched(e0.Single(MessageKind.Dispatch));
        CompleteOk(e0, engine0, firstId);
        _clientChannel.Drain();

        var (other, client) = SecondClient();
        Resubmit(other, client, new ResubmitMessage(3, firstId));

        var (againId, body) = Dispatched(await e0.NextAsync());
        Assert.Equal(CallBody, body);
        Assert.NotEqual(firstId, againId);
        var told = await NextOf(other, MessageKind.TaskEvent);
        var r = told.Reader();
        Assert.Equal(new TaskEventMessage(3, 0, TaskEventKind.Resubmitted), TaskEventMessage.Read(ref r));
        Assert.Equal(againId, ResubmittedEvent.Read(ref r).TaskId);

        CompleteOk(e0, engine0, againId);
        var (clientTaskId, result) = Result(other.Single(MessageKind.Result));
        Assert.Equal((3UL, ResultStatus.Ok), (clientTaskId, result.Header.Status));
        Assert.Empty(_clientChannel.Drain());
        Assert.Empty(e1.Drain());

        monitor.Drain();
        var records = await monitor.History!.QueryAsync(new TaskHistoryQuery());
        Assert.Equal([firstId, againId], records.Select(x => x.TaskId));
        Assert.Equal([null, firstId], records.Select(x => x.ResubmitOf));
        Assert.Equal([_client.Id, client.Id], records.Select(x => x.ClientId));
        Assert.Equal(60_000, (await monitor.History.GetArgumentsAsync(againId))!.TimeoutMilliseconds);
    }

    [Fact]
    public async Task A_task_the_history_does_not_know_fails_with_NotInHistory_and_makes_no_task()
    {
        await using var monitor = HubWithHistory(new TaskHistoryOptions());
        var (e0, _) = AddEngine();
        Clear(e0);

        Resubmit(_clientChannel, _client, new ResubmitMessage(4, 99));

        var error = await RefusalAsync(_clientChannel, 4);
        Assert.Equal(ErrorKind.NotInHistory, error.Kind);
        Assert.Contains("There is no record of task 99", error.Message, StringComparison.Ordinal);
        Assert.Empty(e0.Drain());
        Assert.Empty(await monitor.History!.QueryAsync(new TaskHistoryQuery()));
    }

    [Fact]
    public async Task A_task_whose_arguments_were_over_MaxArgumentBytes_fails_saying_so()
    {
        await using var monitor = HubWithHistory(new TaskHistoryOptions { MaxArgumentBytes = 8 });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        SubmitTask(7, target: -1);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(8, -1), CallBody));
        var first = Dispatched(e0.Single(MessageKind.Dispatch)).TaskId;
        CompleteOk(e0, engine0, first);
        var second = Dispatched(e0.Single(MessageKind.Dispatch)).TaskId;
        CompleteOk(e0, engine0, second);
        _clientChannel.Drain();

        Resubmit(_clientChannel, _client, new ResubmitMessage(9, second));
        var error = await RefusalAsync(_clientChannel, 9);
        Assert.Equal(ErrorKind.NotInHistory, error.Kind);
        Assert.Contains(
            $"The arguments of task {second} were not kept, so it cannot run again: at {CallBody.Length} bytes they are larger than RemoteKit:Controller:History:MaxArgumentBytes = 8 bytes.",
            error.Message,
            StringComparison.Ordinal);

        // The first task is an execute: never a call, whatever its size.
        Resubmit(_clientChannel, _client, new ResubmitMessage(10, first));
        error = await RefusalAsync(_clientChannel, 10);
        Assert.Equal(ErrorKind.NotResubmittable, error.Kind);
        Assert.Contains($"Task {first} is an execute; only a call of one [Remote] method", error.Message, StringComparison.Ordinal);
        Assert.Empty(e0.Drain());
    }

    [Fact]
    public async Task Bodies_of_live_tasks_are_copied_only_within_the_argument_budget()
    {
        await using var monitor = HubWithHistory(new TaskHistoryOptions { ArgumentBudgetBytes = CallBody.Length });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(1, -1), CallBody));
        Deliver(_clientChannel, FrameOf(new SubmitMessage(2, -1), CallBody));
        var first = Dispatched(e0.Single(MessageKind.Dispatch)).TaskId;
        CompleteOk(e0, engine0, first);
        var second = Dispatched(e0.Single(MessageKind.Dispatch)).TaskId;
        CompleteOk(e0, engine0, second);
        _clientChannel.Drain();

        // The second arrived while the first's copy filled the budget; once the first finished, a third is copied again.
        Resubmit(_clientChannel, _client, new ResubmitMessage(3, second));
        var error = await RefusalAsync(_clientChannel, 3);
        Assert.Contains($"dropped to stay within RemoteKit:Controller:History:ArgumentBudgetBytes = {CallBody.Length} bytes", error.Message, StringComparison.Ordinal);
        Deliver(_clientChannel, FrameOf(new SubmitMessage(4, -1), CallBody));
        var third = Dispatched(e0.Single(MessageKind.Dispatch)).TaskId;
        CompleteOk(e0, engine0, third);
        monitor.Drain();
        Assert.Equal([false, false, true], (await monitor.History!.QueryAsync(new TaskHistoryQuery())).Select(r => r.HasArguments));
    }

    [Fact]
    public async Task Without_a_history_a_resubmission_fails_with_NotResubmittable()
    {
        Resubmit(_clientChannel, _client, new ResubmitMessage(2, 1));

        var error = await RefusalAsync(_clientChannel, 2);
        Assert.Equal(ErrorKind.NotResubmittable, error.Kind);
        Assert.Contains("keeps no task history", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A hub whose monitor keeps an in-memory history with <paramref name="options"/>; the test's client is its first.</summary>
    private ClusterMonitor HubWithHistory(TaskHistoryOptions options)
    {
        var monitor = new ClusterMonitor(TaskHistory.CreateInMemory(options), options, RemoteKitTelemetry.Shared);
        UseMonitor(monitor);
        return monitor;
    }

    /// <summary>Replaces the hub with one that <paramref name="monitor"/> watches; the test's client is its first.</summary>
    private void UseMonitor(ClusterMonitor monitor)
    {
        _hub = new Hub(new ControllerOptions { EngineTaskLimit = 1 }, NullLogger.Instance, () => _hostStopped = true, monitor, _time, work => work());
        _client = _hub.AddClient(_clientChannel);
        _clientChannel.Drain();
    }

    private (FakeChannel Channel, Hub.ClientState Client) SecondClient()
    {
        var channel = new FakeChannel("client B");
        var client = _hub.AddClient(channel);
        channel.Drain();
        return (channel, client);
    }

    private void Resubmit(FakeChannel channel, Hub.ClientState client, ResubmitMessage message) =>
        channel.Deliver(Message.ToFrame(message), (byte k, in ReadOnlySequence<byte> b) => _hub.OnClientFrame(client, k, b));

    /// <summary>The next frame of <paramref name="kind"/> sent on <paramref name="channel"/>, skipping others (engine sets).</summary>
    private static async Task<SentFrame> NextOf(FakeChannel channel, MessageKind kind)
    {
        while (true)
        {
            var frame = await channel.NextAsync();
            if (frame.Kind == kind)
            {
                return frame;
            }
        }
    }

    private static async Task<ErrorPayload> RefusalAsync(FakeChannel channel, ulong clientTaskId)
    {
        var (id, body) = Result(await NextOf(channel, MessageKind.Result));
        Assert.Equal(clientTaskId, id);
        Assert.Equal(ResultStatus.Error, body.Header.Status);
        Assert.Equal(-1, body.Header.EngineId);
        return Error(body);
    }
}
