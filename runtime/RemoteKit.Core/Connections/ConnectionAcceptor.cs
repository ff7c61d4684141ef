using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit.Connections;

/// <summary>A connection that finished the accept steps: its frames, the role the peer proved, and who it is for logs.</summary>
internal readonly record struct AcceptedConnection(FrameConnection Connection, PeerRole Role, string Peer);

/// <summary>
/// The one accept path of every listener (the controller's, and each engine's direct path): for each socket, the socket
/// settings, TLS when a certificate is given, the key handshake (both within <see cref="HandshakeTimeout"/>), a check of the
/// claimed role, and then a <see cref="FrameConnection"/>. A peer that fails any step is dropped and counted in the
/// <see cref="RefusalLog"/>; nothing it sent is read as a frame.
/// </summary>
internal sealed class ConnectionAcceptor
{
    /// <summary>The default of how long a peer has for TLS and the handshake together.</summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly byte[] _key;
    private readonly X509Certificate2? _certificate;
    private readonly IReadOnlySet<PeerRole> _roles;
    private readonly long _maxFrameBytes;
    private readonly FrameDeadline _deadline;
    private readonly RefusalLog _refusals;
    private readonly ILogger _logger;

    /// <param name="key">The cluster key peers must prove.</param>
    /// <param name="certificate">The TLS certificate, or <see langword="null"/> for plain TCP.</param>
    /// <param name="roles">The roles allowed to connect.</param>
    /// <param name="maxFrameBytes">The largest frame accepted from a peer.</param>
    /// <param name="deadline">How long a large frame may take to arrive.</param>
    /// <param name="refusals">Where refused peers are counted and logged.</param>
    /// <param name="logger">The connections' logger.</param>
    public ConnectionAcceptor(
        byte[] key, X509Certificate2? certificate, IReadOnlySet<PeerRole> roles, long maxFrameBytes, FrameDeadline deadline, RefusalLog refusals, ILogger logger)
    {
        _key = key;
        _certificate = certificate;
        _roles = roles;
        _maxFrameBytes = maxFrameBytes;
        _deadline = deadline;
        _refusals = refusals;
        _logger = logger;
    }

    /// <summary>How long a peer has for TLS and the handshake together.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = DefaultHandshakeTimeout;

    /// <summary>
    /// Accepts connections on <paramref name="listener"/> until <paramref name="stoppingToken"/> is cancelled or the socket
    /// is closed, serving each accepted one with <paramref name="serve"/> (which owns it and disposes it).
    /// </summary>
    /// <returns>Once accepting stopped: a task that completes when every connection still being served has ended.</returns>
    public async Task<Task> AcceptUntilStoppedAsync(Socket listener, Func<AcceptedConnection, Task> serve, CancellationToken stoppingToken)
    {
        var serving = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stoppingToken).ConfigureAwait(false);
                serving.RemoveAll(t => t.IsCompleted);
                serving.Add(AcceptAndServeAsync(socket, serve, stoppingToken));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping: the listener was closed or the token cancelled.
        }

        return Task.WhenAll(serving);
    }

    /// <summary>Runs the accept steps on one socket; <see langword="null"/> when the peer was refused (and logged).</summary>
    public async Task<AcceptedConnection?> AcceptAsync(Socket socket, CancellationToken stoppingToken)
    {
        SocketSettings.Apply(socket);
        var peer = socket.RemoteEndPoint?.ToString() ?? "peer";
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        PeerRole role;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(HandshakeTimeout);
            var binding = Array.Empty<byte>();
            if (_certificate is not null)
            {
                if (!await SpeaksFirstAsync(socket, timeout.Token).ConfigureAwait(false))
                {
                    // A TLS client speaks first; a peer without TLS waits for this side's hello. Tell it what is wrong.
                    await Handshake.RefusePlainPeerAsync(stream, TlsRequired, timeout.Token).ConfigureAwait(false);
                    throw new AuthenticationException("a peer without TLS: " + TlsRequired);
                }

                (stream, binding) = await TlsChannel.AcceptAsync(stream, _certificate, timeout.Token).ConfigureAwait(false);
            }

            role = await Handshake.AcceptAsync(stream, _key, binding, timeout.Token).ConfigureAwait(false);
            if (!_roles.Contains(role))
            {
                throw new AuthenticationException($"a peer of role {role} may not connect here");
            }
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or OperationCanceledException or EndOfStreamException)
        {
            _refusals.Refused(peer, e is OperationCanceledException ? "handshake timed out" : e.Message);
            await stream.DisposeAsync().ConfigureAwait(false);
            socket.Dispose();
            return null;
        }

        return new AcceptedConnection(new FrameConnection(socket, stream, _maxFrameBytes, _logger, _deadline), role, peer);
    }

    /// <summary>What a peer that does not use TLS is told by a listener that requires it.</summary>
    public const string TlsRequired =
        "this controller requires TLS: connect with its connection file, which pins its certificate (\"tls_sha256\"), or give " +
        "that fingerprint (RemoteKit:Engine:TlsFingerprint, ConnectionInfo.TlsFingerprint)";

    /// <summary>
    /// Whether the peer sends something within half the handshake's time: a TLS client sends its hello at once, while a
    /// RemoteKit peer without TLS waits for this side to speak.
    /// </summary>
    private async Task<bool> SpeaksFirstAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(HandshakeTimeout / 2);
        try
        {
            await socket.ReceiveAsync(new byte[1], SocketFlags.Peek, patience.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task AcceptAndServeAsync(Socket socket, Func<AcceptedConnection, Task> serve, CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (await AcceptAsync(socket, stoppingToken).ConfigureAwait(false) is { } accepted)
        {
            await serve(accepted).ConfigureAwait(false);
        }
    }
}
