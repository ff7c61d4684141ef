using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RemoteKit.Buffers;
using RemoteKit.Diagnostics;

namespace RemoteKit.Transport;

/// <summary>Handles the frames of one connection, on the connection's read loop. Must copy what it keeps.</summary>
internal delegate void FrameHandler(byte kind, in ReadOnlySequence<byte> body);

/// <summary>
/// One authenticated TCP connection carrying frames. Reads with a <see cref="PipeReader"/> and parses frames in place;
/// sends through a channel drained by one loop that writes every queued frame before a single flush. Frames at or above
/// <see cref="DirectWriteThreshold"/> bypass the pipe and go straight to the socket to avoid a copy. Incoming frames at or
/// above <see cref="LargeFrameThreshold"/> are read straight from the socket into one pooled array instead of a chain of
/// pipe segments; a handler may keep that array (<see cref="TryTakeLargeFrame"/>) to forward or run it without a copy.
/// That array grows as the frame's bytes arrive, and the whole frame must arrive within its <see cref="FrameDeadline"/>, so a
/// peer that declares a huge frame and stalls holds little memory, and not for long.
/// </summary>
internal sealed partial class FrameConnection : IFrameChannel, IAsyncDisposable
{
    private const int DirectWriteThreshold = 256 * 1024;
    private const int LargeFrameThreshold = 1024 * 1024;
    private const int SocketBufferBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The first array of a large frame: the whole frame if smaller. Growing x4 from here (straight to the whole frame
    /// once that is at most x5) costs copying the earlier arrays: 16+64 MiB for a 100 MiB frame, at worst about the
    /// frame's size, at memory speed, where filling fresh memory from the socket is several times slower. In exchange a
    /// peer that stalls holds at most 5 times what it sent (16 MiB at first). When a pooled array big enough for the whole
    /// frame is idle (the usual case for repeated pushes and results), it is taken at once and nothing is copied.
    /// </summary>
    private const int InitialLargeFrameBytes = 16 * 1024 * 1024;
    private const int LargeFrameGrowth = 4;

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Channel<OutgoingFrame> _outgoing;
    private readonly long _maxFrameLength;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closed = new();
    private string? _closeReason;
    private string? _closeAfterSending;
    private readonly FrameDeadline _deadline;
    private readonly LargeBufferPool _pool;
    private readonly TimeProvider _time;
    private byte[]? _largeFrame;
    private bool _onSocketThread;

    public FrameConnection(
        Socket socket, Stream stream, long maxFrameLength, ILogger logger, FrameDeadline? deadline = null, LargeBufferPool? pool = null,
        TimeProvider? time = null)
    {
        _socket = socket;
        _stream = stream;
        _maxFrameLength = maxFrameLength;
        _logger = logger;
        _deadline = deadline ?? FrameDeadline.Default;
        _pool = pool ?? LargeBufferPool.Shared;
        _time = time ?? TimeProvider.System;
        RemoteEndPoint = socket.RemoteEndPoint;
        LocalEndPoint = socket.LocalEndPoint;
        Name = RemoteEndPoint?.ToString() ?? "peer";
        try
        {
            // Large pushes and results cross the socket in few, big system calls instead of many 200 KiB ones.
            socket.SendBufferSize = Math.Max(socket.SendBufferSize, SocketBufferBytes);
            socket.ReceiveBufferSize = Math.Max(socket.ReceiveBufferSize, SocketBufferBytes);
        }
        catch (SocketException)
        {
        }

        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        _outgoing = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    }

    /// <summary>The peer's address, if the socket had one.</summary>
    public System.Net.EndPoint? RemoteEndPoint { get; }

    /// <summary>This side's address, if the socket had one: the interface that reaches the peer.</summary>
    public System.Net.EndPoint? LocalEndPoint { get; }

    /// <summary>A name for logs: the remote endpoint.</summary>
    public string Name { get; set; }

    /// <summary>Cancelled once the connection is closed, for whatever reason.</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Why the connection closed, if it closed on purpose or on error.</summary>
    public string? CloseReason => _closeReason;

    /// <inheritdoc />
    public bool HasUnreadInput
    {
        get
        {
            try
            {
                return _closeReason is null && _socket.Available > 0;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>The bytes of the frames written to the connection so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>The bytes of the frames read from the connection so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    private long _bytesSent;
    private long _bytesReceived;

    /// <summary>Queues a frame. Returns false (and releases the frame) if the connection is closed.</summary>
    public bool Send(OutgoingFrame frame)
    {
        if (_outgoing.Writer.TryWrite(frame))
        {
            return true;
        }

        frame.Return();
        return false;
    }

    /// <summary>
    /// Called from a <see cref="FrameHandler"/>: takes ownership of the current frame's buffer if it is a large frame read
    /// into one array (prefix, kind and body from offset 0, <paramref name="length"/> bytes). The caller returns it through
    /// <see cref="PooledBuffers.Return"/> (or sends it as an <see cref="OutgoingFrame"/>, which does).
    /// </summary>
    public bool TryTakeLargeFrame(out byte[] buffer, out int length)
    {
        buffer = _largeFrame!;
        if (buffer is null)
        {
            length = 0;
            return false;
        }

        length = Frame.PrefixLength + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        _largeFrame = null;
        return true;
    }

    /// <summary>
    /// Called as the bytes of a large frame arrive (after each read) or leave (after each piece of
    /// <see cref="ProgressPieceBytes"/> is written): a peer busy with a frame that takes longer than a heartbeat interval is
    /// still alive. Heartbeat frames queued behind such a frame arrive late; this tells the watcher the link is moving.
    /// </summary>
    public Action? Progress { get; set; }

    /// <summary>
    /// Called on the read loop after the frames of one read have gone to the handler: work each frame made due (more frames
    /// to send, say) can be done once for the lot, so that what it sends leaves together.
    /// </summary>
    public Action? AfterFrames { get; set; }

    /// <summary>
    /// Offered each large incoming frame (<see cref="LargeFrameThreshold"/> and more) once its first bytes are here: a receiver
    /// that knows where the frame's value goes (a pulled array) has the rest read straight into it, with no pooled array and
    /// no copy in between. Set before <see cref="RunAsync"/>.
    /// </summary>
    public LargeFrameSinkProvider? LargeFrameSinks { get; set; }

    /// <summary>How much of a large outgoing frame is written between two <see cref="Progress"/> calls.</summary>
    internal const int ProgressPieceBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Has this connection's reads (and sends the socket could not take at once) continue on the runtime's socket thread
    /// instead of a thread pool worker (<see cref="SocketThread"/>): one thread woken per message instead of two. For
    /// connections that carry one-hop tasks and their answers, whose handlers only queue what they read. A read of more
    /// than <see cref="SocketThread.MostBytesHandled"/> bytes, a large frame and a large send move to the thread pool first.
    /// Call before <see cref="RunAsync"/>. Returns whether the runtime took it.
    /// </summary>
    public bool RunOnSocketThread() => _onSocketThread |= SocketThread.TryPreferInline(_socket);

    /// <summary>Runs the read and write loops until the connection closes. Never throws for network errors.</summary>
    public async Task RunAsync(FrameHandler handler, CancellationToken cancellationToken)
    {
        using var link = cancellationToken.Register(static s => ((FrameConnection)s!).CloseOnShutdown(), this);
        var writing = WriteLoopAsync();
        try
        {
            await ReadLoopAsync(handler).ConfigureAwait(false);
        }
        finally
        {
            Close(_closeReason ?? "peer closed the connection");
            await writing.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The owner is shutting down: the connection closes now, unless it was already told to close once its queued frames are
    /// sent (a stop notice to the peer), which then still go out.
    /// </summary>
    private void CloseOnShutdown()
    {
        if (Volatile.Read(ref _closeAfterSending) is null)
        {
            Close("shutting down");
        }
    }

    /// <summary>Closes the connection once every frame queued so far has been sent (e.g. a reply before shutting down).</summary>
    public void CloseAfterSending(string reason)
    {
        Interlocked.CompareExchange(ref _closeAfterSending, reason, null);
        _outgoing.Writer.TryComplete();
    }

    /// <summary>Closes the connection with a logged reason. Idempotent.</summary>
    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is null)
        {
            _logger.LogDebug(EventIds.ConnectionClosed, "Closing connection {Peer}: {Reason}", Name, reason);
        }

        _outgoing.Writer.TryComplete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        _reader.CancelPendingRead();
    }

    public async ValueTask DisposeAsync()
    {
        Close("disposed");
        while (_outgoing.Reader.TryRead(out var frame))
        {
            frame.Return();
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            // Completing the writer flushes what it still buffers; the peer may be gone, and disposing never throws for that.
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }

        _socket.Dispose();
        _closed.Dispose();
    }

    /// <summary>Writes a large frame's bytes straight to the stream, reporting <see cref="Progress"/> after each piece.</summary>
    private async ValueTask WriteInPiecesAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var piece = data[..Math.Min(data.Length, ProgressPieceBytes)];
            await _stream.WriteAsync(piece).ConfigureAwait(false);
            data = data[piece.Length..];
            Progress?.Invoke();
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        Interlocked.Add(ref _bytesSent, frame.Length + frame.Tail.Length);
                        if (frame.Length + frame.Tail.Length >= DirectWriteThreshold)
                        {
                            if (_onSocketThread)
                            {
                                await SocketThread.ToThreadPool();
                            }

                            await _writer.FlushAsync().ConfigureAwait(false);
                            await WriteInPiecesAsync(frame.Memory).ConfigureAwait(false);
                            await WriteInPiecesAsync(frame.Tail).ConfigureAwait(false);
                        }
                        else
                        {
                            _writer.Write(frame.Memory.Span);
                            _writer.Write(frame.Tail.Span);
                        }
                    }
                    finally
                    {
                        frame.Return();
                    }

                    if (_writer.UnflushedBytes >= DirectWriteThreshold)
                    {
                        await _writer.FlushAsync().ConfigureAwait(false);
                    }
                }

                await _writer.FlushAsync().ConfigureAwait(false);
            }

            if (_closeAfterSending is { } reason)
            {
                Close(reason);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            Close("connection lost while sending: " + e.Message);
        }
        finally
        {
            while (reader.TryRead(out var frame))
            {
                frame.Return();
            }
        }
    }
}
