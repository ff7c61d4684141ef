using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>A chain of dependent tasks sent to its head's engine at once, when that engine is killed.</summary>
public sealed class DataflowChaosTests
{
    [Fact]
    public async Task A_chain_queued_behind_its_head_on_a_killed_engine_runs_again_in_order_elsewhere_each_task_once()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        var held = Path.Combine(Path.GetTempPath(), $"remotekit-chain-held-{Guid.NewGuid():N}");
        try
        {
            var view = client.LoadBalancedView(new TaskOptions { Retries = 2 });
            var head = view.ApplyAsync(FlowChaosWork.HoldOnce, held);
            var chain = new List<AsyncResult<int>>();
            AsyncResult previous = head;
            for (var i = 0; i < 100; i++)
            {
                var next = view.With(view.Options with { After = [previous] }).ApplyAsync(FlowWork.Nap, 0);
                chain.Add(next);
                previous = next;
            }

            await Events.FileAppearsAsync(held);
            using (var holder = Process.GetProcessById(int.Parse(File.ReadAllText(held + ".pid"), CultureInfo.InvariantCulture)))
            {
                holder.Kill();
                await holder.WaitForExitAsync().WaitAsync(Patience.Long);
            }

            var where = await Task.WhenAll(chain.Select(c => c.Task)).WaitAsync(Patience.Long);
            var headEngine = await head.Task.WaitAsync(Patience.Long);
            var lost = Assert.Single(head.Metadata!.LostEngines);
            Assert.NotEqual(lost, headEngine);
            Assert.DoesNotContain(lost, where);

            // In order: each task started after the one it depends on completed.
            var before = head.Metadata;
            foreach (var task in chain)
            {
                Assert.True(task.Metadata!.Started >= before!.Completed, $"a task started at {task.Metadata.Started:O}, before its dependency completed at {before.Completed:O}");
                before = task.Metadata;
            }
        }
        finally
        {
            File.Delete(held);
            File.Delete(held + ".pid");
        }
    }
}
