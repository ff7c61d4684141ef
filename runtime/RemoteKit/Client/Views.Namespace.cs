namespace RemoteKit;

public sealed partial class EngineView
{
    /// <summary>Reads (untyped pull) or sets (push) a variable in this engine's namespace: <c>client[0]["a"] = 5</c>.</summary>
    /// <param name="name">The variable name.</param>
    public object? this[string name]
    {
        get => Client.PullOne(EngineId, name, RemoteClient.DecodeUntyped, default).Get();
        set => Push(new Dictionary<string, object?> { [name] = value });
    }

    /// <summary>Sets variables in this engine's namespace: a dictionary, or an object whose properties are the variables (<c>new { a = 1, b = "x" }</c>).</summary>
    /// <param name="values">The variables.</param>
    /// <param name="cancellationToken">Aborts the push when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult PushAsync(object values, CancellationToken cancellationToken = default) =>
        Client.PushTo([EngineId], RemoteClient.VariablesOf(values), cancellationToken, single: true);

    /// <summary>Sets variables in this engine's namespace and waits.</summary>
    /// <param name="values">The variables (dictionary or object with properties).</param>
    public void Push(object values) => PushAsync(values).Get();

    /// <summary>Reads a variable of this engine's namespace as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="cancellationToken">Aborts the pull when cancelled.</param>
    /// <returns>The pending value.</returns>
    public AsyncResult<T> PullAsync<T>(string name, CancellationToken cancellationToken = default)
        => Client.PullOne(EngineId, name, static (typeName, bytes) => RemoteClient.DecodeTyped<T>(typeName, bytes)!, cancellationToken);

    /// <summary>Reads a variable of this engine's namespace as <typeparamref name="T"/> and waits.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The value.</returns>
    public T Pull<T>(string name) => PullAsync<T>(name).Get();

    /// <summary>Runs C# script code on this engine with its namespace in scope; top-level variables it declares go back into the namespace.</summary>
    /// <param name="code">The script.</param>
    /// <param name="cancellationToken">Aborts the script when cancelled.</param>
    /// <returns>The pending completion; fails with a <see cref="RemoteException"/> carrying compiler errors and line numbers.</returns>
    public AsyncResult ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        Client.ExecuteOn([EngineId], code, cancellationToken, single: true);

    /// <summary>Runs C# script code on this engine and waits.</summary>
    /// <param name="code">The script.</param>
    public void Execute(string code) => ExecuteAsync(code).Get();
}

public sealed partial class DirectView
{
    /// <summary>
    /// Reads a variable from every engine (untyped pull: an <c>object?[]</c> in engine order) or sets it on every engine:
    /// <c>all["i"] = 10</c>.
    /// </summary>
    /// <param name="name">The variable name.</param>
    public object? this[string name]
    {
        get => Client.PullFrom(Targets, name, RemoteClient.DecodeUntyped, default).Get();
        set => Push(new Dictionary<string, object?> { [name] = value });
    }

    /// <summary>Sets variables on every engine of the view: a dictionary, or an object whose properties are the variables.</summary>
    /// <param name="values">The variables.</param>
    /// <param name="cancellationToken">Aborts the push when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult PushAsync(object values, CancellationToken cancellationToken = default) =>
        Client.PushTo(Targets, RemoteClient.VariablesOf(values), cancellationToken);

    /// <summary>Sets variables on every engine of the view and waits.</summary>
    /// <param name="values">The variables (dictionary or object with properties).</param>
    public void Push(object values) => PushAsync(values).Get();

    /// <summary>Reads a variable from every engine, in engine order.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="cancellationToken">Aborts the pull when cancelled.</param>
    /// <returns>The pending values.</returns>
    public AsyncResult<T[]> PullAsync<T>(string name, CancellationToken cancellationToken = default) =>
        Client.PullFrom(Targets, name, static (typeName, bytes) => RemoteClient.DecodeTyped<T>(typeName, bytes)!, cancellationToken);

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
        Client.ScatterTo(Targets, name, items, cancellationToken);

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
        Client.GatherFrom<T>(Targets, name, cancellationToken);

    /// <summary>Gathers and waits.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The concatenation in engine order.</returns>
    public T[] Gather<T>(string name) => GatherAsync<T>(name).Get();

    /// <summary>Runs C# script code on every engine with its namespace in scope; top-level variables it declares go back into the namespace.</summary>
    /// <param name="code">The script, e.g. <c>var b = (int)Math.Pow(i, 5);</c>.</param>
    /// <param name="cancellationToken">Aborts the script when cancelled.</param>
    /// <returns>The pending completion; compile errors arrive as <see cref="RemoteException"/>s with the compiler's messages and line numbers.</returns>
    public AsyncResult ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        Client.ExecuteOn(Targets, code, cancellationToken);

    /// <summary>Runs C# script code on every engine and waits.</summary>
    /// <param name="code">The script.</param>
    public void Execute(string code) => ExecuteAsync(code).Get();
}
