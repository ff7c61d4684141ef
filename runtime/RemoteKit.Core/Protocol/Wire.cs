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

    public static void Write(this IBufferWriter<byte> w, in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            w.Write(segment.Span);
        }
    }
}

/// <summary>
/// A length prefix reserved before writing bytes of unknown length, patched once they are written: the one place a length is
/// back-patched. Used for values written straight into a frame (results, pushed values).
/// </summary>
internal readonly struct LengthPrefix
{
    private readonly int _at;

    private LengthPrefix(int at) => _at = at;

    /// <summary>Where the prefix starts; <see cref="RemoteKit.Buffers.PooledBufferWriter.Truncate"/> to here drops the prefixed value.</summary>
    public int Start => _at;

    public static LengthPrefix Begin(Transport.FrameBuilder w) => new(w.Reserve(4));

    /// <summary>Writes the length of everything written since <see cref="Begin"/>.</summary>
    public void End(Transport.FrameBuilder w) =>
        BinaryPrimitives.WriteInt32LittleEndian(w.At(_at, 4), w.Position - _at - 4);
}

/// <summary>Writes length-prefixed values straight into a frame.</summary>
internal static class LengthPrefixed
{
    /// <summary>Writes <c>[i32 length][bytes]</c>, the bytes written by <paramref name="write"/> and the length filled in after.</summary>
    public static void WriteBlob<TState>(this Transport.FrameBuilder w, TState state, Action<Transport.FrameBuilder, TState> write)
    {
        var prefix = LengthPrefix.Begin(w);
        write(w, state);
        prefix.End(w);
    }
}

/// <summary>Reads what <see cref="WireWriter"/> wrote. Throws <see cref="ProtocolViolationException"/> on truncated input.</summary>
internal ref struct WireReader
{
    private SequenceReader<byte> _reader;

    public WireReader(ReadOnlySequence<byte> input) => _reader = new SequenceReader<byte>(input);

    public readonly ReadOnlySequence<byte> Rest => _reader.UnreadSequence;

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool End => _reader.End;

    /// <summary>
    /// The unread bytes of the block the reader is in (all of them when the input is one block): for a layout read in
    /// place, then passed over with <see cref="Skip"/>.
    /// </summary>
    public readonly ReadOnlyMemory<byte> UnreadBlock
    {
        get
        {
            var position = _reader.Position;
            return _reader.Sequence.TryGet(ref position, out var block, advance: false) ? block : default;
        }
    }

    /// <summary>Passes over <paramref name="count"/> bytes.</summary>
    public void Skip(int count)
    {
        if (count < 0 || _reader.Remaining < count)
        {
            throw Truncated();
        }

        _reader.Advance(count);
    }

    public byte ReadU8() => _reader.TryRead(out var v) ? v : throw Truncated();

    public bool ReadBool() => ReadU8() switch
    {
        0 => false,
        1 => true,
        var v => throw new ProtocolViolationException($"A flag holds {v}, not 0 or 1."),
    };

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

    public string ReadRequiredString() => ReadString() ?? throw new ProtocolViolationException("Missing string in message.");

    public ReadOnlySequence<byte> ReadBlob() => ReadSequence(ReadI32());

    public byte[] ReadHash() => ReadSequence(CodeBundle.HashLength).ToArray();

    /// <summary>Reads a count of items that each take at least <paramref name="minItemBytes"/>, refusing one the message cannot hold.</summary>
    public int ReadCount(int minItemBytes = 1)
    {
        var n = ReadI32();
        if (n < 0 || (long)n * minItemBytes > _reader.Remaining)
        {
            throw new ProtocolViolationException($"A message declares {n} items but holds {_reader.Remaining} more bytes.");
        }

        return n;
    }

    /// <summary>Reads the end of a message: fails if bytes are left over.</summary>
    public readonly void ExpectEnd()
    {
        if (!_reader.End)
        {
            throw new ProtocolViolationException($"A message has {_reader.Remaining} unexpected bytes at its end.");
        }
    }

    /// <summary>Fills <paramref name="destination"/> with the next bytes (a fixed-size field: a guid, say).</summary>
    public void ReadExactly(scoped Span<byte> destination)
    {
        if (!_reader.TryCopyTo(destination))
        {
            throw Truncated();
        }

        _reader.Advance(destination.Length);
    }

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

    private static ProtocolViolationException Truncated() =>
        new("A message ended early: the peer sent a malformed frame.");
}
