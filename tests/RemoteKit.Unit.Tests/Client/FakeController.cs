using System.Buffers;
using MemoryPack;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Unit.Tests.Client;

/// <summary>A task the client submitted, as the controller reads it.</summary>
internal sealed record SubmittedTask(SubmitMessage Header, TaskKind Kind, byte[] Body)
{
    public ulong Id => Header.ClientTaskId;

    /// <summary>The argument blobs of a batch task (one per call), each MemoryPack bytes.</summary>
    public IReadOnlyList<byte[]> BatchArguments()
    {
        var r = new WireReader(new ReadOnlySequence<byte>(Body));
        TaskBody.ReadKind(ref r);
        var batch = BatchTask.Read(ref r);
        var arguments = new byte[batch.Count][];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = r.ReadBlob().ToArray();
        }

        return arguments;
    }
}

/// <summary>
/// The controller as a client's session sees it, in memory: a <see cref="ControllerSession"/> and <see cref="RemoteClient"/>
/// over a <see cref="FakeChannel"/>, with helpers that read what the client sends and answer as the controller would.
/// Code queries are answered "already have it", so tasks go out as soon as they are submitted.
/// </summary>
internal sealed class FakeController : IAsyncDisposable
{
    private readonly FakeChannel _channel = new("controller");

    public FakeController(params int[] engines)
        : this(null, engines)
    {
    }

    /// <summary>A controller whose client's session keeps time by <paramref name="time"/> (leases' idle return, say).</summary>
    public FakeController(TimeProvider? time, params int[] engines)
    {
        Session = new ControllerSession(
            _channel, new ConnectionInfo { Host = "fake", Port = 1, Key = Convert.ToBase64String(new byte[32]) }, NullLogger.Instance, ShippingPolicy.Default, time);
        Client = new RemoteClient(Session);
        Announce(engines);
    }

    public ControllerSession Session { get; }

    public RemoteClient Client { get; }

    /// <summary>Frames other than tasks that the client sent (aborts, method names), in order.</summary>
    public List<SentFrame> Other { get; } = [];

    /// <summary>
    /// Whether requests for leases reach the test (<see cref="NextOtherAsync"/>); otherwise they are answered with no lease
    /// on the way, as a busy controller would, and balanced tasks come through the controller.
    /// </summary>
    public bool GrantsLeases
    {
        get => _grantsLeases;
        set
        {
            // A controller that grants leases talks to a client that asks (a test may have turned them off before).
            _grantsLeases = value;
            if (value && Client.LeaseIdleReturn == TimeSpan.Zero)
            {
                Client.LeaseIdleReturn = TimeSpan.FromMilliseconds(500);
            }
        }
    }

    private bool _grantsLeases;

    private void RefuseLeases() => Deliver(Message.ToFrame(new LeaseGrantMessage([])));

    public void Announce(params int[] engines) => Deliver(Message.ToFrame(new EngineSetMessage(engines)));

    /// <summary>The next task the client submits, answering code queries on the way.</summary>
    public async Task<SubmittedTask> NextTaskAsync()
    {
        while (true)
        {
            var frame = await _channel.NextAsync();
            var r = frame.Reader();
            switch (frame.Kind)
            {
                case MessageKind.CodeQuery:
                    Deliver(Message.ToFrame(new CodeQueryReplyMessage(CodeQueryMessage.Read(ref r).RequestId, true)));
                    break;
                case MessageKind.LeaseRequest when !GrantsLeases:
                    RefuseLeases();
                    break;
                case MessageKind.Submit:
                    var header = SubmitMessage.Read(ref r);
                    var body = r.Rest.ToArray();
                    return new SubmittedTask(header, (TaskKind)body[0], body);
                default:
                    Other.Add(frame);
                    break;
            }
        }
    }

    /// <summary>The next frame the client sends, whatever it is, answering code queries on the way.</summary>
    public async Task<SentFrame> NextFrameAsync()
    {
        while (true)
        {
            var frame = await _channel.NextAsync();
            if (frame.Kind != MessageKind.CodeQuery)
            {
                return frame;
            }

            var r = frame.Reader();
            Deliver(Message.ToFrame(new CodeQueryReplyMessage(CodeQueryMessage.Read(ref r).RequestId, true)));
        }
    }

    /// <summary>The next frame that is not a task or a code query (an abort, say).</summary>
    public async Task<SentFrame> NextOtherAsync(MessageKind kind)
    {
        while (true)
        {
            var frame = await _channel.NextAsync();
            if (frame.Kind == kind)
            {
                return frame;
            }

            if (frame.Kind == MessageKind.LeaseRequest && !GrantsLeases)
            {
                RefuseLeases();
                continue;
            }

            Other.Add(frame);
        }
    }

    /// <summary>Every frame the client sent so far that was not taken as a task (acknowledgements, aborts), in order.</summary>
    public List<SentFrame> SentSoFar()
    {
        Other.AddRange(_channel.Drain().Where(f => f.Kind is not (MessageKind.Submit or MessageKind.CodeQuery or MessageKind.LeaseRequest)));
        return Other;
    }

    /// <summary>Answers a task with a value, as its engine would have.</summary>
    public void Succeed<T>(SubmittedTask task, int engineId, T value, string? stdout = null)
    {
        var frame = Message.Start(new ResultMessage(task.Id), 64);
        var result = ResultBody.Begin(frame);
        MemoryPackSerializer.Serialize(frame, value);
        result.End(frame, ResultStatus.Ok, engineId, 10, 20, new TaskOutputText(stdout, null));
        Deliver(frame.Finish());
    }

    /// <summary>Answers a batch task, each call's result computed from its argument.</summary>
    public void SucceedBatch<TArgument, TResult>(SubmittedTask task, int engineId, Func<TArgument, TResult> compute)
    {
        var arguments = task.BatchArguments();
        var frame = Message.Start(new ResultMessage(task.Id), 64);
        var result = ResultBody.Begin(frame);
        BatchReply.WriteHeader(frame, engineId, arguments.Count);
        foreach (var argument in arguments)
        {
            var item = BatchReply.BeginItem(frame);
            MemoryPackSerializer.Serialize(frame, compute(MemoryPackSerializer.Deserialize<TArgument>(argument)!));
            item.Succeed(frame);
        }

        result.End(frame, ResultStatus.Ok, engineId, 10, 20, default);
        Deliver(frame.Finish());
    }

    /// <summary>Fails a task with a failure of RemoteKit's own (lost engine, abort, timeout).</summary>
    public void Fail(SubmittedTask task, int engineId, ErrorKind kind, string message)
    {
        var frame = Message.Start(new ResultMessage(task.Id), 64);
        ResultBody.WriteError(frame, engineId, kind, message, 10);
        Deliver(frame.Finish());
    }

    /// <summary>Sends an event of a running task, as its engine would have through the controller.</summary>
    public void Event(SubmittedTask task, int engineId, TaskEventKind kind, byte[] body)
    {
        Deliver(Bytes.FrameOf(new TaskEventMessage(task.Id, engineId, kind), body));
    }

    /// <summary>Sends pieces of a running task's output.</summary>
    public void Output(SubmittedTask task, int engineId, params OutputChunk[] chunks)
    {
        var frame = Message.Start(new TaskEventMessage(task.Id, engineId, TaskEventKind.Output), 64);
        OutputEvent.Write(frame, chunks);
        Deliver(frame.Finish());
    }

    /// <summary>Sends a batch of a stream's items, starting at item <paramref name="first"/>.</summary>
    public void Items<T>(SubmittedTask task, int engineId, long first, params T[] items)
    {
        var frame = Message.Start(new TaskEventMessage(task.Id, engineId, TaskEventKind.StreamItems), 64);
        new StreamItemsEvent(first, items.Length).Write(frame);
        MemoryPackSerializer.Serialize(frame, items);
        Deliver(frame.Finish());
    }

    /// <summary>Ends a stream well, its engine saying it sent <paramref name="items"/> items.</summary>
    public void EndStream(SubmittedTask task, int engineId, long items)
    {
        var frame = Message.Start(new ResultMessage(task.Id), 64);
        var result = ResultBody.Begin(frame);
        StreamReply.Write(frame, items);
        result.End(frame, ResultStatus.Ok, engineId, 10, 20, default);
        Deliver(frame.Finish());
    }

    /// <summary>Tells the client which engines a task was lost on before this attempt.</summary>
    public void Attempts(SubmittedTask task, params int[] lostEngines) => Deliver(Message.ToFrame(new TaskAttemptsMessage(task.Id, lostEngines)));

    public void Deliver(OutgoingFrame frame) => _channel.Deliver(frame, Session.OnFrame);

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
