using System.Buffers;

namespace RemoteKit.Controller.History;

/// <summary>
/// The controller's record of every task (ipyparallel's <c>db_query</c>, <c>hub_history</c> and <c>get_result</c>).
/// </summary>
/// <remarks>
/// The <c>Record…</c> methods are called on the task path, typically under the hub's lock: they only queue an event
/// (and, for a result the policy keeps, copy it) and never wait; a background writer stores the events in batches.
/// Calls for one task must come in the order they happened. Queries first wait until every event recorded before them
/// is stored, so a client that saw its result also sees the task's record.
/// </remarks>
public interface ITaskHistory : IAsyncDisposable
{
    /// <summary>
    /// The highest task id stored when the history was opened (0 when empty). A controller numbers its tasks after it,
    /// so task ids, and <see cref="GetResultAsync"/>, stay unambiguous across restarts.
    /// </summary>
    ulong LastTaskId { get; }

    /// <summary>Events dropped because the writer fell more than <see cref="TaskHistoryOptions.QueueCapacity"/> behind.</summary>
    long DroppedEvents { get; }

    /// <summary>Records a task the controller received (status <see cref="TaskHistoryStatus.Queued"/>).</summary>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="clientId">The submitting client.</param>
    /// <param name="method">The method name.</param>
    /// <param name="submittedAt">When it arrived.</param>
    /// <param name="bytesIn">The size of the task body.</param>
    void RecordSubmitted(ulong taskId, int clientId, string method, DateTimeOffset submittedAt, long bytesIn);

    /// <summary>Records a task sent to an engine (status <see cref="TaskHistoryStatus.Running"/>; one more attempt).</summary>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="engineId">The engine.</param>
    /// <param name="startedAt">When it was sent.</param>
    void RecordStarted(ulong taskId, int engineId, DateTimeOffset startedAt);

    /// <summary>Records a task's outcome.</summary>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="status">Its final status: completed, failed, aborted, lost or timed out.</param>
    /// <param name="completedAt">When the outcome reached the controller.</param>
    /// <param name="bytesOut">The size of the result.</param>
    /// <param name="errorType">The remote exception type, when it did not complete.</param>
    /// <param name="errorMessage">The remote exception message, when it did not complete.</param>
    /// <param name="result">The result bytes as the engine sent them; copied only when the retention policy keeps them.</param>
    /// <param name="startedAt">The engine's own start time, when the result reports it (replaces the time of sending).</param>
    void RecordFinished(
        ulong taskId,
        TaskHistoryStatus status,
        DateTimeOffset completedAt,
        long bytesOut,
        string? errorType = null,
        string? errorMessage = null,
        in ReadOnlySequence<byte> result = default,
        DateTimeOffset? startedAt = null);

    /// <summary>
    /// Records a finished task whole, in one event: what <see cref="RecordSubmitted"/>, <see cref="RecordStarted"/> and
    /// <see cref="RecordFinished"/> would record together. The controller uses it, and answers for unfinished tasks itself,
    /// so the task path queues one event per task instead of three.
    /// </summary>
    /// <param name="record">The task's final record (<see cref="TaskHistoryRecord.HasResult"/> is ignored).</param>
    /// <param name="result">The result bytes as the engine sent them; copied only when the retention policy keeps them.</param>
    /// <param name="arguments">
    /// How to run the task again, with its body when the caller kept it; the body is stored only within
    /// <see cref="TaskHistoryOptions.MaxArgumentBytes"/> and <see cref="TaskHistoryOptions.ArgumentBudgetBytes"/>.
    /// </param>
    void RecordTask(TaskHistoryRecord record, in ReadOnlySequence<byte> result = default, TaskArguments? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        RecordSubmitted(record.TaskId, record.ClientId ?? -1, record.Method ?? "", record.SubmittedAt ?? record.CompletedAt ?? DateTimeOffset.UtcNow, record.BytesIn ?? 0);
        for (var attempt = 0; attempt < record.Attempts; attempt++)
        {
            RecordStarted(record.TaskId, record.EngineId ?? -1, record.StartedAt ?? record.SubmittedAt ?? DateTimeOffset.UtcNow);
        }

        RecordFinished(
            record.TaskId, record.Status, record.CompletedAt ?? DateTimeOffset.UtcNow, record.BytesOut ?? 0, record.ErrorType, record.ErrorMessage, result, record.StartedAt);
    }

    /// <summary>
    /// Records finished tasks whole, each as <see cref="RecordTask"/> would, in the order given: the controller's monitor
    /// hands them over a batch at a time. <paramref name="tasks"/> is read during the call only.
    /// </summary>
    /// <param name="tasks">Each task's final record, its result bytes as the engine sent them (or null), and how to run it again.</param>
    void RecordTasks(IReadOnlyList<(TaskHistoryRecord Record, byte[]? Result, TaskArguments? Arguments)> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        foreach (var (record, result, arguments) in tasks)
        {
            RecordTask(record, result is null ? default : new ReadOnlySequence<byte>(result), arguments);
        }
    }

    /// <summary>Returns the records matching <paramref name="query"/>, by task id ascending.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The records.</returns>
    Task<IReadOnlyList<TaskHistoryRecord>> QueryAsync(TaskHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Returns one task's record.</summary>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The record, or <see langword="null"/> when there is none (never recorded, or dropped by the limit).</returns>
    Task<TaskHistoryRecord?> GetAsync(ulong taskId, CancellationToken cancellationToken = default);

    /// <summary>Returns a finished task's result bytes, as the engine sent them.</summary>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The bytes, or <see langword="null"/> when the history did not keep them.</returns>
    Task<byte[]?> GetResultAsync(ulong taskId, CancellationToken cancellationToken = default);

    /// <summary>What the history kept to run a task again (<c>RemoteClient.ResubmitAsync</c>).</summary>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>
    /// Where and how the task ran, with its body when it was kept; <see langword="null"/> when there is no record of the task,
    /// or its record was stored without this (by an earlier RemoteKit).
    /// </returns>
    Task<TaskArguments?> GetArgumentsAsync(ulong taskId, CancellationToken cancellationToken = default) => Task.FromResult<TaskArguments?>(null);

    /// <summary>Waits until every event recorded before this call is stored.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task completing once stored.</returns>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
