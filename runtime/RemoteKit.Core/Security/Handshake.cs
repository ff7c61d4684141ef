using System.Buffers.Binary;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;

namespace RemoteKit.Security;

/// <summary>The role a connecting peer claims in the handshake.</summary>
internal enum PeerRole : byte
{
    Client = 1,
    Engine = 2,
}

/// <summary>
/// Mutual proof of the shared key before any frame is read: each side sends a fresh 32-byte nonce and answers the
/// other's with HMAC-SHA256(key, label | their nonce | own nonce | role | channel binding), compared in constant time.
/// Over TLS the channel binding is the <c>tls-server-end-point</c> digest (<see cref="TlsChannel"/>), so the proofs are
/// valid on this TLS channel only; over plain TCP it is empty. Fixed-size messages, so garbage or a stranger is turned
/// away after a few bytes.
/// </summary>
internal static class Handshake
{
    /// <summary>The protocol version; peers with another version are refused with a message saying both.</summary>
    public const ushort ProtocolVersion = Protocol.ProtocolVersion.Current;

    private const int NonceLength = 32;
    private const int MacLength = 32;
    private static ReadOnlySpan<byte> Magic => "RKIT"u8;
    private static readonly byte[] ClientLabel = Encoding.ASCII.GetBytes("remotekit-peer");
    private static readonly byte[] ServerLabel = Encoding.ASCII.GetBytes("remotekit-controller");

    private const byte StatusOk = 0;
    private const byte StatusBadKey = 1;
    private const byte StatusBadVersion = 2;
    private const byte StatusBadHello = 3;

    /// <summary>Server side. Returns the authenticated peer's role; throws <see cref="AuthenticationException"/> otherwise.</summary>
    public static async Task<PeerRole> AcceptAsync(Stream stream, byte[] key, byte[] channelBinding, CancellationToken cancellationToken)
    {
        var serverNonce = RandomNumberGenerator.GetBytes(NonceLength);
        var hello = new byte[4 + 2 + NonceLength];
        Magic.CopyTo(hello);
        BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(4), ProtocolVersion);
        serverNonce.CopyTo(hello, 6);
        await stream.WriteAsync(hello, cancellationToken).ConfigureAwait(false);

        var reply = new byte[4 + 2 + 1 + NonceLength + MacLength];
        await stream.ReadExactlyAsync(reply, cancellationToken).ConfigureAwait(false);
        if (!reply.AsSpan(0, 4).SequenceEqual(Magic))
        {
            await RefuseAsync(stream, StatusBadHello, "not a RemoteKit peer", cancellationToken).ConfigureAwait(false);
            throw new AuthenticationException("The peer is not speaking the RemoteKit protocol (bad handshake magic).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(reply.AsSpan(4));
        if (version != ProtocolVersion)
        {
            var why = $"protocol version mismatch: the controller speaks v{ProtocolVersion}, the peer speaks v{version}";
            await RefuseAsync(stream, StatusBadVersion, why, cancellationToken).ConfigureAwait(false);
            throw new AuthenticationException($"Refused a peer: {why}.");
        }

        var role = (PeerRole)reply[6];
        if (role is not (PeerRole.Client or PeerRole.Engine))
        {
            await RefuseAsync(stream, StatusBadHello, "unknown role", cancellationToken).ConfigureAwait(false);
            throw new AuthenticationException($"Refused a peer claiming unknown role {(byte)role}.");
        }

        var clientNonce = reply.AsSpan(7, NonceLength).ToArray();
        var expected = Mac(key, ClientLabel, serverNonce, clientNonce, (byte)role, channelBinding);
        if (!CryptographicOperations.FixedTimeEquals(expected, reply.AsSpan(7 + NonceLength, MacLength)))
        {
            await RefuseAsync(stream, StatusBadKey, "authentication failed: the key does not match", cancellationToken).ConfigureAwait(false);
            throw new AuthenticationException("Refused a peer that does not hold the cluster key.");
        }

        var ok = new byte[1 + MacLength];
        ok[0] = StatusOk;
        Mac(key, ServerLabel, clientNonce, serverNonce, (byte)role, channelBinding).CopyTo(ok, 1);
        await stream.WriteAsync(ok, cancellationToken).ConfigureAwait(false);
        return role;
    }

    /// <summary>
    /// Server side, for a peer that speaks the handshake without TLS to a listener that requires TLS (it waits for this
    /// side's hello instead of starting TLS): answers as a plain listener would, and refuses with
    /// <paramref name="reason"/>, so the peer can tell its user why instead of timing out.
    /// </summary>
    public static async Task RefusePlainPeerAsync(Stream stream, string reason, CancellationToken cancellationToken)
    {
        var hello = new byte[4 + 2 + NonceLength];
        Magic.CopyTo(hello);
        BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(4), ProtocolVersion);
        RandomNumberGenerator.Fill(hello.AsSpan(6));
        await stream.WriteAsync(hello, cancellationToken).ConfigureAwait(false);
        await stream.ReadExactlyAsync(new byte[4 + 2 + 1 + NonceLength + MacLength], cancellationToken).ConfigureAwait(false);
        await RefuseAsync(stream, StatusBadHello, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Client or engine side. Throws <see cref="AuthenticationException"/> with the controller's reason when refused.</summary>
    public static async Task ConnectAsync(Stream stream, byte[] key, PeerRole role, byte[] channelBinding, CancellationToken cancellationToken)
    {
        var hello = new byte[4 + 2 + NonceLength];
        await stream.ReadExactlyAsync(hello, cancellationToken).ConfigureAwait(false);
        if (!hello.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new AuthenticationException("The server is not a RemoteKit controller (bad handshake magic).");
        }

        var serverVersion = BinaryPrimitives.ReadUInt16LittleEndian(hello.AsSpan(4));
        var serverNonce = hello.AsSpan(6, NonceLength).ToArray();
        var clientNonce = RandomNumberGenerator.GetBytes(NonceLength);
        var reply = new byte[4 + 2 + 1 + NonceLength + MacLength];
        Magic.CopyTo(reply);
        BinaryPrimitives.WriteUInt16LittleEndian(reply.AsSpan(4), ProtocolVersion);
        reply[6] = (byte)role;
        clientNonce.CopyTo(reply, 7);
        Mac(key, ClientLabel, serverNonce, clientNonce, (byte)role, channelBinding).CopyTo(reply, 7 + NonceLength);
        await stream.WriteAsync(reply, cancellationToken).ConfigureAwait(false);

        var status = new byte[1];
        await stream.ReadExactlyAsync(status, cancellationToken).ConfigureAwait(false);
        if (status[0] != StatusOk)
        {
            var reason = await ReadReasonAsync(stream, cancellationToken).ConfigureAwait(false);
            if (serverVersion != ProtocolVersion)
            {
                reason = $"protocol version mismatch: the controller speaks v{serverVersion}, this program speaks v{ProtocolVersion}";
            }

            throw new AuthenticationException($"The controller refused the connection: {reason}.");
        }

        var mac = new byte[MacLength];
        await stream.ReadExactlyAsync(mac, cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(key, ServerLabel, clientNonce, serverNonce, (byte)role, channelBinding)))
        {
            throw new AuthenticationException("The controller could not prove it holds the cluster key; refusing to talk to it.");
        }
    }

    private static byte[] Mac(byte[] key, byte[] label, byte[] theirs, byte[] mine, byte role, byte[] channelBinding)
    {
        var data = new byte[label.Length + theirs.Length + mine.Length + 1 + channelBinding.Length];
        label.CopyTo(data, 0);
        theirs.CopyTo(data, label.Length);
        mine.CopyTo(data, label.Length + theirs.Length);
        data[label.Length + theirs.Length + mine.Length] = role;
        channelBinding.CopyTo(data, label.Length + theirs.Length + mine.Length + 1);
        return HMACSHA256.HashData(key, data);
    }

    private static async Task RefuseAsync(Stream stream, byte status, string reason, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetBytes(reason);
        var message = new byte[1 + 2 + text.Length];
        message[0] = status;
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(1), (ushort)text.Length);
        text.CopyTo(message, 3);
        try
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer may already be gone; the refusal is logged by the caller either way.
        }
    }

    private static async Task<string> ReadReasonAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            var lengthBytes = new byte[2];
            await stream.ReadExactlyAsync(lengthBytes, cancellationToken).ConfigureAwait(false);
            var text = new byte[BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)];
            await stream.ReadExactlyAsync(text, cancellationToken).ConfigureAwait(false);
            return Encoding.UTF8.GetString(text);
        }
        catch (EndOfStreamException)
        {
            return "no reason given";
        }
    }
}
