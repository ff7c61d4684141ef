using System.Diagnostics;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Engines die, hang and ignore aborts while real work runs: retried maps still deliver every result once, and the cluster
/// heals itself.
/// </summary>
public sealed class ChaosTests
{
    private const int Items = 100_000;

    /// <summary>How long a 100,000-item map may take on a loaded 2-core machine, including a hung engine's detection.</summary>
    private static readonly TimeSpan MapPatience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task With_retries_a_100000_item_map_completes_correctly_though_one_engine_is_killed_and_another_stopped_mid_run()
    {
        var run = await MapThroughChaosAsync(retries: 2);

        // Both struck engines were replaced: the killed one when it died, the stopped one once the controller gave up on it
        // (silent past its grace to come back) and its supervisor ended its process.
        Assert.Equal(2, run.Replaced);
        Assert.Equal(Items, run.Outcomes.Count);
        Assert.All(run.Outcomes, (o, i) =>
        {
            Assert.Null(o.Error);
            Assert.Equal((long)i * i, o.Value);
        });
    }

    [Fact]
    public async Task Without_retries_each_task_the_struck_engines_held_fails_with_EngineLostException_and_every_other_result_is_correct()
    {
        var run = await MapThroughChaosAsync(retries: 0);

        Assert.Equal(Items, run.Outcomes.Count);
        var failed = 0;
        Assert.All(run.Outcomes, (o, i) =>
        {
            if (o.Error is null)
            {
                Assert.Equal((long)i * i, o.Value);
                return;
            }

            failed++;
            var lost = Assert.IsType<EngineLostException>(o.Error);
            Assert.Contains(lost.EngineId, run.Struck);
        });

        // Both engines were holding queued work when they were struck.
        Assert.InRange(failed, 2, Items);
    }

    [Fact]
    public async Task A_task_that_ignores_its_abort_gets_its_engine_recycled_and_the_cluster_is_back_to_full_size()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:AbortGrace"] = "00:00:02";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var client = cluster.Client;
        var exits = new TaskCompletionSource<EngineExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.EngineExited += (_, e) => exits.TrySetResult(e);
        var started = TempFile("started");
        var release = TempFile("release");
        try
        {
            var stuck = client[1].ApplyAsync(Work.IgnoreAbortUntilFile, started, release);
            await Events.FileAppearsAsync(started);
            stuck.Abort();

            var aborted = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stuck.Task.WaitAsync(Patience.Long));
            Assert.Contains("recycled", aborted.Message);

            // The recycled engine exits, its supervisor starts a replacement, which registers with the next id.
            Assert.True((await exits.Task.WaitAsync(Patience.Long)).WillRestart);
            await client.WaitForEnginesAsync(2, Patience.Long);
            Assert.Equal([0, 2], client.Ids);
            var ids = await client[..].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long);
            Assert.Equal([0, 2], ids);
            Assert.Equal(1, cluster.EngineRestarts);
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(started);
            File.Delete(release);
        }
    }

    private static async Task<ChaosRun> MapThroughChaosAsync(int retries)
    {
        await using var cluster = await Cluster.StartAsync(engines: 4);
        var client = cluster.Client;
        var replacements = 0;
        var bothReplaced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.EngineExited += (_, e) =>
        {
            if (e.WillRestart && Interlocked.Increment(ref replacements) == 2)
            {
                bothReplaced.TrySetResult();
            }
        };
        var ids = client.Ids.ToArray();
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        var engineOfPid = ids.Zip(pids).ToDictionary(p => p.Second, p => p.First);
        var held = Directory.CreateTempSubdirectory("remotekit-held-").FullName;
        var release = TempFile("release");
        var view = client.LoadBalancedView(new TaskOptions { Retries = retries });
        Process? stopped = null;
        try
        {
            var map = view.MapAsync(Enumerable.Range(0, Items), x => Work.Remote.SquareHeldFirstOnEachEngine(x, held, release), ordered: false);

            // Each engine given work holds its first item, with the rest of its share queued behind it, until the release.
            // Once two hold, strike them: both are certain to be holding work, whatever pace the others keep.
            var holders = await HeldEngines.WaitAsync(engineOfPid, held, count: 2);
            var (killedEngine, stoppedEngine) = (holders[0].Engine, holders[1].Engine);
            using (var killed = Process.GetProcessById(holders[0].Pid))
            {
                killed.Kill();
                await killed.WaitForExitAsync().WaitAsync(Patience.Long);
            }

            stopped = Process.GetProcessById(holders[1].Pid);
            Signals.Send("STOP", stopped.Id);
            File.WriteAllText(release, "go");

            var outcomes = await map.GetOutcomesAsync().WaitAsync(MapPatience);
            await bothReplaced.Task.WaitAsync(Patience.Long);
            await client.WaitForEnginesAsync(4, Patience.Long);
            return new ChaosRun(outcomes, [killedEngine, stoppedEngine], Volatile.Read(ref replacements));
        }
        finally
        {
            File.WriteAllText(release, "go");
            if (stopped is not null)
            {
                if (!stopped.HasExited)
                {
                    Signals.Send("CONT", stopped.Id);
                }

                stopped.Dispose();
            }

            Directory.Delete(held, recursive: true);
            File.Delete(release);
        }
    }

    private static string TempFile(string what) => Path.Combine(Path.GetTempPath(), $"remotekit-{what}-{Guid.NewGuid():N}");


    private sealed record ChaosRun(IReadOnlyList<MapOutcome<long>> Outcomes, int[] Struck, int Replaced);
}
