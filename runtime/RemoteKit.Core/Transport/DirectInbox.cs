using System.Buffers;
using RemoteKit.Buffers;

namespace RemoteKit.Transport;

/// <summary>A value that arrived on a direct connection: its bytes, in a buffer the receiver now owns a share of.</summary>
internal readonly record struct DirectDelivery(SharedBuffer Owner, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Where values sent on direct connections meet the tasks that name them, whichever comes first: a task waits for its
/// token's data (bounded by the value's frame deadline and failed at once if the peer's connection closes), and data nobody
/// claims within <see cref="UnclaimedFor"/> (its task was aborted, or failed first) is dropped. Keyed by peer and token.
/// </summary>
internal sealed class DirectInbox(TimeSpan unclaimedFor)
{
    private readonly Dictionary<(Guid Peer, Guid Token), TaskCompletionSource<DirectDelivery>> _slots = [];
    private readonly Dictionary<Guid, string> _closed = [];
    private readonly Queue<Guid> _closedOrder = new();
    private readonly Lock _gate = new();

    /// <summary>
    /// How many closed peers are remembered (so a task naming one fails at once rather than at its timeout): the oldest is
    /// forgotten first, so an engine serving clients for months holds a bounded record.
    /// </summary>
    public const int RememberedClosedPeers = 1024;

    public DirectInbox()
        : this(FrameDeadline.DefaultMinimum)
    {
    }

    /// <summary>How long delivered data waits for its task before it is dropped.</summary>
    public TimeSpan UnclaimedFor { get; } = unclaimedFor;

    /// <summary>How many closed peers are remembered now (at most <see cref="RememberedClosedPeers"/>).</summary>
    public int ClosedPeers
    {
        get
        {
            lock (_gate)
            {
                return _closed.Count;
            }
        }
    }

    /// <summary>Transfers under way: data waiting for its task, or tasks waiting for their data.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Data for <paramref name="token"/> arrived from <paramref name="peer"/>: the rest of the frame being handled.</summary>
    public void Deliver(IFrameChannel channel, Guid peer, Guid token, in ReadOnlySequence<byte> value)
    {
        var delivery = Take(channel, value);
        TaskCompletionSource<DirectDelivery>? waiting;
        lock (_gate)
        {
            if (!_slots.Remove((peer, token), out waiting))
            {
                waiting = new TaskCompletionSource<DirectDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
                _slots[(peer, token)] = waiting;
                waiting.SetResult(delivery);
                ExpireUnclaimed(peer, token, waiting);
                return;
            }
        }

        if (!waiting.TrySetResult(delivery))
        {
            delivery.Owner.Release();
        }
    }

    /// <summary>
    /// Waits for the data of <paramref name="token"/> from <paramref name="peer"/>, at most <paramref name="timeout"/>. The caller
    /// releases the delivery's <see cref="DirectDelivery.Owner"/>.
    /// </summary>
    public async Task<DirectDelivery> WaitAsync(Guid peer, Guid token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource<DirectDelivery> slot;
        lock (_gate)
        {
            if (_slots.Remove((peer, token), out var arrived))
            {
                return arrived.Task.Result;
            }

            if (_closed.TryGetValue(peer, out var reason))
            {
                throw new IOException($"The direct connection closed before the data arrived ({reason}).");
            }

            slot = new TaskCompletionSource<DirectDelivery>(TaskCreationOptions.RunContinuationsAsynchronously);
            _slots[(peer, token)] = slot;
        }

        try
        {
            return await slot.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            lock (_gate)
            {
                if (_slots.TryGetValue((peer, token), out var current) && current == slot)
                {
                    _slots.Remove((peer, token));
                }
            }

            // Data that raced in as the wait ended belongs to nobody.
            if (!slot.TrySetCanceled(CancellationToken.None) && slot.Task.IsCompletedSuccessfully)
            {
                slot.Task.Result.Owner.Release();
            }

            if (e is TimeoutException)
            {
                throw new TimeoutException($"The data of a direct transfer did not arrive within {timeout.TotalSeconds:0.#} s.", e);
            }

            throw;
        }
    }

    /// <summary>A peer (re)connected: its transfers are awaited again.</summary>
    public void PeerOpened(Guid peer)
    {
        lock (_gate)
        {
            _closed.Remove(peer);
        }
    }

    /// <summary>A peer's connection closed: its waiting tasks fail now, and data it sent that no task claimed is dropped.</summary>
    public void PeerClosed(Guid peer, string reason)
    {
        List<TaskCompletionSource<DirectDelivery>> slots;
        lock (_gate)
        {
            _closed[peer] = reason;
            _closedOrder.Enqueue(peer);
            while (_closedOrder.Count > RememberedClosedPeers)
            {
                // A peer closed again since is still remembered for its later close.
                var oldest = _closedOrder.Dequeue();
                if (!_closedOrder.Contains(oldest))
                {
                    _closed.Remove(oldest);
                }
            }

            slots = _slots.Where(s => s.Key.Peer == peer).Select(s => s.Value).ToList();
            foreach (var key in _slots.Keys.Where(k => k.Peer == peer).ToList())
            {
                _slots.Remove(key);
            }
        }

        foreach (var slot in slots)
        {
            if (slot.Task.IsCompletedSuccessfully)
            {
                slot.Task.Result.Owner.Release();
            }
            else
            {
                slot.TrySetException(new IOException($"The direct connection closed before the data arrived ({reason})."));
            }
        }
    }

    /// <summary>The value's bytes without a copy when the frame was read into one array of its own; else a pooled copy.</summary>
    private static DirectDelivery Take(IFrameChannel channel, in ReadOnlySequence<byte> value)
    {
        var length = checked((int)value.Length);
        if (channel.TryTakeLargeFrame(out var frame, out var frameLength))
        {
            return new DirectDelivery(new SharedBuffer(frame), frame.AsMemory(frameLength - length, length));
        }

        var copy = PooledBuffers.Rent(Math.Max(1, length));
        value.CopyTo(copy);
        return new DirectDelivery(new SharedBuffer(copy), copy.AsMemory(0, length));
    }

    private void ExpireUnclaimed(Guid peer, Guid token, TaskCompletionSource<DirectDelivery> slot)
    {
        var expiry = new CancellationTokenSource(UnclaimedFor);
        expiry.Token.Register(() =>
        {
            expiry.Dispose();
            lock (_gate)
            {
                if (!_slots.TryGetValue((peer, token), out var current) || current != slot)
                {
                    return;
                }

                _slots.Remove((peer, token));
            }

            slot.Task.Result.Owner.Release();
        });
    }
}
