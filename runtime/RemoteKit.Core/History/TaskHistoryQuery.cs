namespace RemoteKit;

/// <summary>Which records the controller's task history returns (<c>RemoteClient.HistoryAsync</c>): every filter set must match.</summary>
public sealed record TaskHistoryQuery
{
    /// <summary>The statuses that did not end in success: failed, aborted, lost and timed out (<c>remotekit history --failed</c>).</summary>
    public static IReadOnlyList<TaskHistoryStatus> Unsuccessful { get; } =
        [TaskHistoryStatus.Failed, TaskHistoryStatus.Aborted, TaskHistoryStatus.Lost, TaskHistoryStatus.TimedOut];

    /// <summary>Only records with one of these statuses; <see langword="null"/> or empty: any status.</summary>
    public IReadOnlyList<TaskHistoryStatus>? Statuses { get; init; }

    /// <summary>Only tasks of this method (exact, case-sensitive).</summary>
    public string? Method { get; init; }

    /// <summary>Only tasks sent to this engine.</summary>
    public int? EngineId { get; init; }

    /// <summary>Only tasks of this client.</summary>
    public int? ClientId { get; init; }

    /// <summary>Only tasks submitted at or after this time.</summary>
    public DateTimeOffset? SubmittedFrom { get; init; }

    /// <summary>Only tasks submitted before this time.</summary>
    public DateTimeOffset? SubmittedBefore { get; init; }

    /// <summary>At most this many records: the most recent matches. <see langword="null"/>: all of them.</summary>
    public int? MaxRecords { get; init; }

    /// <summary>Whether <paramref name="record"/> passes every filter.</summary>
    /// <param name="record">The record.</param>
    /// <returns><see langword="true"/> if it matches.</returns>
    public bool Matches(TaskHistoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (Statuses is not { Count: > 0 } || Statuses.Contains(record.Status))
            && (Method is null || string.Equals(record.Method, Method, StringComparison.Ordinal))
            && (EngineId is null || record.EngineId == EngineId)
            && (ClientId is null || record.ClientId == ClientId)
            && (SubmittedFrom is null || record.SubmittedAt >= SubmittedFrom)
            && (SubmittedBefore is null || record.SubmittedAt < SubmittedBefore);
    }
}
