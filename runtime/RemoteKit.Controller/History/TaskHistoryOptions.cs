namespace RemoteKit.Controller.History;

/// <summary>
/// Settings of the controller's task history, bound from configuration section <c>RemoteKit:Controller:History</c>.
/// </summary>
/// <remarks>
/// Result policy: a finished task's result bytes are kept beside its record when they are no larger than
/// <see cref="MaxResultBytes"/> (0 keeps none), and go when the record goes. Failed tasks keep their error type and message
/// in the record itself.
/// </remarks>
public sealed class TaskHistoryOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "RemoteKit:Controller:History";

    /// <summary>The SQLite file's name inside the profile folder.</summary>
    public const string FileName = "history.db";

    /// <summary>Whether the controller keeps a task history at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The SQLite file to keep the history in; <see langword="null"/>: in memory (embedded clusters), or
    /// <see cref="FileName"/> in the profile folder when the controller runs for a profile.
    /// </summary>
    public string? File { get; set; }

    /// <summary>How many records are kept; past this the oldest are dropped.</summary>
    public int MaxRecords { get; set; } = 100_000;

    /// <summary>The largest result kept for <c>GetResultAsync</c>, in bytes; larger results are not kept, 0 keeps none.</summary>
    public int MaxResultBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How many records may wait for the background writer. When it is full (the disk cannot keep up) further records are
    /// dropped and counted rather than slowing the task path.
    /// </summary>
    public int WriteQueueCapacity { get; set; } = 65_536;

    /// <summary>How many records one write transaction takes at most.</summary>
    public int MaxBatch { get; set; } = 1024;
}
