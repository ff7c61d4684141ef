using Microsoft.Extensions.Logging;
using RemoteKit.Launchers;

namespace RemoteKit;

/// <summary>
/// Settings for <see cref="Cluster.StartAsync(int, ClusterOptions?, CancellationToken)"/>: the controller's address, where
/// its log lines go, and (inherited) how engines are launched and supervised.
/// </summary>
public sealed class ClusterOptions : EngineLaunchOptions
{
    /// <summary>
    /// The address the controller listens on. By default 127.0.0.1 for local engines and 0.0.0.0 (every interface) for
    /// the other launchers, whose engines connect from elsewhere.
    /// </summary>
    public string? Ip { get; set; }

    /// <summary>
    /// The address engines and other clients are told to connect to (ipyparallel's <c>--location</c>). By default
    /// <see cref="Ip"/>, or this machine's host name when listening on every interface. Set it when the host name does
    /// not reach this machine from where engines run (several interfaces, a private network).
    /// </summary>
    public string? Location { get; set; }

    /// <summary>The controller port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Whether connections use TLS, with a certificate made for this cluster and pinned by its clients and engines.
    /// <see langword="null"/> (the default): on whenever the controller listens beyond loopback.
    /// </summary>
    public bool? Tls { get; set; }

    /// <summary>
    /// Path to <c>RemoteKit.Host.dll</c>, the process that runs controller and engines. By default it is found next to the
    /// application, or through the <c>REMOTEKIT_HOST</c> environment variable.
    /// </summary>
    public string? HostPath { get; set; }

    /// <summary>How long starting the controller and connecting may take, and (for local engines) waiting for them to register.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many engines each engine process runs (<c>remotekit engine --count</c>): each has its own id, namespace and task
    /// loop, and they share the process's static state, loaded code and fate. <c>StartAsync(engines: 200)</c> with 50 here
    /// starts 4 processes.
    /// </summary>
    public int EnginesPerProcess { get; set; } = 1;

    /// <summary>
    /// Whether a controller process that dies without being asked to stop is started again, on the same address, key and
    /// certificate, as a restored controller (<c>RemoteKit:Controller:Restore</c>): engines keep their processes, ids and
    /// namespaces meanwhile and re-register; the client reconnects and sends again its pending tasks that have
    /// <see cref="TaskOptions.Retries"/> left; its other pending tasks fail with <see cref="RemoteKitConnectionException"/>.
    /// Off: engines exit with their controller and every pending task fails. On by default.
    /// </summary>
    public bool RestartController { get; set; } = true;

    /// <summary>
    /// Serve the controller's live dashboard on this IP address (e.g. <c>127.0.0.1</c>), on a free port, behind a fresh
    /// token; <see cref="Cluster.DashboardUrl"/> is its URL. <see langword="null"/> (the default): no dashboard.
    /// </summary>
    public string? Dashboard { get; set; }

    /// <summary>How many load-balanced tasks one engine may hold at once.</summary>
    public int? EngineTaskLimit { get; set; }

    /// <summary>
    /// Where the cluster logs, and where the log lines of its controller and engine processes go (from
    /// <see cref="EngineLaunchOptions.ChildLogLevel"/> up, warnings by default). Without one nothing is logged: child
    /// processes never write into this program's console.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// A launcher of your own (a subclass of <see cref="EngineLauncher"/>) that starts the engines, instead of the one
    /// <see cref="EngineLaunchOptions.Launcher"/> names. Its <see cref="EngineLauncher.IsRemote"/> decides the default
    /// <see cref="Ip"/>; the cluster supervises its engines like any other launcher's.
    /// </summary>
    public EngineLauncher? CustomLauncher { get; set; }

    /// <summary>Extra configuration passed to controller and engines (e.g. <c>RemoteKit:Engine:ConnectTimeout=00:01:00</c>).</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>An engine of a <see cref="Cluster"/> that died, and whether a replacement is being started.</summary>
public sealed class EngineExitedEventArgs : EventArgs
{
    internal EngineExitedEventArgs(string engines, int? exitCode, bool willRestart)
    {
        Engines = engines;
        ExitCode = exitCode;
        WillRestart = willRestart;
    }

    /// <summary>What died, e.g. <c>engine process 4711</c> or <c>Slurm job 12 (4 engines)</c>.</summary>
    public string Engines { get; }

    /// <summary>The process's exit code, when known (128 + the signal number for a signal on Linux).</summary>
    public int? ExitCode { get; }

    /// <summary>
    /// Whether a replacement is being started (<see cref="EngineLaunchOptions.Restart"/>). It registers as a new engine
    /// with the next free engine id; the dead engine's id is not reused.
    /// </summary>
    public bool WillRestart { get; }
}
