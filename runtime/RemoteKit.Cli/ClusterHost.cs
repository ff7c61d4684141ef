using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RemoteKit.Connections;
using RemoteKit.Controller;
using RemoteKit.Configuration;
using RemoteKit.Diagnostics;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>What <c>cluster start</c> was asked for.</summary>
internal sealed record ClusterRequest(
    RemoteKitProfile Profile, int Engines, ClusterSettings Settings, LaunchArguments Launch, Action<ClusterState, ConnectionInfo, Uri?>? OnReady,
    Action<string>? OnProgress = null)
{
    /// <summary>The configuration values <c>cluster start</c> set (options, the listening address): its controller process gets them too.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary><c>--restore</c>: the controller starts restored on the last one's address and key.</summary>
    public bool Restore { get; init; }

    /// <summary>The engine units of the dead cluster that still run: supervised again, and counted among the engines.</summary>
    public IReadOnlyList<EngineUnit> Adopt { get; init; } = [];
}

/// <summary>
/// The engines of <c>cluster start</c>: once its controller process listens (<see cref="ControllerProcess"/>), launches them through the profile's
/// launcher and supervises them (replacing those that die), records every unit in the profile's <c>run/</c> folder as it
/// changes, waits until all engines registered (showing job states meanwhile), and on stop stops every unit and checks
/// that it is gone.
/// </summary>
internal sealed partial class ClusterHost(
    ClusterRequest request, ControllerProcess controller, IConfiguration configuration, IHostApplicationLifetime lifetime, ILoggerFactory loggers,
    ILogger<ClusterHost> logger) : BackgroundService
{
    private readonly object _stateGate = new();
    private EngineSupervisor? _engines;
    private RemoteClient? _client;
    private ConnectionInfo? _info;
    private bool _ready;
    private string? _progress;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var settings = request.Settings;
            var info = await controller.Listening.WaitAsync(controller.StartTimeout + TimeSpan.FromSeconds(10), stoppingToken).ConfigureAwait(false);
            request.Profile.ClearStarting();
            var start = new ClusterStart(
                settings,
                ClusterStart.ContextFor(
                    settings, info, ChildProcesses.Self("engine"), "remotekit-" + request.Profile.Name, request.Profile.LogDirectory, loggers, settings.EnginesPerProcess),
                settings.StartTimeout);
            var engines = start.Supervise(lifetime.ApplicationStopping);
            lock (_stateGate)
            {
                _engines = engines;
                _info = info;
            }

            engines.UnitsChanged += WriteState;
            controller.Restarted += WriteState;

            // Restored: the dead cluster's engines that still run are supervised again, and only the missing ones start.
            var adopted = engines.Adopt(request.Adopt);
            var running = request.Adopt.Where(u => u.Launcher == engines.Launcher.Kind).Sum(u => u.Engines);
            if (adopted > 0)
            {
                LogAdopted(logger, Plural.Engines(running), request.Profile.Name);
            }

            // A placed controller is reached where its connection files say; a local one on this machine's side of its address.
            var local = controller.Placed ? info : info with { Host = ClusterAddress.Local(configuration[SettingKeys.Controller.Ip] ?? ClusterAddress.Loopback) };
            // The cluster's own client stays connected: the controller's verdicts on lost engines reach the supervisor through it.
            var client = await start.StartAsync(
                engines, request.Engines, ct => RemoteClient.ConnectAsync(local, settings.StartTimeout, ct), Progress, stoppingToken, running).ConfigureAwait(false);
            lock (_stateGate)
            {
                _client = client;
            }

            // Ready only once the dashboard, when asked for, serves and its URL is in the profile.
            var dashboardUrl = await controller.DashboardUrl.WaitAsync(settings.StartTimeout, stoppingToken).ConfigureAwait(false);
            lock (_stateGate)
            {
                _ready = true;
                _progress = null;
            }

            var state = WriteState(null);
            LogReady(logger, request.Profile.Name, Plural.Engines(request.Engines), info.ToString());
            request.OnReady?.Invoke(state!, info, dashboardUrl);
            await AdoptAddedEnginesAsync(engines, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogStartFailed(logger, request.Profile.Name, e.Message);
            Environment.ExitCode = ExitCodes.Failure;
            lifetime.StopApplication();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        EngineSupervisor? engines;
        RemoteClient? client;
        lock (_stateGate)
        {
            engines = _engines;
            client = _client;
        }

        if (client is not null)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }

        if (engines is null)
        {
            ClusterState.Delete(request.Profile);
            return;
        }

        engines.UnitsChanged -= WriteState;
        controller.Restarted -= WriteState;
        var left = await engines.StopAsync(request.Settings.StopTimeout / 3, CancellationToken.None).ConfigureAwait(false);
        if (left.Count == 0)
        {
            ClusterState.Delete(request.Profile);
        }
        else
        {
            // What could not be stopped stays on record, for 'cluster stop' to try again.
            WriteState(left);
        }
    }

    /// <summary>
    /// Takes on the engines <c>cluster engines</c> adds (it records them in <c>run/added-*.json</c> and exits), once a second
    /// while the cluster runs: they are then supervised like the cluster's own, recorded in its state, and their file goes.
    /// </summary>
    private async Task AdoptAddedEnginesAsync(EngineSupervisor engines, CancellationToken stoppingToken)
    {
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var (added, file) in ClusterState.Added(request.Profile))
            {
                if (skipped.Contains(file))
                {
                    continue;
                }

                if (engines.Adopt(added.Units) == added.Units.Length)
                {
                    WriteState();
                    ClusterState.TryDelete(file);
                }
                else
                {
                    // Another launcher's units: 'cluster stop' still stops them from their file.
                    skipped.Add(file);
                    LogNotAdopted(logger, file, engines.Launcher.Kind);
                }
            }
        }
    }

    private void Progress(string line)
    {
        lock (_stateGate)
        {
            _progress = line;
        }

        request.OnProgress?.Invoke(line);
        WriteState();
    }

    private void WriteState() => WriteState(null);

    private ClusterState? WriteState(IReadOnlyList<EngineUnit>? units)
    {
        lock (_stateGate)
        {
            if (_engines is null || _info is null)
            {
                return null;
            }

            var state = new ClusterState
            {
                Pid = Environment.ProcessId,
                Controller = _info.ToString(),
                Launcher = _engines.Launcher.Kind,
                Ready = _ready,
                Progress = _progress,
                Units = [.. units ?? _engines.Units],
                ControllerUnit = controller.Unit,
                Launch = request.Launch,
                EnginesPerProcess = request.Settings.EnginesPerProcess,
            };
            state.Write(request.Profile);
            return state;
        }
    }

    [LoggerMessage(EventId = EventIds.ClusterRestored, Level = LogLevel.Information, Message = "Restoring cluster '{Profile}': {Engines} of the last cluster still run and are taken back")]
    private static partial void LogAdopted(ILogger logger, string engines, string profile);

    [LoggerMessage(EventId = EventIds.ClusterReady, Level = LogLevel.Information, Message = "Cluster '{Profile}' is running: controller at {Controller}, {Engines}")]
    private static partial void LogReady(ILogger logger, string profile, string engines, string controller);

    [LoggerMessage(EventId = EventIds.EnginesNotAdopted, Level = LogLevel.Warning, Message = "Engines recorded in {File} use another launcher than the cluster's ({Launcher}): they are not replaced when they die")]
    private static partial void LogNotAdopted(ILogger logger, string file, EngineLauncherKind launcher);

    [LoggerMessage(EventId = EventIds.ClusterStartFailed, Level = LogLevel.Error, Message = "Cluster '{Profile}' failed to start: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string profile, string reason);
}
