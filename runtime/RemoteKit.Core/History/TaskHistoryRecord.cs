namespace RemoteKit;

/// <summary>Where a task is in its life, as the task history records it.</summary>
public enum TaskHistoryStatus
{
    /// <summary>Submitted and waiting for an engine.</summary>
    Queued,

    /// <summary>Sent to an engine (running there, or next in its local queue).</summary>
    Running,

    /// <summary>Finished successfully.</summary>
    Completed,

    /// <summary>The method threw on the engine.</summary>
    Failed,

    /// <summary>Aborted by its client.</summary>
    Aborted,

    /// <summary>Lost with its engine.</summary>
    Lost,

    /// <summary>Did not finish within its time limit.</summary>
    TimedOut,
}

/// <summary>One task as the controller's history remembers it (ipyparallel's hub record).</summary>
/// <remarks>
/// Fields a store never received are <see langword="null"/>: under a load beyond
/// the controller's history queue capacity a record may lack its submission.
/// </remarks>
public sealed record TaskHistoryRecord
{
    /// <summary>The controller's task id, unique across restarts of a controller that keeps its history in SQLite.</summary>
    public required ulong TaskId { get; init; }

    /// <summary>Where the task is in its life.</summary>
    public required TaskHistoryStatus Status { get; init; }

    /// <summary>The id of the client that submitted it.</summary>
    public int? ClientId { get; init; }

    /// <summary>The <c>[Remote]</c> method's name (or the operation, e.g. a push or an execute).</summary>
    public string? Method { get; init; }

    /// <summary>The engine it was sent to, if any (the last one when it was tried more than once).</summary>
    public int? EngineId { get; init; }

    /// <summary>When the controller received it.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When it started (sent to its engine, or the engine's own start time when the result reported one).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When its outcome reached the controller.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many times it was sent to an engine.</summary>
    public int Attempts { get; init; }

    /// <summary>The remote exception type, for a task that did not complete.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The remote exception message, for a task that did not complete.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The size of the submitted task body.</summary>
    public long? BytesIn { get; init; }

    /// <summary>The size of the result.</summary>
    public long? BytesOut { get; init; }

    /// <summary>Whether the history kept the result (the controller's result retention policy).</summary>
    public bool HasResult { get; init; }

    /// <summary>
    /// Whether the history kept the task's arguments, so it can be run again (<c>RemoteClient.ResubmitAsync</c>; the
    /// controller's <c>MaxArgumentBytes</c>).
    /// </summary>
    public bool HasArguments { get; init; }

    /// <summary>The task this one ran again (<c>RemoteClient.ResubmitAsync</c>), when it is a resubmission.</summary>
    public ulong? ResubmitOf { get; init; }

    /// <summary>Time from submission to outcome, once both are known.</summary>
    public TimeSpan? Duration => CompletedAt - SubmittedAt;
}
