using System.Diagnostics;
using System.Globalization;

namespace RemoteKit.Benchmarks;

/// <summary>
/// Whether a cluster keeps getting faster for minutes beyond its warm-up (issue 24): one cluster kept for the whole
/// comparison, busy with balanced bursts between rounds, against a fresh cluster each round, warmed up as the main
/// figures' cluster is. In each round the two run bursts in turns, burst by burst (which goes first alternating), so the
/// machine's drift falls on both alike. Reports the kept cluster's and the fresh ones' medians over rounds, and the kept
/// cluster's gain in per cent of the fresh ones' rate (positive when the kept one is faster).
/// </summary>
internal static class ClusterWarming
{
    /// <summary>How long the kept cluster runs bursts between two rounds.</summary>
    private static readonly TimeSpan BusyBetweenRounds = TimeSpan.FromSeconds(20);

    /// <summary>The names of the figures this comparison reports.</summary>
    public static readonly string[] Keys =
    [
        "warming_kept_lb_async_tasks_per_s", "warming_fresh_lb_async_tasks_per_s", "warming_gain_pct",
        "warming_kept_lb_async_cpu_us", "warming_fresh_lb_async_cpu_us",
    ];

    public static async Task MeasureAsync(int engines, int rounds, int runs, Sizes sizes, bool quick, Dictionary<string, double> results, Action<string> progress)
    {
        await using var kept = await ComparedCluster.StartAsync(engines, watching: true);
        await kept.WarmUpAsync(sizes, quick);
        var age = Stopwatch.StartNew();
        var keptRates = new List<double>(rounds);
        var freshRates = new List<double>(rounds);
        var keptCpu = new List<double>(rounds);
        var freshCpu = new List<double>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            var busy = Stopwatch.StartNew();
            var tasks = 0L;
            while (busy.Elapsed < (quick ? TimeSpan.FromSeconds(1) : BusyBetweenRounds))
            {
                await Workloads.Burst(kept.Lb, sizes.AsyncTasks);
                tasks += sizes.AsyncTasks;
            }

            await using var fresh = await ComparedCluster.StartAsync(engines, watching: true);
            await fresh.WarmUpAsync(sizes, quick);
            kept.ClearRuns();
            for (var i = 0; i < runs; i++)
            {
                foreach (var side in (i + round) % 2 == 0 ? new[] { kept, fresh } : [fresh, kept])
                {
                    Stats.SettleHeap();
                    await side.MeasureBurstAsync(sizes);
                }
            }

            keptRates.Add(Stats.Median(kept.LbAsync));
            freshRates.Add(Stats.Median(fresh.LbAsync));
            keptCpu.Add(kept.CpuPerBurstTaskUs(sizes));
            freshCpu.Add(fresh.CpuPerBurstTaskUs(sizes));
            progress(string.Create(CultureInfo.InvariantCulture,
                $"warming round {round + 1}/{rounds}: kept cluster {age.Elapsed.TotalSeconds:N0} s old ({tasks:N0} tasks since the last round) {keptRates[^1]:N0}/s at {keptCpu[^1]:N2} µs CPU per task; fresh {freshRates[^1]:N0}/s at {freshCpu[^1]:N2} µs"));
        }

        results["warming_kept_lb_async_tasks_per_s"] = MonitoringCost.Summarize("warming_kept_lb_async_tasks_per_s", keptRates, progress);
        results["warming_fresh_lb_async_tasks_per_s"] = MonitoringCost.Summarize("warming_fresh_lb_async_tasks_per_s", freshRates, progress);
        results["warming_gain_pct"] = Stats.Median(keptRates.Zip(freshRates, (k, f) => (k - f) / f * 100).ToList());
        results["warming_kept_lb_async_cpu_us"] = MonitoringCost.Summarize("warming_kept_lb_async_cpu_us", keptCpu, progress);
        results["warming_fresh_lb_async_cpu_us"] = MonitoringCost.Summarize("warming_fresh_lb_async_cpu_us", freshCpu, progress);
    }
}
