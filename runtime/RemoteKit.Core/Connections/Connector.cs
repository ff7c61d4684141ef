using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.Logging;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit.Connections;

/// <summary>Opens authenticated frame connections (clients and engines); <see cref="ConnectionAcceptor"/> is the accepting side.</summary>
internal static class Connector
{
    /// <summary>Default frame limit: 1 GiB, enough for large pushes; set lower where peers are less trusted.</summary>
    public const long DefaultMaxFrameBytes = 1L << 30;

    /// <summary>
    /// The pause before connection attempt <paramref name="attempt"/> (0-based): short and steady while a freshly started
    /// controller is coming up (it is usually listening within a second), then backing off to 250 ms.
    /// </summary>
    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(attempt < 100 ? 10 : Math.Min(250, 10 << Math.Min(attempt - 99, 5)));

    /// <summary>
    /// Connects to a controller (or an engine's direct path), over TLS pinned to <paramref name="tlsFingerprint"/> when one is
    /// given, and proves the key. <paramref name="peer"/> and <paramref name="pinnedBy"/> name the two sides in a pin error.
    /// </summary>
    public static async Task<FrameConnection> ConnectAsync(
        string host, int port, byte[] key, PeerRole role, long maxFrameBytes, ILogger logger, CancellationToken cancellationToken,
        string? tlsFingerprint = null, string peer = "the controller", string pinnedBy = "the connection file")
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        SocketSettings.Apply(socket);
        try
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                if (ip.AddressFamily == AddressFamily.InterNetwork && socket.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = true;
                }

                await socket.ConnectAsync(new IPEndPoint(ip, port), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            }

            Stream stream = new NetworkStream(socket, ownsSocket: false);
            var binding = Array.Empty<byte>();
            if (tlsFingerprint is not null)
            {
                (stream, binding) = await TlsChannel.ConnectAsync(stream, host, tlsFingerprint, cancellationToken, peer, pinnedBy).ConfigureAwait(false);
            }

            await Handshake.ConnectAsync(stream, key, role, binding, cancellationToken).ConfigureAwait(false);
            return new FrameConnection(socket, stream, maxFrameBytes, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
