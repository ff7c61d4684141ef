namespace RemoteKit;

public sealed partial class RemoteClient
{
    /// <summary>
    /// Runs a task of the controller's history again, by its controller task id (<see cref="TaskHistoryRecord.TaskId"/>), as a
    /// new task of this client: ipyparallel's <c>resubmit</c>. Any client may resubmit any client's task. The controller
    /// submits the arguments its history kept (<c>RemoteKit:Controller:History:MaxArgumentBytes</c>, 64 KiB by default) to
    /// the engine the original named, or load-balanced; the new task has its own task id
    /// (<see cref="AsyncResult.GetTaskIdAsync"/>) and its own record, which names the task it runs again
    /// (<see cref="TaskHistoryRecord.ResubmitOf"/>). Only a call of one <c>[Remote]</c> method can run again, with the code
    /// the controller was given for it.
    /// </summary>
    /// <typeparam name="T">The method's result type.</typeparam>
    /// <param name="taskId">The controller's task id of the task to run again.</param>
    /// <param name="cancellationToken">Aborts the new task when cancelled.</param>
    /// <returns>
    /// The new task's result, with its <see cref="AsyncResult.Metadata"/>. It fails with a <see cref="KeyNotFoundException"/>
    /// when the controller has no record of the task or did not keep its arguments (the message says why, naming the setting),
    /// and with an <see cref="InvalidOperationException"/> when the task is not a call or the controller keeps no history.
    /// </returns>
    /// <exception cref="RemoteKitConnectionException">The connection to the controller was lost.</exception>
    public AsyncResult<T> ResubmitAsync<T>(ulong taskId, CancellationToken cancellationToken = default)
    {
        var pending = new PendingTask<T>(_session.NextId(), Decoders<T>.MemoryPack);
        _session.Resubmit(pending, taskId);
        return Tasks.Watch(new AsyncResult<T>(Tasks, [pending], pending.Task), cancellationToken);
    }

    /// <summary>
    /// Runs a task of the controller's history again, ignoring its value: see <see cref="ResubmitAsync{T}(ulong, CancellationToken)"/>.
    /// Awaiting it tells whether the task succeeded (or why it could not run again).
    /// </summary>
    /// <param name="taskId">The controller's task id of the task to run again.</param>
    /// <param name="cancellationToken">Aborts the new task when cancelled.</param>
    /// <returns>The new task's outcome, with its <see cref="AsyncResult.Metadata"/>.</returns>
    /// <exception cref="RemoteKitConnectionException">The connection to the controller was lost.</exception>
    public AsyncResult ResubmitAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        var pending = new PendingTask<NoValue>(_session.NextId(), Decoders<NoValue>.MemoryPack);
        _session.Resubmit(pending, taskId);
        return Tasks.Watch(new AsyncResult(Tasks, [pending], pending.Task), cancellationToken);
    }
}
