using System.Buffers.Binary;
using System.Buffers;
using RemoteKit.Buffers;

namespace RemoteKit.Transport;

/// <summary>
/// Wire framing: <c>[u32 little-endian length of the rest][u8 kind][body]</c>. The length covers the kind byte and the body.
/// </summary>
internal static class Frame
{
    public const int PrefixLength = 4;
    public const int HeaderLength = PrefixLength + 1;

    /// <summary>The length (kind and body) the frame at the start of <paramref name="input"/> declares, if its prefix is there.</summary>
    public static bool TryPeekLength(in ReadOnlySequence<byte> input, out uint length)
    {
        length = 0;
        if (input.Length < PrefixLength)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        input.Slice(0, PrefixLength).CopyTo(prefix);
        length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        return true;
    }

    /// <summary>
    /// Reads one frame from <paramref name="input"/> if it is complete. Checks the declared length against
    /// <paramref name="maxFrameLength"/> before anything is buffered, so an oversized frame is refused at once.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> input, long maxFrameLength, out byte kind, out ReadOnlySequence<byte> body)
    {
        kind = 0;
        body = default;
        if (input.Length < HeaderLength)
        {
            return false;
        }

        uint length;
        if (input.FirstSpan.Length >= PrefixLength)
        {
            length = BinaryPrimitives.ReadUInt32LittleEndian(input.FirstSpan);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[PrefixLength];
            input.Slice(0, PrefixLength).CopyTo(prefix);
            length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        }

        if (length == 0 || length > maxFrameLength)
        {
            throw new FrameTooLargeException(length, maxFrameLength);
        }

        if (input.Length - PrefixLength < length)
        {
            return false;
        }

        var frame = input.Slice(PrefixLength, length);
        kind = frame.FirstSpan[0];
        body = frame.Slice(1);
        input = input.Slice(frame.End);
        return true;
    }
}

/// <summary>A frame announced a length over the connection's limit (or zero).</summary>
internal sealed class FrameTooLargeException(uint length, long max)
    : Exception(length == 0
        ? "Received a frame with length 0: the peer is not speaking the RemoteKit protocol."
        : $"Received a frame of {length:N0} bytes, over the limit of {max:N0} bytes (MaxFrameBytes); closing the connection.")
{
}


/// <summary>
/// How long a peer has to send the whole of one large frame once its length prefix arrived: <see cref="Minimum"/>, or more
/// for a frame so big that it needs longer at <see cref="MinimumBytesPerSecond"/>.
/// </summary>
internal readonly record struct FrameDeadline(TimeSpan Minimum, long MinimumBytesPerSecond)
{
    /// <summary>
    /// 30 s, or as long as the frame takes at 10 MiB/s (a slow or busy 100 Mbit/s link) if longer: the largest default frame
    /// (1 GiB) gets 103 s. A peer that declares a huge frame and stalls cannot hold memory for long, while a slow but honest
    /// link still gets its largest frames through.
    /// </summary>
    public static FrameDeadline Default { get; } = new(DefaultMinimum, 10L * 1024 * 1024);

    /// <summary>The default of <see cref="Minimum"/>, also the default of the FrameTimeout options.</summary>
    public static TimeSpan DefaultMinimum => TimeSpan.FromSeconds(30);

    /// <summary>The deadline of a frame of <paramref name="frameBytes"/> bytes.</summary>
    public TimeSpan For(long frameBytes)
    {
        var bySize = TimeSpan.FromSeconds((double)frameBytes / Math.Max(1, MinimumBytesPerSecond));
        var deadline = bySize > Minimum ? bySize : Minimum;

        // CancellationTokenSource takes at most about 49 days.
        return deadline > TimeSpan.FromDays(30) ? TimeSpan.FromDays(30) : deadline;
    }
}

/// <summary>
/// A frame ready to send: a rented buffer holding prefix, kind and body from <see cref="Offset"/>, and optionally a
/// <see cref="Tail"/>, the rest of the body in a shared buffer, sent after it without being copied into the frame.
/// </summary>
internal readonly struct OutgoingFrame(byte[] buffer, int offset, int length)
{
    private readonly SharedBuffer? _tailOwner;

    public OutgoingFrame(byte[] buffer, int length)
        : this(buffer, 0, length)
    {
    }

    /// <summary>
    /// A frame whose body ends with <paramref name="tail"/>; the frame holds one share of <paramref name="tailOwner"/>, or
    /// none when the tail is memory its sender lends until the frame is sent.
    /// </summary>
    public OutgoingFrame(byte[] buffer, int length, ReadOnlyMemory<byte> tail, SharedBuffer? tailOwner)
        : this(buffer, 0, length)
    {
        Tail = tail;
        _tailOwner = tailOwner;
    }

    public byte[] Buffer { get; } = buffer;

    public int Offset { get; } = offset;

    /// <summary>The bytes in <see cref="Buffer"/>: the whole frame unless it has a <see cref="Tail"/>.</summary>
    public int Length { get; } = length;

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(Offset, Length);

    /// <summary>The end of the body, sent after <see cref="Memory"/>; empty for most frames.</summary>
    public ReadOnlyMemory<byte> Tail { get; }

    public void Return()
    {
        PooledBuffers.Return(Buffer);
        _tailOwner?.Release();
    }
}

/// <summary>Builds one frame into a pooled buffer: reserve the header, write the body, finish.</summary>
internal sealed class FrameBuilder : PooledBufferWriter
{
    public FrameBuilder(byte kind, int bodySizeHint = 64)
        : base(bodySizeHint + Frame.HeaderLength)
    {
        Reserve(Frame.PrefixLength);
        GetSpan(1)[0] = kind;
        Advance(1);
    }

    public int Position => WrittenCount;

    public OutgoingFrame Finish()
    {
        var buffer = Detach(out var length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)(length - Frame.PrefixLength));
        return new OutgoingFrame(buffer, length);
    }

    /// <summary>Finishes a frame whose body ends with <paramref name="tail"/>, sent from where it lies; takes a share of its owner.</summary>
    public OutgoingFrame Finish(ReadOnlyMemory<byte> tail, SharedBuffer tailOwner)
    {
        var buffer = Detach(out var length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, checked((uint)(length + tail.Length - Frame.PrefixLength)));
        return new OutgoingFrame(buffer, length, tail, tailOwner.Share());
    }

    /// <summary>
    /// Finishes a frame whose body ends with <paramref name="tail"/>, sent from where it lies: memory the caller lends, and
    /// leaves unchanged, until the frame has been sent or dropped.
    /// </summary>
    public OutgoingFrame FinishLending(ReadOnlyMemory<byte> tail)
    {
        var buffer = Detach(out var length);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, checked((uint)(length + tail.Length - Frame.PrefixLength)));
        return new OutgoingFrame(buffer, length, tail, tailOwner: null);
    }
}
