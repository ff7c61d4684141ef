using RemoteKit.Launchers;

namespace RemoteKit;

/// <summary>
/// A connection to a RemoteKit controller (ipyparallel's <c>Client</c>): hands out views of the engines and
/// carries every task submitted through them. Thread-safe.
/// </summary>
/// <remarks>
/// A façade: the <see cref="ControllerSession"/> owns the connection, correlation and wire format, the
/// <see cref="CodeShipper"/> the order of outgoing frames and code shipping, <see cref="TaskSubmitter"/> and
/// <see cref="NamespaceTasks"/> turn view calls into tasks.
/// </remarks>
public sealed partial class RemoteClient : IAsyncDisposable, IDisposable, IRegisteredEngines
{
    private readonly ControllerSession _session;
    private readonly Lock _disposeGate = new();
    private Task? _disposal;

    /// <summary>The engine ids as announced, and waiting for them to change.</summary>
    internal EngineRegistry Engines => _session.Engines;

    /// <summary>How many tasks this client sent to their engines in one hop, not through the controller (tests).</summary>
    internal long DirectTasksSent => _session.DirectTasksSent;

    /// <summary>How many load-balanced tasks this client sent to engines in one hop, on leased slots (tests).</summary>
    internal long LeasedTasksSent => _session.LeasedTasksSent;

    /// <summary>How many leases of engine capacity this client holds (tests).</summary>
    internal int LeasesHeld => _session.LeasesHeld;

    /// <summary>
    /// Leases of engine capacity for load-balanced tasks: how long this client keeps a lease it does not use before giving it
    /// back to the controller (default 500 ms). While it holds one, a load-balanced view's ordinary tasks (calls and map
    /// batches, over every engine or a subset, with retries or a timeout) go straight to the leased engine in one hop (a task
    /// with a timeout only on a lease with no other task); the controller takes the lease back when another task has to wait
    /// for that engine. <see cref="TimeSpan.Zero"/> turns leases off: every load-balanced task
    /// then goes through the controller.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan LeaseIdleReturn
    {
        get => _session.LeaseIdleReturn;
        set => _session.LeaseIdleReturn = value;
    }

    /// <summary>The bytes this client's connection to the controller has carried each way so far.</summary>
    internal (long Sent, long Received) ControllerBytes => _session.Connection is { } c ? (c.BytesSent, c.BytesReceived) : (0, 0);

    /// <summary>Tells the controller how a load-balanced view places its tasks; returns the set's id.</summary>
    /// <summary>The controller's process exited and nothing restarts it: what waits for it fails now.</summary>
    internal void ControllerGoneForGood(string reason) => _session.ControllerGoneForGood(reason);

    internal int DefineTargetSet(int[]? engineIds, TaskOptions options) => _session.DefineTargetSet(engineIds, options);

    internal RemoteClient(ControllerSession session)
    {
        _session = session;
        Tasks = new TaskSubmitter(session);
        Direct = new DirectPaths(Tasks, session.Info, session.Logger);
        session.Direct = Direct;
        Namespaces = new NamespaceTasks(Tasks, Direct);
        Connected?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Raised in this process each time a client has connected (through <c>Connect</c>, <c>ConnectAsync</c> or a
    /// <see cref="Cluster"/>), with the new client as the sender, on the connecting thread. An extension point for hosts
    /// that act on the clients their user code makes, such as the notebook kernel (its magics use the most recent client,
    /// and an interrupt aborts its tasks).
    /// </summary>
    public static event EventHandler? Connected;

    /// <summary>The controller this client is connected to.</summary>
    public ConnectionInfo ConnectionInfo => _session.Info;

    /// <summary>The ids of the engines currently registered, ascending.</summary>
    public IReadOnlyList<int> Ids => _session.Engines.Ids;

    internal TaskSubmitter Tasks { get; }

    internal NamespaceTasks Namespaces { get; }

    /// <summary>Direct connections to engines for bulk data.</summary>
    internal DirectPaths Direct { get; }

    /// <summary>A view of one engine.</summary>
    /// <param name="engineId">The engine id.</param>
    /// <returns>The engine view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No engine has that id.</exception>
    public EngineView this[int engineId]
    {
        get
        {
            var ids = _session.Engines.Ids;
            if (Array.IndexOf(ids, engineId) < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(engineId), engineId, $"No engine {engineId}; the registered engines are [{string.Join(", ", ids)}].");
            }

            return new EngineView(this, engineId);
        }
    }

    /// <summary>A direct view of a slice of the engines, by position in <see cref="Ids"/> (<c>client[..]</c> is all of them).</summary>
    /// <param name="range">The slice.</param>
    /// <returns>The direct view.</returns>
    public DirectView this[Range range]
    {
        get
        {
            var ids = _session.Engines.Ids;
            int offset, length;
            try
            {
                (offset, length) = range.GetOffsetAndLength(ids.Length);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(range),
                    $"client[{range}] asks for engines by position beyond the {ids.Length} registered (ids [{string.Join(", ", ids)}]); " +
                    $"positions run from 0 to {ids.Length - 1}, and client[..] is all of them.");
            }

            return new DirectView(this, ids.AsSpan(offset, length).ToArray());
        }
    }

    /// <summary>
    /// A direct view of the engines with these ids, in the order given (ipyparallel's <c>client[[3, 0]]</c>): its results
    /// come back in that order.
    /// </summary>
    /// <param name="engineIds">Registered engine ids, none twice.</param>
    /// <returns>The direct view.</returns>
    /// <exception cref="EngineNotFoundException">An id names no registered engine.</exception>
    /// <exception cref="ArgumentException">No ids, or an id given twice.</exception>
    public DirectView this[IEnumerable<int> engineIds]
    {
        get
        {
            return new DirectView(this, RegisteredIds(engineIds, nameof(engineIds)));
        }
    }

    /// <summary>The ids, checked: at least one, each registered, none twice.</summary>
    private int[] RegisteredIds(IEnumerable<int> engineIds, string parameter)
    {
        ArgumentNullException.ThrowIfNull(engineIds, parameter);
        var wanted = engineIds.ToArray();
        if (wanted.Length == 0)
        {
            throw new ArgumentException("A view needs at least one engine id.", parameter);
        }

        var registered = _session.Engines.Ids;
        var seen = new HashSet<int>();
        foreach (var id in wanted)
        {
            if (Array.IndexOf(registered, id) < 0)
            {
                throw new EngineNotFoundException(id, $"There is no engine {id}; the registered engines are [{string.Join(", ", registered)}].");
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"Engine {id} is named twice in [{string.Join(", ", wanted)}].", parameter);
            }
        }

        return wanted;
    }

    /// <summary>A load-balanced view over all engines, including engines that join later.</summary>
    /// <returns>The view.</returns>
    public LoadBalancedView LoadBalancedView() => new(this, TaskOptions.Default);

    /// <summary>A load-balanced view over all engines whose tasks run with the given retries and timeout.</summary>
    /// <param name="options">The retries and timeout.</param>
    /// <returns>The view.</returns>
    public LoadBalancedView LoadBalancedView(TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(this, options);
    }

    /// <summary>
    /// A load-balanced view over some engines only (ipyparallel's <c>load_balanced_view(targets=...)</c>): each call runs
    /// once, on the least busy of them, and never on another engine, retries included. A task whose engines have all left
    /// fails with <see cref="EngineNotFoundException"/>.
    /// </summary>
    /// <param name="targets">Registered engine ids, none twice.</param>
    /// <param name="options">The retries and timeout; <see langword="null"/> for <see cref="TaskOptions.Default"/>.</param>
    /// <returns>The view.</returns>
    /// <exception cref="EngineNotFoundException">An id names no registered engine.</exception>
    /// <exception cref="ArgumentException">No ids, or an id given twice.</exception>
    public LoadBalancedView LoadBalancedView(IEnumerable<int> targets, TaskOptions? options = null)
    {
        return new(this, options ?? TaskOptions.Default, RegisteredIds(targets, nameof(targets)));
    }

    /// <summary>Waits until at least <paramref name="count"/> engines are registered.</summary>
    /// <param name="count">How many engines to wait for.</param>
    /// <param name="timeout">How long to wait (default 60 s).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task completing when enough engines are registered.</returns>
    /// <exception cref="TimeoutException">Not enough engines registered in time.</exception>
    /// <exception cref="RemoteKitConnectionException">The connection to the controller was lost.</exception>
    public Task WaitForEnginesAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _session.Engines.WaitForCountAsync(count, timeout ?? RemoteClientDefaults.EngineWaitTimeout, cancellationToken);

    int IRegisteredEngines.RegisteredEngines => Ids.Count;

    Task IRegisteredEngines.WaitForRegisteredAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForEnginesAsync(count, timeout, cancellationToken);

    event Action<LostEngineVerdict>? IRegisteredEngines.EngineGone
    {
        add => _session.EngineGone += value;
        remove => _session.EngineGone -= value;
    }

    /// <summary>Queue lengths per engine and at the controller.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status.</returns>
    public Task<QueueStatusReport> QueueStatusAsync(CancellationToken cancellationToken = default) => _session.QueueStatusAsync(cancellationToken);

    /// <summary>Queue lengths per engine and at the controller (blocking).</summary>
    /// <returns>The status.</returns>
    public QueueStatusReport QueueStatus() => QueueStatusAsync().GetAwaiter().GetResult();

    /// <summary>Waits until every task this client submitted has finished.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns><see langword="true"/> if all finished in time.</returns>
    public bool Wait(TimeSpan? timeout = null) => WaitAsync(timeout).GetAwaiter().GetResult();

    /// <summary>Waits until every task this client submitted has finished.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns><see langword="true"/> if all finished in time.</returns>
    public async Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var all = Task.WhenAll(_session.Outstanding());
        try
        {
            await all.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (all.IsCompleted)
        {
            // Failures belong to each task's own result; waiting only asks whether they finished.
        }

        return true;
    }

    /// <summary>
    /// Aborts every task of this client that has not finished (ipyparallel's <c>client.abort()</c>): queued tasks never run,
    /// running ones see their <see cref="CancellationToken"/> cancelled, maps still reading their input submit nothing more,
    /// and awaiting any of them throws <see cref="TaskAbortedException"/> (an <see cref="OperationCanceledException"/>)
    /// unless it finished first.
    /// </summary>
    public void Abort() => Tasks.AbortAll(_session.Pending());

    /// <summary>Stops every engine and the controller (ipyparallel's <c>client.shutdown(hub=True)</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task completing when the controller has accepted the request (or closed the connection as it stopped).</returns>
    public Task ShutdownAsync(CancellationToken cancellationToken = default) => _session.ShutdownAsync(cancellationToken);

    /// <summary>Stops every engine and the controller (blocking).</summary>
    public void Shutdown() => ShutdownAsync().GetAwaiter().GetResult();

    /// <summary>Closes the connection. Tasks still pending fail. Calling it again waits for the first call to finish.</summary>
    /// <returns>A task completing when closed.</returns>
    public ValueTask DisposeAsync()
    {
        // Once: a second call (an await using over a client a hosted service also disposes) waits for the first.
        lock (_disposeGate)
        {
            _disposal ??= DisposeOnceAsync();
            return new ValueTask(_disposal);
        }
    }

    private async Task DisposeOnceAsync()
    {
        await Direct.DisposeAsync().ConfigureAwait(false);
        await _session.DisposeAsync().ConfigureAwait(false);
        if (Tunnel is { } tunnel)
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The SSH tunnel this client reaches its controller through, when it does; closed with the client.</summary>
    internal Connections.SshTunnel? Tunnel { get; set; }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
