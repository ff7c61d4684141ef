using System.Buffers;
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
public sealed class TaskHistory : ITaskHistory
{
    /// <summary>The name of the SQLite file in a profile's folder.</summary>
    public const string SqliteFileName = "history.db";

    private readonly ITaskHistoryStorage _storage;
    private readonly TaskHistoryOptions _options;
    private readonly ILogger _logger;

    // TaskChange events, lists of them (RecordTasks), and TaskCompletionSource markers that FlushAsync waits on.
    private readonly Channel<object> _events;
    private readonly Task _writer;
    private long _dropped;

    // Events waiting in batches (RecordTasks), each batch one item of the channel.
    private long _batchedEvents;
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
    /// <remarks>The batch is one item of the writer's queue; its events still count against <see cref="TaskHistoryOptions.QueueCapacity"/>.</remarks>
    public void RecordTasks(IReadOnlyList<(TaskHistoryRecord Record, byte[]? Result, TaskArguments? Arguments)> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
        {
            return;
        }

        if (Interlocked.Add(ref _batchedEvents, tasks.Count) > _options.QueueCapacity)
        {
            Interlocked.Add(ref _batchedEvents, -tasks.Count);
            Dropped(tasks.Count);
            return;
        }

        var changes = new List<TaskChange>(tasks.Count);
        foreach (var (record, result, arguments) in tasks)
        {
            // The monitor's copy of the result is the history's: kept as it is, not copied again.
            var change = TaskChange.Whole(record);
            change.Arguments = KeepArguments(arguments);
            if (result is not null && Keeps(change, result.Length))
            {
                change.Result = result;
            }

            changes.Add(change);
        }

        if (!_events.Writer.TryWrite(changes))
        {
            Interlocked.Add(ref _batchedEvents, -tasks.Count);
            Dropped(tasks.Count);
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
        change.Arguments = KeepArguments(arguments);
        return change;
    }

    private TaskChange KeepResult(TaskChange change, in ReadOnlySequence<byte> result)
    {
        if (Keeps(change, result.Length))
        {
            change.Result = result.ToArray();
        }

        return change;
    }

    /// <summary>Whether the policy keeps a result of this size for this task.</summary>
    private bool Keeps(TaskChange change, long resultLength) =>
        _options.Results == ResultRetention.Recent && change.Status == TaskHistoryStatus.Completed && resultLength > 0 && resultLength <= _options.ResultBudgetBytes;

    /// <summary>The arguments as the policy keeps them: the body only within the per-task limit and the whole budget.</summary>
    private TaskArguments? KeepArguments(TaskArguments? arguments) =>
        arguments is { Body: { } body } && (body.LongLength > _options.MaxArgumentBytes || body.LongLength > _options.ArgumentBudgetBytes)
            ? arguments with { Body = null }
            : arguments;

    private void Enqueue(TaskChange change)
    {
        if (_events.Writer.TryWrite(change))
        {
            return;
        }

        Dropped(1);
    }

    private void Dropped(int count)
    {
        var dropped = Interlocked.Add(ref _dropped, count);
        if (dropped == count || dropped / 100_000 != (dropped - count) / 100_000)
        {
            _logger.LogWarning(EventIds.TaskHistoryEventsDropped, "The task history writer is behind: {Dropped} events dropped so far", dropped);
        }
    }

    private static void Merge(Dictionary<ulong, TaskChange> batch, TaskChange change)
    {
        if (batch.TryGetValue(change.TaskId, out var earlier))
        {
            earlier.Absorb(change);
        }
        else
        {
            batch.Add(change.TaskId, change);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _events.Reader;
        var batch = new Dictionary<ulong, TaskChange>();
        var flushes = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var events = 0;
            while (events < _options.MaxBatchSize && reader.TryRead(out var item))
            {
                if (item is TaskCompletionSource flush)
                {
                    flushes.Add(flush);
                    continue;
                }

                if (item is List<TaskChange> changes)
                {
                    events += changes.Count;
                    Interlocked.Add(ref _batchedEvents, -changes.Count);
                    foreach (var change in changes)
                    {
                        Merge(batch, change);
                    }

                    continue;
                }

                events++;
                Merge(batch, (TaskChange)item);
            }

            if (batch.Count > 0)
            {
                try
                {
                    _storage.Write(batch.Values);
                }
                catch (Exception ex)
                {
                    Interlocked.Add(ref _dropped, events);
                    _logger.LogError(EventIds.TaskHistoryWriteFailed, ex, "Could not store {Count} task history events", events);
                }

                batch.Clear();
            }

            foreach (var flush in flushes)
            {
                flush.TrySetResult();
            }

            flushes.Clear();
        }
    }
}
