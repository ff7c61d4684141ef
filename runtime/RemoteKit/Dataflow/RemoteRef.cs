using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>
/// A task's result kept on the engine that made it instead of sent back (ipyparallel's <c>Reference</c>, a Dask future held
/// on a worker): pass it to later tasks where the method takes the value, and it goes to their engine directly, never
/// through this program; fetch it with <see cref="RemoteRef{T}.GetAsync"/>. The engine's memory for it is freed by
/// <see cref="DisposeAsync"/>, and when this client disconnects; it counts against the engine's
/// <c>RemoteKit:Engine:MaxKeptBytes</c>. Lost with its engine: tasks that take it then fail with <see cref="EngineLostException"/>.
/// </summary>
public abstract class RemoteRef : IAsyncDisposable
{
    private int _disposed;

    private protected RemoteRef(TaskSubmitter tasks, ulong taskId, int engineId, long size)
    {
        Tasks = tasks;
        TaskId = taskId;
        EngineId = engineId;
        Size = size;
    }

    /// <summary>The controller's id of the task that made the value (its id in the history).</summary>
    public ulong TaskId { get; }

    /// <summary>The engine keeping the value.</summary>
    public int EngineId { get; }

    /// <summary>The value's size in bytes, as MemoryPack wrote it.</summary>
    public long Size { get; }

    /// <summary>Whether <see cref="DisposeAsync"/> was called.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    internal TaskSubmitter Tasks { get; }

    /// <summary>Frees the engine's memory for the value (once; later calls do nothing). Tasks sent before keep their copy.</summary>
    /// <returns>A completed task: the controller is told without waiting for an answer.</returns>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Tasks.FreeKept(TaskId);
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"RemoteRef(task {TaskId} on engine {EngineId}, {Size} bytes)";
}

/// <summary>A result of type <typeparamref name="T"/> kept on its engine (see <see cref="RemoteRef"/>).</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class RemoteRef<T> : RemoteRef
{
    internal RemoteRef(TaskSubmitter tasks, ulong taskId, int engineId, long size)
        : base(tasks, taskId, engineId, size)
    {
    }

    /// <summary>Fetches the value from its engine (a task there, in order with that engine's other tasks).</summary>
    /// <param name="cancellationToken">Aborts the fetch.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ObjectDisposedException">The ref was disposed.</exception>
    /// <exception cref="EngineNotFoundException">Its engine is gone, and the value with it.</exception>
    public Task<T> GetAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        var part = Tasks.Send(TaskTarget.Engine(EngineId), Decoders<T>.MemoryPack, null, static (w, id) => new KeptGetTask(id).Write(w), TaskId, 16);
        return Tasks.Watch(new AsyncResult<T>(Tasks, [part], part.Task), cancellationToken).Task;
    }
}
