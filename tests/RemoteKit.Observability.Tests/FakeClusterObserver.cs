using RemoteKit.Controller.Dashboard;

namespace RemoteKit.Observability.Tests;

/// <summary>Stands in for the hub: a snapshot the test sets, and the change notification the hub would raise.</summary>
internal sealed class FakeClusterObserver : IClusterObserver
{
    private ClusterSnapshot _snapshot = Snapshot(completed: 0, engines: 2);

    public event Action? Changed;

    public ClusterSnapshot GetSnapshot() => Volatile.Read(ref _snapshot);

    public void Set(ClusterSnapshot snapshot)
    {
        Volatile.Write(ref _snapshot, snapshot);
        Changed?.Invoke();
    }

    public static ClusterSnapshot Snapshot(long completed, int engines)
    {
        var list = Enumerable.Range(0, engines)
            .Select(i => new EngineSnapshot(i, "node-" + i, 4000 + i, i % 2 == 0 ? "busy" : "idle", i % 2 == 0 ? "Work.SlowPower" : null, i, completed / engines, i == 1 ? 1 : 0, (80L + i) << 20))
            .ToArray();
        return new ClusterSnapshot(
            DateTimeOffset.UtcNow,
            list,
            [new ClientSnapshot(1, "127.0.0.1:50712", DateTimeOffset.UtcNow.AddMinutes(-3), 7)],
            Submitted: completed + 10,
            Completed: completed,
            Failed: 1,
            QueueLength: 3,
            [new FailureSnapshot(17, 1, "Work.Fails", "System.InvalidOperationException", "item 17 is bad", "   at Work.Fails(Int32 x) in Work.cs:line 12", DateTimeOffset.UtcNow)]);
    }
}
