using System.Buffers;
using MemoryPack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RemoteKit.Engine;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>
/// What a running task sends its caller, as the engine's session writes it (bytes on an in-memory channel, a fake clock):
/// output paced and bounded, progress and published values coalesced, all of it before the result; streams within their window.
/// </summary>
public sealed class EngineLiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly FakeChannel _channel = new("controller");
    private readonly FakeTimeProvider _time = new();
    private readonly EngineSession _session;
    private Task _running = Task.CompletedTask;
    private bool _codeServed;

    public EngineLiveTests() => _session = new EngineSession(
        _channel, NullLogger.Instance, time: _time,
        live: new LiveSettings(Interval, BatchChars: 100, RateChars: 4000, KeptChars: 1000, StreamFlushInterval: TimeSpan.FromSeconds(1)));

    public Task InitializeAsync()
    {
        _running = _session.RunAsync(CancellationToken.None);
        Deliver(Message.ToFrame(new EngineWelcomeMessage(3, 4, new byte[EngineWelcomeMessage.TokenLength], 0)));
        _channel.Drain();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _session.Complete();
        await _running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Output_written_after_a_pause_goes_at_once_and_more_within_the_interval_waits_for_it()
    {
        DispatchCall(1, LiveWork.Remote.PrintTwoThenWait());
        await ServeCodeAsync();
        Assert.True(await LiveWork.Reached.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal([new OutputChunk(OutputStreamKind.Stdout, 0, "a")], Output(await NextAsync()));
        Assert.Empty(_channel.Drain());

        _time.Advance(Interval);
        Assert.Equal([new OutputChunk(OutputStreamKind.Stdout, 0, "b")], Output(await NextAsync()));

        // Written within the interval of the last send: it goes with the task's end, before the result.
        LiveWork.Proceed.Release();
        Assert.Equal([new OutputChunk(OutputStreamKind.Stderr, 0, "c")], Output(await NextAsync()));
        var result = Result(await NextAsync());
        Assert.Equal(("ab", "c"), (result.Stdout, result.Stderr));
    }

    [Fact]
    public async Task Progress_and_published_values_are_coalesced_and_their_latest_go_before_the_result()
    {
        DispatchCall(1, LiveWork.Remote.Everything());

        var frames = new List<SentFrame>();
        while (frames.LastOrDefault()?.Kind != MessageKind.EngineResult)
        {
            frames.Add(await NextAsync());
        }

        var events = frames.SkipLast(1).Select(Event).ToList();
        var progress = events.Where(e => e.Kind == TaskEventKind.Progress).Select(e => MemoryPackSerializer.Deserialize<int>(e.Body)).ToList();
        Assert.Equal([1, 1000], progress);
        var data = events.Where(e => e.Kind == TaskEventKind.Data).Select(e =>
        {
            var r = new WireReader(new ReadOnlySequence<byte>(e.Body));
            var named = DataEvent.Read(ref r);
            return (named.Name, named.TypeName, Value: r.Rest.ToArray());
        }).ToList();
        Assert.Equal(
            [("answer", "System.Int32", MemoryPackSerializer.Serialize(42)), ("answer", "System.Int32", MemoryPackSerializer.Serialize(43)), ("name", "System.String", MemoryPackSerializer.Serialize("engine"))],
            data.Select(d => (d.Name, d.TypeName, d.Value)));
        var output = events.Where(e => e.Kind == TaskEventKind.Output).SelectMany(e => OutputBody(e.Body)).ToList();
        Assert.Equal([new OutputChunk(OutputStreamKind.Stdout, 0, "out\n"), new OutputChunk(OutputStreamKind.Stderr, 0, "err\n")], output);

        var result = Result(frames[^1]);
        Assert.Equal(("out\n", "err\n"), (result.Stdout, result.Stderr));
        Assert.Equal("done", MemoryPackSerializer.Deserialize<string>(result.Payload));
    }

    [Fact]
    public async Task A_flood_of_output_sends_a_bounded_amount_keeps_a_bounded_result_and_accounts_for_every_character()
    {
        const int Writes = 100, Chars = 10_000;
        DispatchCall(1, LiveWork.Remote.Flood(Writes, Chars));

        var live = new List<OutputChunk>();
        SentFrame frame;
        while ((frame = await NextAsync()).Kind != MessageKind.EngineResult)
        {
            live.AddRange(Output(frame));
        }

        // The clock never moves: the budget's first quarter second (1,000 characters) and what was pending at the end (at most
        // the pending bound) went live; everything else is counted, exactly.
        var sent = live.Sum(c => (long)c.Text.Length);
        Assert.InRange(sent, 1, 1_000 + LiveSettings.Default.PendingChars);
        Assert.Equal((long)Writes * Chars, sent + live.Sum(c => c.DroppedBefore));
        Assert.True(live[^1].DroppedBefore > 0, "the end of the task says what was dropped after the last text");

        var result = Result(frame);
        Assert.Equal((long)Writes * Chars - 1000, result.StdoutDropped);
        Assert.StartsWith(new string('x', 500) + "\n[RemoteKit: 999,000 characters of stdout were not kept", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("]\n" + new string('x', 500), result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_sends_no_more_than_its_window_ahead_of_what_the_caller_consumed()
    {
        DispatchStream(1, LiveWork.Remote.Count(1000), windowItems: 8);

        var items = new List<int>();
        await ReceiveItemsAsync(items, until: 8);
        Assert.Equal(Enumerable.Range(0, 8), items);
        Assert.Empty(_channel.Drain());

        // Four consumed: four more may go, and no more.
        Deliver(Message.ToFrame(new StreamCreditMessage(1, 4)));
        await ReceiveItemsAsync(items, until: 12);
        Assert.Empty(_channel.Drain());

        Deliver(Message.ToFrame(new StreamCreditMessage(1, 12)));
        SentFrame frame;
        while ((frame = await NextOrCreditAsync(items)).Kind != MessageKind.EngineResult)
        {
        }

        Assert.Equal(Enumerable.Range(0, 1000), items);
        Assert.Equal(1000L, StreamReply.Read(Result(frame).Payload));
    }

    [Fact]
    public async Task A_stream_that_throws_sends_the_items_it_yielded_then_its_error()
    {
        DispatchStream(1, LiveWork.Remote.CountThenThrow(10), windowItems: 1000);

        var items = new List<int>();
        SentFrame frame;
        while ((frame = await NextAsync()).Kind != MessageKind.EngineResult)
        {
            items.AddRange(Items<int>(frame));
        }

        Assert.Equal(Enumerable.Range(0, 10), items);
        var result = Result(frame);
        Assert.Equal(ResultStatus.Error, result.Header.Status);
        var r = new WireReader(result.Payload);
        var error = ErrorPayload.Read(ref r);
        Assert.Equal((typeof(InvalidOperationException).FullName, "failed after 10"), (error.Type, error.Message));
    }

    [Fact]
    public async Task Aborting_a_stream_that_waits_for_its_caller_ends_it_as_aborted()
    {
        DispatchStream(1, LiveWork.Remote.Endless(), windowItems: 4);
        var items = new List<long>();
        while (items.Count < 4)
        {
            items.AddRange(Items<long>(await NextAsync()));
        }

        Deliver(Message.ToFrame(new AbortTaskMessage(1)));
        var result = Result(await NextAsync());
        var r = new WireReader(result.Payload);
        Assert.Equal(ErrorKind.Aborted, ErrorPayload.Read(ref r).Kind);
        Assert.Equal([0L, 1, 2, 3], items);
    }

    [Fact]
    public async Task A_method_that_returns_no_stream_sent_as_a_stream_task_fails_saying_so()
    {
        Dispatch(1, Body(w =>
        {
            new StreamTask(LiveWork.Remote.Plain(0).Method.Id, LiveWork.Bundle.Hash, 8, 1024).Write(w);
            MemoryPackSerializer.Serialize(w, 5);
        }));
        await ServeCodeAsync();

        var r = new WireReader(Result(await NextAsync()).Payload);
        Assert.Contains("does not return a stream", ErrorPayload.Read(ref r).Message, StringComparison.Ordinal);
    }

    private async Task ReceiveItemsAsync(List<int> items, int until)
    {
        while (items.Count < until)
        {
            items.AddRange(Items<int>(await NextAsync()));
        }
    }

    /// <summary>The next frame; items it carries are taken and all consumed at once.</summary>
    private async Task<SentFrame> NextOrCreditAsync(List<int> items)
    {
        var frame = await NextAsync();
        if (frame.Kind == MessageKind.EngineTaskEvent)
        {
            items.AddRange(Items<int>(frame));
            Deliver(Message.ToFrame(new StreamCreditMessage(1, items.Count)));
        }

        return frame;
    }

    private void DispatchCall(ulong id, RemoteCall call)
    {
        Dispatch(id, Body(w => TaskMessages.WriteCall(w, call, LiveWork.Bundle)));
    }

    private void DispatchStream<T>(ulong id, RemoteStreamCall<T> call, int windowItems) =>
        Dispatch(id, Body(w => TaskMessages.WriteStream(w, call.Call, LiveWork.Bundle, new StreamOptions { MaxBufferedItems = windowItems, MaxBufferedBytes = 1 << 20 })));

    private void Dispatch(ulong taskId, byte[] taskBody) => Deliver(FrameOf(new DispatchMessage(taskId), taskBody));

    private void Deliver(OutgoingFrame frame) => _channel.Deliver(frame, _session.OnFrame);

    /// <summary>The next frame the session sends that is not a heartbeat reply, shipping the test code when it is asked for.</summary>
    private async Task<SentFrame> NextAsync()
    {
        while (true)
        {
            var frame = await _channel.NextAsync();
            if (frame.Kind == MessageKind.CodeRequest)
            {
                Assert.False(_codeServed);
                ServeCode();
                continue;
            }

            if (frame.Kind != MessageKind.HeartbeatReply)
            {
                return frame;
            }
        }
    }

    private async Task ServeCodeAsync()
    {
        if (!_codeServed)
        {
            Assert.Equal(MessageKind.CodeRequest, (await _channel.NextAsync()).Kind);
            ServeCode();
        }
    }

    private void ServeCode()
    {
        _codeServed = true;
        Deliver(Message.ToFrame(CodeBundleMessage.Of(Body(w => LiveWork.Bundle.Write(w)))));
    }

    private static (TaskEventKind Kind, byte[] Body) Event(SentFrame frame)
    {
        Assert.Equal(MessageKind.EngineTaskEvent, frame.Kind);
        var r = frame.Reader();
        var header = EngineTaskEventMessage.Read(ref r);
        Assert.Equal((1UL, 3), (header.TaskId, header.EngineId));
        return (header.Event, r.Rest.ToArray());
    }

    private static OutputChunk[] Output(SentFrame frame)
    {
        var (kind, body) = Event(frame);
        Assert.Equal(TaskEventKind.Output, kind);
        return OutputBody(body);
    }

    private static OutputChunk[] OutputBody(byte[] body)
    {
        var r = new WireReader(new ReadOnlySequence<byte>(body));
        return OutputEvent.Read(ref r);
    }

    private static T[] Items<T>(SentFrame frame)
    {
        var (kind, body) = Event(frame);
        Assert.Equal(TaskEventKind.StreamItems, kind);
        var r = new WireReader(new ReadOnlySequence<byte>(body));
        var batch = StreamItemsEvent.Read(ref r);
        var items = MemoryPackSerializer.Deserialize<T[]>(r.Rest)!;
        Assert.Equal(batch.Count, items.Length);
        return items;
    }

    private static ResultBody Result(SentFrame frame)
    {
        Assert.Equal(MessageKind.EngineResult, frame.Kind);
        var r = frame.Reader();
        Assert.Equal(1UL, EngineResultMessage.Read(ref r).TaskId);
        var body = ResultBody.Read(ref r);
        r.ExpectEnd();
        return body;
    }
}
