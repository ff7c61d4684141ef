using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Engine;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>The engine's session, fed the controller's frames as bytes: tasks run and answer, aborts, missing code.</summary>
public sealed class EngineSessionTests : IAsyncLifetime
{
    private readonly FakeChannel _channel = new("controller");
    private readonly EngineSession _session;
    private Task _running = Task.CompletedTask;

    public EngineSessionTests() => _session = new EngineSession(_channel, NullLogger.Instance);

    public Task InitializeAsync()
    {
        _running = _session.RunAsync(CancellationToken.None);
        Deliver(Message.ToFrame(new EngineWelcomeMessage(3, 4, new byte[EngineWelcomeMessage.TokenLength], 0)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _session.Complete();
        await _running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Pushed_variable_is_pulled_back()
    {
        Dispatch(1, Body(w =>
        {
            PushTask.WriteHeader(w, 1);
            PushTask.WriteEntry(w, "x", "Some.Type", Hex("0A0B0C"), static (w, v) => w.Write(v));
        }));
        var (id, push) = await ResultAsync();
        Assert.Equal(1UL, id);
        Assert.Equal(new ResultHeader(ResultStatus.Ok, 3, push.Header.StartedTicks, push.Header.CompletedTicks, 0), push.Header);

        Dispatch(2, Body(w => new PullTask(["x"]).Write(w)));
        (id, var pull) = await ResultAsync();
        Assert.Equal(2UL, id);
        Assert.Equal(ResultStatus.Ok, pull.Header.Status);
        var r = new WireReader(pull.Payload);
        Assert.Equal(1, PullReply.ReadCount(ref r));
        var (typeName, value) = PullReply.ReadEntry(ref r);
        Assert.Equal("Some.Type", typeName);
        Assert.Equal(Hex("0A0B0C"), value.ToArray());
    }

    [Fact]
    public async Task Failing_task_answers_with_its_error()
    {
        Dispatch(1, Body(w => new PullTask(["missing"]).Write(w)));
        var (_, result) = await ResultAsync();
        Assert.Equal((ResultStatus.Error, 3), (result.Header.Status, result.Header.EngineId));
        var error = Error(result);
        Assert.Equal(typeof(KeyNotFoundException).FullName, error.Type);
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_in_the_task_loop_closes_the_connection_naming_it_rather_than_leaving_the_engine_deaf()
    {
        _channel.FailSending = MessageKind.EngineResult;
        Dispatch(1, Body(w => new PullTask(["missing"]).Write(w)));

        // The loop ends, and the connection closes: the controller declares the engine lost and its tasks go elsewhere.
        await _running.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(_channel.CloseReason);
        Assert.Contains("engine 3 stopped running tasks", _channel.CloseReason, StringComparison.Ordinal);
        Assert.Contains("sending EngineResult failed", _channel.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_code_is_requested_and_a_not_found_reply_fails_the_task()
    {
        Dispatch(1, Body(w => new CallTask(0x42, HashA).Write(w)));
        var request = await _channel.NextAsync();
        Assert.Equal(MessageKind.CodeRequest, request.Kind);
        Assert.Equal(HashA, request.Body);

        Deliver(Message.ToFrame(CodeBundleMessage.NotFound(HashA)));
        var (id, result) = await ResultAsync();
        Assert.Equal(1UL, id);
        var error = Error(result);
        Assert.Equal(typeof(InvalidOperationException).FullName, error.Type);
        Assert.Contains("does not have code bundle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_MethodId_fails_the_task()
    {
        var empty = CodeBundle.Create("Empty", []);
        Dispatch(1, Body(w => new CallTask(0x42, empty.Hash).Write(w)));
        Assert.Equal(MessageKind.CodeRequest, (await _channel.NextAsync()).Kind);

        Deliver(Message.ToFrame(CodeBundleMessage.Of(Body(w => empty.Write(w)))));
        var (_, result) = await ResultAsync();
        var error = Error(result);
        Assert.Equal(typeof(MissingMethodException).FullName, error.Type);
        Assert.Contains("0000000000000042", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_that_is_not_what_it_claims_is_not_loaded()
    {
        Dispatch(1, Body(w => new CallTask(0x42, HashA).Write(w)));
        Assert.Equal(MessageKind.CodeRequest, (await _channel.NextAsync()).Kind);

        Deliver(Message.ToFrame(CodeBundleMessage.Of(Body(w => new CodeBundle(HashA, "Empty", []).Write(w)))));
        var (_, result) = await ResultAsync();
        var error = Error(result);
        Assert.Equal(typeof(InvalidDataException).FullName, error.Type);
        Assert.Contains("not what it claims", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aborted_queued_task_answers_at_once_and_never_runs()
    {
        // The first task waits for its code, so the second stays queued behind it.
        Dispatch(1, Body(w => new CallTask(0x42, HashA).Write(w)));
        Assert.Equal(MessageKind.CodeRequest, (await _channel.NextAsync()).Kind);
        Dispatch(2, Body(w =>
        {
            PushTask.WriteHeader(w, 1);
            PushTask.WriteEntry(w, "y", "T", Hex("01"), static (w, v) => w.Write(v));
        }));

        Deliver(Message.ToFrame(new AbortTaskMessage(2)));
        var (id, aborted) = await ResultAsync();
        Assert.Equal(2UL, id);
        Assert.Equal("RemoteKit.TaskAbortedException", Error(aborted).Type);

        Deliver(Message.ToFrame(CodeBundleMessage.NotFound(HashA)));
        (id, _) = await ResultAsync();
        Assert.Equal(1UL, id);

        Dispatch(3, Body(w => new PullTask(["y"]).Write(w)));
        (id, var pull) = await ResultAsync();
        Assert.Equal(3UL, id);
        Assert.Equal(ResultStatus.Error, pull.Header.Status);
        Assert.Empty(_channel.Drain());
    }

    [Fact]
    public async Task A_call_task_cut_short_inside_its_header_fails_as_a_protocol_violation_and_the_engine_runs_on()
    {
        // Kind, method id, then 10 of the bundle hash's 32 bytes.
        var cut = new byte[1 + 8 + 10];
        cut[0] = (byte)TaskKind.Call;
        Dispatch(1, cut);
        var (id, result) = await ResultAsync();
        Assert.Equal((1UL, ResultStatus.Error), (id, result.Header.Status));
        Assert.Equal(typeof(ProtocolViolationException).FullName, Error(result).Type);

        Dispatch(2, Body(w => new PullTask(["missing"]).Write(w)));
        (id, _) = await ResultAsync();
        Assert.Equal(2UL, id);
    }

    [Fact]
    public void Stop_closes_the_connection()
    {
        Deliver(Message.ToFrame(default(StopMessage)));
        Assert.True(_session.StopRequested);
        Assert.NotNull(_channel.CloseReason);
    }

    [Fact]
    public void Unexpected_kind_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Deliver(FrameOf(new SubmitMessage(1, 0), [5])));

    private void Deliver(OutgoingFrame frame) => _channel.Deliver(frame, _session.OnFrame);

    private void Dispatch(ulong taskId, byte[] taskBody) => Deliver(FrameOf(new DispatchMessage(taskId), taskBody));

    private async Task<(ulong TaskId, ResultBody Body)> ResultAsync()
    {
        var frame = await _channel.NextAsync();
        Assert.Equal(MessageKind.EngineResult, frame.Kind);
        var r = frame.Reader();
        var id = EngineResultMessage.Read(ref r).TaskId;
        var body = ResultBody.Read(ref r);
        r.ExpectEnd();
        return (id, body);
    }

    private static ErrorPayload Error(ResultBody body)
    {
        var r = new WireReader(body.Payload);
        return ErrorPayload.Read(ref r);
    }
}
