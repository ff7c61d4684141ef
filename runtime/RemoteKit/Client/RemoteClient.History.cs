using RemoteKit.Protocol;

namespace RemoteKit;

public sealed partial class RemoteClient
{
    /// <summary>
    /// The controller's records of finished and running tasks, of every client (ipyparallel's <c>db_query</c> and
    /// <c>hub_history</c>), by task id ascending.
    /// </summary>
    /// <param name="query">Filters by status, method (<c>Type.Method</c>), engine, client and submission time; <see langword="null"/> for every record.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The records.</returns>
    /// <exception cref="InvalidOperationException">The controller keeps no task history.</exception>
    /// <exception cref="RemoteKitConnectionException">The connection to the controller was lost.</exception>
    public Task<IReadOnlyList<TaskHistoryRecord>> HistoryAsync(TaskHistoryQuery? query = null, CancellationToken cancellationToken = default) =>
        _session.HistoryAsync(query ?? new TaskHistoryQuery(), cancellationToken);

    /// <summary>The controller's task records (blocking); see <see cref="HistoryAsync"/>.</summary>
    /// <param name="query">The filters; <see langword="null"/> for every record.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<TaskHistoryRecord> History(TaskHistoryQuery? query = null) => HistoryAsync(query).GetAwaiter().GetResult();

    /// <summary>
    /// A finished task's result, by its controller task id (<see cref="TaskHistoryRecord.TaskId"/>), from any client
    /// (ipyparallel's <c>get_result</c>). The controller keeps results only when its history's result policy says so
    /// (<c>RemoteKit:Controller:History:Results=Recent</c>). A map chunk of one item returns that item's value.
    /// </summary>
    /// <typeparam name="T">The method's result type.</typeparam>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The controller has no result for the task: unknown, unfinished, failed, or not kept.</exception>
    /// <exception cref="InvalidOperationException">The controller keeps no task history.</exception>
    public async Task<T> GetResultAsync<T>(ulong taskId, CancellationToken cancellationToken = default)
    {
        var (kind, payload) = await _session.GetResultAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (kind is not (TaskKind.Batch or TaskKind.Columns))
        {
            return Decoders<T>.MemoryPack(payload);
        }

        var (values, errors) = kind == TaskKind.Batch ? TaskMessages.ReadBatch<T>(payload) : ColumnarMap.Read<T>(payload);
        if (values.Length != 1 || errors is not null)
        {
            throw new InvalidOperationException($"Task {taskId} is a map chunk of {values.Length} items; GetResultAsync returns the result of a chunk of one item.");
        }

        return values[0];
    }
}
