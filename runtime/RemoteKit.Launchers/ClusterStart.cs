using Microsoft.Extensions.Logging;

namespace RemoteKit.Launchers;

/// <summary>How a cluster's own client tells how many engines registered, and waits for more (a <c>RemoteClient</c>).</summary>
internal interface IRegisteredEngines
{
    /// <summary>How many engines are registered now.</summary>
    int RegisteredEngines { get; }

    /// <summary>Waits until <paramref name="count"/> engines registered, or throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    Task WaitForRegisteredAsync(int count, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Raised (on the thread pool) when the controller gives up on an engine: lost, and not back within its grace.</summary>
    event Action<LostEngineVerdict>? EngineGone;
}

/// <summary>The controller's verdict that an engine is gone for good, with what its launcher named its unit.</summary>
/// <param name="EngineId">The engine's id.</param>
/// <param name="LaunchId">What its launcher named the unit it ran in (an array index or rank added); empty if none did.</param>
/// <param name="Reason">Why, for logs.</param>
internal readonly record struct LostEngineVerdict(int EngineId, string LaunchId, string Reason);

/// <summary>
/// Starting a cluster's engines once its controller listens: the one sequence the embedded <c>Cluster</c> and
/// <c>remotekit cluster start</c> share. The launcher the options name, the launch context, a supervisor that replaces
/// engines that die, the launch, a client on this machine, and the wait until every engine registered (with job states
/// as progress), within the same time limits for both.
/// </summary>
internal sealed class ClusterStart
{
    private readonly EngineLaunchOptions _options;
    private readonly TimeSpan _startTimeout;

    /// <param name="options">The launcher and its settings.</param>
    /// <param name="context">Where engines connect, what they run, where their output goes.</param>
    /// <param name="startTimeout">How long starting may take; also how long local engines have to register, unless the options say.</param>
    /// <param name="launcher">The launcher to use (a site's own), instead of the one the options name.</param>
    public ClusterStart(EngineLaunchOptions options, EngineLaunchContext context, TimeSpan startTimeout, EngineLauncher? launcher = null)
    {
        _options = options;
        _startTimeout = startTimeout;
        Context = context;
        Launcher = launcher ?? EngineLauncher.Create(options);
    }

    /// <summary>The launcher: the one given, else the one the options name.</summary>
    public EngineLauncher Launcher { get; }

    /// <summary>Where engines connect, what they run, where their output goes.</summary>
    public EngineLaunchContext Context { get; }

    /// <summary>
    /// How long engines have to register: as configured, else the launcher's default for engines elsewhere (batch queues can
    /// be slow), else the start timeout.
    /// </summary>
    public TimeSpan EngineTimeout => EngineTimeoutFor(_options, Launcher, _startTimeout);

    /// <summary>How long engines of <paramref name="launcher"/> have to register (see <see cref="EngineTimeout"/>).</summary>
    public static TimeSpan EngineTimeoutFor(EngineLaunchOptions options, EngineLauncher launcher, TimeSpan startTimeout) =>
        options.EngineTimeout ?? (launcher.IsRemote ? launcher.DefaultEngineTimeout : startTimeout);

    /// <summary>
    /// The supervisor of the cluster's engines, replacing those that die as <paramref name="restart"/> (else the options)
    /// says; engines that end once <paramref name="controllerGone"/> is cancelled are not replaced.
    /// </summary>
    public EngineSupervisor Supervise(CancellationToken controllerGone, EngineRestartOptions? restart = null) =>
        new(Launcher, Context, restart ?? _options.Restart, controllerGone);

    /// <summary>
    /// Launches the processes that run <paramref name="engines"/> engines (less <paramref name="running"/>, engines of a
    /// restored cluster that still run), connects the cluster's client with <paramref name="connect"/>, and waits until every
    /// engine registered. Returns the connected client; a failure leaves stopping what was launched to the caller, which
    /// owns the supervisor.
    /// </summary>
    public async Task<TClient> StartAsync<TClient>(
        EngineSupervisor supervisor, int engines, Func<CancellationToken, Task<TClient>> connect, Action<string>? progress, CancellationToken cancellationToken,
        int running = 0)
        where TClient : IRegisteredEngines, IAsyncDisposable
    {
        var processes = (Math.Max(0, engines - running) + Context.EnginesPerProcess - 1) / Context.EnginesPerProcess;
        if (processes > 0)
        {
            await supervisor.LaunchAsync(processes, cancellationToken).ConfigureAwait(false);
        }

        var client = await connect(cancellationToken).ConfigureAwait(false);
        client.EngineGone += supervisor.EndLost;
        try
        {
            await supervisor.WaitForEnginesAsync(
                () => client.RegisteredEngines, client.WaitForRegisteredAsync, engines, EngineTimeout, progress, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The launch context of a cluster's engines.</summary>
    public static EngineLaunchContext ContextFor(
        EngineLaunchOptions options, ConnectionInfo controller, ProcessCommand engineCommand, string name, string logDirectory, ILoggerFactory loggers,
        int enginesPerProcess) => new()
    {
        Controller = controller,
        EngineCommand = engineCommand,
        Name = name,
        LogDirectory = options.LogDirectory ?? logDirectory,
        Loggers = loggers,
        ChildLogLevel = options.ChildLogLevel,
        EnginesPerProcess = enginesPerProcess,
        EngineSsh = options.EngineSsh,
        EngineSshConfigFile = options.EngineSshConfigFile,
    };
}
