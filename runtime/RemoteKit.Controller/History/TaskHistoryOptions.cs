namespace RemoteKit.Controller.History;

/// <summary>Which task results the history keeps, so another client can fetch them later by task id.</summary>
public enum ResultRetention
{
    /// <summary>No results: only the records (the default; results can be large).</summary>
    None,

    /// <summary>
    /// The results of the most recent successful tasks, newest first, while their total size stays within
    /// <see cref="TaskHistoryOptions.ResultBudgetBytes"/>; older results are dropped first, and a result larger than the
    /// whole budget is never kept. Keeping a result copies it on the controller's task path.
    /// </summary>
    Recent,
}

/// <summary>Settings of the controller's task history, bound from configuration section <c>RemoteKit:Controller:History</c>.</summary>
public sealed class TaskHistoryOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = RemoteKit.Configuration.SettingKeys.History.Section;

    /// <summary>Whether the controller keeps a task history at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The SQLite file the history is kept in, which survives controller restarts (the CLI uses <c>history.db</c> in the
    /// profile folder); <see langword="null"/> keeps it in memory.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>How many task records are kept; beyond it the oldest (lowest task id) are dropped.</summary>
    public int MaxRecords { get; set; } = 100_000;

    /// <summary>Which results are kept.</summary>
    public ResultRetention Results { get; set; } = ResultRetention.None;

    /// <summary>The total size of the results kept under <see cref="ResultRetention.Recent"/>.</summary>
    public long ResultBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The largest task body (its arguments, as the client sent them) the history keeps per task, so the task can be run
    /// again (<c>RemoteClient.ResubmitAsync</c>, <c>remotekit resubmit</c>); a larger one is recorded without it. 0 keeps none.
    /// Keeping a body copies it on the controller's task path.
    /// </summary>
    public long MaxArgumentBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The total size of the task bodies kept (<see cref="MaxArgumentBytes"/>); past it the oldest are dropped first, and
    /// their tasks can no longer be run again.
    /// </summary>
    public long ArgumentBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How many history events (a task's submission, start or end) may wait for the background writer. Past it new
    /// events are dropped and counted rather than slowing the task path.
    /// </summary>
    public int QueueCapacity { get; set; } = 262_144;

    /// <summary>The most events the writer stores in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 8_192;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecords, 1, nameof(MaxRecords));
        ArgumentOutOfRangeException.ThrowIfNegative(ResultBudgetBytes, nameof(ResultBudgetBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxArgumentBytes, nameof(MaxArgumentBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(ArgumentBudgetBytes, nameof(ArgumentBudgetBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
    }
}
