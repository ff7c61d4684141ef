using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// The controller dies (SIGKILL) while work runs: the cluster starts it again on the same address and key, engines keep
/// their processes, ids and namespaces and come back to it, and the client reconnects and sends again what may run again.
/// </summary>
public sealed class ControllerRestartTests
{
    private const int Items = 100_000;

    [Fact]
    public async Task A_controller_killed_during_a_100000_item_map_is_restarted_and_the_map_delivers_every_result_once()
    {
        await using var cluster = await Cluster.StartAsync(engines: 4);
        var client = cluster.Client;
        var ids = client.Ids.ToArray();
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        await client[..].PushAsync(new { before_crash = 4321 });
        var held = TempFile("held");
        var release = TempFile("release");
        using var controller = Process.GetProcessById(cluster.ProcessIds[0]);
        try
        {
            var view = client.LoadBalancedView(new TaskOptions { Retries = 2 });
            var map = view.MapAsync(Enumerable.Range(0, Items), x => Work.Remote.SquareAfterFirstHeld(x, held, release), ordered: false);

            // Item 0 is held on its engine while the others run and queue the rest: the controller dies mid-map.
            await Events.FileAppearsAsync(held);
            controller.Kill();
            await controller.WaitForExitAsync().WaitAsync(Patience.Long);
            File.WriteAllText(release, "go");

            var outcomes = await map.GetOutcomesAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.Equal(Items, outcomes.Count);
            Assert.All(outcomes, (o, i) =>
            {
                Assert.Null(o.Error);
                Assert.Equal((long)i * i, o.Value);
            });
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(held);
            File.Delete(held + ".pid");
            File.Delete(release);
        }

        // The same engines, by id and process, with what was pushed before the crash; one controller restart, no engine one.
        await client.Engines.WaitUntilAsync(now => now.SequenceEqual(ids), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
        Assert.Equal(pids, await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long));
        var pulled = await client[..].PullAsync<int>("before_crash").Task.WaitAsync(Patience.Long);
        Assert.Equal([4321, 4321, 4321, 4321], pulled);
        Assert.Equal(1, cluster.ControllerRestarts);
        Assert.Equal(0, cluster.EngineRestarts);
        Assert.NotEqual(controller.Id, cluster.ProcessIds[0]);
    }

    [Fact]
    public async Task A_task_without_retries_pending_when_the_controller_dies_fails_saying_so_and_the_client_works_after_the_restart()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        var started = TempFile("started");
        var gate = TempFile("gate");
        try
        {
            var pending = client[0].ApplyAsync(Work.IgnoreAbortUntilFile, started, gate);
            await Events.FileAppearsAsync(started);
            using (var controller = Process.GetProcessById(cluster.ProcessIds[0]))
            {
                controller.Kill();
            }

            var lost = await Assert.ThrowsAsync<RemoteKitConnectionException>(async () => await pending.Task.WaitAsync(Patience.Long));
            Assert.Contains("whether it ran is unknown", lost.Message, StringComparison.Ordinal);

            // Sent while the client reconnects: held, then run by the restarted controller.
            var after = await client.LoadBalancedView().ApplyAsync(Work.Power, 3, 3).Task.WaitAsync(Patience.Long);
            Assert.Equal(27, after);
            await client.Engines.WaitUntilAsync(now => now.SequenceEqual([0, 1]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
            var engineIds = await client[..].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long);
            Assert.Equal([0, 1], engineIds);
            Assert.Equal(1, cluster.ControllerRestarts);
        }
        finally
        {
            File.WriteAllText(gate, "go");
            File.Delete(gate);
            File.Delete(started);
        }
    }

    [Fact]
    public async Task A_controller_stopped_on_request_is_not_restarted_and_the_client_fails_at_once()
    {
        await using var cluster = await Cluster.StartAsync(engines: 1);
        var client = cluster.Client;
        var pids = cluster.ProcessIds.Select(Process.GetProcessById).ToArray();
        await client.ShutdownAsync().WaitAsync(Patience.Long);
        await Task.WhenAll(pids.Select(p => p.WaitForExitAsync())).WaitAsync(Patience.Long);

        // Told the stop was asked for, the client does not wait for a controller that will not come back.
        await Assert.ThrowsAsync<RemoteKitConnectionException>(async () =>
            await client.LoadBalancedView().ApplyAsync(Work.Power, 2, 2).Task.WaitAsync(Patience.Long));
        Assert.Equal(0, cluster.ControllerRestarts);
        foreach (var p in pids)
        {
            p.Dispose();
        }
    }

    private static string TempFile(string what) => Path.Combine(Path.GetTempPath(), $"remotekit-{what}-{Guid.NewGuid():N}");
}
