namespace RemoteKit;

/// <summary>
/// What a [Remote] method can learn about where it runs. Declare a parameter of this type and the engine injects it;
/// the caller does not pass it.
/// </summary>
public sealed class RemoteContext
{
    internal RemoteContext(int engineId, int engineCount, EngineNamespace ns, CancellationToken cancellationToken, ITaskEventSink? events = null)
    {
        EngineId = engineId;
        EngineCount = engineCount;
        Namespace = ns;
        CancellationToken = cancellationToken;
        Events = events;
    }

    /// <summary>Where the running task's published values go; null where nothing receives them.</summary>
    internal ITaskEventSink? Events { get; }

    /// <summary>The id of the engine running the method (0..n-1 in registration order).</summary>
    public int EngineId { get; }

    /// <summary>How many engines the cluster had when the task started.</summary>
    public int EngineCount { get; }

    /// <summary>The engine's namespace: the variables pushed, scattered or set by earlier tasks.</summary>
    public EngineNamespace Namespace { get; }

    /// <summary>Cancelled when the task is aborted or the engine stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Publishes <paramref name="value"/> under <paramref name="name"/> while the task runs (ipyparallel's
    /// <c>publish_data</c>): the caller sees the latest value of each name in <c>ar.Data</c>. Publishing often is cheap: the
    /// engine sends the latest value of each name at most once per flush interval (50 ms by default), and the last one
    /// before the task's result.
    /// </summary>
    /// <typeparam name="T">The value's type: anything MemoryPack serializes.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="value">The value; serialized now, so changing it afterwards does not change what is sent.</param>
    public void Publish<T>(string name, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Events is not { } events)
        {
            return;
        }

        LatestValue latest;
        var published = LazyInitializer.EnsureInitialized(ref _published, static () => new Dictionary<string, LatestValue>(StringComparer.Ordinal));
        lock (published)
        {
            if (!published.TryGetValue(name, out latest!))
            {
                published.Add(name, latest = new LatestValue());
            }
        }

        latest.SetNamed(value);
        events.DataChanged(name, latest);
    }

    /// <summary>The names published so far; made on the first publish (most tasks publish nothing).</summary>
    private Dictionary<string, LatestValue>? _published;
}
