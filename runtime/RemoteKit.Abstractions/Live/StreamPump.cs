using System.Buffers;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// Runs a [Remote] method's stream on the engine: takes its items, gathers them into batches, and hands each batch to the
/// engine's <see cref="IStreamSink"/> as one MemoryPack <c>T[]</c> (one raw copy for an unmanaged <c>T</c>) while the
/// caller's window has room, waiting for room otherwise (back-pressure: the producer is not asked for more meanwhile).
/// </summary>
/// <remarks>
/// A batch goes out when it is full, when the producer's next item is not ready at once (an async producer waiting), and
/// when the engine's timer finds the producer busy computing the next item (<see cref="FlushIfIdle"/>), so an item waits no
/// longer than the engine's flush interval. The batch belongs to one side at a time: <see cref="_state"/> says whether the
/// pump (busy with it) or nobody (the pump is inside the producer) holds it, and the timer takes it only in the second case.
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class StreamPump<T> : IStreamFlusher
{
    private const int BatchBytes = 64 * 1024;
    private const int MaxUnmanagedBatch = 16 * 1024;
    private const int MaxManagedBatch = 1024;
    private const int Busy = 0;
    private const int InProducer = 1;
    private const int Flushing = 2;

    private readonly IStreamSink _sink;
    private readonly int _maxCapacity;
    private T[] _batch;
    private int _capacity;
    private int _count;
    private long _sent;
    private int _state;

    public StreamPump(IStreamSink sink)
    {
        _sink = sink;

        // A window holds several batches, so the next one is on its way while the caller reads the last.
        var fit = Math.Max(1, sink.WindowItems / 4);
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _maxCapacity = Math.Min(MaxManagedBatch, fit);
            _capacity = Math.Min(16, _maxCapacity);
        }
        else
        {
            _maxCapacity = Math.Clamp(BatchBytes / Unsafe.SizeOf<T>(), 1, Math.Min(MaxUnmanagedBatch, fit));
            _capacity = _maxCapacity;
        }

        _batch = new T[_capacity];
    }

    /// <summary>How many items were sent.</summary>
    public long Sent => _sent;

    /// <summary>Pumps an async stream until it ends; the items it yielded before failing are sent before its exception.</summary>
    public async ValueTask RunAsync(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        _sink.Start(this);
        var e = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                Release();
                ValueTask<bool> next;
                try
                {
                    next = e.MoveNextAsync();
                }
                finally
                {
                    Acquire();
                }

                if (next.IsCompletedSuccessfully)
                {
                    more = next.Result;
                }
                else
                {
                    // The producer waits for something: what it yielded so far goes now.
                    TrySend();
                    Release();
                    try
                    {
                        more = await next.ConfigureAwait(false);
                    }
                    finally
                    {
                        Acquire();
                    }
                }

                if (!more)
                {
                    break;
                }

                await AddAsync(e.Current, cancellationToken).ConfigureAwait(false);
            }

            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await e.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Pumps a synchronous sequence until it ends; the items it yielded before failing are sent before its exception.</summary>
    public async ValueTask RunAsync(IEnumerable<T> items, CancellationToken cancellationToken)
    {
        _sink.Start(this);
        using var e = items.GetEnumerator();
        try
        {
            while (true)
            {
                bool more;
                Release();
                try
                {
                    more = e.MoveNext();
                }
                finally
                {
                    Acquire();
                }

                if (!more)
                {
                    break;
                }

                await AddAsync(e.Current, cancellationToken).ConfigureAwait(false);
            }

            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public void FlushIfIdle()
    {
        if (Volatile.Read(ref _count) == 0 || Interlocked.CompareExchange(ref _state, Flushing, InProducer) != InProducer)
        {
            return;
        }

        try
        {
            TrySend();
        }
        finally
        {
            Volatile.Write(ref _state, InProducer);
        }
    }

    private ValueTask AddAsync(T item, CancellationToken cancellationToken)
    {
        _batch[_count++] = item;
        return _count < _capacity ? default : SendFullAsync(cancellationToken);
    }

    private async ValueTask SendFullAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (!_sink.HasRoom)
        {
            await _sink.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        }

        Send();
    }

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        while (_count > 0)
        {
            while (!_sink.HasRoom)
            {
                await _sink.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
            }

            Send();
        }
    }

    private void TrySend()
    {
        if (_count > 0 && _sink.HasRoom)
        {
            Send();
        }
    }

    private void Send()
    {
        var count = _count;
        var output = _sink.BeginBatch(_sent, count);
        int written;
        using (var state = MemoryPackWriterOptionalStatePool.Rent(null))
        {
            var writer = new MemoryPackWriter<IBufferWriter<byte>>(ref output, state);
            writer.WriteSpan((ReadOnlySpan<T?>)_batch.AsSpan(0, count)!);
            writer.Flush();
            written = writer.WrittenCount;
        }

        _sink.EndBatch();
        _sent += count;
        _count = 0;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Items already sent are not kept alive by the batch; the next batch is sized by what these weighed.
            Array.Clear(_batch, 0, count);
            _capacity = Math.Clamp(BatchBytes / Math.Max(1, written / count), 1, _maxCapacity);
            if (_capacity > _batch.Length)
            {
                _batch = new T[_capacity];
            }
        }
    }

    /// <summary>The pump takes the batch back after a call into the producer, waiting out a timer's flush under way.</summary>
    private void Acquire()
    {
        if (Interlocked.CompareExchange(ref _state, Busy, InProducer) == InProducer)
        {
            return;
        }

        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref _state, Busy, InProducer) != InProducer)
        {
            spin.SpinOnce();
        }
    }

    /// <summary>The pump leaves the batch to the timer while it calls into the producer.</summary>
    private void Release() => Volatile.Write(ref _state, InProducer);
}
