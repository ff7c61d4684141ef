using System.Buffers;
using RemoteKit.Diagnostics;

namespace RemoteKit.Controller.History;

/// <summary>
/// The controller's record of every task. The hub calls <see cref="Record(TaskHistoryRecord)"/> whenever a task changes status
/// (queued, running, finished); a later record for the same task id replaces the earlier one. Recording never blocks.
/// </summary>
internal interface ITaskHistory : IAsyncDisposable
{
    /// <summary>The highest task id in the stored history (0 when empty), so a restarted controller numbers on from it.</summary>
    ulong HighestTaskId { get; }

    /// <summary>Records that could not be kept because the write queue was full.</summary>
    long DroppedRecords { get; }

    /// <summary>Records (or replaces) a task's record.</summary>
    void Record(TaskHistoryRecord record);

    /// <summary>Records a finished task with its result bytes, which are kept as <see cref="TaskHistoryOptions.MaxResultBytes"/> says.</summary>
    void Record(TaskHistoryRecord record, in ReadOnlySequence<byte> result);

    /// <summary>Completes once every record recorded before the call is stored.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>The records that match <paramref name="query"/>, oldest first, including every record recorded before the call.</summary>
    ValueTask<IReadOnlyList<TaskHistoryRecord>> QueryAsync(TaskHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The kept result bytes of a finished task, or <see langword="null"/> when none were kept.</summary>
    ValueTask<byte[]?> GetResultAsync(ulong taskId, CancellationToken cancellationToken = default);
}

/// <summary>Opens the history a controller's options ask for.</summary>
internal static class TaskHistory
{
    /// <summary>
    /// A SQLite history at <see cref="TaskHistoryOptions.File"/> (or <see cref="TaskHistoryOptions.FileName"/> inside
    /// <paramref name="profileDirectory"/>), else an in-memory one; <see langword="null"/> when the history is off.
    /// </summary>
    public static async Task<ITaskHistory?> OpenAsync(
        TaskHistoryOptions options, string? profileDirectory, Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var file = options.File ?? (profileDirectory is null ? null : Path.Combine(profileDirectory, TaskHistoryOptions.FileName));
        return file is null
            ? new InMemoryTaskHistory(options)
            : await SqliteTaskHistory.OpenAsync(file, options, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A copy of <paramref name="result"/> when the policy keeps it, else <see langword="null"/>.</summary>
    public static byte[]? KeptResult(TaskHistoryOptions options, in ReadOnlySequence<byte> result) =>
        result.Length > 0 && result.Length <= options.MaxResultBytes ? result.ToArray() : null;
}
