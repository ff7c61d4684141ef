using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using RemoteKit.Configuration;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Launchers;
using RemoteKit.Security;

namespace RemoteKit;

/// <summary>
/// An embedded cluster (ipyparallel's <c>ipp.Cluster(n=4)</c>): a controller process on this machine with a fresh key
/// and a free port, and engines started by a launcher (local processes by default; SSH, MPI, Slurm, PBS or SGE through
/// <see cref="EngineLaunchOptions.Launcher"/>, or your own through <see cref="ClusterOptions.CustomLauncher"/>). Engines that die are replaced (<see cref="EngineLaunchOptions.Restart"/>).
/// Disposing stops everything; the processes also exit by themselves if this process dies.
/// </summary>
public sealed partial class Cluster : IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly ILogger _logger;
    private readonly ProcessCommand _controllerCommand;
    private Process _controller;
    private ChildOutput _controllerOutput;
    private readonly CancellationTokenSource _controllerGone;
    private readonly ClusterStart _start;
    private readonly EngineSupervisor _engines;
    private readonly ILoggerFactory _loggers;
    private int _disposed;
    private volatile bool _started;
    private readonly Task _watcher;

    private Cluster(
        ClusterOptions options, ILoggerFactory loggers, ProcessCommand controllerCommand, Process controller, ChildOutput controllerOutput,
        CancellationTokenSource controllerGone, ConnectionInfo info, ClusterStart start)
    {
        _controllerCommand = controllerCommand;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<Cluster>();
        _controllerGone = controllerGone;
        _controller = controller;
        _controllerOutput = controllerOutput;
        _start = start;
        _engines = start.Supervise(controllerGone.Token);
        ConnectionInfo = info;
        _engines.Exited += e => EngineExited?.Invoke(this, new EngineExitedEventArgs(e.Unit.ToString(), e.ExitCode, e.WillRestart));
        _watcher = WatchControllerAsync();
    }

    /// <summary>
    /// Raised when an engine (or a unit of engines, such as a batch job) dies without being asked to stop, after the
    /// supervisor decided whether to replace it. Raised on a thread-pool thread.
    /// </summary>
    public event EventHandler<EngineExitedEventArgs>? EngineExited;

    /// <summary>
    /// Raised in this process each time <see cref="StartAsync"/> has started a cluster, with the cluster as the sender. An
    /// extension point for hosts that own what their user code starts: the notebook kernel disposes the clusters a notebook
    /// started when it shuts down.
    /// </summary>
    public static event EventHandler? Started;

    /// <summary>
    /// The live dashboard's URL, token included (treat it as a secret), when <see cref="ClusterOptions.Dashboard"/> asked
    /// for one; <see langword="null"/> otherwise. The controller serves it from when the cluster has started.
    /// </summary>
    public Uri? DashboardUrl { get; private set; }

    /// <summary>The client connected to this cluster.</summary>
    public RemoteClient Client { get; private set; } = null!;

    /// <summary>Where engines and other clients reach the controller (its location and port), with the key.</summary>
    public ConnectionInfo ConnectionInfo { get; }

    /// <summary>
    /// The <c>RemoteKit.Host.dll</c> the controller and engines run (<see cref="ClusterOptions.HostPath"/>, else
    /// <c>REMOTEKIT_HOST</c>, else the one beside the program). <c>dotnet &lt;HostPath&gt; probe-script</c> times a first
    /// <c>Execute</c>'s cold compile with it.
    /// </summary>
    public string HostPath { get; private init; } = null!;

    /// <summary>The process ids of the controller (first) and of the local processes running engines (engines, <c>mpiexec</c>, SSH sessions).</summary>
    public IReadOnlyList<int> ProcessIds => [_controller.Id, .. _engines.ProcessIds];

    /// <summary>How many replacements for dead engines were started.</summary>
    public int EngineRestarts => _engines.Restarts;

    /// <summary>How many times the controller process died and was started again (<see cref="ClusterOptions.RestartController"/>).</summary>
    public int ControllerRestarts { get; private set; }

    /// <summary>Starts a controller and <paramref name="engines"/> engines and connects a client to them.</summary>
    /// <param name="engines">How many engines; 0 means one per processor.</param>
    /// <param name="options">Optional settings: addresses, launcher, supervision, logging.</param>
    /// <param name="cancellationToken">Cancels the start (everything started is stopped).</param>
    /// <returns>The running cluster.</returns>
    public static async Task<Cluster> StartAsync(int engines = 0, ClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(engines);
        options ??= new ClusterOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.EnginesPerProcess, $"{nameof(options)}.{nameof(ClusterOptions.EnginesPerProcess)}");
        if (engines == 0)
        {
            engines = Environment.ProcessorCount;
        }

        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var hostPath = FindHost(options);
        var launcher = options.CustomLauncher ?? EngineLauncher.Create(options);
        var ip = options.Ip ?? ClusterAddress.DefaultIp(enginesElsewhere: launcher.IsRemote);
        var port = options.Port != 0 ? options.Port : ClusterAddress.FreePort(ip);
        var info = ConnectionInfo.CreateNew(ClusterAddress.Location(ip, options.Location), port);
        var controllerEnvironment = new Dictionary<string, string> { [SettingKeys.EnvironmentVariable(SettingKeys.Controller.Key)] = info.Key };
        if (ClusterAddress.UsesTls(ip, options.Tls))
        {
            // A certificate for this cluster only; like the key, it reaches the controller through the environment.
            using var certificate = TlsChannel.CreateCertificate();
            info = info with { TlsFingerprint = TlsChannel.Fingerprint(certificate) };
            controllerEnvironment[SettingKeys.EnvironmentVariable(SettingKeys.Controller.Certificate)] = TlsChannel.ToBase64(certificate);
        }

        Uri? dashboardUrl = null;
        var dashboardSettings = new List<string>();
        if (options.Dashboard is { } dashboardIp)
        {
            var dashboardPort = ClusterAddress.FreePort(dashboardIp);
            var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            controllerEnvironment[SettingKeys.EnvironmentVariable(SettingKeys.Dashboard.Token)] = token;
            dashboardSettings.AddRange([
                SettingKeys.Argument(SettingKeys.Dashboard.Enabled, "true"),
                SettingKeys.Argument(SettingKeys.Dashboard.Address, dashboardIp),
                SettingKeys.Argument(SettingKeys.Dashboard.Port, dashboardPort.ToString(CultureInfo.InvariantCulture))]);
            dashboardUrl = new UriBuilder(Uri.UriSchemeHttp, dashboardIp, dashboardPort, "/", "?token=" + token).Uri;
        }

        var settings = options.Settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
        var level = $"--Logging:LogLevel:Default={options.ChildLogLevel}";
        var controllerCommand = ProcessCommand.DotnetExec(hostPath, ["controller", "--watch-stdin", level, .. ControllerSettings(options, ip, info), .. dashboardSettings, .. settings]) with
        {
            // The key travels in the environment, never on the command line where any user could read it.
            Environment = controllerEnvironment,
        };
        var controllerOutput = new ChildOutput(loggers, "controller process {pid}", "RemoteKit.Controller");
        var controller = ChildProcess.Start(controllerCommand, watchStdin: true, controllerOutput);
        var start = new ClusterStart(
            options,
            ClusterStart.ContextFor(
                options,
                info,
                ProcessCommand.DotnetExec(hostPath, ["engine", .. EngineSettings(options), .. settings]),
                "remotekit",
                Path.Combine(Path.GetTempPath(), $"remotekit-{port.ToString(CultureInfo.InvariantCulture)}"),
                loggers,
                options.EnginesPerProcess),
            options.StartTimeout,
            launcher);
        var controllerGone = new CancellationTokenSource();
        var cluster = new Cluster(options, loggers, controllerCommand, controller, controllerOutput, controllerGone, info, start) { DashboardUrl = dashboardUrl, HostPath = hostPath };
        return await cluster.StartEnginesAsync(engines, ip, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts more engines, through the cluster's launcher; their ids appear in <see cref="RemoteClient.Ids"/> as they register.</summary>
    /// <param name="count">How many engines to add.</param>
    /// <param name="cancellationToken">Stops waiting for them.</param>
    /// <returns>A task completing when they have registered.</returns>
    public async Task AddEnginesAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var target = Client.Ids.Count + count;
        await _engines.LaunchAsync((count + _options.EnginesPerProcess - 1) / _options.EnginesPerProcess, cancellationToken).ConfigureAwait(false);
        await WaitForEnginesAsync(target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the engines and the controller and closes the client.</summary>
    /// <returns>A task completing when every process has exited (or been killed).</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _controllerGone.CancelAsync().ConfigureAwait(false);
        if (Client is not null)
        {
            try
            {
                await Client.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RemoteKitConnectionException or TimeoutException or InvalidOperationException)
            {
                // Already gone; closing standard input below stops whatever is left.
            }

            await Client.DisposeAsync().ConfigureAwait(false);
        }

        var left = await _engines.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
        var controller = _controller;
        ChildProcess.CloseInput(controller);
        await ChildProcess.StopAsync(controller, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await _watcher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_controller != controller)
        {
            // Restarted just before this dispose began: the new one stops too.
            ChildProcess.CloseInput(_controller);
            await ChildProcess.StopAsync(_controller, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        await _controllerOutput.Completion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _controller.Dispose();
        if (left.Count > 0)
        {
            LogEnginesLeft(_logger, string.Join(", ", left));
        }
    }

    private static IEnumerable<string> EngineSettings(ClusterOptions options)
    {
        if (!options.RestartController)
        {
            // Nobody brings the controller back: engines exit with it rather than wait.
            yield return SettingKeys.Argument(SettingKeys.Engine.ControllerRestartWait, "00:00:00");
        }

        if (options.EnginesPerProcess > 1)
        {
            yield return SettingKeys.Argument(SettingKeys.Engine.Count, options.EnginesPerProcess.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static IEnumerable<string> ControllerSettings(ClusterOptions options, string ip, ConnectionInfo info)
    {
        yield return SettingKeys.Argument(SettingKeys.Controller.Ip, ip);
        yield return SettingKeys.Argument(SettingKeys.Controller.Port, info.Port.ToString(CultureInfo.InvariantCulture));
        yield return SettingKeys.Argument(SettingKeys.Controller.Location, info.Host);
        yield return SettingKeys.Argument(SettingKeys.Controller.Tls, info.TlsFingerprint is null ? "false" : "true");
        if (options.EngineTaskLimit is { } limit)
        {
            yield return SettingKeys.Argument(SettingKeys.Controller.EngineTaskLimit, limit.ToString(CultureInfo.InvariantCulture));
        }
    }

    private async Task<Cluster> StartEnginesAsync(int engines, string ip, CancellationToken cancellationToken)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _controllerGone.Token);
            var local = ConnectionInfo with { Host = ClusterAddress.Local(ip) };
            Client = await _start.StartAsync(
                _engines,
                engines,
                ct => RemoteClient.ConnectAsync(local, _options.StartTimeout, ct, _loggers.CreateLogger<RemoteClient>()),
                progress: null,
                cts.Token).ConfigureAwait(false);
            if (DashboardUrl is { } dashboard)
            {
                await WaitForDashboardAsync(dashboard, cts.Token).ConfigureAwait(false);
            }

            _started = true;
            Started?.Invoke(this, EventArgs.Empty);
            return this;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && _controller.HasExited)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The RemoteKit controller exited with code {_controller.ExitCode} while the cluster started; its log lines went to ClusterOptions.LoggerFactory.");
        }
        catch
        {
            await DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits until the controller's dashboard accepts connections: it starts just after the controller listens.</summary>
    private async Task WaitForDashboardAsync(Uri dashboard, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.StartTimeout);
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(dashboard.Host, dashboard.Port, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(delay, deadline.Token).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
            }
        }
    }

    private Task WaitForEnginesAsync(int count, CancellationToken cancellationToken) =>
        _engines.WaitForEnginesAsync(
            () => Client.Ids.Count, (n, timeout, ct) => Client.WaitForEnginesAsync(n, timeout, ct), count, _start.EngineTimeout, progress: null, cancellationToken);

    /// <summary>
    /// Waits for the controller process to exit; one that died while the cluster runs is started again as a restored
    /// controller (<see cref="ClusterOptions.RestartController"/>), unless it keeps dying at once.
    /// </summary>
    private async Task WatchControllerAsync()
    {
        var budget = RestartBudget.ForController();
        while (true)
        {
            var controller = _controller;
            await controller.WaitForExitAsync(CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            // Exit code 0: it stopped because it was asked to (a client's ShutdownAsync), not a death.
            var died = _options.RestartController && Volatile.Read(ref _disposed) == 0 && _started && controller.ExitCode != 0;
            if (!died || !budget.TryTake())
            {
                if (died)
                {
                    ControllerRestartLog.GaveUp(_logger, budget.Max, budget.Window.TotalSeconds);
                }

                if (_started && Volatile.Read(ref _disposed) == 0)
                {
                    Client.ControllerGoneForGood(
                        $"the cluster's controller process exited with code {controller.ExitCode.ToString(CultureInfo.InvariantCulture)} and is not restarted");
                }

                await _controllerGone.CancelAsync().ConfigureAwait(false);
                return;
            }

            ControllerRestartLog.Restarting(_logger, $"process {controller.Id}", controller.ExitCode.ToString(CultureInfo.InvariantCulture));
            await _controllerOutput.Completion.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var output = new ChildOutput(_loggers, "controller process {pid}", "RemoteKit.Controller");
            var command = _controllerCommand.Append(SettingKeys.Argument(SettingKeys.Controller.Restore, "true"));
            _controllerOutput = output;
            _controller = ChildProcess.Start(command, watchStdin: true, output);
            ControllerRestarts++;
            controller.Dispose();
            if (Volatile.Read(ref _disposed) != 0)
            {
                // Disposed meanwhile: DisposeAsync stops the new process once this returns.
                await _controllerGone.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private static string FindHost(ClusterOptions options)
    {
        var candidates = new[]
        {
            options.HostPath,
            Environment.GetEnvironmentVariable("REMOTEKIT_HOST"),
            Path.Combine(AppContext.BaseDirectory, "remotekit-host", "RemoteKit.Host.dll"),
            Path.Combine(AppContext.BaseDirectory, "RemoteKit.Host.dll"),
            Path.Combine(Path.GetDirectoryName(typeof(Cluster).Assembly.Location) ?? ".", "RemoteKit.Host.dll"),
        };
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new FileNotFoundException(
                AppContext.TryGetSwitch("RemoteKit.HostNotCopied", out var notCopied) && notCopied
                    ? "This program was built with <RemoteKitCopyHost>false</RemoteKitCopyHost>, so RemoteKit.Host.dll, the controller/engine process " +
                      "that Cluster.StartAsync starts, is not in its output: remove that property to start clusters from this program, set " +
                      "ClusterOptions.HostPath or REMOTEKIT_HOST to a host elsewhere, or connect to a running cluster with RemoteClient.Connect."
                    : "Could not find RemoteKit.Host.dll, the controller/engine process. It ships in the RemoteKit package and is copied next to your program " +
                      "(unless the project sets <RemoteKitCopyHost>false</RemoteKitCopyHost>); set ClusterOptions.HostPath or REMOTEKIT_HOST if you moved it.");
    }

    [LoggerMessage(EventId = EventIds.EnginesLeftRunning, Level = LogLevel.Warning, Message = "Engines still running after the cluster stopped: {Units}")]
    private static partial void LogEnginesLeft(ILogger logger, string units);
}
