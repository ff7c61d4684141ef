using MemoryPack;

namespace RemoteKit.Diagnostics;

/// <summary>Where a task stands, as the controller's task history records it.</summary>
public enum RemoteTaskStatus : byte
{
    /// <summary>Waiting at the controller for an engine.</summary>
    Queued = 0,

    /// <summary>Sent to an engine and not yet finished.</summary>
    Running = 1,

    /// <summary>Finished with a result.</summary>
    Completed = 2,

    /// <summary>Finished with an exception thrown by the method.</summary>
    Failed = 3,

    /// <summary>Aborted by a client before it finished.</summary>
    Aborted = 4,

    /// <summary>Its engine went away while it ran.</summary>
    Lost = 5,

    /// <summary>It ran past its time limit.</summary>
    TimedOut = 6,
}

/// <summary>One task in the controller's task history (ipyparallel's <c>hub_history</c>/<c>db_query</c> records).</summary>
[MemoryPackable]
public sealed partial record TaskHistoryRecord
{
    /// <summary>The controller's task id.</summary>
    public required ulong TaskId { get; init; }

    /// <summary>The client that submitted it.</summary>
    public required int ClientId { get; init; }

    /// <summary>The method's name as the stub reports it (e.g. <c>Work.SlowPower</c>).</summary>
    public required string Method { get; init; }

    /// <summary>The engine it ran on, or <see langword="null"/> while it was never sent to one.</summary>
    public int? EngineId { get; init; }

    /// <summary>When the controller received it.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When it was sent to an engine (the last attempt).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished, in any final status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Where it stands.</summary>
    public required RemoteTaskStatus Status { get; init; }

    /// <summary>How many times it was sent to an engine (more than one when it was resubmitted after a lost engine).</summary>
    public int Attempts { get; init; }

    /// <summary>The remote exception's type name, for failed tasks.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The remote exception's message, for failed tasks.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Bytes of the task frame the controller received from the client.</summary>
    public long BytesIn { get; init; }

    /// <summary>Bytes of the result frame the controller sent back.</summary>
    public long BytesOut { get; init; }

    /// <summary>Whether the status is final (no later record for this task will follow).</summary>
    [MemoryPackIgnore]
    public bool IsFinished => Status >= RemoteTaskStatus.Completed;
}

/// <summary>A filter over the task history; every set member must match. Results come oldest first.</summary>
[MemoryPackable]
public sealed partial record TaskHistoryQuery
{
    /// <summary>Only tasks in this status.</summary>
    public RemoteTaskStatus? Status { get; init; }

    /// <summary>Only tasks of this method (exact name).</summary>
    public string? Method { get; init; }

    /// <summary>Only tasks that ran on this engine.</summary>
    public int? EngineId { get; init; }

    /// <summary>Only tasks submitted at or after this time.</summary>
    public DateTimeOffset? SubmittedFrom { get; init; }

    /// <summary>Only tasks submitted before this time.</summary>
    public DateTimeOffset? SubmittedBefore { get; init; }

    /// <summary>At most this many records, the newest ones (still returned oldest first); <see langword="null"/>: all.</summary>
    public int? Limit { get; init; }

    /// <summary>Whether <paramref name="record"/> passes every filter (all but <see cref="Limit"/>).</summary>
    /// <param name="record">The record to test.</param>
    public bool Matches(TaskHistoryRecord record) =>
        (Status is null || record.Status == Status)
        && (Method is null || record.Method == Method)
        && (EngineId is null || record.EngineId == EngineId)
        && (SubmittedFrom is null || record.SubmittedAt >= SubmittedFrom)
        && (SubmittedBefore is null || record.SubmittedAt < SubmittedBefore);
}
