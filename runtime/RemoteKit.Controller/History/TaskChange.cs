namespace RemoteKit.Controller.History;

/// <summary>
/// What one or more history events say about a task. Unset fields are <see langword="null"/>; the writer merges the events
/// of one task within a batch so a short task is stored once, not three times.
/// </summary>
internal sealed class TaskChange
{
    private TaskChange(ulong taskId, TaskHistoryStatus status)
    {
        TaskId = taskId;
        Status = status;
    }

    public ulong TaskId { get; }

    public TaskHistoryStatus Status { get; private set; }

    /// <summary>Whether this change holds the task's submission, so storing it adds a record rather than updating one.</summary>
    public bool IsNew { get; private set; }

    public int? ClientId { get; private set; }

    public string? Method { get; private set; }

    public int? EngineId { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Attempts this change adds.</summary>
    public int Attempts { get; private set; }

    public string? ErrorType { get; private set; }

    public string? ErrorMessage { get; private set; }

    public long? BytesIn { get; private set; }

    public long? BytesOut { get; private set; }

    public byte[]? Result { get; set; }

    /// <summary>How to run the task again; its <see cref="TaskArguments.Body"/> goes to storage once, then is cleared.</summary>
    public TaskArguments? Arguments { get; set; }

    public static TaskChange Submitted(ulong taskId, int clientId, string method, DateTimeOffset at, long bytesIn) =>
        new(taskId, TaskHistoryStatus.Queued) { IsNew = true, ClientId = clientId, Method = method, SubmittedAt = at, BytesIn = bytesIn };

    public static TaskChange Started(ulong taskId, int engineId, DateTimeOffset at) =>
        new(taskId, TaskHistoryStatus.Running) { EngineId = engineId, StartedAt = at, Attempts = 1 };

    public static TaskChange Finished(
        ulong taskId, TaskHistoryStatus status, DateTimeOffset at, long bytesOut, string? errorType, string? errorMessage, DateTimeOffset? startedAt) =>
        new(taskId, status) { CompletedAt = at, BytesOut = bytesOut, ErrorType = errorType, ErrorMessage = errorMessage, StartedAt = startedAt };

    /// <summary>A finished task's whole record, as one change.</summary>
    public static TaskChange Whole(TaskHistoryRecord r) =>
        new(r.TaskId, r.Status)
        {
            IsNew = true, ClientId = r.ClientId, Method = r.Method, EngineId = r.EngineId, SubmittedAt = r.SubmittedAt, StartedAt = r.StartedAt,
            CompletedAt = r.CompletedAt, Attempts = r.Attempts, ErrorType = r.ErrorType, ErrorMessage = r.ErrorMessage, BytesIn = r.BytesIn, BytesOut = r.BytesOut,
        };

    /// <summary>Takes in a later change of the same task: its fields win where it has them, attempts add up.</summary>
    public void Absorb(TaskChange later)
    {
        Status = later.Status;
        IsNew |= later.IsNew;
        ClientId = later.ClientId ?? ClientId;
        Method = later.Method ?? Method;
        EngineId = later.EngineId ?? EngineId;
        SubmittedAt = later.SubmittedAt ?? SubmittedAt;
        StartedAt = later.StartedAt ?? StartedAt;
        CompletedAt = later.CompletedAt ?? CompletedAt;
        Attempts += later.Attempts;
        ErrorType = later.ErrorType ?? ErrorType;
        ErrorMessage = later.ErrorMessage ?? ErrorMessage;
        BytesIn = later.BytesIn ?? BytesIn;
        BytesOut = later.BytesOut ?? BytesOut;
        Result = later.Result ?? Result;
        Arguments = later.Arguments ?? Arguments;
    }

    public TaskHistoryRecord ToRecord(bool hasResult, bool hasArguments = false) => new()
    {
        TaskId = TaskId,
        Status = Status,
        ClientId = ClientId,
        Method = Method,
        EngineId = EngineId,
        SubmittedAt = SubmittedAt,
        StartedAt = StartedAt,
        CompletedAt = CompletedAt,
        Attempts = Attempts,
        ErrorType = ErrorType,
        ErrorMessage = ErrorMessage,
        BytesIn = BytesIn,
        BytesOut = BytesOut,
        HasResult = hasResult,
        HasArguments = hasArguments,
        ResubmitOf = Arguments?.ResubmitOf,
    };
}

/// <summary>Where the history writer stores merged changes: SQLite or memory.</summary>
internal interface ITaskHistoryStorage : IDisposable
{
    /// <summary>The highest task id stored when opened.</summary>
    ulong LastTaskId { get; }

    /// <summary>Stores a batch in one transaction, then applies the record limit and the result budget. Runs on the writer's thread only.</summary>
    void Write(IReadOnlyCollection<TaskChange> changes);

    /// <summary>Runs a query; may run at the same time as <see cref="Write"/>.</summary>
    IReadOnlyList<TaskHistoryRecord> Query(TaskHistoryQuery query);

    TaskHistoryRecord? Get(ulong taskId);

    byte[]? GetResult(ulong taskId);

    /// <summary>How to run a task again (its body when kept), or null when the task or that part of its record is unknown.</summary>
    TaskArguments? GetArguments(ulong taskId);
}
