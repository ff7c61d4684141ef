using RemoteKit.Controller.Observing;

namespace RemoteKit.Observability.Tests.Dashboard;

/// <summary>An observer whose cluster the test sets, standing in for the hub.</summary>
internal sealed class FakeClusterObserver : IClusterObserver
{
    private readonly Lock _gate = new();
    private ClusterSnapshot _snapshot;

    public FakeClusterObserver(ClusterSnapshot snapshot) => _snapshot = snapshot;

    public event EventHandler? Changed;

    public ClusterSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            return _snapshot with { Time = DateTimeOffset.UtcNow };
        }
    }

    public void Update(Func<ClusterSnapshot, ClusterSnapshot> change)
    {
        lock (_gate)
        {
            _snapshot = change(_snapshot);
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Engines 0..n-1 on host "node1", idle, each with <paramref name="completedEach"/> tasks done.</summary>
    public static ClusterSnapshot Cluster(int engines, long completedEach) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Engines = Enumerable.Range(0, engines).Select(i => Engine(i, completedEach)).ToArray(),
        Totals = new ClusterTotals { Submitted = engines * completedEach, Completed = engines * completedEach },
    };

    public static EngineSnapshot Engine(int id, long completed) => new()
    {
        Id = id,
        Host = "node1",
        ProcessId = 4000 + id,
        State = EngineStatus.Idle,
        Completed = completed,
        MemoryBytes = (90L + id) << 20,
    };
}
