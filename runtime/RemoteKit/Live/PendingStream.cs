using System.Buffers;
using MemoryPack;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>
/// A stream task on the wire: its batches of items as they arrive (decoded on the receive loop, one array per batch), read by
/// one consumer (<see cref="AsyncStream{T}"/>), which acknowledges what it has taken so the engine may send more. The stream
/// ends with the task's result: the count of items the engine sent (checked against those that arrived, so a stream is never
/// cut short silently), or the error it failed with, which the consumer meets after the items that came before it.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class PendingStream<T> : PendingTask
{
    private readonly Lock _gate = new();
    private readonly Queue<(T[] Items, int Bytes)> _batches = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ulong, long> _acknowledge;
    private readonly StreamOptions _options;
    private TaskCompletionSource? _arrived;
    private long _received;
    private long _consumed;
    private long _consumedBytes;
    private long _acknowledged;
    private long _acknowledgedBytes;
    private Exception? _error;
    private bool _ended;
    private bool _dropped;

    public PendingStream(ulong id, StreamOptions options, Action<ulong, long> acknowledge)
        : base(id, null)
    {
        _options = options;
        _acknowledge = acknowledge;
    }

    public override Task Completion => _completion.Task;

    /// <summary>How many items arrived so far.</summary>
    public long Received => Volatile.Read(ref _received);

    protected override void FailCore(Exception error)
    {
        TaskCompletionSource? arrived;
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            (_ended, _error, arrived, _arrived) = (true, error, _arrived, null);
        }

        arrived?.TrySetResult();
        _completion.TrySetException(error);
    }

    protected override void SetResult(ReadOnlySequence<byte> payload)
    {
        var sent = StreamReply.Read(payload);
        if (sent != Received)
        {
            throw new ProtocolViolationException($"The stream's engine sent {sent} items, but {Received} arrived.");
        }

        TaskCompletionSource? arrived;
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            (_ended, arrived, _arrived) = (true, _arrived, null);
        }

        arrived?.TrySetResult();
        _completion.TrySetResult();
    }

    /// <inheritdoc />
    public override bool MayRunAgain => false;

    protected override void OnItems(StreamItemsEvent batch, in ReadOnlySequence<byte> items)
    {
        if (batch.First != _received)
        {
            throw new ProtocolViolationException($"A stream's batch starts at item {batch.First}, but {_received} items arrived before it.");
        }

        T[]? decoded;
        try
        {
            decoded = _dropped ? [] : MemoryPackSerializer.Deserialize<T[]>(items);
        }
        catch (Exception e) when (e is not ProtocolViolationException)
        {
            // This program cannot read the items (a type that differs from the engine's): the stream fails here, not the
            // connection; the consumer meets the error and stopping reading aborts the task.
            decoded = null;
            lock (_gate)
            {
                _unreadable ??= Unreadable(e, -1);
                _dropped = true;
                _batches.Clear();
            }
        }

        if (decoded is not null && !_dropped && decoded.Length != batch.Count)
        {
            throw new ProtocolViolationException($"A stream's batch says it holds {batch.Count} items but holds {decoded.Length}.");
        }

        TaskCompletionSource? arrived;
        lock (_gate)
        {
            Volatile.Write(ref _received, _received + batch.Count);
            if (_dropped || decoded is null)
            {
                // The consumer stopped early (or cannot read the items): nothing is kept, and the engine is let run on until the
                // abort reaches it.
                _consumed += batch.Count;
            }
            else
            {
                _batches.Enqueue((decoded, (int)items.Length));
            }

            (arrived, _arrived) = (_arrived, null);
        }

        arrived?.TrySetResult();
    }

    private Exception? _unreadable;

    /// <summary>
    /// The next batch for the consumer, who has finished the previous one (of <paramref name="previousCount"/> items and
    /// <paramref name="previousBytes"/> bytes); null once the stream has ended well. Throws the stream's error after the last
    /// batch that came before it.
    /// </summary>
    public async ValueTask<(T[] Items, int Bytes)?> NextBatchAsync(int previousCount, int previousBytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            long acknowledge = -1;
            lock (_gate)
            {
                _consumed += previousCount;
                _consumedBytes += previousBytes;
                (previousCount, previousBytes) = (0, 0);
                var has = _batches.TryDequeue(out var next);

                // The engine may run a window ahead of what was acknowledged: acknowledge a quarter of it at a time, and whatever
                // was consumed when nothing is left to read, so that a window of few large items never stalls.
                if (_consumed > _acknowledged &&
                    (!has || _consumed - _acknowledged >= _options.MaxBufferedItems / 4 || _consumedBytes - _acknowledgedBytes >= _options.MaxBufferedBytes / 4) &&
                    !_ended)
                {
                    (_acknowledged, _acknowledgedBytes, acknowledge) = (_consumed, _consumedBytes, _consumed);
                }

                if (_unreadable is { } unreadable)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(unreadable);
                }

                if (has)
                {
                    if (acknowledge >= 0)
                    {
                        _acknowledge(Id, acknowledge);
                    }

                    return next;
                }

                if (_ended)
                {
                    if (_error is { } error)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                    }

                    return null;
                }

                arrived = (_arrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            if (acknowledge >= 0)
            {
                _acknowledge(Id, acknowledge);
            }

            await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The consumer stopped before the end: what is buffered and what still arrives is let go.</summary>
    public void Drop()
    {
        lock (_gate)
        {
            _dropped = true;
            _batches.Clear();
        }
    }
}
