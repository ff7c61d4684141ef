using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// One connection to the controller: its read loop, the tasks and requests waiting for an answer, and the engines it
/// announces. With <see cref="TaskMessages"/> (task bodies), the only place the client knows the wire format: every frame
/// the client sends is built here and every frame it receives is read here.
/// </summary>
internal sealed class ControllerSession : ICodeChannel, IAsyncDisposable
{
    private readonly FrameConnection _connection;
    private readonly Dictionary<ulong, PendingTask> _pending = new();
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<ReadOnlyMemory<byte>>> _requests = new();
    private readonly Task _run;
    private long _nextId;
    private volatile Exception? _lost;

    public ControllerSession(FrameConnection connection, ConnectionInfo info, ILogger logger, ShippingPolicy shipping)
    {
        _connection = connection;
        Info = info;
        Outbox = new CodeShipper(this, logger, shipping);
        _run = RunAsync();
    }

    /// <summary>The controller this session is connected to.</summary>
    public ConnectionInfo Info { get; }

    /// <summary>The engines the controller announced.</summary>
    public EngineRegistry Engines { get; } = new();

    /// <summary>Every task, abort and control request goes out through here, in order, behind the code it needs.</summary>
    public CodeShipper Outbox { get; }

    /// <summary>Sends a task: tracked until its result arrives, sent once its code is shipped.</summary>
    /// <typeparam name="TState">What <paramref name="writeBody"/> writes from.</typeparam>
    /// <param name="pending">The task.</param>
    /// <param name="target">Where it runs.</param>
    /// <param name="bundle">The code it needs, or null.</param>
    /// <param name="writeBody">Writes the task body (see <see cref="TaskMessages"/>).</param>
    /// <param name="state">The state for <paramref name="writeBody"/>.</param>
    /// <param name="bodySizeHint">The expected body size.</param>
    public void Submit<TState>(PendingTask pending, TaskTarget target, CodeBundle? bundle, Action<FrameBuilder, TState> writeBody, TState state, int bodySizeHint)
    {
        var frame = StartSubmit(pending, target, bodySizeHint);
        writeBody(frame, state);
        Send(pending, frame, bundle);
    }

    /// <summary>Sends the same task body to each engine of <paramref name="targets"/>, writing it once.</summary>
    public void SubmitToEach<TState>(
        IReadOnlyList<PendingTask> parts, IReadOnlyList<int> targets, CodeBundle? bundle, Action<FrameBuilder, TState> writeBody, TState state, int bodySizeHint)
    {
        if (parts.Count == 1)
        {
            Submit(parts[0], TaskTarget.Engine(targets[0]), bundle, writeBody, state, bodySizeHint);
            return;
        }

        var template = new FrameBuilder((byte)MessageKind.Submit, bodySizeHint);
        writeBody(template, state);
        var written = template.Finish();
        try
        {
            var body = written.Memory.Span[Frame.HeaderLength..];
            for (var i = 0; i < parts.Count; i++)
            {
                var frame = StartSubmit(parts[i], TaskTarget.Engine(targets[i]), body.Length);
                frame.Write(body);
                Send(parts[i], frame, bundle);
            }
        }
        finally
        {
            written.Return();
        }
    }

    /// <summary>Asks the controller to abort tasks: queued ones never run, running ones see their token cancelled.</summary>
    public void Abort(IReadOnlyList<PendingTask> tasks)
    {
        var frame = new FrameBuilder((byte)MessageKind.Abort, 4 + (8 * tasks.Count));
        frame.WriteI32(tasks.Count);
        foreach (var task in tasks)
        {
            frame.WriteU64(task.Id);
        }

        Outbox.Send(frame.Finish());
    }

    public ulong NextId() => (ulong)Interlocked.Increment(ref _nextId);

    /// <summary>The completions of every task still waiting for its result.</summary>
    public Task[] Outstanding()
    {
        lock (_pending)
        {
            return _pending.Values.Select(p => p.Completion).ToArray();
        }
    }

    public async Task<QueueStatusReport> QueueStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await ControlAsync(ControlOp.QueueStatus, cancellationToken).ConfigureAwait(false);
        var reader = new WireReader(new ReadOnlySequence<byte>(reply));
        var unassigned = reader.ReadI32();
        var engines = new EngineQueueStatus[reader.ReadI32()];
        for (var i = 0; i < engines.Length; i++)
        {
            engines[i] = new EngineQueueStatus(reader.ReadI32(), reader.ReadI32(), reader.ReadI32(), reader.ReadI64());
        }

        return new QueueStatusReport(unassigned, engines);
    }

    public Task ShutdownAsync(CancellationToken cancellationToken) => ControlAsync(ControlOp.Shutdown, cancellationToken);

    /// <summary>Closes the connection; tasks still pending fail.</summary>
    public async ValueTask DisposeAsync()
    {
        _connection.Close("client disposed");
        await _run.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    async Task<bool> ICodeChannel.HasBundleAsync(CodeBundle bundle, CancellationToken cancellationToken)
    {
        // Sent at once, not through the outbox: the frames held there wait for this answer.
        var reply = await RequestAsync(MessageKind.CodeQuery, bundle, static (w, b) => w.Write(b.Hash), ordered: false, cancellationToken).ConfigureAwait(false);
        return reply.Span[0] != 0;
    }

    void ICodeChannel.Upload(CodeBundle bundle)
    {
        var upload = new FrameBuilder((byte)MessageKind.CodeUpload, bundle.Assemblies.Sum(a => a.Bytes.Length + 64) + 64);
        bundle.Write(upload);
        Send(upload.Finish());
    }

    void ICodeChannel.Send(OutgoingFrame frame) => Send(frame);

    void ICodeChannel.Fail(PendingTask task, Exception error)
    {
        lock (_pending)
        {
            _pending.Remove(task.Id);
        }

        task.Fail(error);
    }

    private static FrameBuilder StartSubmit(PendingTask pending, TaskTarget target, int bodySizeHint)
    {
        var frame = new FrameBuilder((byte)MessageKind.Submit, bodySizeHint + SubmitMessage.HeaderSize);
        new SubmitMessage(pending.Id, target.Value, target.Retries, target.TimeoutMilliseconds).Write(frame);
        return frame;
    }

    private void Send(PendingTask pending, FrameBuilder frame, CodeBundle? bundle)
    {
        var finished = frame.Finish();
        try
        {
            Track(pending);
        }
        catch
        {
            finished.Return();
            throw;
        }

        Outbox.Send(finished, bundle, pending);
    }

    private void Track(PendingTask pending)
    {
        lock (_pending)
        {
            ThrowIfLost();
            _pending.Add(pending.Id, pending);
        }
    }

    private void ThrowIfLost()
    {
        if (_lost is { } lost)
        {
            throw new RemoteKitConnectionException(lost.Message, lost);
        }
    }

    /// <summary>Sends at once. On a closed connection the frame is dropped; the read loop's end fails whatever waits.</summary>
    private void Send(OutgoingFrame frame) => _connection.Send(frame);

    private Task<ReadOnlyMemory<byte>> ControlAsync(ControlOp op, CancellationToken cancellationToken) =>
        RequestAsync(MessageKind.ControlRequest, op, static (w, op) => w.WriteU8((byte)op), ordered: true, cancellationToken);

    /// <summary>
    /// Sends a request and waits for the reply with its id. The one place requests are registered, and the entry is removed
    /// however the wait ends.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> RequestAsync<TState>(
        MessageKind kind, TState state, Action<FrameBuilder, TState> writeBody, bool ordered, CancellationToken cancellationToken)
    {
        ThrowIfLost();
        var id = NextId();
        var reply = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[id] = reply;
        try
        {
            if (_lost is { } lost)
            {
                // Lost between the check and the registration: the read loop may have failed the requests before this one was in.
                throw new RemoteKitConnectionException(lost.Message, lost);
            }

            var frame = new FrameBuilder((byte)kind, 48);
            frame.WriteU64(id);
            writeBody(frame, state);
            if (ordered)
            {
                Outbox.Send(frame.Finish());
            }
            else
            {
                Send(frame.Finish());
            }

            return await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requests.TryRemove(id, out _);
        }
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        try
        {
            await _connection.RunAsync(OnFrame, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            var reason = _connection.CloseReason ?? "closed";
            var error = new RemoteKitConnectionException($"The connection to the controller at {Info} was lost ({reason}).");
            PendingTask[] orphans;
            lock (_pending)
            {
                // Set under the lock Track takes: a task is either failed here or refused by Track, never left hanging.
                _lost = error;
                orphans = _pending.Values.ToArray();
                _pending.Clear();
            }

            foreach (var p in orphans)
            {
                p.Fail(error);
            }

            foreach (var request in _requests.Values)
            {
                request.TrySetException(error);
            }

            Outbox.Close();
            Engines.Close(error);
        }
    }

    private void OnFrame(byte kind, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.Result:
            {
                var id = reader.ReadU64();
                var header = ResultHeader.Read(ref reader);
                var payload = reader.ReadSequence(header.PayloadLength);
                var stdout = reader.ReadString();
                var stderr = reader.ReadString();
                PendingTask? pending;
                lock (_pending)
                {
                    _pending.Remove(id, out pending);
                }

                if (pending is not null)
                {
                    var error = header.Status == ResultStatus.Ok ? null : TaskMessages.ReadError(payload, header.EngineId, pending.AbortedBy);
                    pending.Complete(
                        header.EngineId, new DateTimeOffset(header.StartedTicks, TimeSpan.Zero), new DateTimeOffset(header.CompletedTicks, TimeSpan.Zero),
                        stdout, stderr, payload, error);
                }

                break;
            }

            case MessageKind.EngineSet:
            {
                var ids = new int[reader.ReadI32()];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = reader.ReadI32();
                }

                Engines.Update(ids);
                break;
            }

            case MessageKind.CodeQueryReply:
            case MessageKind.ControlReply:
            {
                var id = reader.ReadU64();
                if (_requests.TryGetValue(id, out var reply))
                {
                    reply.TrySetResult(reader.Rest.ToArray());
                }

                break;
            }

            default:
                throw new ProtocolViolationException($"The controller sent an unexpected message kind {kind}.");
        }
    }
}
