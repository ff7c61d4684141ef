using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;

namespace RemoteKit.Engine;

/// <summary>
/// An engine process's direct path for bulk data: clients connect here, prove the cluster key as on every connection, say
/// who they are (<see cref="DirectHelloMessage"/>), and send pushed values (<see cref="DirectDataMessage"/>) that the tasks
/// arriving through the controller then claim from <see cref="Inbox"/>; pulled values go back on the same connection. Each
/// connection is a <see cref="FrameConnection"/> with the usual frame limit and deadlines. One per process, shared by the
/// engines it hosts. In a cluster that uses TLS the direct path does too: the engine makes a certificate of its own at
/// start, and clients pin its fingerprint, which they learn through the controller's TLS connection.
/// </summary>
internal sealed partial class DirectListener : IAsyncDisposable
{
    private static readonly IReadOnlySet<PeerRole> ClientsOnly = new HashSet<PeerRole> { PeerRole.Client };

    private readonly Socket _socket;
    private readonly RefusalLog _refusals;
    private readonly X509Certificate2? _certificate;
    private readonly ConcurrentDictionary<Guid, FrameConnection> _clients = new();
    private readonly ConcurrentDictionary<int, EngineSession> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    private DirectListener(Socket socket, string host, byte[] key, X509Certificate2? certificate, EngineOptions options, ILogger logger)
    {
        _socket = socket;
        _certificate = certificate;
        TlsFingerprint = certificate is null ? null : TlsChannel.Fingerprint(certificate);
        _refusals = new RefusalLog(logger, TimeSpan.FromSeconds(10), TimeProvider.System, EventIds.DirectRefused, "direct connection");
        var acceptor = new ConnectionAcceptor(
            key, certificate, ClientsOnly, options.MaxFrameBytes, FrameDeadline.Default with { Minimum = options.FrameTimeout }, _refusals, logger);
        Host = host;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _accepting = AcceptAsync(acceptor);
    }

    /// <summary>The address clients connect to.</summary>
    public string Host { get; }

    /// <summary>The fingerprint of the direct path's certificate, or null when it does not use TLS.</summary>
    public string? TlsFingerprint { get; }

    public int Port { get; }

    /// <summary>Values clients sent, waiting for the tasks that name them.</summary>
    public DirectInbox Inbox { get; } = new();

    /// <summary>
    /// Listens on <see cref="EngineOptions.DirectAddress"/> (or the address of <paramref name="controller"/>'s local end), or
    /// returns null when the direct path is off or the address cannot be bound. It speaks TLS when the controller does.
    /// </summary>
    public static DirectListener? Start(EngineOptions options, ConnectionInfo info, FrameConnection controller, ILogger logger)
    {
        if (string.Equals(options.DirectAddress, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var host = string.IsNullOrEmpty(options.DirectAddress) ? (controller.LocalEndPoint as IPEndPoint)?.Address.ToString() : options.DirectAddress;
        if (host is null)
        {
            return null;
        }

        Socket? socket = null;
        try
        {
            var address = IPAddress.TryParse(host, out var ip) ? ip : Dns.GetHostAddresses(host)[0];
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
                host = address.ToString();
            }

            socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, options.DirectPort));
            socket.Listen(64);
            var certificate = info.TlsFingerprint is null ? null : TlsChannel.CreateCertificate("RemoteKit engine direct path");
            var listener = new DirectListener(socket, host, info.GetKeyBytes(), certificate, options, logger);
            logger.LogInformation(
                EventIds.DirectListening, "Direct path for bulk data listening on {Host}:{Port}{Tls}", host, listener.Port, certificate is null ? "" : " (TLS)");
            return listener;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            socket?.Dispose();
            logger.LogWarning(EventIds.DirectRefused, "No direct path for bulk data on {Host}: {Reason}; bulk data goes through the controller", host, e.Message);
            return null;
        }
    }

    /// <summary>Sends a frame to a client's direct connection; false (the frame released) if it has none open.</summary>
    public bool TrySend(Guid client, OutgoingFrame frame)
    {
        if (_clients.TryGetValue(client, out var connection))
        {
            return connection.Send(frame);
        }

        frame.Return();
        return false;
    }


    /// <summary>Stops handing <paramref name="session"/> tasks (its connection to the controller ended).</summary>
    public void Unregister(int engineId, EngineSession session) => _sessions.TryRemove(new KeyValuePair<int, EngineSession>(engineId, session));

    /// <summary>Whether a client has a direct connection open.</summary>
    public bool IsConnected(Guid client) => _clients.ContainsKey(client);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        _refusals.Flush();
        _certificate?.Dispose();
    }

    private async Task AcceptAsync(ConnectionAcceptor acceptor)
    {
        var serving = await acceptor.AcceptUntilStoppedAsync(_socket, ServeAsync, _stopping.Token).ConfigureAwait(false);
        await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync(AcceptedConnection accepted)
    {
        await using var connection = accepted.Connection;
        Guid? client = null;

        // One-hop tasks come this way: read on the socket thread, one thread woken per task.
        connection.RunOnSocketThread();
        await connection.RunAsync(
            (kind, in body) =>
            {
                var reader = new WireReader(body);
                switch ((MessageKind)kind)
                {
                    case MessageKind.DirectHello when client is null:
                        client = DirectHelloMessage.Read(ref reader).ClientId;
                        _clients[client.Value] = connection;
                        Inbox.PeerOpened(client.Value);
                        break;
                    case MessageKind.DirectData when client is not null:
                        var token = DirectDataMessage.Read(ref reader).Token;
                        Inbox.Deliver(connection, client.Value, token, reader.Rest);
                        break;
                    case MessageKind.DirectTask when client is not null:
                    {
                        var task = DirectTaskMessage.Read(ref reader);
                        if (_sessions.TryGetValue(task.EngineId, out var session))
                        {
                            session.EnqueueDirect(connection, client.Value, task, reader.Rest);
                        }
                        else
                        {
                            // Not registered (yet, or any more): held until it is, for a while (ParkOrEnqueue).
                            ParkOrEnqueue(connection, client.Value, task, reader.Rest);
                        }

                        break;
                    }

                    case MessageKind.DirectFlush when client is not null:
                    {
                        // The answer goes behind the outcomes, through the controller: the client reads the history once it has it.
                        var flush = DirectFlushMessage.Read(ref reader);
                        if (_sessions.TryGetValue(flush.EngineId, out var session))
                        {
                            session.FlushOutcomes(new DirectFlushedMessage(flush.RequestId, client.Value));
                        }
                        else
                        {
                            connection.Send(Message.ToFrame(new DirectFlushedMessage(flush.RequestId, client.Value)));
                        }

                        break;
                    }

                    case MessageKind.DirectAbort when client is not null:
                    {
                        var abort = DirectAbortMessage.Read(ref reader);
                        if (_sessions.TryGetValue(abort.EngineId, out var session))
                        {
                            session.AbortDirect(abort.TaskId, abort.TimeoutMilliseconds);
                        }

                        break;
                    }

                    default:
                        throw new ProtocolViolationException($"Unexpected message kind {kind} on a direct connection.");
                }
            },
            _stopping.Token).ConfigureAwait(false);
        if (client is { } id)
        {
            _clients.TryRemove(new KeyValuePair<Guid, FrameConnection>(id, connection));
            Inbox.PeerClosed(id, connection.CloseReason ?? "closed");
        }
    }
}
