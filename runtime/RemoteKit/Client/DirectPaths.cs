using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// The client's direct connections to engines, for bulk data and small tasks: a large push, scatter part, pull or gather part
/// travels on the engine's direct connection (one socket hop instead of two through the controller), while its task still
/// goes through the controller, so order, aborts, timeouts, engine loss and history are as for any task; and tasks for one
/// engine go there whole, in one hop, with their results and events coming back the same way
/// (<see cref="ControllerSession"/>'s one-hop lanes). The first bulk transfer to an engine
/// asks it (as a task) where it listens and connects in the background, proving the cluster key as every connection does;
/// transfers go through the controller until that connection is up, and always when the engine has no direct path (switched
/// off) or cannot be reached. Under TLS the direct connection is TLS too, pinned to the engine's own certificate.
/// </summary>
internal sealed class DirectPaths(TaskSubmitter tasks, ConnectionInfo info, ILogger logger) : IAsyncDisposable
{
    /// <summary>Values at least this large go directly when they can.</summary>
    public const int MinimumBytes = 1024 * 1024;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, Path> _paths = new();
    private readonly CancellationTokenSource _closing = new();

    /// <summary>
    /// Whether bulk data always goes through the controller: a client that reaches its controller through an SSH tunnel
    /// cannot reach the engines' own addresses either.
    /// </summary>
    public bool Off { get; set; }

    /// <summary>Who this client is on engines' direct paths.</summary>
    public Guid ClientId { get; } = Guid.NewGuid();

    /// <summary>Pulled values that arrived directly, waiting for their tasks' results.</summary>
    public DirectInbox Inbox { get; } = new();

    // Pulls of arrays whose value may be read straight into the array, by connection and token (PulledArraySink).
    private readonly ConcurrentDictionary<(Guid Peer, Guid Token), PulledArraySink> _sinks = new();

    /// <summary>A pull of <paramref name="token"/> from <paramref name="peer"/> takes its value into <paramref name="sink"/> if it comes as one large frame.</summary>
    public void Expect(Guid peer, Guid token, PulledArraySink sink) => _sinks[(peer, token)] = sink;

    /// <summary>Drops the sink of a pull that no longer waits (answered, or failed).</summary>
    public void Forget(Guid peer, Guid token) => _sinks.TryRemove((peer, token), out _);

    /// <summary>Offers a large frame from <paramref name="peer"/> to the pull it is the value of, if one waits with a sink.</summary>
    private LargeFrameSink? SinkFor(Guid peer, byte kind, ReadOnlySequence<byte> bodyStart, int bodyLength)
    {
        const int TokenLength = 16;
        if ((MessageKind)kind != MessageKind.DirectData || _sinks.IsEmpty || bodyStart.Length < TokenLength)
        {
            return null;
        }

        var reader = new WireReader(bodyStart);
        var token = DirectDataMessage.Read(ref reader).Token;
        return _sinks.TryRemove((peer, token), out var sink) ? sink.Take(TokenLength, reader.Rest, bodyLength - TokenLength) : null;
    }

    /// <summary>
    /// An open direct connection to <paramref name="engine"/>, or null; with <paramref name="open"/>, the first ask starts
    /// making one (bulk transfers and tasks that may go in one hop ask so; the ask costs the engine one task, once).
    /// </summary>
    public Path? Ready(int engine, bool open = true)
    {
        if (Off)
        {
            return null;
        }

        var path = open ? _paths.GetOrAdd(engine, static (e, self) => self.Open(e), this) : _paths.GetValueOrDefault(engine);
        return path?.Connection is { } connection && !connection.Closed.IsCancellationRequested ? path : null;
    }

    /// <summary>Waits until the direct connection to <paramref name="engine"/> is open or known to be unavailable; true if open.</summary>
    public async Task<bool> WaitReadyAsync(int engine, CancellationToken cancellationToken)
    {
        Ready(engine);
        if (_paths.TryGetValue(engine, out var path))
        {
            await path.Opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Ready(engine) is not null;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        foreach (var path in _paths.Values)
        {
            await path.Opening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (path.Connection is { } connection)
            {
                connection.Close("client disposed");
                await path.Running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _closing.Dispose();
    }

    private Path Open(int engine)
    {
        var path = new Path();
        path.Opening = OpenAsync(engine, path);
        return path;
    }

    private async Task OpenAsync(int engine, Path path)
    {
        await Task.Yield();
        try
        {
            var part = tasks.Send(TaskTarget.Engine(engine), ReadEndpoint, null, static (w, _) => DirectEndpointTask.Write(w), 0, 8);
            var endpoint = await part.Task.WaitAsync(_closing.Token).ConfigureAwait(false);

            // In a cluster that uses TLS, bulk data never travels in the clear: an engine without a certificate is not used
            // directly. Its fingerprint came over the controller's TLS connection, so pinning it is as safe as pinning the
            // controller's.
            if (endpoint.Host is null || (info.TlsFingerprint is not null && endpoint.TlsFingerprint is null))
            {
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
            timeout.CancelAfter(ConnectTimeout);
            var connection = await Connector.ConnectAsync(
                endpoint.Host, endpoint.Port, info.GetKeyBytes(), PeerRole.Client, Connector.DefaultMaxFrameBytes, logger, timeout.Token,
                endpoint.TlsFingerprint, $"engine {engine}'s direct path", "the engine (through the controller)").ConfigureAwait(false);
            connection.Name = $"engine {engine} (direct)";
            connection.Send(Message.ToFrame(new DirectHelloMessage(ClientId)));

            // One-hop tasks' answers come this way: read on the socket thread, one thread woken per answer.
            connection.RunOnSocketThread();
            path.Running = RunAsync(engine, path, connection);
            path.Connection = connection;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The controller path still works: the engine is on a host this client cannot reach directly, or it went away.
            logger.LogInformation(EventIds.DirectPathUnavailable, e, "No direct path to engine {EngineId}; its bulk data goes through the controller", engine);
        }
    }

    private async Task RunAsync(int engine, Path path, FrameConnection connection)
    {
        await Task.Yield();
        connection.AfterFrames = ControllerSession.DirectFramesRead;
        connection.LargeFrameSinks = (kind, bodyStart, bodyLength) => SinkFor(path.Peer, kind, bodyStart, bodyLength);
        try
        {
            await connection.RunAsync(
                (kind, in body) =>
                {
                    if ((MessageKind)kind != MessageKind.DirectData)
                    {
                        // Results and events of tasks sent in one hop.
                        tasks.Session.OnDirectFrame(engine, kind, body);
                        return;
                    }

                    var reader = new WireReader(body);
                    Inbox.Deliver(connection, path.Peer, DirectDataMessage.Read(ref reader).Token, reader.Rest);
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Inbox.PeerClosed(path.Peer, connection.CloseReason ?? "closed");
            if (!_closing.IsCancellationRequested)
            {
                // Tasks it carried in one hop cannot be answered any more; a disposed client fails them as it closes.
                tasks.Session.DirectEngineGone(engine, $"its direct connection closed: {connection.CloseReason ?? "closed"}", lost: false);
            }

            // The next bulk transfer to this engine opens a new one (a replacement engine has a new id anyway).
            _paths.TryRemove(new KeyValuePair<int, Path>(engine, path));
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static DirectEndpointReply ReadEndpoint(ReadOnlySequence<byte> payload)
    {
        var reader = new WireReader(payload);
        return DirectEndpointReply.Read(ref reader);
    }

    /// <summary>One engine's direct connection, once open.</summary>
    internal sealed class Path
    {
        /// <summary>Names this connection's deliveries in <see cref="Inbox"/>.</summary>
        public Guid Peer { get; } = Guid.NewGuid();

        public Task Opening { get; set; } = Task.CompletedTask;

        public Task Running { get; set; } = Task.CompletedTask;

        private volatile FrameConnection? _connection;

        /// <summary>The connection, once open; null before, and when there is none.</summary>
        public FrameConnection? Connection
        {
            get => _connection;
            set => _connection = value;
        }
    }
}
