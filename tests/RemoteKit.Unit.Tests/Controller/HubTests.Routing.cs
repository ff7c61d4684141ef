using RemoteKit.Controller;
using RemoteKit.Protocol;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>Where balanced tasks go: how many an engine holds.</summary>
public partial class HubTests
{
    [Theory]
    [InlineData(10, 10)] // 1 µs tasks: 10 fit in the queue time, and the engine holds that many
    [InlineData(1_000_000, 4)] // 100 ms tasks: none fit, and the engine holds EngineTaskLimit
    [InlineData(1, 16)] // tasks too short to time: capped at MaxEngineTaskLimit
    public void An_engine_holds_as_many_balanced_tasks_as_it_runs_in_the_queue_time_within_the_limits(long runTicks, int held)
    {
        (_hub, _client) = NewHub(new ControllerOptions
        {
            EngineTaskLimit = 4, MaxEngineTaskLimit = 16, EngineQueueTime = TimeSpan.FromTicks(100), HeartbeatMisses = 1000,
        });
        var (e0, engine0) = AddEngine();
        Clear(e0);
        for (ulong i = 1; i <= 200; i++)
        {
            SubmitTask(i, target: -1);
        }

        // Until a task has finished, the engine holds EngineTaskLimit; each result then tells the hub how long tasks run.
        var first = e0.Drain().Where(f => f.Kind == MessageKind.Dispatch).Select(f => Dispatched(f).TaskId).ToList();
        Assert.Equal(4, first.Count);
        foreach (var id in first)
        {
            CompleteOk(e0, engine0, id, runTicks);
        }

        Assert.Equal(held, e0.Drain().Count(f => f.Kind == MessageKind.Dispatch));
    }
}
