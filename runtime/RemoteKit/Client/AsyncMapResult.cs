using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>
/// The pending results of a map: awaitable for the whole array (in input order), and an <see cref="IAsyncEnumerable{T}"/>
/// that streams results as they arrive (in input order, or in completion order for an unordered load-balanced map).
/// The input is consumed lazily, a bounded number of chunks ahead of the results.
/// </summary>
/// <remarks>
/// Results are kept for the whole array unless they are streamed first: a map enumerated with <c>await foreach</c> before
/// its <see cref="Task"/> is read forgets each chunk once it has been streamed, and submits a new chunk only when one has
/// been read, so a map of any length holds memory in proportion to its window. Its <see cref="Task"/>,
/// <see cref="Get"/> and <see cref="GetOutcomesAsync"/> then refuse with an <see cref="InvalidOperationException"/>.
/// Awaiting the map (or reading <see cref="Task"/>) first keeps every result, and it may still be streamed after.
/// </remarks>
/// <typeparam name="T">The result type.</typeparam>
public sealed partial class AsyncMapResult<T> : IAsyncEnumerable<T>
{
    private readonly TaskSubmitter _tasks;
    private readonly bool _ordered;
    private readonly CancellationToken _cancellationToken;
    private readonly SemaphoreSlim _window;
    private readonly Lock _lock = new();

    // Submitted chunks not streamed away yet, by index (every chunk unless streamed), and those of them that finished,
    // in the order they finished.
    private readonly Dictionary<int, Chunk> _kept = [];
    private readonly List<Chunk> _finished = [];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _submitted;
    private int _outstanding;
    private int _items;
    private int _completedItems;
    private int _failedItems;
    private IProgress<TaskProgress>[] _listeners = [];
    private bool _allSubmitted;
    private Exception? _submitFailure;
    private volatile bool _aborted;
    private Retention _retention;
    private Task<T[]>? _result;

    private AsyncMapResult(TaskSubmitter tasks, int window, bool ordered, CancellationToken cancellationToken)
    {
        Events.CompleteWith(_done.Task);
        _tasks = tasks;
        _ordered = ordered;
        _window = new SemaphoreSlim(window);
        Window = window;
        _cancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            // Until every chunk has finished: a cancellation after the last one was sent still aborts those running.
            var registration = cancellationToken.Register(static (self, token) => ((AsyncMapResult<T>)self!).Abort(token), this);
            _done.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// A map of <paramref name="chunks"/> with at most <paramref name="window"/> chunks in flight, already submitting: the
    /// input is read and sent by a loop of its own from here on.
    /// </summary>
    internal static AsyncMapResult<T> Start(TaskSubmitter tasks, IEnumerable<MapChunk<T>> chunks, int window, bool ordered, CancellationToken cancellationToken)
    {
        var map = new AsyncMapResult<T>(tasks, window, ordered, cancellationToken);

        // RemoteClient.Abort stops the map too, not only the chunks already sent.
        var abortAll = tasks.AbortAllToken.Register(static self => ((AsyncMapResult<T>)self!).Abort(CancellationToken.None), map);
        map._done.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), abortAll, TaskScheduler.Default);
        _ = map.RunAsync(chunks);
        return map;
    }

    private enum Retention
    {
        /// <summary>Nobody has asked yet: keep everything, a whole-array result may still be asked for.</summary>
        Undecided,

        /// <summary>The whole array was asked for: keep everything.</summary>
        Keep,

        /// <summary>Streamed: forget each chunk once read, and submit only as chunks are read.</summary>
        Stream,

        /// <summary>The stream stopped early: forget every chunk as it finishes.</summary>
        Dropped,
    }

    /// <summary>What the map's tasks send while they run; one for all of them.</summary>
    internal ResultEvents Events { get; } = new();

    /// <summary>
    /// What the map's tasks print, as they print it: one stream over all of them, each piece with its engine and task (a chunk
    /// of items), the pieces of each task in the order written. See <see cref="AsyncResult.Output"/>.
    /// </summary>
    public IAsyncEnumerable<TaskOutput> Output => Events.ReadOutputAsync();

    /// <summary>The values the map's tasks published while running: the latest of each name, and updates as they come.</summary>
    public PublishedData Data => Events.Data;

    /// <summary>Items that finished successfully so far.</summary>
    public int Completed => Volatile.Read(ref _completedItems);

    /// <summary>Items that failed so far.</summary>
    public int Failed => Volatile.Read(ref _failedItems);

    /// <summary>Items submitted so far: the whole input once it has all been read (a load-balanced map reads it lazily).</summary>
    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _items;
            }
        }
    }

    /// <summary>Completed, failed and total items as one value.</summary>
    public TaskProgress Progress
    {
        get
        {
            lock (_lock)
            {
                return new TaskProgress(_completedItems, _failedItems, _items);
            }
        }
    }

    /// <summary>Reports <see cref="Progress"/> to <paramref name="progress"/> now and each time a chunk of items finishes.</summary>
    /// <param name="progress">Receives the counts (through its own synchronization context, for <see cref="Progress{T}"/>).</param>
    /// <returns>This map.</returns>
    public AsyncMapResult<T> ReportProgress(IProgress<TaskProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_lock)
        {
            _listeners = [.. _listeners, progress];
        }

        progress.Report(Progress);
        return this;
    }

    /// <summary>
    /// Waits for every item while showing progress (ipyparallel's <c>wait_interactive</c>): a live bar on a terminal
    /// (done/total, rate, failures, ETA), plain lines at a steady interval when output is redirected. Does not throw the
    /// items' errors: await the map or read <see cref="GetOutcomesAsync"/> for them.
    /// </summary>
    /// <param name="options">Where and how to show it; <see langword="null"/> for the console.</param>
    /// <param name="cancellationToken">Stops waiting (not the map).</param>
    /// <returns>A task completing once every item has finished and the final line is written.</returns>
    public Task WaitInteractiveAsync(ProgressDisplayOptions? options = null, CancellationToken cancellationToken = default) =>
        ProgressDisplay.ShowAsync(() => Progress, _done.Task, options, "items", Events.ReadOutputAsync, cancellationToken);

    /// <summary>Waits for every item while showing progress (blocking); see <see cref="WaitInteractiveAsync"/>.</summary>
    /// <param name="options">Where and how to show it; <see langword="null"/> for the console.</param>
    public void WaitInteractive(ProgressDisplayOptions? options = null) => WaitInteractiveAsync(options).GetAwaiter().GetResult();

    /// <summary>All results in input order; faults with an <see cref="AggregateException"/> if any item failed.</summary>
    /// <exception cref="InvalidOperationException">The results were streamed, and so not kept.</exception>
    public Task<T[]> Task
    {
        get
        {
            lock (_lock)
            {
                return _result ??= KeepLocked() is { } refused ? System.Threading.Tasks.Task.FromException<T[]>(refused) : ResultAsync();
            }
        }
    }

    /// <summary>Whether every item has finished.</summary>
    public bool IsReady => _done.Task.IsCompleted;

    /// <summary>Metadata of each task (chunk) still kept, in input order; null entries have not finished.</summary>
    public IReadOnlyList<TaskMetadata?> Metadata
    {
        get
        {
            lock (_lock)
            {
                return _kept.Values.OrderBy(c => c.Index).Select(c => c.Pending?.Metadata).ToArray();
            }
        }
    }

    /// <summary>How many chunks may be in flight (or, when streaming, finished and not yet read).</summary>
    internal int Window { get; }

    /// <summary>How many chunks this map holds on to: in flight, or finished and kept.</summary>
    internal int RetainedChunks
    {
        get
        {
            lock (_lock)
            {
                return _kept.Count;
            }
        }
    }

    /// <summary>Waits for all results.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns>The results in input order.</returns>
    /// <exception cref="TimeoutException">Not finished in time.</exception>
    public T[] Get(TimeSpan? timeout = null)
    {
        if (!Wait(timeout))
        {
            throw new TimeoutException($"The map was not finished within {timeout}.");
        }

        return Task.GetAwaiter().GetResult();
    }

    /// <summary>Waits until every item finished or the timeout passed.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns><see langword="true"/> if finished.</returns>
    public bool Wait(TimeSpan? timeout = null) => _done.Task.Wait(timeout ?? Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Each item's outcome in input order, once finished: its value, or the exception it failed with (a
    /// <see cref="RemoteException"/> with the engine id, or e.g. an <see cref="EngineLostException"/>). Lets the results of
    /// the other items be used when one failed.
    /// </summary>
    /// <returns>The outcomes.</returns>
    /// <exception cref="InvalidOperationException">The results were streamed, and so not kept.</exception>
    public async Task<IReadOnlyList<MapOutcome<T>>> GetOutcomesAsync()
    {
        lock (_lock)
        {
            if (KeepLocked() is { } refused)
            {
                throw refused;
            }
        }

        await _done.Task.ConfigureAwait(false);
        var list = new List<MapOutcome<T>>();
        foreach (var chunk in KeptInOrder())
        {
            for (var i = 0; i < chunk.Result!.Count; i++)
            {
                list.Add(chunk.Result.Errors?[i] is { } error ? new MapOutcome<T>(default!, error) : new MapOutcome<T>(chunk.Result.Values[i], null));
            }
        }

        return list;
    }

    /// <summary>Aborts the map: queued chunks never run; running ones are cancelled; nothing more is submitted.</summary>
    public void Abort() => Abort(CancellationToken.None);

    /// <summary>Makes the map awaitable.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter<T[]> GetAwaiter() => Task.GetAwaiter();

    /// <summary>Streams results as they arrive. Unless the map was awaited first, streamed results are not kept (see remarks).</summary>
    /// <param name="cancellationToken">Stops the enumeration (not the work).</param>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The results were already streamed once.</exception>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var streaming = BeginStream();
        var finished = false;
        try
        {
            for (var position = 0; ; position++)
            {
                var chunk = await NextAsync(position, streaming, cancellationToken).ConfigureAwait(false);
                if (chunk is null)
                {
                    break;
                }

                for (var i = 0; i < chunk.Result!.Count; i++)
                {
                    yield return chunk.Result.Get(i);
                }

                if (streaming)
                {
                    Forget(chunk);
                }
            }

            ThrowIfIncomplete();
            finished = true;
        }
        finally
        {
            if (streaming && !finished)
            {
                DropAll();
            }
        }
    }

}

/// <summary>One chunk of a map: the calls of one task, and where it runs.</summary>
/// <typeparam name="T">The result type.</typeparam>
internal readonly record struct MapChunk<T>(IReadOnlyList<RemoteCall<T>> Calls, TaskTarget Target);

/// <summary>One map item's outcome: a value, or the error it failed with.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Value">The value (default if failed).</param>
/// <param name="Error">The error, or null if it succeeded.</param>
public readonly record struct MapOutcome<T>(T Value, Exception? Error)
{
    /// <summary>Whether the item succeeded.</summary>
    public bool Succeeded => Error is null;
}
