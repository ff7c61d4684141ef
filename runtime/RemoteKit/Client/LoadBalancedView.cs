namespace RemoteKit;

/// <summary>A load-balanced view (<c>client.LoadBalancedView()</c>): each call runs once, on the least busy engine.</summary>
public sealed class LoadBalancedView : View
{
    private readonly int[]? _targets;
    private readonly Lock _defining = new();
    private int _targetSet = -1;

    internal LoadBalancedView(RemoteClient client, TaskOptions options, int[]? targets = null)
        : base(client)
    {
        Options = options;
        _targets = targets;
        Targets = targets;
    }

    /// <summary>The retries and timeout every task of this view runs with.</summary>
    public TaskOptions Options { get; }

    /// <summary>The engines this view's tasks may run on, or <see langword="null"/> for every engine, including those that join later.</summary>
    public IReadOnlyList<int>? Targets { get; }

    /// <summary>
    /// Where the view's tasks go: any engine, or (for a subset or a retry policy beyond engine loss) the set this view
    /// defines at the controller before its first task.
    /// </summary>
    private TaskTarget Target
    {
        get
        {
            if (_targets is null && !Options.HasRetryPolicy)
            {
                return TaskTarget.Balanced(Options);
            }

            if (Volatile.Read(ref _targetSet) < 0)
            {
                lock (_defining)
                {
                    if (_targetSet < 0)
                    {
                        Volatile.Write(ref _targetSet, Client.DefineTargetSet(_targets, Options));
                    }
                }
            }

            // A plain subset's tasks may go on leases of its engines; a retry policy is the controller's to apply.
            return TaskTarget.Balanced(Options, _targetSet) with { Engines = Options.HasRetryPolicy ? null : _targets };
        }
    }

    /// <summary>A new view over the same engines whose tasks run with <paramref name="options"/>; this view is unchanged.</summary>
    /// <param name="options">The retries and timeout.</param>
    /// <returns>The new view.</returns>
    public LoadBalancedView With(TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LoadBalancedView(Client, options, _targets);
    }

    /// <summary>Runs a call on the least busy engine.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled; awaiting it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The pending result.</returns>
    public AsyncResult<T> ApplyAsync<T>(RemoteCall<T> call, CancellationToken cancellationToken = default) =>
        Tasks.Apply<T>(call, Target, cancellationToken, Options);

    /// <summary>
    /// Runs a call of a method returning a stream on the least busy engine: <c>await foreach</c> the result to get its items as
    /// the engine yields them, with back-pressure (see <see cref="AsyncStream{T}"/>). The view's timeout applies to the whole
    /// stream; its retries only until the stream has yielded an item.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="call">The call, e.g. <c>Work.Remote.Produce(10)</c>.</param>
    /// <param name="options">How far the engine may run ahead of the items read; <see langword="null"/> for <see cref="StreamOptions.Default"/>.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled.</param>
    /// <returns>The stream.</returns>
    public AsyncStream<T> StreamAsync<T>(RemoteStreamCall<T> call, StreamOptions? options = null, CancellationToken cancellationToken = default) =>
        Tasks.Stream(call, Target, options, cancellationToken);

    /// <summary>Runs a call on the least busy engine and waits for its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>The result.</returns>
    public T Apply<T>(RemoteCall<T> call) => ApplyAsync(call).Get();

    /// <summary>Runs the calls across the engines, <paramref name="chunkSize"/> calls per task, on the least busy engines.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls; consumed lazily.</param>
    /// <param name="chunkSize">Calls per task.</param>
    /// <param name="ordered">If <see langword="true"/> results stream in input order, otherwise as they complete.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results, awaitable and streamable.</returns>
    public AsyncMapResult<T> MapAsync<T>(IEnumerable<RemoteCall<T>> calls, int chunkSize = 1, bool ordered = true, CancellationToken cancellationToken = default) =>
        MapPartition.Balanced(Tasks, calls, chunkSize, ordered, Targets?.Count ?? Client.Ids.Count, Target, cancellationToken);

    /// <summary>Builds a call per item on the client and runs them across the engines.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="items">The items; consumed lazily.</param>
    /// <param name="factory">Builds the call for one item, e.g. <c>x => Work.Remote.SlowPower(x)</c>. Runs locally.</param>
    /// <param name="chunkSize">Calls per task.</param>
    /// <param name="ordered">If <see langword="true"/> results stream in input order, otherwise as they complete.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results.</returns>
    public AsyncMapResult<T> MapAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, RemoteCall<T>> factory, int chunkSize = 1, bool ordered = true, CancellationToken cancellationToken = default) =>
        MapAsync(items.Select(factory), chunkSize, ordered, cancellationToken);

    /// <summary>Runs the calls across the engines and waits for all results.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls.</param>
    /// <param name="chunkSize">Calls per task.</param>
    /// <param name="ordered">Result order; the returned array is in input order either way.</param>
    /// <returns>The results in input order.</returns>
    public T[] Map<T>(IEnumerable<RemoteCall<T>> calls, int chunkSize = 1, bool ordered = true) => MapAsync(calls, chunkSize, ordered).Get();

    /// <summary>Builds a call per item and runs them across the engines, waiting for all results.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="factory">Builds the call for one item.</param>
    /// <param name="chunkSize">Calls per task.</param>
    /// <param name="ordered">Result order; the returned array is in input order either way.</param>
    /// <returns>The results in input order.</returns>
    public T[] Map<TItem, T>(IEnumerable<TItem> items, Func<TItem, RemoteCall<T>> factory, int chunkSize = 1, bool ordered = true) =>
        MapAsync(items, factory, chunkSize, ordered).Get();

    private protected override AsyncResult Run(RemoteCall call, CancellationToken cancellationToken) =>
        Tasks.Apply<NoValue>(call, Target, cancellationToken, Options);
}
