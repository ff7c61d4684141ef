using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>
/// The pending outcome of work submitted to a view (ipyparallel's AsyncResult): awaitable, or waited on with a timeout.
/// This non-generic form is for methods with no result; <see cref="AsyncResult{T}"/> carries a value.
/// </summary>
public class AsyncResult
{
    private readonly TaskSubmitter _tasks;
    private readonly PendingTask[] _parts;

    internal AsyncResult(TaskSubmitter tasks, PendingTask[] parts, Task completion)
    {
        _tasks = tasks;
        _parts = parts;
        Completion = completion;
        Events = parts.Length > 0 ? parts[0].Events : new ResultEvents();
        Events.CompleteWith(completion);
    }

    /// <summary>What the tasks send while they run; one for all of them.</summary>
    internal ResultEvents Events { get; }

    /// <summary>
    /// What the tasks print, as they print it (ipyparallel 8's <c>stream_output</c>, <c>%px --stream</c>): each piece with its
    /// engine, task and stream, the pieces of each task in the order written, until every task has finished. The engine sends
    /// output written after a pause at once and then at most every 50 ms (or 8 KiB); <see cref="TaskMetadata.Stdout"/> still
    /// holds it all at the end. Read by one reader at a time, each piece once; until it is read, a bounded amount waits
    /// (1 Mi characters), and what arrives beyond it is counted in the next piece's <see cref="TaskOutput.Dropped"/>.
    /// </summary>
    public IAsyncEnumerable<TaskOutput> Output => Events.ReadOutputAsync();

    /// <summary>The values the tasks published while running (<c>ctx.Publish(name, value)</c>): the latest of each name, and updates as they come.</summary>
    public PublishedData Data => Events.Data;

    /// <summary>
    /// What the method reports to its injected <see cref="IProgress{T}"/> parameter, as it reports it: each latest value
    /// (rate-limited by the engine; a reader that lags skips to the latest), until every task has finished. To have reports
    /// pushed to an <see cref="IProgress{T}"/> of yours instead, pass it to the view's call (<c>progress:</c>) or to
    /// <see cref="RemoteCall.WithProgress{TProgress}"/>.
    /// </summary>
    /// <typeparam name="TProgress">The method's progress type.</typeparam>
    /// <param name="cancellationToken">Stops waiting (not the work).</param>
    /// <returns>The reports.</returns>
    public IAsyncEnumerable<TProgress> ReportsAsync<TProgress>(CancellationToken cancellationToken = default) => Events.ReadReportsAsync<TProgress>(cancellationToken);

    /// <summary>The latest value the method reported to its <see cref="IProgress{T}"/>, if it reported any.</summary>
    /// <typeparam name="TProgress">The method's progress type.</typeparam>
    /// <param name="value">The value, when there was one.</param>
    /// <returns>Whether a value was reported.</returns>
    public bool TryGetLastReport<TProgress>(out TProgress value) => Events.TryGetLastReport(out value);

    /// <summary>A task that completes when all the work does (faulted with the remote error if it failed).</summary>
    public Task Completion { get; }

    /// <summary>Whether the work has finished, successfully or not.</summary>
    public bool IsReady => Completion.IsCompleted;

    /// <summary>Whether the work finished without error. Throws if not ready.</summary>
    public bool Successful => IsReady
        ? Completion.IsCompletedSuccessfully
        : throw new InvalidOperationException("The result is not ready yet.");

    /// <summary>Metadata of each task making up this result, in submission order (null entries: not finished yet).</summary>
    public IReadOnlyList<TaskMetadata?> AllMetadata => Array.ConvertAll(_parts, p => p.Metadata);

    /// <summary>Metadata of the (first) task: engine, times, stdout and stderr. Null until it finishes.</summary>
    public TaskMetadata? Metadata => _parts.Length > 0 ? _parts[0].Metadata : null;

    /// <summary>
    /// The controller's task id of a resubmitted task (<see cref="RemoteClient.ResubmitAsync(ulong, CancellationToken)"/>), the
    /// id its history and <c>remotekit history</c> show it under, which the controller tells once the task reaches an engine.
    /// Completes with <see langword="null"/> when the work ends without it (the task could not run again), and at once for a
    /// result that is not a resubmission (other tasks' ids are not sent to clients).
    /// </summary>
    /// <returns>The task id, or <see langword="null"/>.</returns>
    public Task<ulong?> GetTaskIdAsync() => _parts.Length > 0 ? _parts[0].ControllerTaskIdAsync() : Task.FromResult<ulong?>(null);

    /// <summary>How many tasks make up this result (one per engine of a direct view, else one).</summary>
    public int Total => _parts.Length;

    /// <summary>How many of its tasks finished successfully so far.</summary>
    public int Completed => _parts.Count(p => p.Completion.IsCompletedSuccessfully);

    /// <summary>How many of its tasks failed (or were aborted) so far.</summary>
    public int Failed => _parts.Count(p => p.Completion.IsFaulted || p.Completion.IsCanceled);

    /// <summary>Completed, failed and total as one value.</summary>
    public TaskProgress Progress => new(Completed, Failed, Total);

    /// <summary>Reports <see cref="Progress"/> to <paramref name="progress"/> now and each time one of its tasks finishes.</summary>
    /// <param name="progress">Receives the counts (through its own synchronization context, for <see cref="Progress{T}"/>).</param>
    /// <returns>This result.</returns>
    public AsyncResult ReportProgress(IProgress<TaskProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        progress.Report(Progress);
        foreach (var part in _parts)
        {
            part.Completion.ContinueWith(static (_, s) => { var (self, p) = ((AsyncResult, IProgress<TaskProgress>))s!; p.Report(self.Progress); }, (this, progress), TaskScheduler.Default);
        }

        return this;
    }

    /// <summary>
    /// Waits for the work while showing its progress (ipyparallel's <c>wait_interactive</c>): a live bar on a terminal
    /// (done/total, rate, failures, ETA), plain lines at a steady interval when output is redirected. Does not throw the
    /// work's errors: read the result for them.
    /// </summary>
    /// <param name="options">Where and how to show it; <see langword="null"/> for the console.</param>
    /// <param name="cancellationToken">Stops waiting (not the work).</param>
    /// <returns>A task completing once the work has finished and the final line is written.</returns>
    public Task WaitInteractiveAsync(ProgressDisplayOptions? options = null, CancellationToken cancellationToken = default) =>
        ProgressDisplay.ShowAsync(() => Progress, Completion, options, "tasks", Events.ReadOutputAsync, cancellationToken);

    /// <summary>Waits for the work while showing its progress (blocking); see <see cref="WaitInteractiveAsync"/>.</summary>
    /// <param name="options">Where and how to show it; <see langword="null"/> for the console.</param>
    public void WaitInteractive(ProgressDisplayOptions? options = null) => WaitInteractiveAsync(options).GetAwaiter().GetResult();

    /// <summary>The wire tasks that make up this result.</summary>
    internal PendingTask[] Parts => _parts;

    /// <summary>The client's task path this result's tasks went through.</summary>
    internal TaskSubmitter Submitter => _tasks;

    /// <summary>Waits until the work finishes or the timeout passes.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns><see langword="true"/> if the work finished.</returns>
    public bool Wait(TimeSpan? timeout = null)
    {
        try
        {
            return Completion.Wait(timeout ?? Timeout.InfiniteTimeSpan);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    /// <summary>Waits for the work and rethrows its failure, if any.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <exception cref="TimeoutException">The work did not finish in time.</exception>
    /// <exception cref="RemoteException">The remote method threw.</exception>
    /// <exception cref="OperationCanceledException">The work was aborted, or the token it was submitted with was cancelled.</exception>
    public void Get(TimeSpan? timeout = null)
    {
        ThrowIfNotReadyIn(timeout);
        Completion.GetAwaiter().GetResult();
    }

    /// <summary>Waits asynchronously, giving up (but not aborting the work) when <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task completing with the work.</returns>
    public Task WaitAsync(CancellationToken cancellationToken) => Completion.WaitAsync(cancellationToken);

    /// <summary>
    /// Aborts the work: tasks still queued never run; running tasks have their CancellationToken cancelled. Awaiting it then
    /// throws an <see cref="OperationCanceledException"/> (a <see cref="TaskAbortedException"/>) unless it finished first.
    /// </summary>
    public void Abort() => _tasks.Abort(_parts);

    /// <summary>Aborts the work because <paramref name="token"/> was cancelled; the exception it ends with carries that token.</summary>
    internal void Abort(CancellationToken token) => _tasks.Abort(_parts, token);

    /// <summary>Makes the result awaitable.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter GetAwaiter() => Completion.GetAwaiter();

    private protected void ThrowIfNotReadyIn(TimeSpan? timeout)
    {
        if (!Wait(timeout))
        {
            throw new TimeoutException($"The result was not ready within {timeout}.");
        }
    }
}

/// <summary>The pending result of work submitted to a view: awaitable (<c>await ar</c>), or <c>ar.Get(timeout)</c>.</summary>
/// <typeparam name="T">The result type (<c>T[]</c> for a <see cref="DirectView"/>, one per engine).</typeparam>
public sealed class AsyncResult<T> : AsyncResult
{
    internal AsyncResult(TaskSubmitter tasks, PendingTask[] parts, Task<T> completion)
        : base(tasks, parts, completion) => Task = completion;

    /// <summary>The result as a task.</summary>
    public Task<T> Task { get; }

    /// <summary>Waits for and returns the result.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns>The result.</returns>
    /// <exception cref="TimeoutException">The work did not finish in time.</exception>
    /// <exception cref="RemoteException">The remote method threw (an <see cref="AggregateException"/> of them for a direct view).</exception>
    public new T Get(TimeSpan? timeout = null)
    {
        ThrowIfNotReadyIn(timeout);
        return Task.GetAwaiter().GetResult();
    }

    /// <summary>Waits asynchronously for the result, giving up (but not aborting) when <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The result.</returns>
    public new Task<T> WaitAsync(CancellationToken cancellationToken) => Task.WaitAsync(cancellationToken);

    /// <summary>Makes the result awaitable.</summary>
    /// <returns>The awaiter.</returns>
    public new TaskAwaiter<T> GetAwaiter() => Task.GetAwaiter();

    /// <summary>
    /// Keeps the result on the engine that makes it instead of sending it here (ipyparallel's <c>Reference</c>): pass the
    /// <see cref="RemoteRef{T}"/> to later tasks, and the value goes to their engines directly. Ask before the task finishes
    /// (<c>await lb.ApplyAsync(...).KeepAsync()</c>, or run it with <c>TaskOptions { Keep = true }</c>); a result that had
    /// already arrived is sent back to its engine to be kept there. Awaiting the result itself then fails, saying it was kept.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (not the task).</param>
    /// <returns>The kept value, once the task has finished.</returns>
    /// <exception cref="InvalidOperationException">The result is of several tasks (a direct view over more than one engine).</exception>
    public Task<RemoteRef<T>> KeepAsync(CancellationToken cancellationToken = default) => Submitter.KeepAsync(this, cancellationToken);
}
