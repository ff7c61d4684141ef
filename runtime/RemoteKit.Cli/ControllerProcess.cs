using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteKit.Configuration;
using RemoteKit.Diagnostics;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// The controller of <c>cluster start</c>, started where <c>--controller</c> places it (<see cref="ControllerLauncher"/>):
/// by default a child process (<c>remotekit controller --supervised</c>), so that its death does not take the engines and
/// their supervisor with it; or a process on an SSH host, or a batch job. A controller that dies is started again on the
/// same address and key as a restored one, and its engines and clients come back to it. One that exits normally (it was
/// asked to shut down) ends the cluster. A local or SSH controller stops when its standard input closes, so it never
/// outlives this process; a batch job is cancelled when the cluster stops, or by <c>cluster stop</c> from its record.
/// </summary>
internal sealed partial class ControllerProcess(
    ClusterRequest request, IConfiguration configuration, IHostApplicationLifetime lifetime, ILoggerFactory loggers, ILogger<ControllerProcess> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<ConnectionInfo> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri?> _dashboard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ControllerLauncher _launcher = ControllerLauncher.Create(request, configuration, loggers);
    private readonly Lock _gate = new();
    private ControllerRun? _run;

    /// <summary>Where the controller listens, once it does.</summary>
    public Task<ConnectionInfo> Listening => _listening.Task;

    /// <summary>The dashboard's URL once the controller serves it, or <see langword="null"/> when the cluster has none.</summary>
    public Task<Uri?> DashboardUrl => _dashboard.Task;

    /// <summary>How many times the controller died and was started again.</summary>
    public int Restarts { get; private set; }

    /// <summary>Whether the controller runs elsewhere than as a child process here.</summary>
    public bool Placed => _launcher.Kind != ControllerLauncherKind.Local;

    /// <summary>How long the controller may take to listen.</summary>
    public TimeSpan StartTimeout => _launcher.StartTimeout;

    /// <summary>How <c>cluster stop</c> finds the running controller if this process is gone (a placed one only).</summary>
    public EngineUnit? Unit
    {
        get
        {
            lock (_gate)
            {
                return _run?.Unit;
            }
        }
    }

    /// <summary>Raised when a controller started again listens (its <see cref="Unit"/> changed).</summary>
    public event Action? Restarted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var profile = request.Profile;
        var dashboardFile = ProcessHosts.DashboardUrlFile(profile);
        ClusterState.TryDelete(dashboardFile);
        var budget = RestartBudget.ForController();
        var restore = request.Restore;
        try
        {
            while (true)
            {
                var run = await _launcher.StartAsync(restore, stoppingToken).ConfigureAwait(false);
                ControllerRun? previous;
                lock (_gate)
                {
                    previous = _run;
                    _run = run;
                }

                previous?.Dispose();
                var info = await run.WaitListeningAsync(stoppingToken).ConfigureAwait(false);
                if (!_listening.TrySetResult(info))
                {
                    Restarted?.Invoke();
                }

                _dashboard.TrySetResult(await run.WaitForDashboardAsync(stoppingToken).ConfigureAwait(false));
                var code = await run.WaitForExitAsync(stoppingToken).ConfigureAwait(false);
                if (code == 0)
                {
                    // Asked to shut down ('cluster stop', a client's ShutdownAsync): the cluster ends with it.
                    LogStopped(logger, request.Profile.Name);
                    lifetime.StopApplication();
                    return;
                }

                if (!budget.TryTake())
                {
                    ControllerRestartLog.GaveUp(logger, budget.Max, budget.Window.TotalSeconds);
                    Environment.ExitCode = ExitCodes.Failure;
                    lifetime.StopApplication();
                    return;
                }

                ControllerRestartLog.Restarting(logger, run.Name, code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");

                // What is left of it (a controller whose SSH session broke, a job still completing) goes before another takes its port.
                await run.StopAsync(request.Settings.StopTimeout / 3).ConfigureAwait(false);
                restore = true;
                Restarts++;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or CliException)
        {
            _listening.TrySetException(e);
            LogFailed(logger, e.Message);
            Environment.ExitCode = ExitCodes.Failure;
            lifetime.StopApplication();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        ControllerRun? run;
        lock (_gate)
        {
            run = _run;
        }

        if (run is not null)
        {
            await run.StopAsync(request.Settings.StopTimeout / 3).ConfigureAwait(false);
            run.Dispose();
        }

        if (Placed)
        {
            // A local controller removes its connection files as it stops; those of a placed one were written here.
            ClusterState.TryDelete(request.Profile.ClientConnectionFile);
            ClusterState.TryDelete(request.Profile.EngineConnectionFile);
        }
    }

    [LoggerMessage(EventId = EventIds.ClusterControllerStopped, Level = LogLevel.Information, Message = "The controller of cluster '{Profile}' stopped; the cluster stops")]
    private static partial void LogStopped(ILogger logger, string profile);

    [LoggerMessage(EventId = EventIds.ClusterStartFailed, Level = LogLevel.Error, Message = "The controller could not be started: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
