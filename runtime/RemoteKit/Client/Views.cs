namespace RemoteKit;

/// <summary>Common base of the views a <see cref="RemoteClient"/> hands out.</summary>
public abstract class View
{
    private protected View(RemoteClient client) => Client = client;

    /// <summary>The client this view submits through.</summary>
    public RemoteClient Client { get; }
}

/// <summary>A view of one engine (<c>client[0]</c>). Results are single values.</summary>
public sealed partial class EngineView : View
{
    internal EngineView(RemoteClient client, int engineId)
        : base(client) => EngineId = engineId;

    /// <summary>The engine this view targets.</summary>
    public int EngineId { get; }

    /// <summary>Runs a call on this engine.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call, e.g. <c>Work.Remote.SlowPower(5)</c>.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled.</param>
    /// <returns>The pending result.</returns>
    public AsyncResult<T> ApplyAsync<T>(RemoteCall<T> call, CancellationToken cancellationToken = default) =>
        Client.Submit<T>(call, TaskTarget.Engine(EngineId), cancellationToken);

    /// <summary>Runs a call with no result on this engine.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ApplyAsync(RemoteCall call, CancellationToken cancellationToken = default) =>
        Client.Submit<Unit>(call, TaskTarget.Engine(EngineId), cancellationToken);

    /// <summary>Runs a call on this engine and waits for its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>The result.</returns>
    public T Apply<T>(RemoteCall<T> call) => ApplyAsync(call).Get();

    /// <summary>Runs a call with no result on this engine and waits for it.</summary>
    /// <param name="call">The call.</param>
    public void Apply(RemoteCall call) => ApplyAsync(call).Get();
}

/// <summary>A view of several engines (<c>client[..]</c>, <c>client[0..3]</c>): each call runs on every engine; results come in engine order.</summary>
public sealed partial class DirectView : View
{
    internal DirectView(RemoteClient client, IReadOnlyList<int> targets)
        : base(client) => Targets = targets;

    /// <summary>The engines this view targets, in order.</summary>
    public IReadOnlyList<int> Targets { get; }

    /// <summary>Runs a call on every engine of the view.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the tasks when cancelled.</param>
    /// <returns>The pending results, one per engine in engine order.</returns>
    public AsyncResult<T[]> ApplyAsync<T>(RemoteCall<T> call, CancellationToken cancellationToken = default) =>
        Client.SubmitAll<T>(call, Targets, cancellationToken);

    /// <summary>Runs a call with no result on every engine of the view.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the tasks when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ApplyAsync(RemoteCall call, CancellationToken cancellationToken = default) =>
        Client.SubmitAll<Unit>(call, Targets, cancellationToken);

    /// <summary>Runs a call on every engine and waits for the results.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>The results in engine order.</returns>
    public T[] Apply<T>(RemoteCall<T> call) => ApplyAsync(call).Get();

    /// <summary>Runs a call with no result on every engine and waits for it.</summary>
    /// <param name="call">The call.</param>
    public void Apply(RemoteCall call) => ApplyAsync(call).Get();
}

/// <summary>A load-balanced view (<c>client.LoadBalancedView()</c>): each call runs once, on the least busy engine.</summary>
public sealed partial class LoadBalancedView : View
{
    internal LoadBalancedView(RemoteClient client)
        : base(client)
    {
    }

    /// <summary>Runs a call on the least busy engine.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled.</param>
    /// <returns>The pending result.</returns>
    public AsyncResult<T> ApplyAsync<T>(RemoteCall<T> call, CancellationToken cancellationToken = default) =>
        Client.Submit<T>(call, TaskTarget.LoadBalanced, cancellationToken);

    /// <summary>Runs a call with no result on the least busy engine.</summary>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled.</param>
    /// <returns>The pending completion.</returns>
    public AsyncResult ApplyAsync(RemoteCall call, CancellationToken cancellationToken = default) =>
        Client.Submit<Unit>(call, TaskTarget.LoadBalanced, cancellationToken);

    /// <summary>Runs a call on the least busy engine and waits for its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call.</param>
    /// <returns>The result.</returns>
    public T Apply<T>(RemoteCall<T> call) => ApplyAsync(call).Get();

    /// <summary>Runs a call with no result on the least busy engine and waits for it.</summary>
    /// <param name="call">The call.</param>
    public void Apply(RemoteCall call) => ApplyAsync(call).Get();
}
