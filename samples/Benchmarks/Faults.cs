using System.Diagnostics;
using System.Globalization;

namespace RemoteKit.Benchmarks;

/// <summary>What failures cost: the figures of issue 9, on a cluster of their own (4 engines, default heartbeats).</summary>
internal static class Faults
{
    /// <summary>
    /// <c>engine_loss_recovery_s</c>: a retried load-balanced map of <paramref name="items"/> no-ops, once undisturbed and once
    /// with one of the 4 engines SIGKILLed when a quarter of the results are in; the figure is the time from the kill to
    /// the end, minus the time from the same point to the end of the undisturbed map.
    /// </summary>
    public static async Task<double> EngineLossRecoveryAsync(Cluster cluster, int items)
    {
        var client = cluster.Client;
        var view = client.LoadBalancedView(new TaskOptions { Retries = 2 });
        await MapAsync(view, items / 10, atQuarter: null);
        var calm = await MapAsync(view, items, atQuarter: null);
        var pid = await client[client.Ids[1]].ApplyAsync(Bench.ProcessId);
        var replaced = NextReplacement(cluster);
        var struck = await MapAsync(view, items, atQuarter: () =>
        {
            using var engine = Process.GetProcessById(pid);
            engine.Kill();
        });
        await BackToFullSizeAsync(cluster, replaced);
        return struck.AfterQuarter - calm.AfterQuarter;
    }

    /// <summary>
    /// <c>hung_engine_detect_s</c>: from SIGSTOP of an engine running a task until that task fails with
    /// <see cref="EngineLostException"/>.
    /// </summary>
    public static async Task<double> HungEngineDetectAsync(Cluster cluster)
    {
        var client = cluster.Client;
        var engine = client.Ids[^1];
        var pid = await client[engine].ApplyAsync(Bench.ProcessId);
        var running = client[engine].ApplyAsync(Bench.Sleep, 600_000);
        var replaced = NextReplacement(cluster);
        Signal("STOP", pid);
        var clock = Stopwatch.StartNew();
        try
        {
            await running.Task;
            throw new InvalidOperationException("the stopped engine's task finished");
        }
        catch (EngineLostException)
        {
            var detected = clock.Elapsed.TotalSeconds;

            // On this host the controller ends the stopped process, and the cluster replaces it.
            await BackToFullSizeAsync(cluster, replaced);
            return detected;
        }
        finally
        {
            if (Directory.Exists($"/proc/{pid}"))
            {
                Signal("CONT", pid);
            }
        }
    }

    /// <summary>Completes when the cluster has decided to replace the next engine that dies.</summary>
    private static Task NextReplacement(Cluster cluster)
    {
        var replaced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnExit(object? sender, EngineExitedEventArgs e)
        {
            if (e.WillRestart)
            {
                cluster.EngineExited -= OnExit;
                replaced.TrySetResult();
            }
        }

        cluster.EngineExited += OnExit;
        return replaced.Task;
    }

    private static async Task BackToFullSizeAsync(Cluster cluster, Task replaced)
    {
        await replaced.WaitAsync(TimeSpan.FromMinutes(2));
        await cluster.Client.WaitForEnginesAsync(4, TimeSpan.FromMinutes(2));
    }

    private static async Task<(double Total, double AfterQuarter)> MapAsync(LoadBalancedView view, int items, Action? atQuarter)
    {
        var clock = Stopwatch.StartNew();
        var quarter = 0.0;
        var seen = 0;
        long sum = 0;
        await foreach (var value in view.MapAsync(Bench.Noop, Enumerable.Range(0, items), ordered: false))
        {
            sum += value;
            if (++seen == items / 4)
            {
                quarter = clock.Elapsed.TotalSeconds;
                atQuarter?.Invoke();
            }
        }

        var total = clock.Elapsed.TotalSeconds;
        if (seen != items || sum != (long)items * (items - 1) / 2)
        {
            throw new InvalidOperationException($"the map returned {seen} results (sum {sum}) for {items} items");
        }

        return (total, total - quarter);
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
