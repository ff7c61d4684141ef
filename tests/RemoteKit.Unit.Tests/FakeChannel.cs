using System.Buffers;
using System.Buffers.Binary;
using System.Threading.Channels;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Unit.Tests;

/// <summary>A frame as sent: its kind and a copy of its body.</summary>
internal sealed record SentFrame(MessageKind Kind, byte[] Body, byte[] Buffer)
{
    public WireReader Reader() => new(new ReadOnlySequence<byte>(Body));
}

/// <summary>An in-memory <see cref="IFrameChannel"/>: records what is sent, and can hand a "large frame" buffer to the handler.</summary>
internal sealed class FakeChannel(string name = "fake") : IFrameChannel
{
    private readonly Channel<SentFrame> _sent = Channel.CreateUnbounded<SentFrame>();
    private byte[]? _large;

    public string Name { get; set; } = name;

    public string? CloseReason { get; private set; }

    /// <summary>Pretends the peer's bytes wait unread.</summary>
    public bool HasUnreadInput { get; set; }

    /// <summary>The buffer the last frame was delivered in.</summary>
    public byte[]? LastDelivered { get; private set; }

    /// <summary>When set, sending a frame of this kind throws, as a fault in the sender would.</summary>
    public MessageKind? FailSending { get; set; }

    public bool Send(OutgoingFrame frame)
    {
        var span = frame.Memory.Span;
        if ((MessageKind)span[Frame.PrefixLength] == FailSending)
        {
            frame.Return();
            throw new InvalidOperationException($"sending {FailSending} failed");
        }

        Assert.Equal(frame.Length - Frame.PrefixLength, (int)BinaryPrimitives.ReadUInt32LittleEndian(span));
        var sent = new SentFrame((MessageKind)span[Frame.PrefixLength], span[Frame.HeaderLength..].ToArray(), frame.Buffer);
        frame.Return();
        if (CloseReason is not null)
        {
            return false;
        }

        _sent.Writer.TryWrite(sent);
        return true;
    }

    public void Close(string reason) => CloseReason ??= reason;

    public void CloseAfterSending(string reason) => Close(reason);

    public bool TryTakeLargeFrame(out byte[] buffer, out int length)
    {
        buffer = _large!;
        length = buffer is null ? 0 : Frame.PrefixLength + (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        _large = null;
        return buffer is not null;
    }

    /// <summary>Delivers a frame to <paramref name="handler"/> as a connection would, optionally as a large frame in one array.</summary>
    public void Deliver(OutgoingFrame frame, FrameHandler handler, bool large = false)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(frame.Length);
        frame.Memory.Span.CopyTo(buffer);
        frame.Return();
        LastDelivered = buffer;
        var input = new ReadOnlySequence<byte>(buffer, 0, BinaryPrimitives.ReadInt32LittleEndian(buffer) + Frame.PrefixLength);
        Assert.True(Frame.TryRead(ref input, int.MaxValue, out var kind, out var body));
        _large = large ? buffer : null;
        handler(kind, body);
        if (_large is not null || !large)
        {
            _large = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Every frame sent so far and not yet taken.</summary>
    public List<SentFrame> Drain()
    {
        var all = new List<SentFrame>();
        while (_sent.Reader.TryRead(out var frame))
        {
            all.Add(frame);
        }

        return all;
    }

    /// <summary>The next frame sent, waiting for it (generously: the machine may be loaded).</summary>
    public async Task<SentFrame> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await _sent.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The one frame sent since the last look, which must be of <paramref name="kind"/>.</summary>
    public SentFrame Single(MessageKind kind)
    {
        var frame = Assert.Single(Drain());
        Assert.Equal(kind, frame.Kind);
        return frame;
    }
}

internal static class Bytes
{
    public static readonly byte[] HashA = Enumerable.Repeat((byte)0xAB, CodeBundle.HashLength).ToArray();
    public static readonly byte[] HashC = Enumerable.Repeat((byte)0xCD, CodeBundle.HashLength).ToArray();

    /// <summary>Bytes from hex with optional spaces.</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>A wire string: <c>[i32 utf-8 length][utf-8]</c>.</summary>
    public static byte[] Str(string value)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        return Concat(BitConverter.GetBytes(utf8.Length), utf8);
    }

    /// <summary>The whole frame: prefix, kind and body.</summary>
    public static byte[] Of(OutgoingFrame frame)
    {
        var bytes = frame.Memory.ToArray();
        frame.Return();
        return bytes;
    }

    /// <summary>The body of a frame written by <paramref name="write"/>.</summary>
    public static byte[] Body(Action<FrameBuilder> write)
    {
        var frame = new FrameBuilder(0);
        write(frame);
        return Of(frame.Finish())[Frame.HeaderLength..];
    }

    /// <summary>A frame: a message header then <paramref name="body"/>.</summary>
    public static OutgoingFrame FrameOf<T>(T header, byte[] body)
        where T : struct, IMessage
    {
        var frame = Message.Start(header, body.Length);
        frame.Write(body);
        return frame.Finish();
    }
}
