using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RemoteKit.Configuration;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// Starts the controller of <c>cluster start</c> where <c>--controller</c> places it: a child process here
/// (<see cref="LocalControllerLauncher"/>), a process on an SSH host (<see cref="SshControllerLauncher"/>) or a batch job
/// (<see cref="BatchControllerLauncher"/>). <see cref="ControllerProcess"/> supervises what it starts: it waits until the
/// controller listens, restarts one that dies (restored: same port and key), and stops it with the cluster.
/// </summary>
internal abstract class ControllerLauncher
{
    /// <summary>Where it places the controller.</summary>
    public abstract ControllerLauncherKind Kind { get; }

    /// <summary>How long a controller may take from its start until it listens (a batch job may wait in the queue).</summary>
    public abstract TimeSpan StartTimeout { get; }

    /// <summary>
    /// Starts a controller; with <paramref name="restore"/> one that takes over from the last, which died: same port, key and
    /// certificate, and its engines come back with their ids.
    /// </summary>
    public abstract Task<ControllerRun> StartAsync(bool restore, CancellationToken cancellationToken);

    /// <summary>The launcher <paramref name="request"/>'s settings name.</summary>
    public static ControllerLauncher Create(ClusterRequest request, IConfiguration configuration, ILoggerFactory loggers) =>
        request.Settings.Controller.Launcher switch
        {
            ControllerLauncherKind.Local => new LocalControllerLauncher(request, configuration, loggers),
            ControllerLauncherKind.Ssh => new SshControllerLauncher(request, configuration, loggers),
            ControllerLauncherKind.Slurm or ControllerLauncherKind.Pbs => new BatchControllerLauncher(request, configuration, loggers),
            var other => throw new CliException($"There is no controller launcher '{other}'."),
        };

    /// <summary>How long starting the controller of <paramref name="settings"/> may take.</summary>
    public static TimeSpan StartTimeoutFor(ClusterSettings settings) => settings.Controller.Launcher is ControllerLauncherKind.Slurm or ControllerLauncherKind.Pbs
        ? BatchControllerLauncher.TimeoutFor(settings)
        : settings.StartTimeout;

    /// <summary>
    /// The engine launcher that can tell whether a recorded controller <paramref name="unit"/> is gone and cancel it from any
    /// process (<c>cluster stop</c>): <c>kill</c> over SSH, <c>scancel</c>, <c>qdel</c>.
    /// </summary>
    public static EngineLauncher UnitLauncher(ClusterSettings settings, EngineUnit unit) =>
        unit.Launcher == EngineLauncherKind.Ssh ? SshControllerLauncher.Ssh(settings) : EngineLauncher.Create(unit.Launcher, settings);
}

/// <summary>One run of a controller, from its start until it exits.</summary>
internal abstract class ControllerRun : IDisposable
{
    /// <summary>Names it in messages: <c>process 12</c>, <c>process 12 on host</c>, <c>Slurm job 7</c>.</summary>
    public abstract string Name { get; }

    /// <summary>How <c>cluster stop</c> finds it if the cluster process is gone (not for a local child, which dies with it).</summary>
    public virtual EngineUnit? Unit => null;

    /// <summary>Waits until it listens; throws <see cref="InvalidOperationException"/> if it exits first, <see cref="TimeoutException"/> if it takes too long.</summary>
    public abstract Task<ConnectionInfo> WaitListeningAsync(CancellationToken cancellationToken);

    /// <summary>The dashboard's URL once the controller serves it, or null.</summary>
    public virtual Task<Uri?> WaitForDashboardAsync(CancellationToken cancellationToken) => Task.FromResult<Uri?>(null);

    /// <summary>Waits until it exits; its exit code (0: it was asked to shut down), or null when unknown (it was killed).</summary>
    public abstract Task<int?> WaitForExitAsync(CancellationToken cancellationToken);

    /// <summary>Asks it to stop as Ctrl+C would (it stops its engines), and ends it if it does not within <paramref name="grace"/>; also makes sure one that died is gone.</summary>
    public abstract Task StopAsync(TimeSpan grace);

    public virtual void Dispose()
    {
    }
}

/// <summary>
/// The controller as a child process of the cluster process (<c>remotekit controller --profile P --supervised</c>): it
/// writes the profile's connection files itself, and stops when its standard input closes, so it never outlives the
/// cluster process.
/// </summary>
internal sealed class LocalControllerLauncher(ClusterRequest request, IConfiguration configuration, ILoggerFactory loggers) : ControllerLauncher
{
    public override ControllerLauncherKind Kind => ControllerLauncherKind.Local;

    public override TimeSpan StartTimeout => request.Settings.StartTimeout;

    public override Task<ControllerRun> StartAsync(bool restore, CancellationToken cancellationToken)
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
        var dashboard = configuration.GetValue<bool>(SettingKeys.Dashboard.Enabled);
        return Task.FromResult<ControllerRun>(new LocalControllerRun(request, child, output, dashboard));
    }

    private sealed class LocalControllerRun(ClusterRequest request, System.Diagnostics.Process child, ChildOutput output, bool dashboard) : ControllerRun
    {
        public override string Name => $"process {child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        /// <summary>Waits until the profile's connection file is this child's: it writes it once it listens.</summary>
        public override async Task<ConnectionInfo> WaitListeningAsync(CancellationToken cancellationToken)
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

                    if (PlacedControllerLauncher.TryLoad(file) is { } info && info.ControllerPid == child.Id)
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

        public override async Task<Uri?> WaitForDashboardAsync(CancellationToken cancellationToken)
        {
            if (!dashboard)
            {
                return null;
            }

            var file = ProcessHosts.DashboardUrlFile(request.Profile);
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

        public override async Task<int?> WaitForExitAsync(CancellationToken cancellationToken)
        {
            await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return child.ExitCode;
        }

        public override async Task StopAsync(TimeSpan grace)
        {
            // Asked in its input, it stops as Ctrl+C would: it tells its engines to stop and removes its connection files. An
            // input that closes without asking means this process died, and it then leaves its engines waiting for a restore.
            try
            {
                await child.StandardInput.WriteLineAsync(Hosting.StdinWatcher.StopLine).ConfigureAwait(false);
                await child.StandardInput.FlushAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // Already gone.
            }

            ChildProcess.CloseInput(child);
            await ChildProcess.StopAsync(child, grace).ConfigureAwait(false);
            await output.Completion.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        public override void Dispose() => child.Dispose();
    }
}
