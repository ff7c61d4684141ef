using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Controller.History;

/// <summary>
/// The controller's task history: events go into a bounded channel that a background writer drains, merging each task's
/// events and storing a batch in one transaction, in SQLite (<see cref="OpenSqlite"/>) or in memory
/// (<see cref="CreateInMemory"/>, for embedded clusters).
/// </summary>
public sealed partial class TaskHistory : ITaskHistory
{
    /// <summary>The name of the SQLite file in a profile's folder.</summary>
    public const string SqliteFileName = "history.db";

    private readonly ITaskHistoryStorage _storage;
    private readonly TaskHistoryOptions _options;
    private readonly ILogger _logger;

    // TaskChange events (boxed), batches of them (RecordTasks), and TaskCompletionSource markers that FlushAsync waits on.
    private readonly Channel<object> _events;
    private readonly Task _writer;
    private long _dropped;

    // Batches go to the writer in arrays of this many changes, kept for reuse: small enough for the small object heap, so
    // a steady flow of tasks allocates none (a large array each time would count towards the next full collection).
    private const int BatchLength = 256;
    private const int MaxSpareBatches = 64;
    private readonly ConcurrentQueue<TaskChange[]> _spareBatches = new();
    private int _spareCount;

    // Events waiting in batches (RecordTasks), each batch one item of the channel.
    private long _batchedEvents;

    // Events queued (single or in batches) and not yet stored: while there are none, the in-memory store takes a batch at once.
    private long _unstored;
    private int _disposed;

    private TaskHistory(ITaskHistoryStorage storage, TaskHistoryOptions options, ILogger logger)
    {
        _storage = storage;
        _options = options;
        _logger = logger;
        _events = Channel.CreateBounded<object>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <inheritdoc />
    public ulong LastTaskId => _storage.LastTaskId;

    /// <inheritdoc />
    public long DroppedEvents => Interlocked.Read(ref _dropped);

    /// <summary>The SQLite history file of a profile: <c>profile_NAME/history.db</c>.</summary>
    /// <param name="profile">The profile.</param>
    /// <returns>The file's path.</returns>
    public static string SqliteFileIn(RemoteKitProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Path.Combine(profile.Directory, SqliteFileName);
    }

    /// <summary>Creates a history kept in memory, lost when the controller stops (for embedded clusters).</summary>
    /// <param name="options">Limits and result retention; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Where dropped events and write failures are logged.</param>
    /// <returns>The history.</returns>
    public static TaskHistory CreateInMemory(TaskHistoryOptions? options = null, ILogger? logger = null)
    {
        options ??= new TaskHistoryOptions();
        options.Validate();
        return new TaskHistory(new InMemoryTaskHistoryStorage(options), options, logger ?? NullLogger.Instance);
    }

    /// <summary>
    /// Opens (or creates) a history in a SQLite file, which survives controller restarts; task ids continue after the
    /// highest one stored (<see cref="LastTaskId"/>).
    /// </summary>
    /// <param name="path">The file, usually <see cref="SqliteFileIn"/> of the profile; its folder is created if needed.</param>
    /// <param name="options">Limits and result retention; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Where opening, dropped events and write failures are logged.</param>
    /// <returns>The history.</returns>
    /// <exception cref="InvalidOperationException">The file holds a history written by a newer RemoteKit.</exception>
    public static TaskHistory OpenSqlite(string path, TaskHistoryOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new TaskHistoryOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        var storage = SqliteTaskHistoryStorage.Open(path, options);
        logger.LogInformation(EventIds.TaskHistoryOpened, "Task history in {Path}: {Records} records, last task id {LastTaskId}", path, storage.RecordCount, storage.LastTaskId);
        return new TaskHistory(storage, options, logger);
    }

    /// <inheritdoc />
    public void RecordSubmitted(ulong taskId, int clientId, string method, DateTimeOffset submittedAt, long bytesIn) =>
        Enqueue(TaskChange.Submitted(taskId, clientId, method, submittedAt, bytesIn));

    /// <inheritdoc />
    public void RecordStarted(ulong taskId, int engineId, DateTimeOffset startedAt) =>
        Enqueue(TaskChange.Started(taskId, engineId, startedAt));

    /// <inheritdoc />
    public void RecordFinished(
        ulong taskId,
        TaskHistoryStatus status,
        DateTimeOffset completedAt,
        long bytesOut,
        string? errorType = null,
        string? errorMessage = null,
        in ReadOnlySequence<byte> result = default,
        DateTimeOffset? startedAt = null)
    {
        Enqueue(KeepResult(TaskChange.Finished(taskId, status, completedAt, bytesOut, errorType, errorMessage, startedAt), result));
    }

    /// <inheritdoc />
    public void RecordTask(TaskHistoryRecord record, in ReadOnlySequence<byte> result = default, TaskArguments? arguments = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        Enqueue(WholeChange(record, result, arguments));
    }

    /// <inheritdoc />
    /// <remarks>The batch goes to the writer's queue as a few items; its events still count against <see cref="TaskHistoryOptions.QueueCapacity"/>.</remarks>
    public void RecordTasks(IReadOnlyList<(TaskHistoryRecord Record, byte[]? Result, TaskArguments? Arguments)> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var changes = new TaskChange[tasks.Count];
        for (var i = 0; i < changes.Length; i++)
        {
            var (record, result, arguments) = tasks[i];
            ArgumentNullException.ThrowIfNull(record);
            // The caller's copy of the result is the history's: kept as it is, not copied again.
            changes[i] = TaskChange.Whole(record);
            changes[i].Result = result;
            changes[i].Placement = arguments is null ? null : TaskPlacement.Of(arguments);
            changes[i].Body = arguments?.Body is { } body ? new ReadOnlyMemory<byte>(body) : default(ReadOnlyMemory<byte>?);
        }

        RecordTasks(changes);
    }

    /// <summary>
    /// Records finished tasks whole, each as <see cref="RecordTask"/> would, in the order given: the controller's monitor
    /// hands them over a batch at a time, without a record or arguments object per task. <paramref name="tasks"/> is used
    /// during the call only (its results and bodies the policy does not keep are cleared); the result arrays it holds are
    /// the history's from then on (kept, not copied), and so are the bodies unless <paramref name="borrowedBodies"/>.
    /// </summary>
    /// <remarks>
    /// A history in memory stores the batch at once, on the caller's thread, when nothing recorded before it still waits
    /// for the writer: a batch is often a few tasks, and waking the writer for each cost more than storing them.
    /// </remarks>
    /// <param name="tasks">Each task's whole change, with its result, placement and body as the caller has them.</param>
    /// <param name="borrowedBodies">Whether the bodies are valid during the call only: a batch queued for the writer copies them.</param>
    internal void RecordTasks(Span<TaskChange> tasks, bool borrowedBodies = false)
    {
        // A batch counts against the queue's capacity even when stored at once, so one too large is dropped either way.
        if (!TryReserve(tasks.Length))
        {
            return;
        }

        foreach (ref var change in tasks)
        {
            if (change.Result is { } result && !Keeps(change.Status, result.LongLength))
            {
                change.Result = null;
            }

            if (change.Body is { } body && !KeepsBody(body.Length))
            {
                change.Body = null;
            }
        }

        if (_storage is InMemoryTaskHistoryStorage && Volatile.Read(ref _disposed) == 0 && Interlocked.Read(ref _unstored) == 0)
        {
            Store(tasks);
            Interlocked.Add(ref _batchedEvents, -tasks.Length);
            return;
        }

        if (borrowedBodies)
        {
            foreach (ref var change in tasks)
            {
                if (change.Body is { } body)
                {
                    change.Body = body.ToArray();
                }
            }
        }

        while (!tasks.IsEmpty)
        {
            var batch = TakeSpareBatch();
            var count = Math.Min(tasks.Length, batch.Length);
            tasks[..count].CopyTo(batch);
            tasks = tasks[count..];
            Interlocked.Add(ref _unstored, count);
            if (!_events.Writer.TryWrite(new ChangeBatch(batch, count)))
            {
                Interlocked.Add(ref _unstored, -count);
                Interlocked.Add(ref _batchedEvents, -count);
                Dropped(count);
                ReturnBatch(batch, count);
            }
        }
    }

    /// <inheritdoc />
    public async Task<TaskArguments?> GetArgumentsAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => _storage.GetArguments(taskId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TaskHistoryRecord>> QueryAsync(TaskHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => _storage.Query(query), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TaskHistoryRecord?> GetAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => _storage.Get(taskId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetResultAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => _storage.GetResult(taskId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _events.Writer.WriteAsync(stored, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(TaskHistory));
        }

        await stored.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores what is still queued and closes the store.</summary>
    /// <returns>A task completing once closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _events.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        _storage.Dispose();
    }

    /// <summary>A finished task's one event, with its result and arguments as the policy keeps them.</summary>
    private TaskChange WholeChange(TaskHistoryRecord record, in ReadOnlySequence<byte> result, TaskArguments? arguments)
    {
        var change = KeepResult(TaskChange.Whole(record), result);
        return Kept(change, null, arguments);
    }

    /// <summary><paramref name="change"/> with <paramref name="result"/> and <paramref name="arguments"/> as the policy keeps them.</summary>
    private TaskChange Kept(TaskChange change, byte[]? result, TaskArguments? arguments)
    {
        if (result is not null && Keeps(change.Status, result.LongLength))
        {
            change.Result = result;
        }

        if (arguments is not null)
        {
            change.Placement = TaskPlacement.Of(arguments);
            change.Body = arguments.Body is { } body && KeepsBody(body.LongLength) ? new ReadOnlyMemory<byte>(body) : default(ReadOnlyMemory<byte>?);
        }

        return change;
    }

    private TaskChange KeepResult(TaskChange change, in ReadOnlySequence<byte> result)
    {
        if (Keeps(change.Status, result.Length))
        {
            change.Result = result.ToArray();
        }

        return change;
    }

    /// <summary>Whether the policy keeps a result of this size for a task of this status.</summary>
    private bool Keeps(TaskHistoryStatus status, long resultLength) =>
        _options.Results == ResultRetention.Recent && status == TaskHistoryStatus.Completed && resultLength > 0 && resultLength <= _options.ResultBudgetBytes;

    /// <summary>Whether the policy keeps a task body: within the per-task limit and the whole budget.</summary>
    private bool KeepsBody(long length) => length <= _options.MaxArgumentBytes && length <= _options.ArgumentBudgetBytes;
}
