using System.Globalization;
using Microsoft.Extensions.Logging;
using RemoteKit.Configuration;

namespace RemoteKit.Launchers;

/// <summary>
/// What a launcher needs to start engines for one cluster: where they connect, what they run, where their output goes.
/// A launcher gives each engine process <see cref="EngineEnvironment"/> (with its unit's <see cref="LaunchId"/>) as
/// environment variables.
/// </summary>
public sealed record EngineLaunchContext
{
    /// <summary>The controller as engines reach it (its location, port and key).</summary>
    public required ConnectionInfo Controller { get; init; }

    /// <summary>How this program runs one engine on this machine (e.g. <c>dotnet exec …/RemoteKit.Host.dll engine</c>).</summary>
    public required ProcessCommand EngineCommand { get; init; }

    /// <summary>Names the cluster's jobs and files, e.g. <c>remotekit-demo</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Where job scripts and the output of engines that are not this process's children go.</summary>
    public required string LogDirectory { get; init; }

    /// <summary>Where the output of child processes is logged.</summary>
    public required ILoggerFactory Loggers { get; init; }

    /// <summary>The minimum level of what engines log.</summary>
    public LogLevel ChildLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>
    /// Engines must outlive this process (<c>remotekit cluster engines</c>): they are not tied to its standard input and
    /// write their output to files.
    /// </summary>
    public bool Detached { get; init; }

    /// <summary>How many engines each launched process runs (<c>remotekit engine --count</c>); told to it in its environment.</summary>
    public int EnginesPerProcess { get; init; } = 1;

    /// <summary>
    /// What the launcher named the unit being started (<see cref="EngineUnit.LaunchId"/>): engines tell the controller, whose
    /// verdict on a lost engine then names the unit to end (<see cref="EngineSupervisor.EndLost"/>).
    /// </summary>
    public string? LaunchId { get; init; }

    /// <summary>The environment variable that holds an engine's index within its unit (a job array task, an MPI rank), if any.</summary>
    public string? LaunchIndexVariable { get; init; }

    /// <summary>The SSH server engines reach the controller through, or null (<see cref="EngineLaunchOptions.EngineSsh"/>).</summary>
    internal string? EngineSsh { get; init; }

    /// <summary>The ssh_config file for <see cref="EngineSsh"/>, or null.</summary>
    internal string? EngineSshConfigFile { get; init; }

    /// <summary>The engine settings of <see cref="EngineSsh"/>, as environment variables.</summary>
    internal IEnumerable<KeyValuePair<string, string>> TunnelEnvironment
    {
        get
        {
            if (EngineSsh is { Length: > 0 } ssh)
            {
                yield return new(SettingKeys.EnvironmentVariable(SettingKeys.Engine.Ssh), ssh);
                if (EngineSshConfigFile is { Length: > 0 } config)
                {
                    yield return new(SettingKeys.EnvironmentVariable(SettingKeys.Engine.SshConfigFile), config);
                }
            }
        }
    }

    /// <summary>A new launch id (<see cref="LaunchId"/>): short, and unique enough within one cluster.</summary>
    /// <returns>Twelve hexadecimal digits.</returns>
    public static string NewLaunchId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>The environment that tells an engine where its controller is; it holds the key, so it never goes on a command line.</summary>
    public IReadOnlyDictionary<string, string> EngineEnvironment
    {
        get
        {
            var environment = new Dictionary<string, string>
            {
                [SettingKeys.EnvironmentVariable(SettingKeys.Engine.Host)] = Controller.Host,
                [SettingKeys.EnvironmentVariable(SettingKeys.Engine.Port)] = Controller.Port.ToString(CultureInfo.InvariantCulture),
                [SettingKeys.EnvironmentVariable(SettingKeys.Engine.Key)] = Controller.Key,
                ["Logging__LogLevel__Default"] = ChildLogLevel.ToString(),
            };
            if (Controller.TlsFingerprint is { } fingerprint)
            {
                environment[SettingKeys.EnvironmentVariable(SettingKeys.Engine.TlsFingerprint)] = fingerprint;
            }

            if (LaunchId is { Length: > 0 } launchId)
            {
                environment[SettingKeys.EnvironmentVariable(SettingKeys.Engine.LaunchId)] = launchId;
                if (LaunchIndexVariable is { Length: > 0 } index)
                {
                    environment[SettingKeys.EnvironmentVariable(SettingKeys.Engine.LaunchIndexVariable)] = index;
                }
            }

            if (EnginesPerProcess > 1)
            {
                environment[SettingKeys.EnvironmentVariable(SettingKeys.Engine.Count)] = EnginesPerProcess.ToString(CultureInfo.InvariantCulture);
            }

            foreach (var (name, value) in TunnelEnvironment)
            {
                environment[name] = value;
            }

            return environment;
        }
    }

    /// <summary>The cluster's name and where engines connect; never the key.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"{Name} (controller {Controller.Host}:{Controller.Port.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>A file name that no other launch of this cluster uses.</summary>
    /// <param name="suffix">The end of the name, e.g. <c>.sh</c>.</param>
    /// <returns>The cluster's name, the time and a random part, then <paramref name="suffix"/>.</returns>
    public string UniqueName(string suffix) =>
        $"{Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}{suffix}";
}

/// <summary>
/// Starts engines somewhere (this machine, SSH hosts, an MPI run, a batch job), stops them, and tells whether they are
/// gone. The embedded <c>Cluster</c> and the <c>remotekit</c> tool use the same launchers, through a supervisor
/// that replaces engines that die and ends those the controller gave up on; <c>remotekit cluster stop</c> uses them on
/// the units recorded in a profile.
/// </summary>
/// <remarks>
/// A site's own launcher derives from this class: it implements <see cref="LaunchAsync"/> (start engine processes that
/// get <see cref="EngineLaunchContext.EngineEnvironment"/>, and describe each group as an <see cref="EngineUnit"/>),
/// <see cref="CancelAsync"/> and <see cref="IsGoneAsync"/>, and may override the rest. It is used through
/// <c>ClusterOptions.CustomLauncher</c>, or named by <see cref="EngineLaunchOptions.LauncherType"/> (then it needs a
/// public constructor taking <see cref="EngineLaunchOptions"/>). Units must be described well enough in
/// <see cref="EngineUnit"/> that another process can cancel them: <c>remotekit cluster stop</c> creates the launcher
/// anew from the profile's settings.
/// </remarks>
public abstract class EngineLauncher
{
    /// <summary>Creates a launcher with default settings.</summary>
    protected EngineLauncher()
        : this(new EngineLaunchOptions())
    {
    }

    /// <summary>Creates a launcher with the given settings.</summary>
    /// <param name="options">The settings (poll interval, timeouts, each launcher's section).</param>
    protected EngineLauncher(EngineLaunchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The settings it was created with.</summary>
    protected EngineLaunchOptions Options { get; }

    /// <summary>Which launcher this is; <see cref="EngineLauncherKind.Custom"/> for a launcher of your own.</summary>
    public virtual EngineLauncherKind Kind => EngineLauncherKind.Custom;

    /// <summary>How long to wait for engines to register, unless the options say (5 minutes unless overridden).</summary>
    public virtual TimeSpan DefaultEngineTimeout => TimeSpan.FromMinutes(5);

    /// <summary>How often batch jobs are polled.</summary>
    internal TimeSpan JobPollInterval => Options.JobPollInterval;

    /// <summary>
    /// Whether engines run beyond this machine, so the controller must listen on a reachable address (true unless
    /// overridden).
    /// </summary>
    public virtual bool IsRemote => true;

    /// <summary>Creates the launcher the options name.</summary>
    internal static EngineLauncher Create(EngineLaunchOptions options) => Create(options.Launcher, options);

    /// <summary>Creates a launcher of the given kind, with the options' settings.</summary>
    internal static EngineLauncher Create(EngineLauncherKind kind, EngineLaunchOptions options) => kind switch
    {
        EngineLauncherKind.Local => new LocalLauncher(options),
        EngineLauncherKind.Ssh => new SshLauncher(options),
        EngineLauncherKind.Mpi => new MpiLauncher(options),
        EngineLauncherKind.Slurm => new SlurmLauncher(options),
        EngineLauncherKind.Pbs => new PbsLauncher(options),
        EngineLauncherKind.Sge => new SgeLauncher(options),
        EngineLauncherKind.Custom => CustomLaunchers.Create(options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown launcher."),
    };

    /// <summary>
    /// Starts <paramref name="count"/> engine processes (each runs <see cref="EngineLaunchContext.EnginesPerProcess"/>
    /// engines) that connect to <see cref="EngineLaunchContext.Controller"/>.
    /// </summary>
    /// <param name="count">How many engine processes to start.</param>
    /// <param name="context">Where they connect, what they run (with which environment), where their output goes.</param>
    /// <param name="cancellationToken">Cancels the launch.</param>
    /// <returns>What was started, one entry per unit (a process, a job).</returns>
    public abstract Task<IReadOnlyList<LaunchedEngines>> LaunchAsync(int count, EngineLaunchContext context, CancellationToken cancellationToken);

    /// <summary>Starts engines to replace a unit that died (by default anywhere; SSH reuses the host).</summary>
    internal virtual Task<IReadOnlyList<LaunchedEngines>> RelaunchAsync(EngineUnit dead, EngineLaunchContext context, CancellationToken cancellationToken) =>
        LaunchAsync(dead.Engines, context, cancellationToken);

    /// <summary>Asks a unit to stop: <c>scancel</c>, <c>qdel</c>, a signal, <c>kill</c> over SSH. Works from any process.</summary>
    /// <param name="unit">What to stop, as <see cref="LaunchAsync"/> described it (perhaps read back from a profile).</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>A task completing once asked; whether it is gone is <see cref="IsGoneAsync"/>'s answer.</returns>
    public abstract Task CancelAsync(EngineUnit unit, CancellationToken cancellationToken);

    /// <summary>
    /// Ends a unit whose engine the controller gave up on. Its process may be stopped (SIGSTOP, a frozen host), so where a
    /// signal does it, it is SIGKILL, which a stopped process cannot hold off; a batch job is cancelled. By default
    /// <see cref="CancelAsync"/>.
    /// </summary>
    /// <param name="unit">The unit to end.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>A task completing once it was told to end.</returns>
    public virtual Task EndAsync(EngineUnit unit, CancellationToken cancellationToken) => CancelAsync(unit, cancellationToken);

    /// <summary>
    /// Ends one engine of a unit that runs several, by its index (<see cref="EngineLaunchContext.LaunchIndexVariable"/>):
    /// one task of a job array. False (the default) when this launcher cannot end one engine alone (an MPI run, a job of
    /// srun tasks).
    /// </summary>
    /// <param name="unit">The unit that runs the engine.</param>
    /// <param name="index">The engine's index in it, as its environment variable held it.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    /// <returns>Whether the engine was told to end.</returns>
    public virtual Task<bool> EndOneAsync(EngineUnit unit, string index, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <summary>Whether nothing of the unit runs any more. Works from any process.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>True once no process of it runs and no job of it is queued.</returns>
    public abstract Task<bool> IsGoneAsync(EngineUnit unit, CancellationToken cancellationToken);

    /// <summary>The state of batch jobs (pending, running) for progress messages; nothing (the default) for launchers without a queue.</summary>
    /// <param name="units">The units running now.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>One line per unit, e.g. <c>job 12: 12.1 RUNNING, 12.2 QUEUED</c>.</returns>
    public virtual Task<IReadOnlyList<string>> DescribeAsync(IReadOnlyList<EngineUnit> units, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Removes what launching left on other hosts (copied connection files), once every unit has stopped.</summary>
    internal virtual Task CleanUpAsync(IReadOnlyList<EngineUnit> units, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits until a unit started by this process ends; its exit code when known.</summary>
    internal virtual async Task<int?> WaitForExitAsync(LaunchedEngines engines, CancellationToken cancellationToken)
    {
        if (engines.Process is { } process)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (engines.Output is { } output)
            {
                // Its last words (why it died) are logged before anyone acts on its death.
                await output.Completion.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            return process.ExitCode;
        }

        while (!await IsGoneAsync(engines.Unit, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(Options.JobPollInterval, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>
    /// Stops a unit this process started: a process that watches its standard input is asked by closing it, then the unit
    /// is cancelled, and a local process still running after <paramref name="grace"/> is killed.
    /// </summary>
    internal virtual async Task StopAsync(LaunchedEngines engines, TimeSpan grace, CancellationToken cancellationToken)
    {
        engines.StopRequested = true;
        if (engines.Process is { } process && Kind == EngineLauncherKind.Local)
        {
            ChildProcess.CloseInput(process);
            await ChildProcess.StopAsync(process, grace).ConfigureAwait(false);
            return;
        }

        if (engines.Process is { } session)
        {
            ChildProcess.CloseInput(session);
        }

        await CancelAndWaitAsync(engines.Unit, grace * 2, cancellationToken).ConfigureAwait(false);
        if (engines.Process is { HasExited: false } left)
        {
            left.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Cancels a unit and waits until it is gone; false if it still runs after <paramref name="timeout"/>.</summary>
    internal async Task<bool> CancelAndWaitAsync(EngineUnit unit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await CancelAsync(unit, deadline.Token).ConfigureAwait(false);
            var delay = TimeSpan.FromMilliseconds(50);
            while (!await IsGoneAsync(unit, deadline.Token).ConfigureAwait(false))
            {
                await Task.Delay(delay, deadline.Token).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }

            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
