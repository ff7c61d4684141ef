using System.Buffers;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// Client → engine, first on a direct connection: <c>[16 client id]</c>, the id the client's direct tasks name, so the engine
/// knows which connection to send a pulled value back on.
/// </summary>
internal readonly record struct DirectHelloMessage(Guid ClientId) : IMessage
{
    public MessageKind Kind => MessageKind.DirectHello;

    public int SizeHint => 16;

    public void Write(IBufferWriter<byte> w) => w.WriteGuid(ClientId);

    public static DirectHelloMessage Read(ref WireReader r) => new(r.ReadGuid());
}

/// <summary>
/// Either way on a direct connection: <c>[16 token][value]</c> to the end of the frame, a namespace value's MemoryPack bytes
/// that a <see cref="DirectPushTask"/> or <see cref="DirectPullTask"/> with the same token names.
/// </summary>
internal readonly record struct DirectDataMessage(Guid Token) : IMessage
{
    public MessageKind Kind => MessageKind.DirectData;

    public int SizeHint => 16;

    public void Write(IBufferWriter<byte> w) => w.WriteGuid(Token);

    /// <summary>Reads the token; <paramref name="r"/> is left at the value.</summary>
    public static DirectDataMessage Read(ref WireReader r) => new(r.ReadGuid());
}

/// <summary><c>[u8 DirectEndpoint]</c>: asks an engine where clients reach it directly; the reply is a <see cref="DirectEndpointReply"/>.</summary>
internal static class DirectEndpointTask
{
    public static void Write(IBufferWriter<byte> w) => w.WriteU8((byte)TaskKind.DirectEndpoint);
}

/// <summary>
/// The result payload of a <see cref="DirectEndpointTask"/>: <c>[string host][i32 port][string tls fingerprint]</c>, the host
/// null when the engine has no direct path, the fingerprint (of the engine's own certificate, pinned by the client as the
/// controller's is) null when the cluster does not use TLS.
/// </summary>
internal readonly record struct DirectEndpointReply(string? Host, int Port, string? TlsFingerprint = null)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteString(Host);
        w.WriteI32(Port);
        w.WriteString(TlsFingerprint);
    }

    public static DirectEndpointReply Read(ref WireReader r) => new(r.ReadString(), r.ReadI32(), r.ReadString());
}

/// <summary>
/// <c>[u8 DirectPush][string name][string type][16 client id][16 token][i64 length]</c>: sets a variable to the value that
/// arrives (or arrived) on the client's direct connection as a <see cref="DirectDataMessage"/> with that token. The result
/// payload is empty.
/// </summary>
internal readonly record struct DirectPushTask(string Name, string TypeName, Guid ClientId, Guid Token, long Length)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.DirectPush);
        w.WriteString(Name);
        w.WriteString(TypeName);
        w.WriteGuid(ClientId);
        w.WriteGuid(Token);
        w.WriteI64(Length);
    }

    /// <summary>Reads the task after the kind byte.</summary>
    public static DirectPushTask Read(ref WireReader r) => new(r.ReadRequiredString(), r.ReadRequiredString(), r.ReadGuid(), r.ReadGuid(), r.ReadI64());
}

/// <summary>
/// <c>[u8 DirectPull][string name][16 client id][16 token]</c>: reads a variable, sending a large value on the client's direct
/// connection (as a <see cref="DirectDataMessage"/> with that token) before the result; the reply is a <see cref="DirectPullReply"/>.
/// </summary>
internal readonly record struct DirectPullTask(string Name, Guid ClientId, Guid Token)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.DirectPull);
        w.WriteString(Name);
        w.WriteGuid(ClientId);
        w.WriteGuid(Token);
    }

    /// <summary>Reads the task after the kind byte.</summary>
    public static DirectPullTask Read(ref WireReader r) => new(r.ReadRequiredString(), r.ReadGuid(), r.ReadGuid());
}

/// <summary>
/// The result payload of a <see cref="DirectPullTask"/>: <c>[string type][u8 sent directly][i64 length]</c>, then the value as a
/// blob when it was not sent directly (a small value, or no direct connection from that client).
/// </summary>
internal static class DirectPullReply
{
    public static void WriteDirect(IBufferWriter<byte> w, string typeName, long length)
    {
        w.WriteString(typeName);
        w.WriteU8(1);
        w.WriteI64(length);
    }

    /// <summary>Writes the value inline, straight into the frame.</summary>
    public static void WriteInline<TState>(FrameBuilder w, string typeName, TState state, Action<FrameBuilder, TState> writeValue)
    {
        w.WriteString(typeName);
        w.WriteU8(0);
        w.WriteI64(0);
        w.WriteBlob(state, writeValue);
    }

    /// <summary>The value's type; its length when sent directly, or else its bytes.</summary>
    public static (string TypeName, bool Direct, long Length, ReadOnlySequence<byte> Inline) Read(ref WireReader r)
    {
        var typeName = r.ReadRequiredString();
        var direct = r.ReadBool();
        var length = r.ReadI64();
        return (typeName, direct, length, direct ? default : r.ReadBlob());
    }
}

/// <summary>How a <see cref="Guid"/> travels: its 16 bytes in <see cref="Guid.TryWriteBytes(Span{byte})"/> order.</summary>
internal static class GuidWire
{
    public static void WriteGuid(this IBufferWriter<byte> w, Guid value)
    {
        value.TryWriteBytes(w.GetSpan(16));
        w.Advance(16);
    }

    public static Guid ReadGuid(this ref WireReader r)
    {
        Span<byte> bytes = stackalloc byte[16];
        r.ReadExactly(bytes);
        return new Guid(bytes);
    }
}
