namespace RemoteKit;

public sealed partial class EngineView
{
    /// <summary>Runs many calls on this engine, one after another; results come in input order.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls; consumed lazily.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results, awaitable and streamable.</returns>
    public AsyncMapResult<T> MapAsync<T>(IEnumerable<RemoteCall<T>> calls, CancellationToken cancellationToken = default) =>
        Client.MapDirect(calls, [EngineId], cancellationToken);

    /// <summary>Builds a call per item on the client and runs them on this engine.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="items">The items; consumed lazily.</param>
    /// <param name="factory">Builds the call for one item, e.g. <c>x => Work.Remote.SlowPower(x)</c>. Runs locally.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results.</returns>
    public AsyncMapResult<T> MapAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, RemoteCall<T>> factory, CancellationToken cancellationToken = default) =>
        MapAsync(items.Select(factory), cancellationToken);

    /// <summary>Runs many calls on this engine and waits for all results.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls.</param>
    /// <returns>The results in input order.</returns>
    public T[] Map<T>(IEnumerable<RemoteCall<T>> calls) => MapAsync(calls).Get();

    /// <summary>Builds a call per item and runs them on this engine, waiting for all results.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="factory">Builds the call for one item.</param>
    /// <returns>The results in input order.</returns>
    public T[] Map<TItem, T>(IEnumerable<TItem> items, Func<TItem, RemoteCall<T>> factory) => MapAsync(items, factory).Get();

    /// <summary>Runs a [Remote] method on this engine for its effects (e.g. to set up the namespace).</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ExecuteAsync(RemoteCall call, CancellationToken cancellationToken = default) => ApplyAsync(call, cancellationToken);

    /// <summary>Runs a [Remote] method on this engine for its effects and waits for it.</summary>
    /// <param name="call">The call.</param>
    public void Execute(RemoteCall call) => ExecuteAsync(call).Get();
}

public sealed partial class DirectView
{
    /// <summary>Splits the calls into contiguous chunks, one per engine, and runs each chunk on its engine; results come in input order.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results, awaitable and streamable.</returns>
    public AsyncMapResult<T> MapAsync<T>(IEnumerable<RemoteCall<T>> calls, CancellationToken cancellationToken = default) =>
        Client.MapDirect(calls, Targets, cancellationToken);

    /// <summary>Builds a call per item on the client and maps them over the view's engines.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="factory">Builds the call for one item. Runs locally.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results.</returns>
    public AsyncMapResult<T> MapAsync<TItem, T>(IEnumerable<TItem> items, Func<TItem, RemoteCall<T>> factory, CancellationToken cancellationToken = default) =>
        MapAsync(items.Select(factory), cancellationToken);

    /// <summary>Maps calls over the view's engines and waits for all results.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls.</param>
    /// <returns>The results in input order.</returns>
    public T[] Map<T>(IEnumerable<RemoteCall<T>> calls) => MapAsync(calls).Get();

    /// <summary>Builds a call per item and maps them over the view's engines, waiting for all results.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="factory">Builds the call for one item.</param>
    /// <returns>The results in input order.</returns>
    public T[] Map<TItem, T>(IEnumerable<TItem> items, Func<TItem, RemoteCall<T>> factory) => MapAsync(items, factory).Get();

    /// <summary>Runs a [Remote] method on every engine for its effects.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the tasks when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ExecuteAsync(RemoteCall call, CancellationToken cancellationToken = default) => ApplyAsync(call, cancellationToken);

    /// <summary>Runs a [Remote] method on every engine for its effects and waits for it.</summary>
    /// <param name="call">The call.</param>
    public void Execute(RemoteCall call) => ExecuteAsync(call).Get();
}

public sealed partial class LoadBalancedView
{
    /// <summary>Runs the calls across the engines, <paramref name="chunkSize"/> calls per task, on the least busy engines.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls; consumed lazily.</param>
    /// <param name="chunkSize">Calls per task.</param>
    /// <param name="ordered">If <see langword="true"/> results stream in input order, otherwise as they complete.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results, awaitable and streamable.</returns>
    public AsyncMapResult<T> MapAsync<T>(IEnumerable<RemoteCall<T>> calls, int chunkSize = 1, bool ordered = true, CancellationToken cancellationToken = default) =>
        Client.MapBalanced(calls, chunkSize, ordered, cancellationToken);

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
}
