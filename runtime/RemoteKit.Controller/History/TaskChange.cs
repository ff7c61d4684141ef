namespace RemoteKit.Controller.History;

/// <summary>
/// What one or more history events say about a task: a value, so a batch of them is one array and the in-memory store
/// keeps them as they are. Fields a change does not set are absent (their getters return <see langword="null"/>);
/// <see cref="Absorb"/> merges a later change of the same task, so a short task is stored once, not three times.
/// </summary>
internal struct TaskChange
{
    private TaskChangeFields _fields;
    private int _clientId;
    private int _engineId;
    private long _submittedTicks;
    private long _startedTicks;
    private long _completedTicks;
    private long _bytesIn;
    private long _bytesOut;
    private TaskPlacement _placement;

    private TaskChange(ulong taskId, TaskHistoryStatus status, TaskChangeFields fields)
    {
        TaskId = taskId;
        Status = status;
        _fields = fields;
    }

    public readonly ulong TaskId { get; }

    public TaskHistoryStatus Status { readonly get; private set; }

    /// <summary>Whether this change holds the task's submission, so storing it adds a record rather than updating one.</summary>
    public readonly bool IsNew => Has(TaskChangeFields.New);

    public readonly int? ClientId => Has(TaskChangeFields.ClientId) ? _clientId : null;

    public string? Method { readonly get; private set; }

    public readonly int? EngineId => Has(TaskChangeFields.EngineId) ? _engineId : null;

    public readonly DateTimeOffset? SubmittedAt => Time(TaskChangeFields.SubmittedAt, _submittedTicks);

    public readonly DateTimeOffset? StartedAt => Time(TaskChangeFields.StartedAt, _startedTicks);

    public readonly DateTimeOffset? CompletedAt => Time(TaskChangeFields.CompletedAt, _completedTicks);

    /// <summary>Attempts this change adds.</summary>
    public int Attempts { readonly get; private set; }

    public string? ErrorType { readonly get; private set; }

    public string? ErrorMessage { readonly get; private set; }

    public readonly long? BytesIn => Has(TaskChangeFields.BytesIn) ? _bytesIn : null;

    public readonly long? BytesOut => Has(TaskChangeFields.BytesOut) ? _bytesOut : null;

    /// <summary>The result bytes, when the retention policy keeps them.</summary>
    public byte[]? Result { readonly get; set; }

    /// <summary>How the task was placed, so it can run again; <see langword="null"/> when this change does not say.</summary>
    public TaskPlacement? Placement
    {
        readonly get => Has(TaskChangeFields.Placement) ? _placement : null;
        set
        {
            _placement = value.GetValueOrDefault();
            _fields = value.HasValue ? _fields | TaskChangeFields.Placement : _fields & ~TaskChangeFields.Placement;
        }
    }

    /// <summary>The task body (its arguments), when the history keeps it to run the task again.</summary>
    public ReadOnlyMemory<byte>? Body { readonly get; set; }

    /// <summary>How to run the task again, with its body: what <see cref="Placement"/> and <see cref="Body"/> say together.</summary>
    public readonly TaskArguments? Arguments => Placement?.ToArguments(Body?.ToArray());

    public static TaskChange Submitted(ulong taskId, int clientId, string method, DateTimeOffset at, long bytesIn) =>
        new(taskId, TaskHistoryStatus.Queued, TaskChangeFields.New | TaskChangeFields.ClientId | TaskChangeFields.SubmittedAt | TaskChangeFields.BytesIn)
        {
            _clientId = clientId, Method = method, _submittedTicks = at.UtcTicks, _bytesIn = bytesIn,
        };

    public static TaskChange Started(ulong taskId, int engineId, DateTimeOffset at) =>
        new(taskId, TaskHistoryStatus.Running, TaskChangeFields.EngineId | TaskChangeFields.StartedAt) { _engineId = engineId, _startedTicks = at.UtcTicks, Attempts = 1 };

    public static TaskChange Finished(
        ulong taskId, TaskHistoryStatus status, DateTimeOffset at, long bytesOut, string? errorType, string? errorMessage, DateTimeOffset? startedAt)
    {
        var change = new TaskChange(taskId, status, TaskChangeFields.CompletedAt | TaskChangeFields.BytesOut)
        {
            _completedTicks = at.UtcTicks, _bytesOut = bytesOut, ErrorType = errorType, ErrorMessage = errorMessage,
        };
        change.SetStartedAt(startedAt);
        return change;
    }

    /// <summary>A finished task's whole record, as one change.</summary>
    public static TaskChange Whole(TaskHistoryRecord r)
    {
        var change = Whole(r.TaskId, r.Status, r.ClientId, r.Method, r.EngineId, r.SubmittedAt, r.StartedAt, r.CompletedAt, r.Attempts, r.BytesIn, r.BytesOut);
        change.ErrorType = r.ErrorType;
        change.ErrorMessage = r.ErrorMessage;
        return change;
    }

    /// <summary>A finished task's whole record, as one change, from its parts (the monitor's, without a record between).</summary>
    public static TaskChange Whole(
        ulong taskId,
        TaskHistoryStatus status,
        int? clientId,
        string? method,
        int? engineId,
        DateTimeOffset? submittedAt,
        DateTimeOffset? startedAt,
        DateTimeOffset? completedAt,
        int attempts,
        long? bytesIn,
        long? bytesOut,
        string? errorType = null,
        string? errorMessage = null)
    {
        var change = new TaskChange(taskId, status, TaskChangeFields.New) { Method = method, Attempts = attempts, ErrorType = errorType, ErrorMessage = errorMessage };
        change.Set(TaskChangeFields.ClientId, ref change._clientId, clientId);
        change.Set(TaskChangeFields.EngineId, ref change._engineId, engineId);
        change.Set(TaskChangeFields.SubmittedAt, ref change._submittedTicks, submittedAt?.UtcTicks);
        change.SetStartedAt(startedAt);
        change.Set(TaskChangeFields.CompletedAt, ref change._completedTicks, completedAt?.UtcTicks);
        change.Set(TaskChangeFields.BytesIn, ref change._bytesIn, bytesIn);
        change.Set(TaskChangeFields.BytesOut, ref change._bytesOut, bytesOut);
        return change;
    }

    /// <summary>
    /// A finished task's whole record, as one change, from times in UTC ticks (a one-hop task's, which the monitor records as
    /// it reads it: one attempt, every field known).
    /// </summary>
    public static TaskChange Whole(
        ulong taskId,
        TaskHistoryStatus status,
        int clientId,
        string method,
        int engineId,
        long submittedTicks,
        long startedTicks,
        long completedTicks,
        long bytesIn,
        long bytesOut,
        string? errorType,
        string? errorMessage) =>
        new(taskId, status, TaskChangeFields.New | TaskChangeFields.ClientId | TaskChangeFields.EngineId | TaskChangeFields.SubmittedAt |
            TaskChangeFields.StartedAt | TaskChangeFields.CompletedAt | TaskChangeFields.BytesIn | TaskChangeFields.BytesOut)
        {
            Method = method, Attempts = 1, ErrorType = errorType, ErrorMessage = errorMessage, _clientId = clientId, _engineId = engineId,
            _submittedTicks = submittedTicks, _startedTicks = startedTicks, _completedTicks = completedTicks, _bytesIn = bytesIn,
            _bytesOut = bytesOut,
        };

    /// <summary>Takes in a later change of the same task: its fields win where it has them, attempts add up.</summary>
    public void Absorb(in TaskChange later)
    {
        var theirs = later._fields;
        Status = later.Status;
        Method = later.Method ?? Method;
        _clientId = (theirs & TaskChangeFields.ClientId) != 0 ? later._clientId : _clientId;
        _engineId = (theirs & TaskChangeFields.EngineId) != 0 ? later._engineId : _engineId;
        _submittedTicks = (theirs & TaskChangeFields.SubmittedAt) != 0 ? later._submittedTicks : _submittedTicks;
        _startedTicks = (theirs & TaskChangeFields.StartedAt) != 0 ? later._startedTicks : _startedTicks;
        _completedTicks = (theirs & TaskChangeFields.CompletedAt) != 0 ? later._completedTicks : _completedTicks;
        _bytesIn = (theirs & TaskChangeFields.BytesIn) != 0 ? later._bytesIn : _bytesIn;
        _bytesOut = (theirs & TaskChangeFields.BytesOut) != 0 ? later._bytesOut : _bytesOut;
        _placement = (theirs & TaskChangeFields.Placement) != 0 ? later._placement : _placement;
        _fields |= theirs;
        Attempts += later.Attempts;
        ErrorType = later.ErrorType ?? ErrorType;
        ErrorMessage = later.ErrorMessage ?? ErrorMessage;
        Result = later.Result ?? Result;
        Body = later.Body ?? Body;
    }

    /// <summary>The record this change makes.</summary>
    /// <param name="hasArguments">Whether the store keeps the task's body (the in-memory one keeps it apart from the change).</param>
    public readonly TaskHistoryRecord ToRecord(bool hasArguments) => new()
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
        HasResult = Result is not null,
        HasArguments = hasArguments,
        ResubmitOf = Placement?.ResubmitOf,
    };

    private readonly bool Has(TaskChangeFields field) => (_fields & field) != 0;

    private readonly DateTimeOffset? Time(TaskChangeFields field, long ticks) => Has(field) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private void SetStartedAt(DateTimeOffset? startedAt) => Set(TaskChangeFields.StartedAt, ref _startedTicks, startedAt?.UtcTicks);

    private void Set<T>(TaskChangeFields field, ref T slot, T? value)
        where T : struct
    {
        if (value is { } v)
        {
            slot = v;
            _fields |= field;
        }
    }
}

/// <summary>Which of a <see cref="TaskChange"/>'s value fields are set.</summary>
[Flags]
internal enum TaskChangeFields : ushort
{
    None = 0,
    New = 1 << 0,
    ClientId = 1 << 1,
    EngineId = 1 << 2,
    SubmittedAt = 1 << 3,
    StartedAt = 1 << 4,
    CompletedAt = 1 << 5,
    BytesIn = 1 << 6,
    BytesOut = 1 << 7,
    Placement = 1 << 8,
}

/// <summary>
/// Where and how a task was placed, what <see cref="TaskArguments"/> says besides the body: a value, so the monitor and
/// the history keep it without an object per task.
/// </summary>
/// <param name="Target">The engine the task named, or -1 when the controller chose one.</param>
/// <param name="Retries">How many times a load-balanced task may move to another engine.</param>
/// <param name="TimeoutMilliseconds">The task's time limit in milliseconds, or 0 for none.</param>
/// <param name="BodyKind">The task body's first byte, its kind.</param>
/// <param name="Size">The size of the task body, kept or not.</param>
/// <param name="ResubmitOf">The task this one runs again, when it is a resubmission.</param>
internal readonly record struct TaskPlacement(int Target, int Retries, int TimeoutMilliseconds, byte BodyKind, long Size, ulong? ResubmitOf)
{
    /// <summary>The placement of <paramref name="arguments"/>, without its body.</summary>
    public static TaskPlacement Of(TaskArguments arguments) => new(
        arguments.Target, arguments.Retries, arguments.TimeoutMilliseconds, arguments.BodyKind, arguments.Size, arguments.ResubmitOf);

    /// <summary>The arguments as the history answers them: this placement with <paramref name="body"/>.</summary>
    public TaskArguments ToArguments(byte[]? body) => new()
    {
        Target = Target,
        Retries = Retries,
        TimeoutMilliseconds = TimeoutMilliseconds,
        BodyKind = BodyKind,
        Size = Size,
        Body = body,
        ResubmitOf = ResubmitOf,
    };
}

/// <summary>Where the history writer stores changes: SQLite or memory.</summary>
internal interface ITaskHistoryStorage : IDisposable
{
    /// <summary>The highest task id stored when opened.</summary>
    ulong LastTaskId { get; }

    /// <summary>
    /// Stores a batch, in order (a task may appear more than once: its later changes are absorbed), in one transaction, then
    /// applies the record limit and the budgets. Runs on the writer's thread (in memory, also on a recorder's, one at a time
    /// under the store's lock); <paramref name="changes"/> is read during the call only.
    /// </summary>
    void Write(ReadOnlySpan<TaskChange> changes);

    /// <summary>Runs a query; may run at the same time as <see cref="Write"/>.</summary>
    IReadOnlyList<TaskHistoryRecord> Query(TaskHistoryQuery query);

    TaskHistoryRecord? Get(ulong taskId);

    byte[]? GetResult(ulong taskId);

    /// <summary>How to run a task again (its body when kept), or null when the task or that part of its record is unknown.</summary>
    TaskArguments? GetArguments(ulong taskId);
}
