namespace RemoteKit;

/// <summary>Common base of the views a <see cref="RemoteClient"/> hands out.</summary>
public abstract class View
{
    private protected View(RemoteClient client) => Client = client;

    /// <summary>The client this view submits through.</summary>
    public RemoteClient Client { get; }

    private protected TaskSubmitter Tasks => Client.Tasks;

    /// <summary>Runs a call with no result through this view.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the work when cancelled; awaiting it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ApplyAsync(RemoteCall call, CancellationToken cancellationToken = default) => Run(call, cancellationToken);

    /// <summary>Runs a call with no result through this view and waits for it.</summary>
    /// <param name="call">The call.</param>
    public void Apply(RemoteCall call) => ApplyAsync(call).Get();

    private protected abstract AsyncResult Run(RemoteCall call, CancellationToken cancellationToken);
}

/// <summary>
/// A view of engines named when it was made: one (<see cref="EngineView"/>) or several (<see cref="DirectView"/>). Both map
/// over their engines in contiguous chunks and reach the engines' namespaces.
/// </summary>
public abstract class TargetedView : View
{
    private readonly bool _single;

    private protected TargetedView(RemoteClient client, IReadOnlyList<int> targets, bool single)
        : base(client)
    {
        Targets = targets;
        _single = single;
    }

    /// <summary>The engines this view targets, in order.</summary>
    public IReadOnlyList<int> Targets { get; }

    /// <summary>Reads (an untyped pull) or sets (a push) a variable: <c>all["i"] = 10</c>. Reads give one value per engine of a <see cref="DirectView"/> (<c>object?[]</c>).</summary>
    /// <param name="name">The variable name.</param>
    public object? this[string name]
    {
        get => _single
            ? Client.Namespaces.PullOne(Targets[0], name, NamespaceCodec.DecodeUntyped, default).Get()
            : Client.Namespaces.Pull(Targets, name, NamespaceCodec.DecodeUntyped, default).Get();
        set => Push(new Dictionary<string, object?> { [name] = value });
    }

    /// <summary>Splits the calls into contiguous chunks, one per engine, and runs each chunk on its engine; results come in input order.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="calls">The calls; read at once, to size the chunks.</param>
    /// <param name="cancellationToken">Aborts the remaining calls when cancelled.</param>
    /// <returns>The pending results, awaitable and streamable.</returns>
    public AsyncMapResult<T> MapAsync<T>(IEnumerable<RemoteCall<T>> calls, CancellationToken cancellationToken = default) =>
        MapPartition.Direct(Tasks, calls, Targets, cancellationToken);

    /// <summary>Builds a call per item on the client and maps them over the view's engines.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="factory">Builds the call for one item, e.g. <c>x => Work.Remote.SlowPower(x)</c>. Runs locally.</param>
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

    /// <summary>Runs a [Remote] method on the view's engines for its effects (e.g. to set up the namespace).</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the work when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ExecuteAsync(RemoteCall call, CancellationToken cancellationToken = default) => ApplyAsync(call, cancellationToken);

    /// <summary>Runs a [Remote] method on the view's engines for its effects and waits for it.</summary>
    /// <param name="call">The call.</param>
    public void Execute(RemoteCall call) => ExecuteAsync(call).Get();

    /// <summary>Runs C# script code on the view's engines with their namespaces in scope; top-level variables it declares go back into the namespace.</summary>
    /// <param name="code">The script, e.g. <c>var b = (int)Math.Pow(i, 5);</c>.</param>
    /// <param name="cancellationToken">Aborts the script when cancelled.</param>
    /// <returns>The pending completion; compile errors arrive as <see cref="RemoteException"/>s with the compiler's messages and line numbers.</returns>
    public AsyncResult ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        Client.Namespaces.Execute(Targets, code, _single, cancellationToken);

    /// <summary>Runs C# script code on the view's engines and waits.</summary>
    /// <param name="code">The script.</param>
    public void Execute(string code) => ExecuteAsync(code).Get();

    /// <summary>
    /// Sets variables in the namespace of each engine of the view: a dictionary, or an object whose properties are the
    /// variables (<c>new { a = 1, b = "x" }</c>).
    /// </summary>
    /// <param name="values">The variables.</param>
    /// <param name="cancellationToken">Aborts the push when cancelled.</param>
    /// <returns>The pending completion.</returns>
    /// <exception cref="ArgumentException">A value cannot be serialized; the message names the variable.</exception>
    public AsyncResult PushAsync(object values, CancellationToken cancellationToken = default) =>
        Client.Namespaces.Push(Targets, values, _single, cancellationToken);

    /// <summary>Sets variables on the view's engines and waits.</summary>
    /// <param name="values">The variables (dictionary or object with properties).</param>
    public void Push(object values) => PushAsync(values).Get();
}
