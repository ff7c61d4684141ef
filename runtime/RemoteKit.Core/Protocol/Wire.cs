using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RemoteKit.Protocol;

/// <summary>Little-endian primitives written straight into a buffer writer.</summary>
internal static class WireWriter
{
    public static void WriteU8(this IBufferWriter<byte> w, byte value)
    {
        w.GetSpan(1)[0] = value;
        w.Advance(1);
    }

    public static void WriteI32(this IBufferWriter<byte> w, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(w.GetSpan(4), value);
        w.Advance(4);
    }

    public static void WriteI64(this IBufferWriter<byte> w, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    public static void WriteU64(this IBufferWriter<byte> w, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    public static void WriteString(this IBufferWriter<byte> w, string? value)
    {
        if (value is null)
        {
            w.WriteI32(-1);
            return;
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = w.GetSpan(4 + max);
        var n = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, n);
        w.Advance(4 + n);
    }

    public static void WriteBlob(this IBufferWriter<byte> w, ReadOnlySpan<byte> bytes)
    {
        w.WriteI32(bytes.Length);
        w.Write(bytes);
    }

    public static void WriteBlob(this IBufferWriter<byte> w, in ReadOnlySequence<byte> bytes)
    {
        w.WriteI32(checked((int)bytes.Length));
        foreach (var segment in bytes)
        {
            w.Write(segment.Span);
        }
    }
}

/// <summary>Reads what <see cref="WireWriter"/> wrote. Throws <see cref="Transport.ProtocolViolationException"/> on truncated input.</summary>
internal ref struct WireReader
{
    private SequenceReader<byte> _reader;

    public WireReader(in ReadOnlySequence<byte> input) => _reader = new SequenceReader<byte>(input);

    public readonly long Remaining => _reader.Remaining;

    public readonly ReadOnlySequence<byte> Rest => _reader.UnreadSequence;

    public byte ReadU8() => _reader.TryRead(out var v) ? v : throw Truncated();

    public int ReadI32() => _reader.TryReadLittleEndian(out int v) ? v : throw Truncated();

    public long ReadI64() => _reader.TryReadLittleEndian(out long v) ? v : throw Truncated();

    public ulong ReadU64() => (ulong)ReadI64();

    public string? ReadString()
    {
        var n = ReadI32();
        if (n < 0)
        {
            return null;
        }

        var bytes = ReadSequence(n);
        return bytes.IsSingleSegment ? Encoding.UTF8.GetString(bytes.FirstSpan) : Encoding.UTF8.GetString(bytes.ToArray());
    }

    public string ReadRequiredString() => ReadString() ?? throw new Transport.ProtocolViolationException("Missing string in message.");

    public ReadOnlySequence<byte> ReadBlob() => ReadSequence(ReadI32());

    public ReadOnlySequence<byte> ReadSequence(int length)
    {
        if (length < 0 || _reader.Remaining < length)
        {
            throw Truncated();
        }

        var slice = _reader.UnreadSequence.Slice(0, length);
        _reader.Advance(length);
        return slice;
    }

    private static Transport.ProtocolViolationException Truncated() =>
        new("A message ended early: the peer sent a malformed frame.");
}
