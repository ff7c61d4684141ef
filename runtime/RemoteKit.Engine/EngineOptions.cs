namespace RemoteKit.Engine;

/// <summary>Settings of an engine, bound from configuration section <c>RemoteKit:Engine</c>.</summary>
public sealed class EngineOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = Configuration.SettingKeys.Engine.Section;

    /// <summary>A connection file (<c>remotekit-engine.json</c>) to read the controller address and key from.</summary>
    public string? ConnectionFile { get; set; }

    /// <summary>The controller address, if no connection file is given.</summary>
    public string? Host { get; set; }

    /// <summary>The controller port, if no connection file is given.</summary>
    public int Port { get; set; }

    /// <summary>The shared key (base64), if no connection file is given.</summary>
    public string? Key { get; set; }

    /// <summary>The SHA-256 fingerprint of the controller's TLS certificate, if no connection file is given and it uses TLS.</summary>
    public string? TlsFingerprint { get; set; }

    /// <summary>
    /// What the launcher that started this engine named its unit (set by launchers; not a secret). The engine tells the
    /// controller, so that the controller's verdict on it (lost, re-admitted, ended) reaches that launcher.
    /// </summary>
    public string? LaunchId { get; set; }

    /// <summary>
    /// The environment variable that holds this engine's index within its unit (<c>SLURM_ARRAY_TASK_ID</c> for a Slurm job
    /// array, <c>PBS_ARRAYID</c> for a Torque array), appended to <see cref="LaunchId"/>; set by launchers.
    /// </summary>
    public string? LaunchIndexVariable { get; set; }

    /// <summary>
    /// An SSH server (<c>[user@]host</c>, or an alias of the ssh configuration) to reach the controller through, for an
    /// engine that cannot connect to it directly (ipyparallel's <c>--enginessh</c>): the engine runs <c>ssh -L</c> from
    /// a free loopback port to the controller's address as that host sees it, and connects through it; the key and TLS
    /// rules are as for any connection. Empty (the default): connect directly.
    /// </summary>
    public string? Ssh { get; set; }

    /// <summary>The <c>ssh_config</c> file for <see cref="Ssh"/> (<c>ssh -F</c>); ssh's own by default.</summary>
    public string? SshConfigFile { get; set; }

    /// <summary>How long to keep trying to reach the controller (and to wait for the connection file) at start.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an engine that lost its controller keeps its process and namespace waiting for a controller to come back on
    /// the same address and key (restarted by its cluster's supervisor, or with <c>remotekit controller --restore</c>); it
    /// then re-registers with its id. A controller that stopped because it was asked to tells its engines to exit at once.
    /// Zero: an engine whose controller is gone (nothing listens) exits.
    /// </summary>
    public TimeSpan ControllerRestartWait { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How many engines this process runs. Each has its own connection, id, namespace, task loop and captured output; they
    /// share the process: static state, loaded code, memory, and one crash ends them all. Suits many-core nodes and
    /// clusters of hundreds of engines on few machines.
    /// </summary>
    public int Count { get; set; } = 1;

    /// <summary>
    /// Whether the process runs a small script in the background once it has connected, so that the first <c>Execute</c>
    /// is fast: with the host's script server (<see cref="ScriptServerOptions"/>) it starts the server if none runs and has
    /// it compile against this engine's assemblies, and the engine loads no compiler; without one it loads and JIT-compiles
    /// Roslyn in this process (about half a second of one core, once per process). An <c>Execute</c> that arrives meanwhile
    /// waits for it rather than compile beside it.
    /// </summary>
    public bool WarmUpScripts { get; set; } = true;

    /// <summary>
    /// Where clients reach this process's engines directly for bulk data (large pushes, pulls, scatters and gathers skip the
    /// controller): an IP address or host name to listen on and announce. Empty (the default): the address this process's
    /// connection to the controller leaves from, which is the interface that network reaches. <c>none</c>: no direct path;
    /// bulk data goes through the controller. There is no direct path either when the controller uses TLS.
    /// </summary>
    public string? DirectAddress { get; set; }

    /// <summary>The default of <see cref="MaxKeptBytes"/>: 4 GiB.</summary>
    public const long DefaultMaxKeptBytes = 4L << 30;

    /// <summary>
    /// How many bytes of results each engine keeps at most for <c>RemoteRef</c>s (tasks run with <c>TaskOptions.Keep</c>); a
    /// result that would pass it fails its task with an error saying so. Kept values are freed when their <c>RemoteRef</c> is
    /// disposed and when its client disconnects.
    /// </summary>
    public long MaxKeptBytes { get; set; } = DefaultMaxKeptBytes;

    /// <summary>The port of the direct path; 0 (the default) takes a free one.</summary>
    public int DirectPort { get; set; }

    /// <summary>
    /// How long a client has, at least, to send the whole of one large frame on the direct path (more for frames too big to
    /// arrive in that time at 10 MiB/s); a client that stalls mid-frame is disconnected then.
    /// </summary>
    public TimeSpan FrameTimeout { get; set; } = Transport.FrameDeadline.DefaultMinimum;

    /// <summary>Frames larger than this close the connection.</summary>
    public long MaxFrameBytes { get; set; } = Connections.Connector.DefaultMaxFrameBytes;

    /// <summary>
    /// How often, at most, a running task's output is sent to its caller (<c>ar.Output</c>), and its progress and published
    /// values. Output written after a pause goes at once; more written within the interval waits for it, unless
    /// <see cref="LiveOutputBatch"/> characters are waiting.
    /// </summary>
    public TimeSpan LiveOutputInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Characters of output that are sent at once, without waiting for <see cref="LiveOutputInterval"/>.</summary>
    public int LiveOutputBatch { get; set; } = 8 * 1024;

    /// <summary>
    /// Characters of live output an engine sends per second, at most. A task that prints faster has the rest dropped from its
    /// live output (each piece after a gap says how much was dropped); its result still keeps up to <see cref="TaskOutputLimit"/>.
    /// </summary>
    public int LiveOutputRate { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Characters of each output stream a task's result keeps (<c>Metadata.Stdout</c>, <c>Stderr</c>): past it, the first and
    /// the last half, a line between them saying how much was left out, and the count in <c>Metadata.StdoutDropped</c>.
    /// </summary>
    public int TaskOutputLimit { get; set; } = 8 * 1024 * 1024;

    /// <summary>How long a stream's items wait on the engine, at most, while the method is busy computing the next one.</summary>
    public TimeSpan StreamFlushInterval { get; set; } = TimeSpan.FromMilliseconds(10);
}
