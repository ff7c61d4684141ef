using System.Buffers;

namespace RemoteKit;

/// <summary>A view of one engine (<c>client[0]</c>). Results are single values.</summary>
public sealed class EngineView : TargetedView
{
    internal EngineView(RemoteClient client, int engineId, TaskOptions? options = null)
        : base(client, [engineId], single: true)
    {
        EngineId = engineId;
        Options = options ?? TaskOptions.Default;
    }

    /// <summary>The engine this view targets.</summary>
    public int EngineId { get; }

    /// <summary>
    /// How this view's tasks run: <see cref="TaskOptions.Timeout"/>, <see cref="TaskOptions.After"/>,
    /// <see cref="TaskOptions.DependsOn"/>, <see cref="TaskOptions.DependencyTimeout"/> and <see cref="TaskOptions.Keep"/>
    /// apply (a task on a named engine is never moved, so retries and <see cref="TaskOptions.Follow"/> do not).
    /// </summary>
    public TaskOptions Options { get; }

    /// <summary>A view of the same engine whose tasks run with <paramref name="options"/>; this view is unchanged.</summary>
    /// <param name="options">The timeout, dependencies and keeping.</param>
    /// <returns>The new view.</returns>
    public EngineView With(TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new EngineView(Client, EngineId, options);
    }

    /// <summary>Runs a call on this engine.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="call">The call, e.g. <c>Work.Remote.SlowPower(5)</c>.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled; awaiting it then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The pending result.</returns>
    public AsyncResult<T> ApplyAsync<T>(RemoteCall<T> call, CancellationToken cancellationToken = default) =>
        Tasks.Apply<T>(call, TaskTarget.Engine(EngineId, Options), cancellationToken, Options);

    /// <summary>
    /// Runs a call of a method returning a stream on this engine: <c>await foreach</c> the result to get its items as the
    /// engine yields them, with back-pressure (see <see cref="AsyncStream{T}"/>).
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="call">The call, e.g. <c>Work.Remote.Produce(10)</c>.</param>
    /// <param name="options">How far the engine may run ahead of the items read; <see langword="null"/> for <see cref="StreamOptions.Default"/>.</param>
    /// <param name="cancellationToken">Aborts the task when cancelled.</param>
    /// <returns>The stream.</returns>
    public AsyncStream<T> StreamAsync<T>(RemoteStreamCall<T> call, StreamOptions? options = null, CancellationToken cancellationToken = default) =>
        Tasks.Stream(call, TaskTarget.Engine(EngineId), options, cancellationToken);

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
        Client.Namespaces.PullOne(EngineId, name, static (typeName, bytes) => NamespaceCodec.DecodeTyped<T>(typeName, bytes)!, cancellationToken, typed: true);

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
        Client.Namespaces.PullOne(EngineId, name, (typeName, bytes) => NamespaceCodec.ReadInto(name, typeName, bytes, destination.Span), cancellationToken);

    /// <summary>Reads a <c>T[]</c> variable of this engine's namespace into <paramref name="destination"/> and waits.</summary>
    /// <typeparam name="T">An unmanaged element type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <param name="destination">Where the elements go; at least as long as the variable.</param>
    /// <returns>The number of elements written.</returns>
    /// <exception cref="ArgumentException">The destination is shorter than the variable.</exception>
    public unsafe int PullInto<T>(string name, Span<T> destination)
        where T : unmanaged
    {
        // A span cannot be captured by the receive callback, so the callback gets the pinned address instead and writes the
        // bytes straight from the received frame, as PullIntoAsync does. The gate makes sure nothing writes there once this
        // method has returned, whichever way the pull ended (an engine lost while the value was being copied, say).
        fixed (T* start = destination)
        {
            var target = new PinnedTarget<T>(start, destination.Length);
            try
            {
                return Client.Namespaces.PullOne(EngineId, name, (typeName, bytes) => target.Write(name, typeName, bytes), CancellationToken.None).Get();
            }
            catch (RemoteException) when (target.Refused is { } refused)
            {
                // The destination is too short: the caller's mistake, so it is thrown as one rather than as the result's failure.
                throw refused;
            }
            finally
            {
                target.Close();
            }
        }
    }

    /// <summary>Reads a variable of this engine's namespace as <typeparamref name="T"/> and waits.</summary>
    /// <typeparam name="T">The variable's type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The value.</returns>
    public T Pull<T>(string name) => PullAsync<T>(name).Get();

    private protected override AsyncResult Run(RemoteCall call, CancellationToken cancellationToken) =>
        Tasks.Apply<NoValue>(call, TaskTarget.Engine(EngineId, Options), cancellationToken, Options);

    /// <summary>Memory pinned by a waiting <see cref="PullInto{T}(string, Span{T})"/>, writable until that call returns.</summary>
    private sealed unsafe class PinnedTarget<T>(T* start, int length)
        where T : unmanaged
    {
        private readonly Lock gate = new();
        private bool closed;

        /// <summary>Why the destination refused the value, when it was too short.</summary>
        public ArgumentException? Refused { get; private set; }

        public int Write(string name, string typeName, ReadOnlySequence<byte> bytes)
        {
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(closed, this);
                try
                {
                    return NamespaceCodec.ReadInto(name, typeName, bytes, new Span<T>(start, length));
                }
                catch (ArgumentException e)
                {
                    Refused = e;
                    throw;
                }
            }
        }

        /// <summary>Waits for a write under way to finish and refuses any later one.</summary>
        public void Close()
        {
            lock (gate)
            {
                closed = true;
            }
        }
    }
}
