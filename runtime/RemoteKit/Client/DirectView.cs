namespace RemoteKit;

/// <summary>A view of several engines (<c>client[..]</c>, <c>client[0..3]</c>): each call runs on every engine; results come in engine order.</summary>
public sealed class DirectView : TargetedView
{
    internal DirectView(RemoteClient client, IReadOnlyList<int> targets)
        : base(client, targets, single: false)
    {
    }

    /// <summary>Runs a call on every engine of the view.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the tasks when cancelled; awaiting them then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The pending results, one per engine in engine order.</returns>
    public AsyncResult<T[]> ApplyAsync<T>(RemoteCall<T> call, CancellationToken cancellationToken = default) =>
        Tasks.ApplyAll<T>(call, Targets, cancellationToken);

    /// <summary>Runs a call on every engine and waits for the results.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>The results in engine order.</returns>
    public T[] Apply<T>(RemoteCall<T> call) => ApplyAsync(call).Get();

    /// <summary>Reads a variable from every engine, in engine order.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="cancellationToken">Aborts the pull when cancelled.</param>
    /// <returns>The pending values.</returns>
    public AsyncResult<T[]> PullAsync<T>(string name, CancellationToken cancellationToken = default) =>
        Client.Namespaces.Pull(Targets, name, static (typeName, bytes) => NamespaceCodec.DecodeTyped<T>(typeName, bytes)!, cancellationToken, typed: true);

    /// <summary>Reads a variable from every engine and waits.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The values in engine order.</returns>
    public T[] Pull<T>(string name) => PullAsync<T>(name).Get();

    /// <summary>
    /// Splits <paramref name="items"/> into contiguous, balanced chunks (earlier engines take the remainder: 10 items on 4 engines
    /// give 3, 3, 2, 2) and sets <paramref name="name"/> to its chunk (a <c>T[]</c>) on each engine.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="items">The items.</param>
    /// <param name="cancellationToken">Aborts the scatter when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ScatterAsync<T>(string name, IEnumerable<T> items, CancellationToken cancellationToken = default) =>
        Client.Namespaces.Scatter(Targets, name, items, cancellationToken);

    /// <summary>Scatters and waits.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="items">The items.</param>
    public void Scatter<T>(string name, IEnumerable<T> items) => ScatterAsync(name, items).Get();

    /// <summary>Concatenates, in engine order, the <c>T[]</c> each engine holds under <paramref name="name"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="cancellationToken">Aborts the gather when cancelled.</param>
    /// <returns>The pending concatenation.</returns>
    public AsyncResult<T[]> GatherAsync<T>(string name, CancellationToken cancellationToken = default) =>
        Client.Namespaces.Gather<T>(Targets, name, cancellationToken);

    /// <summary>Gathers and waits.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The concatenation in engine order.</returns>
    public T[] Gather<T>(string name) => GatherAsync<T>(name).Get();

    private protected override AsyncResult Run(RemoteCall call, CancellationToken cancellationToken) =>
        Tasks.ApplyAll<NoValue>(call, Targets, cancellationToken);
}
