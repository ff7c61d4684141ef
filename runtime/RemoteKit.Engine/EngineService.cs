using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RemoteKit.Configuration;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
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
    private readonly ILogger<EngineService> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private EngineSession?[] _sessions = [];
    private readonly Lock _gate = new();
    private DirectListener? _direct;
    private bool _directStarted;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Engine options.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="lifetime">Host lifetime, stopped when the controller goes away.</param>
    public EngineService(IOptions<EngineOptions> options, ILogger<EngineService> logger, IHostApplicationLifetime lifetime)
    {
        _options = options.Value;
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
            }

            return _direct;
        }
    }

    private async Task RunEngineAsync(int slot, ConnectionInfo info, CodeStore code, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var connection = await ConnectWithRetryAsync(info, stoppingToken).ConfigureAwait(false);
        StartupTrace.Mark("connected");
        var session = _sessions[slot] = new EngineSession(connection, _logger, code, DirectPath(info, connection), live: LiveSettings.From(_options));
        if (slot == 0 && _options.WarmUpScripts)
        {
            ScriptCompiler.StartWarmUp(_logger);
        }

        _logger.LogInformation(EventIds.EngineConnected, "Engine connected to controller at {Controller}", info);

        var executing = session.RunAsync(stoppingToken);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, connection.Closed);
        var watcher = session.WatchControllerAsync(TimeSpan.FromMilliseconds(500), watching.Token);
        await connection.RunAsync(session.OnFrame, stoppingToken).ConfigureAwait(false);
        await watching.CancelAsync().ConfigureAwait(false);
        await watcher.ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested)
        {
            if (session.StopRequested)
            {
                _logger.LogInformation(EventIds.ControllerLost, "The controller asked engine {EngineId} to stop", session.EngineId);
            }
            else
            {
                _logger.LogWarning(EventIds.ControllerLost, "Lost the controller ({Reason}); engine {EngineId} exits", connection.CloseReason, session.EngineId);
            }
        }

        session.Complete();
        await executing.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await connection.DisposeAsync().ConfigureAwait(false);
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

    private async Task<FrameConnection> ConnectWithRetryAsync(ConnectionInfo info, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.ConnectTimeout);
        var key = info.GetKeyBytes();
        var attempt = 0;
        while (true)
        {
            try
            {
                return await Connector.ConnectAsync(info.Host, info.Port, key, PeerRole.Engine, _options.MaxFrameBytes, _logger, cts.Token, info.TlsFingerprint).ConfigureAwait(false);
            }
            catch (SocketException) when (!cts.IsCancellationRequested)
            {
                await Task.Delay(Connector.RetryDelay(attempt++), cts.Token).ConfigureAwait(false);
            }
        }
    }
}
