namespace RemoteKit.Controller.Observing;

/// <summary>
/// What the dashboard shows, as the hub sees it: a snapshot on demand and a notification when anything changes.
/// </summary>
/// <remarks>
/// <see cref="GetSnapshot"/> is called from the dashboard's own thread, a few times a second at most, so it must be
/// thread-safe (take the hub's lock and copy). <see cref="Changed"/> may be raised as often as tasks finish, even under
/// the hub's lock: the dashboard only marks its view stale and takes a snapshot on its next update.
/// </remarks>
public interface IClusterObserver
{
    /// <summary>Raised after the cluster changed: a task submitted or finished, an engine or client came or went.</summary>
    event EventHandler? Changed;

    /// <summary>Returns the cluster as it is now.</summary>
    /// <returns>A snapshot the caller may keep.</returns>
    ClusterSnapshot GetSnapshot();
}

/// <summary>The state of an engine as the dashboard shows it.</summary>
public enum EngineStatus
{
    /// <summary>Connected, running nothing.</summary>
    Idle,

    /// <summary>Running a task.</summary>
    Busy,

    /// <summary>Asked to stop.</summary>
    Stopping,

    /// <summary>Lost recently (its connection closed without a stop).</summary>
    Lost,
}

/// <summary>The whole cluster at one moment.</summary>
public sealed record ClusterSnapshot
{
    /// <summary>When the snapshot was taken.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The engines, by id.</summary>
    public required IReadOnlyList<EngineSnapshot> Engines { get; init; }

    /// <summary>The connected clients.</summary>
    public IReadOnlyList<ClientSnapshot> Clients { get; init; } = [];

    /// <summary>Counts over the controller's lifetime, and what is waiting and running now.</summary>
    public required ClusterTotals Totals { get; init; }

    /// <summary>The most recent failures, newest first (a few dozen at most).</summary>
    public IReadOnlyList<FailureSnapshot> RecentFailures { get; init; } = [];
}

/// <summary>One engine.</summary>
public sealed record EngineSnapshot
{
    /// <summary>The engine id.</summary>
    public required int Id { get; init; }

    /// <summary>The host it runs on.</summary>
    public string? Host { get; init; }

    /// <summary>Its process id.</summary>
    public int? ProcessId { get; init; }

    /// <summary>Its state.</summary>
    public required EngineStatus State { get; init; }

    /// <summary>The task it is running, if any.</summary>
    public ulong? RunningTaskId { get; init; }

    /// <summary>The method of the task it is running, if any.</summary>
    public string? RunningMethod { get; init; }

    /// <summary>Tasks sent to it and not started yet, those sent in one hop included.</summary>
    public int Queued { get; init; }

    /// <summary>
    /// Tasks sent to it in one hop (straight from a client) that it holds, queued or running, as it reported within
    /// milliseconds of a change. The controller learns which they are only once they ended, so while one of them runs,
    /// <see cref="RunningTaskId"/> is null and <see cref="State"/> is <see cref="EngineStatus.Busy"/>.
    /// </summary>
    public int OneHop { get; init; }

    /// <summary>Tasks it finished successfully.</summary>
    public long Completed { get; init; }

    /// <summary>Tasks that failed on it.</summary>
    public long Failed { get; init; }

    /// <summary>Its working set, as last reported.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>The bytes of results it keeps for <c>RemoteRef</c>s.</summary>
    public long KeptBytes { get; init; }
}

/// <summary>One connected client.</summary>
public sealed record ClientSnapshot
{
    /// <summary>The client id.</summary>
    public required int Id { get; init; }

    /// <summary>Where it connected from.</summary>
    public string? Peer { get; init; }

    /// <summary>When it connected.</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    /// <summary>Its tasks not finished yet.</summary>
    public int Outstanding { get; init; }
}

/// <summary>Cluster-wide counts.</summary>
public sealed record ClusterTotals
{
    /// <summary>Tasks submitted since the controller started.</summary>
    public long Submitted { get; init; }

    /// <summary>Tasks finished successfully.</summary>
    public long Completed { get; init; }

    /// <summary>Tasks that failed (threw, aborted, lost, timed out).</summary>
    public long Failed { get; init; }

    /// <summary>Tasks waiting now, at the controller or in an engine's queue.</summary>
    public int Queued { get; init; }

    /// <summary>Tasks running now.</summary>
    public int Running { get; init; }
}

/// <summary>One failed task, with the remote stack trace.</summary>
public sealed record FailureSnapshot
{
    /// <summary>The controller's task id.</summary>
    public required ulong TaskId { get; init; }

    /// <summary>The method.</summary>
    public string? Method { get; init; }

    /// <summary>The engine it failed on, if it reached one.</summary>
    public int? EngineId { get; init; }

    /// <summary>When it failed.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The remote exception type.</summary>
    public required string ErrorType { get; init; }

    /// <summary>The remote exception message.</summary>
    public string? Message { get; init; }

    /// <summary>The remote stack trace.</summary>
    public string? StackTrace { get; init; }
}
