using System.Runtime.InteropServices;

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

    /// <summary>
    /// Reads a <c>T[]</c> variable of this engine's namespace into memory the caller owns and reuses, instead of a new
    /// array: no allocation and no first-touch page faults for large data. The bytes go from the received frame straight
    /// into <paramref name="destination"/>, which must not be used until the result completes.
    /// </summary>
    /// <typeparam name="T">An unmanaged element type (<c>double</c>, <c>int</c>, a struct of them).</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="destination">Where the elements go; at least as long as the variable.</param>
    /// <param name="cancellationToken">Aborts the pull when cancelled.</param>
    /// <returns>The pending number of elements written.</returns>
    /// <exception cref="ArgumentException">(From the result.) The destination is shorter than the variable.</exception>
    public AsyncResult<int> PullIntoAsync<T>(string name, Memory<T> destination, CancellationToken cancellationToken = default)
        where T : unmanaged =>
        Client.Namespaces.PullOne(EngineId, name, (typeName, bytes) => NamespaceCodec.ReadInto(name, typeName, bytes, destination), cancellationToken);

    /// <summary>Reads a <c>T[]</c> variable of this engine's namespace into <paramref name="destination"/> and waits.</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="destination">Where the elements go; at least as long as the variable.</param>
    /// <returns>The number of elements written.</returns>
    /// <exception cref="ArgumentException">The destination is shorter than the variable.</exception>
    public int PullInto<T>(string name, Span<T> destination)
        where T : unmanaged
    {
        // A span cannot wait on another thread: the bytes land in a pooled buffer (already touched memory) and are copied once.
        var chunk = Client.Namespaces.PullOne(EngineId, name, static (typeName, bytes) => NamespaceCodec.RawChunk.Read<T>(typeName, bytes), CancellationToken.None).Get();
        try
        {
            if (chunk.Count > destination.Length)
            {
                throw new ArgumentException($"The engine's '{name}' holds {chunk.Count:N0} elements; the destination has room for {destination.Length:N0}.", nameof(destination));
            }

            chunk.Bytes.CopyTo(MemoryMarshal.AsBytes(destination));
            return chunk.Count;
        }
        finally
        {
            chunk.Return();
        }
    }

    /// <summary>Reads a variable of this engine's namespace as <typeparamref name="T"/> and waits.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The value.</returns>
    public T Pull<T>(string name) => PullAsync<T>(name).Get();

    private protected override AsyncResult Run(RemoteCall call, CancellationToken cancellationToken) =>
        Tasks.Apply<Unit>(call, TaskTarget.Engine(EngineId), cancellationToken);
}
