using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RemoteKit.Engine;

/// <summary>The kinds of the script server's messages: requests below 10, replies from 10.</summary>
internal enum ScriptMessageKind : byte
{
    Compile = 1,
    Status = 2,
    Shutdown = 3,
    Compiled = 10,
    CompileErrors = 11,
    StatusReply = 12,
    Done = 13,
    Error = 14,
}

/// <summary>A frame of the script server that cannot be read: its message says what was wrong.</summary>
internal sealed class ScriptWireException(string message) : IOException(message);

/// <summary>
/// The script server's frames: <c>["RKSS"][u16 version][u8 kind][u32 body length][body]</c>, little-endian; one request and
/// one reply per connection. Every frame carries the version, so a peer of another version is told so rather than misread.
/// </summary>
internal static class ScriptWire
{
    /// <summary>The wire's version; raise it with any change of layout (it is also in the socket's name).</summary>
    public const ushort Version = 1;

    public const int HeaderLength = 11;

    /// <summary>The largest body either side reads: source, reference paths and an emitted assembly fit many times over.</summary>
    public const int MaxBodyBytes = 64 << 20;

    private static ReadOnlySpan<byte> Magic => "RKSS"u8;

    public static byte[] Frame(ScriptMessageKind kind, ReadOnlySpan<byte> body, ushort version = Version)
    {
        var frame = new byte[HeaderLength + body.Length];
        Magic.CopyTo(frame);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(4), version);
        frame[6] = (byte)kind;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(7), (uint)body.Length);
        body.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    public static async Task WriteAsync(Stream stream, ScriptMessageKind kind, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Frame(kind, body.Span), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one frame, checking its header before reading (or allocating for) its body.</summary>
    /// <exception cref="ScriptWireException">Not a frame of this wire, another version, too large, or cut short; or no frame at all.</exception>
    public static async Task<(ScriptMessageKind Kind, byte[] Body)> ReadAsync(Stream stream, int maxBodyBytes, CancellationToken cancellationToken) =>
        await TryReadAsync(stream, maxBodyBytes, cancellationToken).ConfigureAwait(false)
        ?? throw new ScriptWireException("The connection ended before a frame.");

    /// <summary>
    /// Reads one frame as <see cref="ReadAsync"/> does, or returns null when the connection ends before its first byte: a
    /// peer that connected only to see that the server is there.
    /// </summary>
    /// <exception cref="ScriptWireException">Not a frame of this wire, another version, too large, or cut short.</exception>
    public static async Task<(ScriptMessageKind Kind, byte[] Body)?> TryReadAsync(
        Stream stream, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        var first = await stream.ReadAsync(header, cancellationToken).ConfigureAwait(false);
        if (first == 0)
        {
            return null;
        }

        await ReadExactlyAsync(stream, header.AsMemory(first), cancellationToken).ConfigureAwait(false);
        var (kind, length) = ParseHeader(header, maxBodyBytes);
        var body = new byte[length];
        await ReadExactlyAsync(stream, body, cancellationToken).ConfigureAwait(false);
        return (kind, body);
    }

    /// <summary>The kind and body length of a header, or a clear error.</summary>
    public static (ScriptMessageKind Kind, int Length) ParseHeader(ReadOnlySpan<byte> header, int maxBodyBytes)
    {
        if (!header[..4].SequenceEqual(Magic))
        {
            throw new ScriptWireException("Not a RemoteKit script-server frame: it does not start with \"RKSS\".");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != Version)
        {
            throw new ScriptWireException($"Script-server wire version {version} is not this build's ({Version}): use the server of the same RemoteKit build.");
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[7..]);
        if (length > (uint)maxBodyBytes)
        {
            throw new ScriptWireException($"A frame of {length} bytes is larger than the limit of {maxBodyBytes} bytes.");
        }

        return ((ScriptMessageKind)header[6], (int)length);
    }

    private static async Task ReadExactlyAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new ScriptWireException("The connection ended in the middle of a frame.");
        }
    }
}

/// <summary>Writes a body: 32-bit integers, 64-bit integers, UTF-8 strings and byte arrays, each length-prefixed.</summary>
internal sealed class ScriptBodyWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public ScriptBodyWriter Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public ScriptBodyWriter Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public ScriptBodyWriter Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        _buffer.Write(value);
        return this;
    }

    public ScriptBodyWriter String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Int32(count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
        return this;
    }

    public ScriptBodyWriter Strings(IReadOnlyCollection<string> values)
    {
        Int32(values.Count);
        foreach (var value in values)
        {
            String(value);
        }

        return this;
    }
}

/// <summary>Reads what <see cref="ScriptBodyWriter"/> wrote; a body that ends early or lies about a length is malformed.</summary>
internal sealed class ScriptBodyReader(byte[] body)
{
    private int _position;

    public int Int32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
        return value >= 0 ? value : throw Malformed("a negative length or count");
    }

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public byte[] Bytes() => Take(Int32()).ToArray();

    public string String() => Encoding.UTF8.GetString(Take(Int32()));

    public string[] Strings()
    {
        var count = Int32();
        if (count > body.Length - _position)
        {
            throw Malformed($"a count of {count} strings in {body.Length - _position} bytes");
        }

        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = String();
        }

        return values;
    }

    /// <summary>Fails unless the whole body was read.</summary>
    public void End()
    {
        if (_position != body.Length)
        {
            throw Malformed($"{body.Length - _position} bytes after the message");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > body.Length - _position)
        {
            throw Malformed($"the body ends after {body.Length} bytes");
        }

        var span = body.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private static ScriptWireException Malformed(string what) => new($"Malformed script-server message: {what}.");
}
