using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RemoteKit.Configuration;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// An engine's hosted service: connects to the controller, receives tasks into a local queue, and runs them one at a time,
/// sending each result (or the exception's type, message and stack trace) back. Exits when the controller goes away.
/// </summary>
public sealed class EngineService : BackgroundService
{
    private readonly EngineOptions _options;
    private readonly ScriptServerOptions _scripts;
    private readonly ILogger<EngineService> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private EngineSession?[] _sessions = [];
    private readonly Lock _gate = new();
    private DirectListener? _direct;
    private Flow.KeptTransfers? _transfers;
    private SshTunnel? _tunnel;
    private string? _lastTunnelFailure;
    private bool _directStarted;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Engine options.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="lifetime">Host lifetime, stopped when the controller goes away.</param>
    public EngineService(IOptions<EngineOptions> options, ILogger<EngineService> logger, IHostApplicationLifetime lifetime)
        : this(options, Options.Create(new ScriptServerOptions()), logger, lifetime)
    {
    }

    /// <summary>Creates the service.</summary>
    /// <param name="options">Engine options.</param>
    /// <param name="scripts">How the engine reaches the host's script server.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="lifetime">Host lifetime, stopped when the controller goes away.</param>
    public EngineService(IOptions<EngineOptions> options, IOptions<ScriptServerOptions> scripts, ILogger<EngineService> logger, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scripts);
        _options = options.Value;
        _scripts = scripts.Value;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <summary>The id the controller gave this process's first engine, or -1 before registration.</summary>
    public int EngineId => _sessions.Length > 0 && _sessions[0] is { } first ? first.EngineId : -1;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OutputCapture.Install();
        if (_options.Count < 1)
        {
            throw new InvalidOperationException($"{SettingKeys.Engine.Count} must be at least 1, not {_options.Count}.");
        }

        ScriptServerClient.Configure(_scripts, _logger);
        if (_options.WarmUpScripts)
        {
            ScriptServerClient.Shared?.StartEarly();
        }

        var info = await ResolveConnectionAsync(stoppingToken).ConfigureAwait(false);
        var code = new CodeStore();
        _sessions = new EngineSession?[_options.Count];
        var engines = new Task[_options.Count];
        for (var i = 0; i < engines.Length; i++)
        {
            engines[i] = RunEngineAsync(i, info, code, stoppingToken);
        }

        try
        {
            // Engines hosted together live and die together: when one loses its controller, the process ends.
            await Task.WhenAny(engines).ConfigureAwait(false);
        }
        finally
        {
            _lifetime.StopApplication();
        }

        await Task.WhenAll(engines).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_transfers is not null)
        {
            await _transfers.DisposeAsync().ConfigureAwait(false);
        }

        if (_tunnel is not null)
        {
            await _tunnel.DisposeAsync().ConfigureAwait(false);
        }

        if (_direct is not null)
        {
            await _direct.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The process's direct path for bulk data, started with its first connection to the controller.</summary>
    private DirectListener? DirectPath(ConnectionInfo info, FrameConnection controller)
    {
        lock (_gate)
        {
            if (!_directStarted)
            {
                _directStarted = true;
                _direct = DirectListener.Start(_options, info, controller, _logger);
                _transfers = new Flow.KeptTransfers(info, _options.MaxFrameBytes, _logger);
            }

            return _direct;
        }
    }

    /// <summary>
    /// Runs one engine: connects, says hello, serves the controller until the connection ends. A connection lost after the
    /// welcome (the controller declared the engine lost, or went silent) is not the end: the engine comes back with its id,
    /// token and namespace for as long as the controller's readmission grace, and leaves only once refused, stopped, or
    /// unable to reach the controller.
    /// </summary>
    private async Task RunEngineAsync(int slot, ConnectionInfo info, CodeStore code, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var launchId = LaunchId();
        var connection = await ConnectWithRetryAsync(info, _options.ConnectTimeout, stoppingToken).ConfigureAwait(false);
        StartupTrace.Mark("connected");
        EngineWelcomeMessage? last = null;
        EngineNamespace? variables = null;
        while (true)
        {
            connection.Send(Message.ToFrame(last is { } welcome ? new EngineHelloMessage(welcome.EngineId, welcome.Token, launchId) : EngineHelloMessage.New(launchId)));
            var direct = DirectPath(info, connection);
            if (direct is not null)
            {
                // Where other engines send this one the kept values its tasks take as inputs.
                connection.Send(Message.ToFrame(new EngineEndpointMessage(direct.Host, direct.Port, direct.TlsFingerprint)));
            }

            var session = _sessions[slot] = new EngineSession(
                connection, _logger, code, direct, live: LiveSettings.From(_options), variables: variables,
                kept: new Flow.KeptStore(_options.MaxKeptBytes), transfers: _transfers);
            if (slot == 0 && last is null && _options.WarmUpScripts)
            {
                ScriptWarmUp.Start(_logger);
            }

            _logger.LogInformation(EventIds.EngineConnected, "Engine connected to controller at {Controller}", info);
            var executing = session.RunAsync(stoppingToken);
            using (var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connection.Closed))
            {
                var watcher = session.WatchControllerAsync(TimeSpan.FromMilliseconds(500), watching.Token);
                await connection.RunAsync(session.OnFrame, stoppingToken).ConfigureAwait(false);
                await watching.CancelAsync().ConfigureAwait(false);
                await watcher.ConfigureAwait(false);
            }

            session.Complete();
            await executing.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var reason = connection.CloseReason;
            await connection.DisposeAsync().ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (session.StopRequested)
            {
                _logger.LogInformation(EventIds.ControllerLost, "The controller asked engine {EngineId} to stop", session.EngineId);
                return;
            }

            if (!session.Welcomed)
            {
                // A hello the controller answered by closing: a new engine while it stops, or one whose grace has passed.
                Environment.ExitCode = EngineExitCodes.Refused;
                _logger.LogWarning(EventIds.ControllerLost, last is not null
                    ? "The controller did not re-admit engine {EngineId} ({Reason}); it exits so that a replacement starts"
                    : "The controller did not register this engine ({Reason}); it exits", last?.EngineId ?? -1, reason);
                return;
            }

            last = session.Welcome;
            variables = session.Namespace;

            // Declared lost by a controller that lives: back within its grace. A controller that died: back when one restored
            // on its address listens again, for as long as ControllerRestartWait.
            var grace = TimeSpan.FromMilliseconds(last.Value.ReadmissionGraceMilliseconds);
            var restart = _options.ControllerRestartWait;
            var wait = grace > restart ? grace : restart;
            if (wait <= TimeSpan.Zero)
            {
                _logger.LogWarning(EventIds.ControllerLost, "Lost the controller ({Reason}); engine {EngineId} exits", reason, last.Value.EngineId);
                return;
            }

            _logger.LogWarning(EventIds.EngineRejoining, "Lost the controller ({Reason}); engine {EngineId} tries to come back for up to {Grace} s", reason, last.Value.EngineId, wait.TotalSeconds);
            try
            {
                connection = await ConnectWithRetryAsync(info, wait, stoppingToken, refusedMeansGone: restart <= TimeSpan.Zero).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(EventIds.ControllerLost, "Engine {EngineId} could not reach the controller again ({Reason}); it exits", last.Value.EngineId, e.Message);
                return;
            }
        }
    }

    /// <summary>
    /// What its launcher named this engine's unit (<see cref="EngineOptions.LaunchId"/>), with its index in a job array or
    /// MPI run when the launcher names the variable that holds it (<see cref="EngineOptions.LaunchIndexVariable"/>).
    /// </summary>
    private string LaunchId()
    {
        var id = _options.LaunchId ?? "";
        if (id.Length > 0 && _options.LaunchIndexVariable is { Length: > 0 } variable && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } index)
        {
            id += "." + index;
        }

        return id;
    }

    private async Task<ConnectionInfo> ResolveConnectionAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_options.ConnectionFile))
        {
            return await ConnectionFiles.WaitForAsync(_options.ConnectionFile, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(_options.Host) || _options.Port <= 0 || string.IsNullOrEmpty(_options.Key))
        {
            throw new InvalidOperationException("An engine needs a controller: set RemoteKit:Engine:ConnectionFile, or Host, Port and Key.");
        }

        return new ConnectionInfo { Host = _options.Host, Port = _options.Port, Key = _options.Key, TlsFingerprint = string.IsNullOrEmpty(_options.TlsFingerprint) ? null : _options.TlsFingerprint };
    }

    /// <summary>
    /// Connects and proves the key, trying again within <paramref name="timeout"/> while the controller cannot be reached or
    /// drops the connection before the handshake ends (busy: a thousand engines arriving at once). A refused connection
    /// means nothing listens any more when <paramref name="refusedMeansGone"/>.
    /// </summary>
    private async Task<FrameConnection> ConnectWithRetryAsync(ConnectionInfo info, TimeSpan timeout, CancellationToken cancellationToken, bool refusedMeansGone = false)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var key = info.GetKeyBytes();
        var attempt = 0;
        while (true)
        {
            try
            {
                var (host, port) = await ThroughTunnelAsync(info).ConfigureAwait(false);
                return await Connector.ConnectAsync(host, port, key, PeerRole.Engine, _options.MaxFrameBytes, _logger, cts.Token, info.TlsFingerprint).ConfigureAwait(false);
            }
            catch (SocketException e) when (!cts.IsCancellationRequested && !(refusedMeansGone && e.SocketErrorCode == SocketError.ConnectionRefused))
            {
            }
            catch (Exception e) when (!cts.IsCancellationRequested && e is IOException or AuthenticationException { InnerException: IOException })
            {
                _logger.LogInformation(EventIds.ConnectRetried, "The controller dropped the connection before the handshake ended ({Reason}); trying again", e.Message);
            }

            await Task.Delay(Connector.RetryDelay(attempt++), cts.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Where to connect: the controller itself, or the loopback end of this process's SSH tunnel to it
    /// (<see cref="EngineOptions.Ssh"/>), started on first use and again when it has ended; the engines of the process share it.
    /// </summary>
    private async Task<(string Host, int Port)> ThroughTunnelAsync(ConnectionInfo info)
    {
        if (string.IsNullOrEmpty(_options.Ssh))
        {
            return (info.Host, info.Port);
        }

        SshTunnel? ended = null;
        SshTunnel tunnel;
        lock (_gate)
        {
            if (_tunnel is { Exited.IsCompleted: true } dead)
            {
                ended = dead;
                var failure = dead.Failure();
                if (failure != _lastTunnelFailure)
                {
                    // Once per kind of failure: the connect loop tries again at its own pace, and says when it gives up.
                    _logger.LogWarning(EventIds.ControllerNotReachable, "The SSH tunnel to the controller ended; starting it again: {Failure}", failure);
                    _lastTunnelFailure = failure;
                }

                _tunnel = null;
            }

            tunnel = _tunnel ??= SshTunnel.Start(new SshTunnelSettings(_options.Ssh, ConfigFile: _options.SshConfigFile), info.Host, info.Port);
        }

        if (ended is not null)
        {
            await ended.DisposeAsync().ConfigureAwait(false);
        }

        return ("127.0.0.1", tunnel.LocalPort);
    }
}

/// <summary>The exit codes of an engine process that say why it ended.</summary>
internal static class EngineExitCodes
{
    /// <summary>The controller refused it (its grace as a lost engine had passed): a death, to be replaced at once.</summary>
    public const int Refused = 3;
}
