using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Transport;

/// <summary>The connection's read side: frames parsed in place from the pipe, and large frames read whole into one array.</summary>
internal sealed partial class FrameConnection
{
    private async Task ReadLoopAsync(FrameHandler handler)
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    return;
                }

                if (_onSocketThread && result.Buffer.Length > SocketThread.MostBytesHandled)
                {
                    await SocketThread.ToThreadPool();
                }

                var buffer = result.Buffer;
                byte[]? large = null;
                LargeFrameSink? sink = null;
                var copied = 0;
                var total = 0;
                try
                {
                    while (Frame.TryRead(ref buffer, _maxFrameLength, out var kind, out var body))
                    {
                        Interlocked.Add(ref _bytesReceived, Frame.HeaderLength + body.Length);
                        handler(kind, body);
                    }

                    if (!result.IsCompleted && Frame.TryPeekLength(buffer, out var declared) && declared >= LargeFrameThreshold)
                    {
                        if (declared > _maxFrameLength)
                        {
                            throw new FrameTooLargeException(declared, _maxFrameLength);
                        }

                        total = checked(Frame.PrefixLength + (int)declared);
                        sink = OfferLargeFrame(buffer, total);
                        if (sink is not null)
                        {
                            // What arrived past the receiver's header is the start of its destination.
                            var start = buffer.Slice(Frame.HeaderLength + sink.BodyHeaderLength);
                            start.CopyTo(sink.Destination.Span);
                            copied = (int)start.Length;
                        }
                        else
                        {
                            if (!_pool.TryRentPooled(total, out large))
                            {
                                large = _pool.Rent(Math.Min(total, InitialLargeFrameBytes));
                            }

                            copied = (int)buffer.Length;
                            buffer.CopyTo(large);
                        }
                    }
                }
                finally
                {
                    _reader.AdvanceTo(large is not null || sink is not null ? buffer.End : buffer.Start, buffer.End);
                    AfterFrames?.Invoke();
                }

                if (sink is not null)
                {
                    if (!await ReadIntoSinkAsync(sink, copied, total).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                if (large is not null)
                {
                    if (!await ReadLargeFrameAsync(large, copied, total, handler).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        Close("peer closed the connection in the middle of a frame");
                    }

                    return;
                }
            }
        }
        catch (FrameTooLargeException e)
        {
            _logger.LogWarning(EventIds.FrameTooLarge, "Connection {Peer}: {Reason}", Name, e.Message);
            Close(e.Message);
        }
        catch (ProtocolViolationException e)
        {
            _logger.LogWarning(EventIds.ProtocolViolation, "Connection {Peer} broke the protocol: {Reason}", Name, e.Message);
            Close(e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Close("connection lost: " + e.Message);
        }
    }

    /// <summary>
    /// Finishes reading a large frame of <paramref name="total"/> bytes into <paramref name="array"/> (rented; its first
    /// <paramref name="filled"/> bytes came from the pipe, which holds nothing now, so reading the socket directly keeps the
    /// byte order), growing the array as the bytes arrive, and hands it to the handler. Returns false, having closed the
    /// connection, if the peer closed it first or missed the frame's deadline.
    /// </summary>
    private async ValueTask<bool> ReadLargeFrameAsync(byte[] array, int filled, int total, FrameHandler handler)
    {
        var taken = false;
        var timeout = _deadline.For(total);
        using var deadline = new CancellationTokenSource(timeout, _time);
        try
        {
            while (filled < total)
            {
                if (filled == array.Length)
                {
                    array = Grow(array, filled, total);
                }

                var end = Math.Min(array.Length, total);
                if (await FillAsync(array.AsMemory(0, end), filled, 0, total, deadline, timeout).ConfigureAwait(false) is not null)
                {
                    return false;
                }

                filled = end;
            }

            if (_onSocketThread)
            {
                // Its handler may take a while with this much (it may run a task from it): not on the socket thread.
                await SocketThread.ToThreadPool();
            }

            _largeFrame = array;
            try
            {
                Interlocked.Add(ref _bytesReceived, total);
                handler(array[Frame.PrefixLength], new ReadOnlySequence<byte>(array, Frame.HeaderLength, total - Frame.HeaderLength));
            }
            finally
            {
                taken = _largeFrame is null;
                _largeFrame = null;
                AfterFrames?.Invoke();
            }
        }
        finally
        {
            if (!taken)
            {
                _pool.Return(array);
            }
        }

        return true;
    }

    /// <summary>
    /// Asks <see cref="LargeFrameSinks"/> whether the large frame at the start of <paramref name="buffer"/> (all of which
    /// belongs to it: a whole frame would have been read) goes somewhere of the receiver's; checks what it answers.
    /// </summary>
    private LargeFrameSink? OfferLargeFrame(in ReadOnlySequence<byte> buffer, int total)
    {
        if (LargeFrameSinks is not { } sinks || buffer.Length <= Frame.HeaderLength)
        {
            return null;
        }

        var kind = buffer.Slice(Frame.PrefixLength, 1).FirstSpan[0];
        var bodyLength = total - Frame.HeaderLength;
        var sink = sinks(kind, buffer.Slice(Frame.HeaderLength), bodyLength);
        if (sink is not null && (sink.BodyHeaderLength < 0 || sink.BodyHeaderLength > buffer.Length - Frame.HeaderLength || sink.Destination.Length != bodyLength - sink.BodyHeaderLength))
        {
            sink.Complete("the receiver's destination does not fit the frame");
            throw new InvalidOperationException($"A large frame's receiver offered {sink.Destination.Length:N0} bytes for the {bodyLength - sink.BodyHeaderLength:N0} its frame has left.");
        }

        return sink;
    }

    /// <summary>
    /// Finishes reading a large frame into its receiver's <paramref name="sink"/>, <paramref name="filled"/> bytes of whose
    /// destination came from the pipe, under the frame's deadline. Returns false, having closed the connection and failed
    /// the sink, if the peer closed it first or missed the deadline.
    /// </summary>
    private async ValueTask<bool> ReadIntoSinkAsync(LargeFrameSink sink, int filled, int total)
    {
        var timeout = _deadline.For(total);
        string? failure = "the connection was lost in the middle of the frame";
        using var deadline = new CancellationTokenSource(timeout, _time);
        try
        {
            failure = await FillAsync(sink.Destination, filled, Frame.HeaderLength + sink.BodyHeaderLength, total, deadline, timeout).ConfigureAwait(false);
            if (failure is null)
            {
                Interlocked.Add(ref _bytesReceived, total);
            }

            return failure is null;
        }
        finally
        {
            sink.Complete(failure);
            AfterFrames?.Invoke();
        }
    }

    /// <summary>
    /// Reads the socket into <paramref name="into"/> from <paramref name="filled"/> until it is full: a large frame's bytes,
    /// <paramref name="skipped"/> of its <paramref name="total"/> bytes lying before <paramref name="into"/>. Returns null, or
    /// why it stopped (the peer closed the connection, or missed the frame's <paramref name="deadline"/>), having closed the
    /// connection.
    /// </summary>
    private async ValueTask<string?> FillAsync(Memory<byte> into, int filled, int skipped, int total, CancellationTokenSource deadline, TimeSpan timeout)
    {
        while (filled < into.Length)
        {
            int n;
            try
            {
                n = await _stream.ReadAsync(into[filled..], deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                var reason = $"sent only {skipped + filled:N0} of the {total:N0} bytes of a frame within its deadline of {timeout.TotalSeconds:0.#} s";
                _logger.LogWarning(EventIds.FrameDeadlineMissed, "Connection {Peer} {Reason}; closing it", Name, reason);
                Close("peer " + reason);
                return reason;
            }

            if (n == 0)
            {
                var reason = $"peer closed the connection in the middle of a frame ({skipped + filled:N0} of {total:N0} bytes received)";
                Close(reason);
                return reason;
            }

            filled += n;
            Progress?.Invoke();
        }

        return null;
    }

    private byte[] Grow(byte[] array, int filled, int total)
    {
        if (!_pool.TryRentPooled(total, out var next))
        {
            next = _pool.Rent(total <= (long)array.Length * (LargeFrameGrowth + 1) ? total : array.Length * LargeFrameGrowth);
        }

        array.AsSpan(0, filled).CopyTo(next);
        _pool.Return(array);
        return next;
    }
}
