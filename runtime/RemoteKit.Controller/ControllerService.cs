using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RemoteKit.Controller.History;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Security;
using RemoteKit.Transport;
using RemoteKit.Connections;

namespace RemoteKit.Controller;

/// <summary>
/// The controller process's hosted service: listens on one TCP port, authenticates every connection, and hands clients and
/// engines to the <see cref="Hub"/> that routes tasks between them.
/// </summary>
public sealed class ControllerService : BackgroundService
{
    private readonly ControllerOptions _options;
    private readonly ILogger<ControllerService> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TaskCompletionSource<ConnectionInfo> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RefusalLog _refusals;
    private readonly TaskHistoryOptions _historyOptions;
    private readonly TaskCompletionSource<ClusterMonitor?> _monitor = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static readonly IReadOnlySet<PeerRole> AnyPeer = new HashSet<PeerRole> { PeerRole.Client, PeerRole.Engine };
    private Hub? _hub;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Controller options.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="lifetime">Host lifetime, stopped on a client's shutdown request.</param>
    /// <param name="historyOptions">Task history options (<c>RemoteKit:Controller:History</c>); the defaults when absent.</param>
    public ControllerService(
        IOptions<ControllerOptions> options, ILogger<ControllerService> logger, IHostApplicationLifetime lifetime, IOptions<TaskHistoryOptions>? historyOptions = null)
    {
        _options = options.Value;
        _historyOptions = historyOptions?.Value ?? new TaskHistoryOptions();
        _logger = logger;
        _lifetime = lifetime;
        _refusals = new RefusalLog(logger, TimeSpan.FromSeconds(10), TimeProvider.System);
    }

    /// <summary>Completes with the connection info once the controller listens.</summary>
    public Task<ConnectionInfo> Listening => _listening.Task;

    internal Hub? Hub => _hub;

    /// <summary>
    /// What the controller sees of its cluster, for a dashboard; completes once it listens, with <see langword="null"/> when
    /// <see cref="ControllerOptions.Monitoring"/> is off.
    /// </summary>
    public Task<IClusterObserver?> Observer => _monitor.Task.ContinueWith(t => (IClusterObserver?)t.Result, TaskScheduler.Default);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ip = IPAddress.Parse(_options.Ip);
        using var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(ip, _options.Port));
        listener.Listen(512);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var location = ClusterAddress.Location(_options.Ip, _options.Location);
        var info = string.IsNullOrEmpty(_options.Key)
            ? ConnectionInfo.CreateNew(location, port)
            : new ConnectionInfo { Host = location, Port = port, Key = _options.Key };
        var certificate = ClusterAddress.UsesTls(_options.Ip, _options.Tls) ? LoadCertificate() : null;
        info = info with { ControllerPid = Environment.ProcessId, TlsFingerprint = certificate is null ? null : TlsChannel.Fingerprint(certificate) };
        var key = info.GetKeyBytes();
        await using var monitor = _options.Monitoring ? new ClusterMonitor(OpenHistory(), _historyOptions, RemoteKitTelemetry.Shared) : null;
        _monitor.TrySetResult(monitor);
        _hub = new Hub(_options, _logger, () => _lifetime.StopApplication(), monitor);

        // On Ctrl+C / SIGTERM, tell engines to stop before connections are torn down, so a clean stop is not reported as lost engines.
        using var stopping = _lifetime.ApplicationStopping.Register(static hub => ((Hub)hub!).StopAll(), _hub);

        WriteConnectionFile(_options.ClientConnectionFile, info);
        WriteConnectionFile(_options.EngineConnectionFile, info);
        _logger.LogInformation(EventIds.Listening, "Controller listening on {Ip}:{Port} ({Security})", _options.Ip, port, certificate is null ? "plain TCP" : "TLS");
        StartupTrace.Mark("listening", usable: true);
        _listening.TrySetResult(info);

        var tick = _options.HeartbeatInterval / Hub.TicksPerInterval;
        using var heartbeats = new Timer(static hub => ((Hub)hub!).Tick(), _hub, tick, tick);
        var acceptor = new ConnectionAcceptor(
            key, certificate, AnyPeer, _options.MaxFrameBytes, FrameDeadline.Default with { Minimum = _options.FrameTimeout }, _refusals, _logger)
        {
            HandshakeTimeout = _options.HandshakeTimeout,
        };
        var serving = Task.CompletedTask;
        try
        {
            serving = await acceptor.AcceptUntilStoppedAsync(listener, ServeAsync, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _hub.StopAll();
            await serving.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _refusals.Flush();
            DeleteConnectionFile(_options.ClientConnectionFile);
            DeleteConnectionFile(_options.EngineConnectionFile);
        }

        async Task ServeAsync(AcceptedConnection accepted)
        {
            await using var connection = accepted.Connection;
            try
            {
                if (accepted.Role == PeerRole.Engine)
                {
                    await _hub!.RunEngineAsync(connection, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await _hub!.RunClientAsync(connection, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                _logger.LogError(EventIds.ConnectionFailed, e, "Connection {Peer} failed", accepted.Peer);
            }
        }
    }

    private TaskHistory? OpenHistory()
    {
        if (!_historyOptions.Enabled)
        {
            return null;
        }

        return string.IsNullOrEmpty(_historyOptions.Path)
            ? TaskHistory.CreateInMemory(_historyOptions, _logger)
            : TaskHistory.OpenSqlite(_historyOptions.Path, _historyOptions, _logger);
    }

    private X509Certificate2 LoadCertificate()
    {
        if (!string.IsNullOrEmpty(_options.Certificate))
        {
            return TlsChannel.FromBase64(_options.Certificate);
        }

        // A controller of a profile keeps its certificate beside the profile's connection files, so it stays the same across restarts.
        var file = _options.CertificateFile;
        if (string.IsNullOrEmpty(file) && !string.IsNullOrEmpty(_options.ClientConnectionFile))
        {
            file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_options.ClientConnectionFile))!, "remotekit-controller.pfx");
        }

        return string.IsNullOrEmpty(file) ? TlsChannel.CreateCertificate() : TlsChannel.LoadOrCreate(file);
    }

    private void WriteConnectionFile(string? path, ConnectionInfo info)
    {
        if (!string.IsNullOrEmpty(path))
        {
            info.Save(path);
        }
    }

    private void DeleteConnectionFile(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            _logger.LogWarning(EventIds.ConnectionFileNotRemoved, e, "Could not remove connection file {Path}", path);
        }
    }
}
