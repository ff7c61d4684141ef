namespace RemoteKit;

/// <summary>A view of one engine (<c>client[0]</c>). Results are single values.</summary>
public sealed class EngineView : TargetedView
{
    internal EngineView(RemoteClient client, int engineId)
        : base(client, [engineId], single: true) => EngineId = engineId;

    /// <summary>The engine this view targets.</summary>
    public int EngineId { get; }

    /// <summary>Runs a call on this engine.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call, e.g. <c>Work.Remote.SlowPower(5)</c>.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled; awaiting it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The pending result.</returns>
    public AsyncResult<T> ApplyAsync<T>(RemoteCall<T> call, CancellationToken cancellationToken = default) =>
        Tasks.Apply<T>(call, TaskTarget.Engine(EngineId), cancellationToken);

    /// <summary>Runs a call on this engine and waits for its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>The result.</returns>
    public T Apply<T>(RemoteCall<T> call) => ApplyAsync(call).Get();

    /// <summary>Reads a variable of this engine's namespace as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="cancellationToken">Aborts the pull when cancelled.</param>
    /// <returns>The pending value.</returns>
    public AsyncResult<T> PullAsync<T>(string name, CancellationToken cancellationToken = default) =>
        Client.Namespaces.PullOne(EngineId, name, static (typeName, bytes) => NamespaceCodec.DecodeTyped<T>(typeName, bytes)!, cancellationToken);

    /// <summary>Reads a variable of this engine's namespace as <typeparamref name="T"/> and waits.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The value.</returns>
    public T Pull<T>(string name) => PullAsync<T>(name).Get();

    private protected override AsyncResult Run(RemoteCall call, CancellationToken cancellationToken) =>
        Tasks.Apply<Unit>(call, TaskTarget.Engine(EngineId), cancellationToken);
}
