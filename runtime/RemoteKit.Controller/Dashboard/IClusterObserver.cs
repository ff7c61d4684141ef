namespace RemoteKit.Controller.Dashboard;

/// <summary>
/// What the dashboard watches: the hub implements it, giving a consistent snapshot of the cluster on demand and raising
/// <see cref="Changed"/> whenever something the page shows has changed.
/// </summary>
internal interface IClusterObserver
{
    /// <summary>The cluster as it is now. Called from the dashboard's threads, at most a few times a second per open page.</summary>
    ClusterSnapshot GetSnapshot();

    /// <summary>
    /// Raised (on any thread) after an engine or client comes or goes or a task changes state. Handlers only signal, so raising
    /// it on the task path is cheap; bursts are coalesced by the dashboard.
    /// </summary>
    event Action? Changed;
}

/// <summary>The cluster at one moment, as the dashboard shows it.</summary>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="Engines">The registered engines, by id.</param>
/// <param name="Clients">The connected clients.</param>
/// <param name="Submitted">Tasks submitted since the controller started.</param>
/// <param name="Completed">Tasks that finished with a result.</param>
/// <param name="Failed">Tasks that failed, were aborted, lost or timed out.</param>
/// <param name="QueueLength">Tasks waiting at the controller for an engine.</param>
/// <param name="RecentFailures">The latest failures, newest first (the hub keeps a few dozen).</param>
public sealed record ClusterSnapshot(
    DateTimeOffset At,
    IReadOnlyList<EngineSnapshot> Engines,
    IReadOnlyList<ClientSnapshot> Clients,
    long Submitted,
    long Completed,
    long Failed,
    int QueueLength,
    IReadOnlyList<FailureSnapshot> RecentFailures);

/// <summary>One engine as the dashboard shows it.</summary>
/// <param name="Id">The engine id.</param>
/// <param name="Host">The host it runs on.</param>
/// <param name="Pid">Its process id.</param>
/// <param name="State">Its state as a word (e.g. <c>idle</c>, <c>busy</c>, <c>stopping</c>).</param>
/// <param name="RunningTask">The method it is running now, or <see langword="null"/> when idle.</param>
/// <param name="Queue">Tasks sent to it and not yet started.</param>
/// <param name="Completed">Tasks it finished with a result.</param>
/// <param name="Failed">Tasks that failed on it.</param>
/// <param name="MemoryBytes">Its working set, as it last reported.</param>
public sealed record EngineSnapshot(int Id, string Host, int Pid, string State, string? RunningTask, int Queue, long Completed, long Failed, long MemoryBytes);

/// <summary>One connected client as the dashboard shows it.</summary>
/// <param name="Id">The client id.</param>
/// <param name="Peer">Where it connected from.</param>
/// <param name="ConnectedAt">When it connected.</param>
/// <param name="Outstanding">Its tasks not yet finished.</param>
public sealed record ClientSnapshot(int Id, string Peer, DateTimeOffset ConnectedAt, int Outstanding);

/// <summary>A failed task as the dashboard shows it.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="EngineId">The engine it failed on, if it reached one.</param>
/// <param name="Method">The method's name.</param>
/// <param name="ErrorType">The remote exception's type.</param>
/// <param name="Message">The remote exception's message.</param>
/// <param name="RemoteStackTrace">The stack trace on the engine.</param>
/// <param name="At">When it failed.</param>
public sealed record FailureSnapshot(ulong TaskId, int? EngineId, string Method, string ErrorType, string Message, string? RemoteStackTrace, DateTimeOffset At);
