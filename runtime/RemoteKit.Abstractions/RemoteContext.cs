namespace RemoteKit;

/// <summary>
/// What a [Remote] method can learn about where it runs. Declare a parameter of this type and the engine injects it;
/// the caller does not pass it.
/// </summary>
public sealed class RemoteContext
{
    internal RemoteContext(int engineId, int engineCount, EngineNamespace ns, CancellationToken cancellationToken)
    {
        EngineId = engineId;
        EngineCount = engineCount;
        Namespace = ns;
        CancellationToken = cancellationToken;
    }

    /// <summary>The id of the engine running the method (0..n-1 in registration order).</summary>
    public int EngineId { get; }

    /// <summary>How many engines the cluster had when the task started.</summary>
    public int EngineCount { get; }

    /// <summary>The engine's namespace: the variables pushed, scattered or set by earlier tasks.</summary>
    public EngineNamespace Namespace { get; }

    /// <summary>Cancelled when the task is aborted or the engine stops.</summary>
    public CancellationToken CancellationToken { get; }
}
