using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Engine;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>
/// The engine's session taking tasks in one hop from a client's direct connection: they share the controller's queue and
/// order, are answered on the direct connection, and their outcomes go to the controller; aborts behave as the controller's.
/// </summary>
public sealed class EngineOneHopTests : IAsyncLifetime
{
    private static readonly Guid ClientId = new(Hex("000102030405060708090A0B0C0D0E0F"));
    private readonly FakeChannel _controller = new("controller");
    private readonly FakeChannel _client = new("client (direct)");
    private readonly EngineSession _session;
    private Task _running = Task.CompletedTask;

    public EngineOneHopTests() => _session = new EngineSession(_controller, NullLogger.Instance);

    public Task InitializeAsync()
    {
        _running = _session.RunAsync(CancellationToken.None);
        _controller.Deliver(Message.ToFrame(new EngineWelcomeMessage(3, 4, new byte[EngineWelcomeMessage.TokenLength], 0)), _session.OnFrame);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _session.Complete();
        await _running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_direct_task_runs_after_the_controllers_task_before_it_answers_its_client_and_reports_its_outcome()
    {
        Dispatch(1, Body(w =>
        {
            PushTask.WriteHeader(w, 1);
            PushTask.WriteEntry(w, "x", "Some.Type", Hex("0A0B0C"), static (w, v) => w.Write(v));
        }));
        var pull = Body(w => new PullTask(["x"]).Write(w));
        SendDirect(clientTaskId: 7, taskId: 0x1001, pull);

        var pushed = await FromControllerAsync();
        Assert.Equal(MessageKind.EngineResult, pushed.Kind);

        var (clientTaskId, result) = await DirectResultAsync();
        Assert.Equal(7UL, clientTaskId);
        Assert.Equal((ResultStatus.Ok, 3), (result.Header.Status, result.Header.EngineId));
        var r = new WireReader(result.Payload);
        Assert.Equal(1, PullReply.ReadCount(ref r));
        Assert.Equal(Hex("0A0B0C"), PullReply.ReadEntry(ref r).Value.ToArray());

        var outcome = Assert.Single(await OutcomesAsync());
        Assert.Equal((0x1001UL, 7UL, ClientId), (outcome.TaskId, outcome.ClientTaskId, outcome.ClientId));
        Assert.True(outcome.WholeTask);
        Assert.Equal(pull, outcome.Task.ToArray());
        var reported = new WireReader(outcome.Result);
        Assert.Equal(result.Header, ResultBody.Read(ref reported).Header);
    }

    [Fact]
    public async Task A_queued_direct_task_aborted_by_its_client_answers_at_once_never_runs_and_is_reported()
    {
        // The controller's call waits for code that never comes until the test says so: what follows stays queued.
        Dispatch(1, Body(w => new CallTask(0x42, HashA).Write(w)));
        Assert.Equal(MessageKind.CodeRequest, (await FromControllerAsync()).Kind);
        SendDirect(clientTaskId: 7, taskId: 0x1001, Body(w => new PullTask(["x"]).Write(w)));
        SendDirect(clientTaskId: 8, taskId: 0x1002, Body(w => new PullTask(["missing"]).Write(w)));

        _session.AbortDirect(0x1001);
        var (clientTaskId, aborted) = await DirectResultAsync();
        Assert.Equal(7UL, clientTaskId);
        var error = new WireReader(aborted.Payload);
        Assert.Equal(ErrorKind.Aborted, ErrorPayload.Read(ref error).Kind);
        Assert.Equal(0x1001UL, Assert.Single(await OutcomesAsync()).TaskId);

        _controller.Deliver(Message.ToFrame(CodeBundleMessage.NotFound(HashA)), _session.OnFrame);
        Assert.Equal(MessageKind.EngineResult, (await FromControllerAsync()).Kind);
        (clientTaskId, var failed) = await DirectResultAsync();
        Assert.Equal((8UL, ResultStatus.Error), (clientTaskId, failed.Header.Status));
        Assert.Equal(0x1002UL, Assert.Single(await OutcomesAsync()).TaskId);
        Assert.Empty(_client.Drain());
    }

    [Fact]
    public async Task A_queued_direct_task_past_its_timeout_answers_as_timed_out_at_once_and_never_runs()
    {
        // The controller's call waits for code until the test says so: the direct task behind it stays queued.
        Dispatch(1, Body(w => new CallTask(0x42, HashA).Write(w)));
        Assert.Equal(MessageKind.CodeRequest, (await FromControllerAsync()).Kind);
        SendDirect(clientTaskId: 7, taskId: 0x1001, Body(w => new PullTask(["x"]).Write(w)));

        _session.AbortDirect(0x1001, timeoutMilliseconds: 2500);
        var (clientTaskId, timedOut) = await DirectResultAsync();
        Assert.Equal(7UL, clientTaskId);
        var error = new WireReader(timedOut.Payload);
        var payload = ErrorPayload.Read(ref error);
        Assert.Equal(ErrorKind.TimedOut, payload.Kind);
        Assert.Equal("The task did not finish within its timeout of 2.5 s.", payload.Message);

        // Reported to the controller as it ended; nothing ran it, so nothing waits behind it to be moved.
        var outcome = Assert.Single(await OutcomesAsync());
        Assert.Equal(0x1001UL, outcome.TaskId);
        var reported = new WireReader(outcome.Result);
        Assert.Equal(timedOut.Header, ResultBody.Read(ref reported).Header);
        _controller.Deliver(Message.ToFrame(CodeBundleMessage.NotFound(HashA)), _session.OnFrame);
        Assert.Equal(MessageKind.EngineResult, (await FromControllerAsync()).Kind);
        Assert.DoesNotContain(_controller.Drain(), f => f.Kind == MessageKind.DirectTimedOut);
        Assert.Empty(_client.Drain());
    }

    [Fact]
    public async Task A_running_direct_task_past_its_timeout_tells_the_controller_and_ends_as_timed_out_however_it_ends()
    {
        // A direct call waiting for its code is the running task.
        SendDirect(clientTaskId: 7, taskId: 0x1001, Body(w => new CallTask(0x42, HashA).Write(w)));
        Assert.Equal(MessageKind.CodeRequest, (await FromControllerAsync()).Kind);

        _session.AbortDirect(0x1001, timeoutMilliseconds: 1000);
        var told = await FromControllerAsync();
        Assert.Equal(MessageKind.DirectTimedOut, told.Kind);
        var r = told.Reader();
        Assert.Equal(0x1001UL, DirectTimedOutMessage.Read(ref r).TaskId);

        // It ends with an error of its own (no such code), yet answers as the timeout its client already failed it with.
        _controller.Deliver(Message.ToFrame(CodeBundleMessage.NotFound(HashA)), _session.OnFrame);
        var (clientTaskId, result) = await DirectResultAsync();
        Assert.Equal(7UL, clientTaskId);
        var error = new WireReader(result.Payload);
        var payload = ErrorPayload.Read(ref error);
        Assert.Equal((ErrorKind.TimedOut, "The task did not finish within its timeout of 1 s."), (payload.Kind, payload.Message));
        Assert.Equal(0x1001UL, Assert.Single(await OutcomesAsync()).TaskId);
    }

    [Fact]
    public async Task An_outcome_is_reported_within_its_delay_even_while_a_long_task_runs_behind_it()
    {
        SendDirect(clientTaskId: 7, taskId: 0x1001, Body(w => new PullTask(["missing"]).Write(w)));
        Dispatch(1, Body(w => new CallTask(0x42, HashA).Write(w)));

        // The controller's call waits for its code (never sent here) after the direct task answered: the queue is not idle.
        var frames = new List<SentFrame> { await FromControllerAsync(), await FromControllerAsync() };
        Assert.Equal([MessageKind.CodeRequest, MessageKind.DirectOutcomes], frames.Select(f => f.Kind).Order());
        Assert.Equal(7UL, (await DirectResultAsync()).ClientTaskId);
        _controller.Deliver(Message.ToFrame(CodeBundleMessage.NotFound(HashA)), _session.OnFrame);
        Assert.Equal(MessageKind.EngineResult, (await FromControllerAsync()).Kind);
    }

    [Fact]
    public async Task A_direct_task_whose_client_is_gone_is_still_reported()
    {
        _client.Close("client went away");
        SendDirect(clientTaskId: 7, taskId: 0x1001, Body(w => new PullTask(["missing"]).Write(w)));
        var outcome = Assert.Single(await OutcomesAsync());
        Assert.Equal(0x1001UL, outcome.TaskId);
        Assert.Empty(_client.Drain());
    }

    [Fact]
    public void Only_ordinary_tasks_come_in_one_hop()
    {
        var stream = Body(w => w.WriteU8((byte)TaskKind.Stream));
        Assert.Throws<ProtocolViolationException>(() => SendDirect(7, 0x1001, stream));
    }

    [Fact]
    public async Task The_controller_hears_how_many_one_hop_tasks_the_engine_holds_once_for_a_burst_and_again_when_they_end()
    {
        // The controller's call waits for code until the test sends word: the direct tasks behind it stay queued.
        Dispatch(1, Body(w => new CallTask(0x42, HashA).Write(w)));
        Assert.Equal(MessageKind.CodeRequest, (await FromControllerAsync()).Kind);
        SendDirect(clientTaskId: 7, taskId: 0x1001, Body(w => new PullTask(["missing"]).Write(w)));
        SendDirect(clientTaskId: 8, taskId: 0x1002, Body(w => new PullTask(["missing"]).Write(w)));
        SendDirect(clientTaskId: 9, taskId: 0x1003, Body(w => new PullTask(["missing"]).Write(w)));

        // One report for the three, within the outcome delay, while nothing ends.
        var held = await _controller.NextAsync();
        Assert.Equal(MessageKind.DirectBacklog, held.Kind);
        var r = held.Reader();
        Assert.Equal(3, DirectBacklogMessage.Read(ref r).Count);

        // They run and end: the count goes after their outcomes, and its last word is 0.
        _controller.Deliver(Message.ToFrame(CodeBundleMessage.NotFound(HashA)), _session.OnFrame);
        Assert.Equal(MessageKind.EngineResult, (await FromControllerAsync()).Kind);
        List<int> counts = [];
        var ended = 0;
        while (ended < 3 || counts is [] || counts[^1] != 0)
        {
            var frame = await _controller.NextAsync();
            var fr = frame.Reader();
            if (frame.Kind == MessageKind.DirectBacklog)
            {
                // Sent right after the outcomes it follows: what is still held, never a task already reported.
                counts.Add(DirectBacklogMessage.Read(ref fr).Count);
                Assert.Equal(3 - ended, counts[^1]);
            }
            else
            {
                Assert.Equal(MessageKind.DirectOutcomes, frame.Kind);
                ended += DirectOutcomesMessage.Read(ref fr).Count;
            }
        }

        Assert.Equal(3, ended);
        Assert.Equal(3, (await Task.WhenAll(DirectResultAsync(), DirectResultAsync(), DirectResultAsync())).Length);
    }

    /// <summary>The controller's next frame other than a count of one-hop tasks held.</summary>
    private async Task<SentFrame> FromControllerAsync()
    {
        while (true)
        {
            var frame = await _controller.NextAsync();
            if (frame.Kind != MessageKind.DirectBacklog)
            {
                return frame;
            }
        }
    }

    private void Dispatch(ulong taskId, byte[] taskBody) => _controller.Deliver(FrameOf(new DispatchMessage(taskId), taskBody), _session.OnFrame);

    private void SendDirect(ulong clientTaskId, ulong taskId, byte[] taskBody) =>
        _client.Deliver(FrameOf(new DirectTaskMessage(clientTaskId, 3, taskId), taskBody), (kind, in body) =>
        {
            Assert.Equal(MessageKind.DirectTask, (MessageKind)kind);
            var r = new WireReader(body);
            var task = DirectTaskMessage.Read(ref r);
            _session.EnqueueDirect(_client, ClientId, task, r.Rest);
        });

    private async Task<(ulong ClientTaskId, ResultBody Body)> DirectResultAsync()
    {
        var frame = await _client.NextAsync();
        Assert.Equal(MessageKind.DirectResult, frame.Kind);
        var r = frame.Reader();
        var id = DirectResultMessage.Read(ref r).ClientTaskId;
        var body = ResultBody.Read(ref r);
        r.ExpectEnd();
        return (id, body);
    }

    private async Task<List<DirectOutcome>> OutcomesAsync()
    {
        var frame = await FromControllerAsync();
        Assert.Equal(MessageKind.DirectOutcomes, frame.Kind);
        var r = frame.Reader();
        var outcomes = new List<DirectOutcome>();
        for (var n = DirectOutcomesMessage.Read(ref r).Count; n > 0; n--)
        {
            // The frame's copy outlives the reader: keep copies of the bodies.
            var o = DirectOutcome.Read(ref r);
            outcomes.Add(o with { Task = new ReadOnlySequence<byte>(o.Task.ToArray()), Result = new ReadOnlySequence<byte>(o.Result.ToArray()) });
        }

        r.ExpectEnd();
        return outcomes;
    }
}
