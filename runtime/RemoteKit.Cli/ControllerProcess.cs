using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteKit.Configuration;
using RemoteKit.Diagnostics;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// The controller of <c>cluster start</c>, run as a child process (<c>remotekit controller --supervised</c>) so that its death
/// does not take the engines and their supervisor with it: a controller that dies is started again on the same address and
/// key as a restored one (<c>--restore</c>), and its engines and clients come back to it. One that exits normally (it was
/// asked to shut down) ends the cluster. The child gets the cluster's settings through its environment and stops when its
/// standard input closes, so it never outlives this process.
/// </summary>
internal sealed partial class ControllerProcess(
    ClusterRequest request, IConfiguration configuration, IHostApplicationLifetime lifetime, ILoggerFactory loggers, ILogger<ControllerProcess> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<ConnectionInfo> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri?> _dashboard = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Process? _child;
    private ChildOutput? _output;

    /// <summary>Where the controller listens, once its connection file names it.</summary>
    public Task<ConnectionInfo> Listening => _listening.Task;

    /// <summary>The dashboard's URL once the controller serves it, or <see langword="null"/> when the cluster has none.</summary>
    public Task<Uri?> DashboardUrl => _dashboard.Task;

    /// <summary>How many times the controller died and was started again.</summary>
    public int Restarts { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var profile = request.Profile;
        var dashboardFile = ProcessHosts.DashboardUrlFile(profile);
        ClusterState.TryDelete(dashboardFile);
        var budget = RestartBudget.ForController();
        var restore = false;
        try
        {
            while (true)
            {
                var child = Start(restore);
                var info = await WaitForConnectionFileAsync(child, stoppingToken).ConfigureAwait(false);
                _listening.TrySetResult(info);
                if (configuration.GetValue<bool>(SettingKeys.Dashboard.Enabled))
                {
                    _dashboard.TrySetResult(await WaitForDashboardAsync(child, dashboardFile, stoppingToken).ConfigureAwait(false));
                }
                else
                {
                    _dashboard.TrySetResult(null);
                }

                await child.WaitForExitAsync(stoppingToken).ConfigureAwait(false);
                if (child.ExitCode == 0)
                {
                    // Asked to shut down ('cluster stop', a client's ShutdownAsync): the cluster ends with it.
                    LogStopped(logger, request.Profile.Name);
                    lifetime.StopApplication();
                    return;
                }

                if (!budget.TryTake())
                {
                    LogGaveUp(logger, budget.Max, budget.Window.TotalSeconds);
                    Environment.ExitCode = ExitCodes.Failure;
                    lifetime.StopApplication();
                    return;
                }

                LogRestarting(logger, child.Id, child.ExitCode);
                restore = true;
                Restarts++;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException)
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
        Process? child;
        ChildOutput? output;
        lock (_gate)
        {
            child = _child;
            output = _output;
        }

        if (child is null)
        {
            return;
        }

        // Closing its input stops it as Ctrl+C would: it tells its engines to stop and removes its connection files.
        ChildProcess.CloseInput(child);
        await ChildProcess.StopAsync(child, request.Settings.StopTimeout / 3).ConfigureAwait(false);
        if (output is not null)
        {
            await output.Completion.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        child.Dispose();
    }

    private Process Start(bool restore)
    {
        string[] arguments = ["controller", "--profile", request.Profile.Name, "--supervised", .. restore ? ["--restore"] : Array.Empty<string>()];
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Overrides)
        {
            if (value is not null)
            {
                environment[SettingKeys.EnvironmentVariable(key)] = value;
            }
        }

        var output = new ChildOutput(loggers, "controller process {pid}", "RemoteKit.Controller");
        var child = ChildProcess.Start(ChildProcesses.Self(arguments) with { Environment = environment }, watchStdin: true, output);
        Process? previous;
        lock (_gate)
        {
            previous = _child;
            _child = child;
            _output = output;
        }

        previous?.Dispose();
        return child;
    }

    /// <summary>Waits until the profile's connection file is this child's: it writes it once it listens.</summary>
    private async Task<ConnectionInfo> WaitForConnectionFileAsync(Process child, CancellationToken cancellationToken)
    {
        var file = request.Profile.ClientConnectionFile;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Settings.StartTimeout);
        try
        {
            while (true)
            {
                if (child.HasExited)
                {
                    throw new InvalidOperationException($"The controller process exited with code {child.ExitCode} before it listened; its log lines are above.");
                }

                if (TryLoad(file) is { } info && info.ControllerPid == child.Id)
                {
                    return info;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The controller process did not write {file} within {request.Settings.StartTimeout.TotalSeconds:0.#} s.");
        }
    }

    private async Task<Uri?> WaitForDashboardAsync(Process child, string file, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Settings.StartTimeout);
        while (!child.HasExited)
        {
            try
            {
                if (File.Exists(file) && Uri.TryCreate((await File.ReadAllTextAsync(file, deadline.Token).ConfigureAwait(false)).Trim(), UriKind.Absolute, out var url))
                {
                    return url;
                }
            }
            catch (IOException)
            {
                // Being written: read again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), deadline.Token).ConfigureAwait(false);
        }

        return null;
    }

    private static ConnectionInfo? TryLoad(string path)
    {
        try
        {
            return File.Exists(path) ? ConnectionInfo.Load(path) : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = EventIds.ControllerRestarted, Level = LogLevel.Warning,
        Message = "The controller (process {Pid}) died with exit code {ExitCode}; starting it again on the same address and key, restored: engines and clients come back to it")]
    private static partial void LogRestarting(ILogger logger, int pid, int exitCode);

    [LoggerMessage(EventId = EventIds.ControllerRestartsExhausted, Level = LogLevel.Error,
        Message = "The controller died {Count} times within {Seconds} s; it is not started again, and the cluster ends")]
    private static partial void LogGaveUp(ILogger logger, int count, double seconds);

    [LoggerMessage(EventId = EventIds.ClusterControllerStopped, Level = LogLevel.Information, Message = "The controller of cluster '{Profile}' stopped; the cluster stops")]
    private static partial void LogStopped(ILogger logger, string profile);

    [LoggerMessage(EventId = EventIds.ClusterStartFailed, Level = LogLevel.Error, Message = "The controller could not be started: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
