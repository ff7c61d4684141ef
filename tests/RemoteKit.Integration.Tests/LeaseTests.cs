using System.Diagnostics;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Load-balanced tasks sent in one hop on engine capacity the controller leases to the client, on real controller and
/// engine processes: they take the lease path and reach the history, another client's task still runs while one client
/// keeps its leases busy, a map's results come back right and in order, and an engine killed or stopped under leased tasks
/// gives each of them exactly one outcome.
/// </summary>
public sealed class LeaseTests
{
    [Fact]
    public async Task Sequential_balanced_calls_keep_their_lease_go_in_one_hop_and_reach_the_history()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var lb = client.LoadBalancedView();
        await WarmUpAsync(client, () => lb.ApplyAsync(Work.Remote.Add(0, 0)).Completion);

        const int Calls = 200;
        var (sentBefore, _) = client.ControllerBytes;
        var leasedBefore = client.LeasedTasksSent;
        for (var i = 0; i < Calls; i++)
        {
            Assert.Equal(i + 1L, await lb.ApplyAsync(Work.Remote.Add(i, 1)).Task.WaitAsync(Patience.Long));
        }

        // Through the controller each call's Submit frame alone is over 60 bytes; on a lease the controller hears nothing of them.
        var (sentAfter, _) = client.ControllerBytes;
        Assert.Equal(Calls, client.LeasedTasksSent - leasedBefore);
        Assert.True(sentAfter - sentBefore < Calls * 10, $"the controller connection carried {sentAfter - sentBefore} bytes for {Calls} leased calls");
        Assert.True(client.LeasesHeld >= 1);

        var adds = await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Add" });
        Assert.True(adds.Count >= Calls, $"the history holds {adds.Count} of the {Calls} calls of Work.Add");
        Assert.All(adds, r => Assert.Equal(TaskHistoryStatus.Completed, r.Status));
        Assert.Equal(adds.Count, adds.Select(r => r.TaskId).Distinct().Count());
    }

    [Fact]
    public async Task Each_leased_call_is_in_the_history_its_client_reads_as_soon_as_it_answered()
    {
        // The engine's outcome report and the client's history read reach the controller on different connections: the read
        // must still find the call, every time.
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var lb = client.LoadBalancedView();
        await WarmUpAsync(client, () => lb.ApplyAsync(Work.Remote.Add(0, 0)).Completion);

        var query = new TaskHistoryQuery { Method = "Work.Add" };
        var warmUps = (await client.HistoryAsync(query)).Count;
        var leasedBefore = client.LeasedTasksSent;
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(1000L + i, await lb.ApplyAsync(Work.Remote.Add(1000, i)).Task.WaitAsync(Patience.Long));
            var records = await client.HistoryAsync(query);
            Assert.True(records.Count == warmUps + i + 1, $"after call {i + 1} the history holds {records.Count - warmUps} of them");
            Assert.All(records, r => Assert.Equal(TaskHistoryStatus.Completed, r.Status));
        }

        Assert.Equal(40, client.LeasedTasksSent - leasedBefore);
    }

    [Fact]
    public async Task An_idle_client_returns_its_leases_and_the_controller_balances_again()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromMilliseconds(100);
        var lb = client.LoadBalancedView();
        await WarmUpAsync(client, () => lb.ApplyAsync(Work.Remote.Add(0, 0)).Completion);

        await Events.UntilAsync(() => client.LeasesHeld == 0, "the idle client to give its leases back");

        // With no lease held the next call asks again and gets one.
        var leasedBefore = client.LeasedTasksSent;
        Assert.Equal(3L, await lb.ApplyAsync(Work.Remote.Add(1, 2)).Task.WaitAsync(Patience.Long));
        Assert.Equal(1, client.LeasedTasksSent - leasedBefore);
    }

    [Fact]
    public async Task Another_clients_task_runs_while_one_client_keeps_a_stream_of_leased_tasks_going()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var lb = client.LoadBalancedView();
        await WarmUpAsync(client, () => lb.ApplyAsync(Work.Remote.SleepFor(0)).Completion);
        await using var other = await RemoteClient.ConnectAsync(cluster.ConnectionInfo, Patience.Long);

        using var stop = new CancellationTokenSource();
        var leasedBefore = client.LeasedTasksSent;
        var stream = Task.Run(async () =>
        {
            // 32 short tasks in flight at all times, until the other client's task is done.
            var inFlight = new Queue<Task<int>>();
            var done = 0;
            while (!stop.IsCancellationRequested)
            {
                while (inFlight.Count < 32)
                {
                    inFlight.Enqueue(lb.ApplyAsync(Work.Remote.SleepFor(2)).Task);
                }

                Assert.Equal(2, await inFlight.Dequeue().WaitAsync(Patience.Long));
                done++;
            }

            await Task.WhenAll(inFlight).WaitAsync(Patience.Long);
            return done;
        });

        await Events.UntilAsync(() => client.LeasedTasksSent - leasedBefore >= 200, "200 leased tasks");

        var watch = Stopwatch.StartNew();
        Assert.Equal(7L, await other.LoadBalancedView().ApplyAsync(Work.Remote.Add(3, 4)).Task.WaitAsync(Patience.Long));
        var waited = watch.Elapsed;
        await stop.CancelAsync();
        Assert.True(await stream > 0);
        Assert.True(client.LeasedTasksSent - leasedBefore >= 200);
        Assert.True(waited < TimeSpan.FromSeconds(20), $"the other client's task waited {waited}");
    }

    [Fact]
    public async Task A_view_over_a_subset_goes_on_leases_of_its_engines_only()
    {
        await using var cluster = await Cluster.StartAsync(engines: 3);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var subset = client.LoadBalancedView(new[] { 2, 0 });
        await WarmUpAsync(client, () => subset.ApplyAsync(Work.Remote.Add(0, 0)).Completion);

        const int Calls = 60;
        var leasedBefore = client.LeasedTasksSent;
        var calls = new List<AsyncResult<long>>();
        for (var i = 0; i < Calls; i++)
        {
            var call = subset.ApplyAsync(Work.Remote.Add(i, 1));
            Assert.Equal(i + 1L, await call.Task.WaitAsync(Patience.Long));
            calls.Add(call);
        }

        Assert.Equal(Calls, client.LeasedTasksSent - leasedBefore);
        Assert.All(calls, c => Assert.Contains(c.Metadata!.EngineId, new[] { 0, 2 }));

        // A burst spreads over both of its engines, on leases or through the controller, and never reaches engine 1.
        var burst = Enumerable.Range(0, 400).Select(i => subset.ApplyAsync(Work.Remote.Add(i, 1))).ToArray();
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), await Task.WhenAll(burst.Select(b => b.Task)).WaitAsync(Patience.Long));
        Assert.DoesNotContain(burst, b => b.Metadata!.EngineId == 1);
    }

    [Fact]
    public async Task A_balanced_map_in_batches_goes_on_leases_and_returns_right_results_in_order()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var lb = client.LoadBalancedView();
        await WarmUpAsync(client, () => lb.MapAsync(Enumerable.Range(0, 4).Select(i => Work.Remote.Add(i, 1)), chunkSize: 2).Task);

        var leasedBefore = client.LeasedTasksSent;
        const int Items = 20_000;
        var results = await lb.MapAsync(Enumerable.Range(0, Items).Select(i => Work.Remote.Add(i, 1)), chunkSize: 100).Task.WaitAsync(Patience.Long);
        Assert.Equal(Enumerable.Range(1, Items).Select(i => (long)i), results);
        Assert.True(client.LeasedTasksSent - leasedBefore > 0, "no batch went on a lease");
    }

    [Fact]
    public async Task A_killed_engine_gives_each_leased_task_exactly_one_outcome()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2, new ClusterOptions { Restart = { Enabled = false } });
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        var lb = client.LoadBalancedView();
        var release = TempFile("release");
        await WarmUpAsync(client, () => lb.ApplyAsync(Work.Remote.HeldSquare(0, 1, TempFile("warm"), release)).Completion);
        try
        {
            var (results, held) = await StrikeAsync(client, lb, release, () =>
            {
                using var engine = Process.GetProcessById(pids[0]);
                engine.Kill();
                engine.WaitForExit();
            });

            var lost = AssertOneOutcomeEach(results, struck: 0);
            Assert.InRange(lost, 1, results.Length - 1);
            Assert.Equal(5L, await lb.ApplyAsync(Work.Remote.Add(2, 3)).Task.WaitAsync(Patience.Long));
            Assert.NotEmpty(held);
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(release);
        }
    }

    [Fact]
    public async Task Leased_tasks_with_retries_whose_engine_is_killed_run_again_and_each_caller_gets_its_value_once()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2, new ClusterOptions { Restart = { Enabled = false } });
        await StrikeWithRetriesAsync(cluster.Client, pid =>
        {
            using var engine = Process.GetProcessById(pid);
            engine.Kill();
            engine.WaitForExit();
            return () => { };
        });
    }

    [Fact]
    public async Task Leased_tasks_with_retries_whose_engine_is_stopped_run_again_once_it_is_declared_lost_and_its_late_answers_are_ignored()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:02:00";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        await StrikeWithRetriesAsync(cluster.Client, pid =>
        {
            Signals.Send("STOP", pid);
            return () => Signals.Send("CONT", pid);
        });

        // The stopped engine came back and answered what it held: those answers found nobody, and each caller kept the value of
        // the task's run on engine 1.
        var client = cluster.Client;
        await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([0, 1]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
        Assert.Equal(5L, await client.LoadBalancedView().ApplyAsync(Work.Remote.Add(2, 3)).Task.WaitAsync(Patience.Long));
    }

    /// <summary>
    /// Sends eight leased tasks with one retry that each hold their engine until released, strikes engine 0 once both engines
    /// hold one, releases them once the controller has removed engine 0, and checks that every task has its value from engine 1,
    /// that those engine 0 held ran twice, and that the history has their lost attempts. <paramref name="strike"/> returns
    /// what undoes it at the end.
    /// </summary>
    private static async Task StrikeWithRetriesAsync(RemoteClient client, Func<int, Action> strike)
    {
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        var lb = client.LoadBalancedView(new TaskOptions { Retries = 1 });
        var release = TempFile("release");
        await WarmUpAsync(client, () => lb.ApplyAsync(Work.Remote.HeldSquare(0, 1, TempFile("warm"), release)).Completion);
        var held = Enumerable.Range(0, 8).Select(i => TempFile($"held{i}")).ToArray();
        var undo = () => { };
        try
        {
            var leasedBefore = client.LeasedTasksSent;
            var results = held.Select((file, i) => lb.ApplyAsync(Work.Remote.HeldSquare(i, 0, file, release))).ToArray();
            await Events.UntilAsync(() => held.Count(File.Exists) >= 2 && client.LeasedTasksSent - leasedBefore >= 8, "a held task on each engine and eight leased tasks");

            undo = strike(pids[0]);
            await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([1]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
            File.WriteAllText(release, "go");

            // Those engine 0 held ran again on engine 1: every task has its value, none failed.
            Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i * i), await Task.WhenAll(results.Select(r => r.Task)).WaitAsync(Patience.Long));
            Assert.All(results, r => Assert.Equal(1, r.Metadata!.EngineId));
            Assert.Contains(results, r => r.Metadata!.LostEngines.SequenceEqual([0]) && r.Metadata.Attempts == 2);
            Assert.All(results, r => Assert.True(r.Metadata!.LostEngines is [] or [0], $"lost engines [{string.Join(", ", r.Metadata.LostEngines)}]"));

            // The lost attempts are in the history as lost on engine 0, beside their retries.
            var lost = await client.HistoryAsync(new TaskHistoryQuery { Statuses = [TaskHistoryStatus.Lost], Method = "Work.HeldSquare" });
            Assert.Equal(results.Count(r => r.Metadata!.Attempts == 2), lost.Count);
            Assert.All(lost, r => Assert.Equal(0, r.EngineId));
        }
        finally
        {
            undo();
            File.WriteAllText(release, "go");
            File.Delete(release);
            foreach (var file in held)
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task A_stopped_engine_declared_lost_gives_each_leased_task_exactly_one_outcome_and_its_late_answers_are_ignored()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:02:00";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var client = cluster.Client;
        client.LeaseIdleReturn = TimeSpan.FromSeconds(30);
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        var lb = client.LoadBalancedView();
        var release = TempFile("release");
        using var engine = Process.GetProcessById(pids[1]);
        await WarmUpAsync(client, () => lb.ApplyAsync(Work.Remote.HeldSquare(0, 1, TempFile("warm"), release)).Completion);
        try
        {
            var (results, _) = await StrikeAsync(client, lb, release, () => Signals.Send("STOP", engine.Id));
            var lost = AssertOneOutcomeEach(results, struck: 1);
            Assert.InRange(lost, 1, results.Length - 1);
            Assert.All(results.Where(r => r.IsFaulted), r => Assert.Contains("heartbeat", r.Exception!.InnerException!.Message));
        }
        finally
        {
            Signals.Send("CONT", engine.Id);
        }

        // The stopped engine comes back and answers what it held: those answers find nobody, and the failed tasks stay failed.
        await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([0, 1]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
        Assert.Equal(5L, await lb.ApplyAsync(Work.Remote.Add(2, 3)).Task.WaitAsync(Patience.Long));
        File.Delete(release);
    }

    /// <summary>
    /// Sends eight leased tasks that each hold their engine until <paramref name="release"/> exists, waits until both engines
    /// hold one, strikes, then releases them; returns the tasks, each ended, and the files of those that started.
    /// </summary>
    private static async Task<(Task<long>[] Results, string[] Held)> StrikeAsync(RemoteClient client, LoadBalancedView lb, string release, Action strike)
    {
        var leasedBefore = client.LeasedTasksSent;
        var held = Enumerable.Range(0, 8).Select(i => TempFile($"held{i}")).ToArray();
        var results = held.Select((file, i) => lb.ApplyAsync(Work.Remote.HeldSquare(i, 0, file, release)).Task).ToArray();

        // Both engines hold one, and all eight went on leases (some waited for the grant of the second).
        await Events.UntilAsync(() => held.Count(File.Exists) >= 2 && client.LeasedTasksSent - leasedBefore >= 8, "a held task on each engine and eight leased tasks");

        strike();
        using var ended = new CancellationTokenSource(Patience.Long);
        var started = held.Where(File.Exists).ToArray();
        try
        {
            // Tasks of the struck engine fail first; the others finish once released.
            while (!results.Any(r => r.IsFaulted) && results.Any(r => !r.IsCompleted))
            {
                await Task.WhenAny(results.Where(r => !r.IsCompleted)).WaitAsync(ended.Token);
            }
        }
        finally
        {
            File.WriteAllText(release, "go");
        }

        await Task.WhenAll(results.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Patience.Long);
        foreach (var file in held)
        {
            File.Delete(file);
        }

        return (results, started);
    }

    /// <summary>Each task either has its value from the engine that was not struck or failed once with the struck engine's loss; returns how many failed.</summary>
    private static int AssertOneOutcomeEach(Task<long>[] results, int struck)
    {
        var lost = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].IsFaulted)
            {
                var error = Assert.IsType<EngineLostException>(results[i].Exception!.InnerException);
                Assert.Equal(struck, error.EngineId);
                Assert.StartsWith($"Engine {struck} was lost before the task finished", error.Message);
                lost++;
            }
            else
            {
                Assert.Equal((long)i * i, results[i].Result);
            }
        }

        return lost;
    }

    /// <summary>Runs <paramref name="call"/> until a balanced task of it goes on a lease: code, method name, ids and the direct connection are ready.</summary>
    internal static async Task WarmUpAsync(RemoteClient client, Func<Task> call)
    {
        using var ready = new CancellationTokenSource(Patience.Long);
        foreach (var engine in client.Ids)
        {
            Assert.True(await client.Direct.WaitReadyAsync(engine, ready.Token), $"no direct connection to engine {engine}");
        }

        while (true)
        {
            var before = client.LeasedTasksSent;
            await call().WaitAsync(ready.Token);
            if (client.LeasedTasksSent > before)
            {
                return;
            }
        }
    }

    private static string TempFile(string what) => Path.Combine(Path.GetTempPath(), $"remotekit-{what}-{Guid.NewGuid():N}");
}
