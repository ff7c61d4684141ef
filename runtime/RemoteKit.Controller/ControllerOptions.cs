namespace RemoteKit.Controller;

/// <summary>Settings of a controller, bound from configuration section <c>RemoteKit:Controller</c>.</summary>
public sealed class ControllerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = Configuration.SettingKeys.Controller.Section;

    /// <summary>The address to listen on. Use <c>0.0.0.0</c> to accept engines from other hosts.</summary>
    public string Ip { get; set; } = Connections.ClusterAddress.Loopback;

    /// <summary>The address written into connection files for others to reach this controller (defaults to <see cref="Ip"/>, or the host name when listening on all addresses).</summary>
    public string? Location { get; set; }

    /// <summary>The TCP port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The shared key (base64). Empty: a fresh random key is generated.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// Whether this controller takes over from one that died on the same address and key (<c>remotekit controller
    /// --restore</c>; a cluster's supervisor sets it when it restarts its controller). Engines that kept running while it was
    /// away come back with the ids the last controller gave them, and are admitted with those ids and their namespaces during
    /// the first <see cref="ReadmissionGrace"/> after it starts (unless a new engine took the id meanwhile).
    /// </summary>
    public bool Restore { get; set; }

    /// <summary>Where to write the client connection file once listening (optional).</summary>
    public string? ClientConnectionFile { get; set; }

    /// <summary>Where to write the engine connection file once listening (optional).</summary>
    public string? EngineConnectionFile { get; set; }

    /// <summary>Frames larger than this close the connection that sent them.</summary>
    public long MaxFrameBytes { get; set; } = Connections.Connector.DefaultMaxFrameBytes;

    /// <summary>
    /// The least time a peer has to send the whole of one large frame (1 MiB or more) once it announced it; a frame too big
    /// to arrive within it at 10 MiB/s gets that long instead (103 s for 1 GiB). A peer that stalls past its deadline is
    /// disconnected with a logged warning, and the memory for its frame freed.
    /// </summary>
    public TimeSpan FrameTimeout { get; set; } = Transport.FrameDeadline.DefaultMinimum;

    /// <summary>
    /// How many load-balanced tasks one engine may hold at once (running plus queued); more wait at the controller. An engine
    /// whose tasks are short may hold more, up to <see cref="MaxEngineTaskLimit"/>: as many as it runs in
    /// <see cref="EngineQueueTime"/>.
    /// </summary>
    public int EngineTaskLimit { get; set; } = 16;

    /// <summary>The most load-balanced tasks an engine running very short tasks may hold at once.</summary>
    public int MaxEngineTaskLimit { get; set; } = 256;

    /// <summary>
    /// An engine may hold as many load-balanced tasks as it runs in this time, by its own timing of its recent tasks, but
    /// never fewer than <see cref="EngineTaskLimit"/> nor more than <see cref="MaxEngineTaskLimit"/>. Short tasks then
    /// cross the network in batches instead of a round trip per handful; long ones wait at the controller, where any engine
    /// that frees up can take them.
    /// </summary>
    public TimeSpan EngineQueueTime { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Whether connections use TLS. <see langword="null"/> (the default): on whenever <see cref="Ip"/> is not a loopback
    /// address, off on loopback. The certificate's fingerprint is pinned in the connection files.
    /// </summary>
    public bool? Tls { get; set; }

    /// <summary>
    /// The controller's TLS certificate as base64 PKCS#12 with its private key (set by an embedded cluster through the
    /// environment). Takes precedence over <see cref="CertificateFile"/>.
    /// </summary>
    public string? Certificate { get; set; }

    /// <summary>
    /// Where the controller's TLS certificate lives (PKCS#12, mode 0600; made on first use, e.g. once per profile).
    /// Neither this nor <see cref="Certificate"/> set: a fresh certificate for this run.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>How long a new connection has to complete the handshake.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the controller pings each engine; an engine that answers nothing for <see cref="HeartbeatMisses"/> intervals is lost.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many heartbeat intervals an engine may stay silent before it is declared lost and its tasks fail or run again.</summary>
    public int HeartbeatMisses { get; set; } = 4;

    /// <summary>
    /// How many heartbeat intervals a client may stay silent before its connection is closed and its tasks dropped. Larger
    /// than <see cref="HeartbeatMisses"/> so a client paused briefly (a debugger, a laptop lid) keeps its work. Clients and
    /// engines give up on a controller that sends them nothing for twice this many intervals.
    /// </summary>
    public int ClientHeartbeatMisses { get; set; } = 30;

    /// <summary>
    /// How long a task may go on after its engine was told to abort it (by the caller, or because it passed its timeout)
    /// before the engine is recycled: disconnected so that it exits and its supervisor starts a replacement. The tasks
    /// queued behind it move to other engines at once. Until the engine answers, no new task is sent to it.
    /// </summary>
    public TimeSpan AbortGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an engine declared lost (silent for <see cref="HeartbeatMisses"/> intervals, or its connection broken) may
    /// take to come back and be re-admitted with its id and namespace. Its tasks have run elsewhere or failed meanwhile, and
    /// whatever it still sends for them is dropped. Once the grace has passed, clients that started engines hear that it
    /// ended, and its launcher ends what is left of it and starts a replacement. Zero: lost engines never come back.
    /// </summary>
    public TimeSpan ReadmissionGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A task that was running on this many engines when each of their connections broke (its engine crashed or was killed)
    /// fails with <c>TaskKilledEnginesException</c> instead of running again, whatever retries it has left (Dask's
    /// <c>allowed-failures</c>). Engines lost to silence (a paused or cut-off host) are not counted: a task cannot stop its
    /// engine's heartbeats, and such a loss says nothing about it. Zero: no limit.
    /// </summary>
    public int TaskEngineLossLimit { get; set; } = 2;

    /// <summary>
    /// Whether the controller watches its tasks: metrics, the controller's spans, the task history and the dashboard's view.
    /// Off, the hub records nothing (for measuring what watching costs).
    /// </summary>
    public bool Monitoring { get; set; } = true;
}
