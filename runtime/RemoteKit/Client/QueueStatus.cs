namespace RemoteKit;

/// <summary>Queue lengths at a moment (ipyparallel's <c>queue_status()</c>).</summary>
/// <param name="Unassigned">Load-balanced tasks waiting at the controller for a free engine.</param>
/// <param name="Engines">Each engine's counts, by engine id.</param>
public sealed record QueueStatusReport(int Unassigned, IReadOnlyList<EngineQueueStatus> Engines);

/// <summary>One engine's queue.</summary>
/// <param name="EngineId">The engine.</param>
/// <param name="Queued">Tasks sent to it and not started.</param>
/// <param name="Running">Tasks running (0 or 1).</param>
/// <param name="Completed">Tasks it has finished since it registered.</param>
public sealed record EngineQueueStatus(int EngineId, int Queued, int Running, long Completed)
{
    /// <summary>The bytes of results the engine keeps for <see cref="RemoteRef{T}"/>s.</summary>
    public long KeptBytes { get; init; }

    /// <summary>How many results the engine keeps for <see cref="RemoteRef{T}"/>s.</summary>
    public int KeptValues { get; init; }
}
