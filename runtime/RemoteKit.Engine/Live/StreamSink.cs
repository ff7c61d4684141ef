using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// The engine's end of a stream task: sends each batch the pump gives it as a <see cref="StreamItemsEvent"/>, and keeps the
/// window the caller asked for (<see cref="StreamTask"/>): a batch may go only while the items and the bytes sent but not yet
/// consumed (the caller's running total, <see cref="StreamCreditMessage"/>) are under the window, so an engine never sends
/// more than a window and a batch ahead of its caller, however slowly the caller reads (and its pump holds at most one more
/// batch while it waits for room).
/// </summary>
internal sealed class StreamSink : IStreamSink, IDisposable
{
    private readonly IFrameChannel _channel;
    private readonly ulong _taskId;
    private readonly int _engineId;
    private readonly int _windowBytes;
    private readonly TimeProvider _time;
    private readonly TimeSpan _flushInterval;
    private readonly Lock _gate = new();

    // Each batch sent and not yet wholly consumed: the index after its last item, and the bytes sent up to its end.
    private readonly Queue<(long End, long Bytes)> _unconsumed = new();
    private long _sent;
    private long _sentBytes;
    private long _consumed;
    private long _consumedBytes;
    private TaskCompletionSource? _room;
    private FrameBuilder? _batch;
    private int _batchCount;
    private ITimer? _timer;

    public StreamSink(IFrameChannel channel, ulong taskId, int engineId, StreamTask task, TimeProvider time, TimeSpan flushInterval)
    {
        _channel = channel;
        _taskId = taskId;
        _engineId = engineId;
        WindowItems = task.WindowItems;
        _windowBytes = task.WindowBytes;
        _time = time;
        _flushInterval = flushInterval;
    }

    /// <inheritdoc />
    public int WindowItems { get; }

    /// <inheritdoc />
    public bool HasRoom
    {
        get
        {
            lock (_gate)
            {
                return _sent - _consumed < WindowItems && _sentBytes - _consumedBytes < _windowBytes;
            }
        }
    }

    /// <summary>Takes the caller's running total of consumed items.</summary>
    public void Credit(long consumed)
    {
        TaskCompletionSource? room;
        lock (_gate)
        {
            if (consumed <= _consumed)
            {
                return;
            }

            _consumed = Math.Min(consumed, _sent);
            while (_unconsumed.TryPeek(out var batch) && batch.End <= _consumed)
            {
                _consumedBytes = _unconsumed.Dequeue().Bytes;
            }

            room = _room;
            _room = null;
        }

        room?.TrySetResult();
    }

    /// <inheritdoc />
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource room;
        lock (_gate)
        {
            if (_sent - _consumed < WindowItems && _sentBytes - _consumedBytes < _windowBytes)
            {
                return default;
            }

            room = _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return new ValueTask(room.Task.WaitAsync(cancellationToken));
    }

    /// <inheritdoc />
    public IBufferWriter<byte> BeginBatch(long first, int count)
    {
        var frame = Message.Start(new EngineTaskEventMessage(_taskId, _engineId, TaskEventKind.StreamItems), StreamItemsEvent.Size + 64 * 1024);
        new StreamItemsEvent(first, count).Write(frame);
        _batch = frame;
        _batchCount = count;
        return frame;
    }

    /// <inheritdoc />
    public void EndBatch()
    {
        var frame = _batch ?? throw new InvalidOperationException("No batch was begun.");
        _batch = null;
        var sent = frame.Finish();
        lock (_gate)
        {
            _sent += _batchCount;
            _sentBytes += sent.Length;
            _unconsumed.Enqueue((_sent, _sentBytes));
        }

        _channel.Send(sent);
    }

    /// <inheritdoc />
    public void Start(IStreamFlusher flusher)
    {
        _timer ??= _time.CreateTimer(static f => ((IStreamFlusher)f!).FlushIfIdle(), flusher, _flushInterval, _flushInterval);
    }

    /// <summary>Stops the flush timer; called once the pump has returned, so no flush is under way.</summary>
    public void Dispose() => _timer?.Dispose();
}
