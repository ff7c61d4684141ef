using System.Globalization;

namespace RemoteKit.Benchmarks;

/// <summary>
/// What watching costs (issues 12 and 24): the same figures on a watched cluster (the default: task history, metrics,
/// traces) and on one with <c>RemoteKit:Controller:Monitoring=false</c>, measured fairly. Each round starts a fresh pair
/// of clusters and warms both up, then measures them in turns, run by run (a run on one, then a run on the other, the
/// first of each pair alternating), so that the machine's drift, which moves a figure by a third within seconds here,
/// falls on both alike; fresh clusters each round average out whatever one cluster's start settles into. While one runs,
/// the other is idle: its processes sleep.
/// </summary>
internal static class MonitoringCost
{
    /// <summary>The figures of one cluster in one round, each the median of the round's runs.</summary>
    private sealed record Figures(double ApplyRttUs, double LbAsyncTasksPerS, double LbMapItemsPerS, double LbAsyncCpuUs);

    /// <summary>
    /// Runs <paramref name="rounds"/> rounds and adds the unwatched figures and the overhead of watching (per cent of the
    /// unwatched figure; positive when the watched cluster is slower) to <paramref name="results"/>: medians over rounds.
    /// </summary>
    public static async Task MeasureAsync(int engines, int rounds, int runs, Sizes sizes, bool quick, Dictionary<string, double> results, Action<string> progress)
    {
        var watched = new List<Figures>(rounds);
        var unwatched = new List<Figures>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            var (w, u) = await RoundAsync(engines, watchedFirst: round % 2 == 0, runs, sizes, quick);
            watched.Add(w);
            unwatched.Add(u);
            foreach (var (name, figures) in new[] { ("watched  ", w), ("unwatched", u) })
            {
                progress(string.Create(CultureInfo.InvariantCulture,
                    $"monitoring round {round + 1}/{rounds} {name}: apply {figures.ApplyRttUs:N1} µs, lb_async {figures.LbAsyncTasksPerS:N0}/s, lb_map {figures.LbMapItemsPerS:N0}/s, {figures.LbAsyncCpuUs:N2} µs CPU per task"));
            }
        }

        results["unwatched_apply_rtt_us"] = Summarize("unwatched_apply_rtt_us", unwatched.Select(f => f.ApplyRttUs), progress);
        var lbAsync = Summarize("watched lb_async_tasks_per_s", watched.Select(f => f.LbAsyncTasksPerS), progress);
        var lbMap = Summarize("watched lb_map_items_per_s", watched.Select(f => f.LbMapItemsPerS), progress);
        results["unwatched_lb_async_tasks_per_s"] = Summarize("unwatched_lb_async_tasks_per_s", unwatched.Select(f => f.LbAsyncTasksPerS), progress);
        results["unwatched_lb_map_items_per_s"] = Summarize("unwatched_lb_map_items_per_s", unwatched.Select(f => f.LbMapItemsPerS), progress);
        results["monitoring_overhead_lb_async_pct"] = Overhead(lbAsync, results["unwatched_lb_async_tasks_per_s"]);
        results["monitoring_overhead_lb_map_pct"] = Overhead(lbMap, results["unwatched_lb_map_items_per_s"]);

        // The same comparison in CPU, which other work on the machine hardly moves: every process's CPU per task of the
        // balanced bursts, and what the watched cluster spent more, in per cent of the unwatched cluster's.
        var cpu = Summarize("watched lb_async_cpu_us", watched.Select(f => f.LbAsyncCpuUs), progress);
        results["unwatched_lb_async_cpu_us"] = Summarize("unwatched_lb_async_cpu_us", unwatched.Select(f => f.LbAsyncCpuUs), progress);
        results["monitoring_overhead_lb_async_cpu_pct"] = (cpu - results["unwatched_lb_async_cpu_us"]) / results["unwatched_lb_async_cpu_us"] * 100;
        progress(string.Create(CultureInfo.InvariantCulture,
            $"monitoring overhead: lb_async {results["monitoring_overhead_lb_async_pct"]:N1} %, lb_map {results["monitoring_overhead_lb_map_pct"]:N1} % (medians of {rounds} rounds)"));
    }

    /// <summary>The names of the figures this comparison reports.</summary>
    public static readonly string[] Keys =
    [
        "unwatched_apply_rtt_us", "unwatched_lb_async_tasks_per_s", "unwatched_lb_map_items_per_s",
        "monitoring_overhead_lb_async_pct", "monitoring_overhead_lb_map_pct", "unwatched_lb_async_cpu_us", "monitoring_overhead_lb_async_cpu_pct",
    ];

    /// <summary>How much slower the watched figure is, in per cent of the unwatched one (negative when it is faster).</summary>
    private static double Overhead(double watched, double unwatched) => (unwatched - watched) / unwatched * 100;

    /// <summary>
    /// The fewest runs of a balanced burst, and of a balanced map, each side measures in a round. A burst of 20,000 tasks
    /// takes 30-50 ms here and a map of 20,000 items 2-3 ms, so five runs of a map were about 12 ms of a side, and one
    /// hiccup of the scheduler moved a round's figure by 10 %: with five runs, the overhead on maps read from -11 to +18 %
    /// from one program to the next in the same quarter hour (docs/benchmarks.md). These add about 1.5 s to a round.
    /// </summary>
    private const int LeastBurstRuns = 15;

    /// <inheritdoc cref="LeastBurstRuns"/>
    private const int LeastMapRuns = 45;

    /// <summary>One round: a watched and an unwatched cluster, both warmed up, then measured in turns, run by run.</summary>
    private static async Task<(Figures Watched, Figures Unwatched)> RoundAsync(int engines, bool watchedFirst, int runs, Sizes sizes, bool quick)
    {
        // Started in the order they are first measured in, which alternates with the rounds: the second cluster of a pair
        // starts on a machine where the first one's processes already hold memory and threads.
        await using var first = await ComparedCluster.StartAsync(engines, watching: watchedFirst);
        await using var second = await ComparedCluster.StartAsync(engines, watching: !watchedFirst);
        var (watched, unwatched) = watchedFirst ? (first, second) : (second, first);
        ComparedCluster[] order = watchedFirst ? [watched, unwatched] : [unwatched, watched];
        foreach (var side in order)
        {
            await side.WarmUpAsync(sizes, quick);
        }

        // Each figure's runs in turns; which side goes first alternates from one pair of runs to the next.
        async Task InTurnsAsync(int count, Func<ComparedCluster, Task> run)
        {
            for (var i = 0; i < count; i++)
            {
                foreach (var side in i % 2 == 0 ? order : order.Reverse())
                {
                    Stats.SettleHeap();
                    await run(side);
                }
            }
        }

        await InTurnsAsync(runs, async side => side.Rtt.Add((await Workloads.Sequential(side.E0, sizes.Sequential)) * 1e6 / sizes.Sequential));
        await InTurnsAsync(quick ? runs : Math.Max(runs, LeastBurstRuns), side => side.MeasureBurstAsync(sizes));
        await InTurnsAsync(quick ? runs : Math.Max(runs, LeastMapRuns), side =>
        {
            side.LbMap.Add(sizes.BalancedMapItems / Workloads.BalancedMap(side.Lb, sizes.BalancedMapItems));
            return Task.CompletedTask;
        });
        return (Of(watched, sizes), Of(unwatched, sizes));
    }

    private static Figures Of(ComparedCluster side, Sizes sizes) =>
        new(Stats.Median(side.Rtt), Stats.Median(side.LbAsync), Stats.Median(side.LbMap), side.CpuPerBurstTaskUs(sizes));

    internal static double Summarize(string name, IEnumerable<double> perRound, Action<string> progress)
    {
        var values = perRound.ToList();
        var median = Stats.Median(values);
        progress(string.Create(CultureInfo.InvariantCulture,
            $"{name,-32} {median,14:N1}   rounds: {string.Join(", ", values.Select(s => s.ToString("N1", CultureInfo.InvariantCulture)))}"));
        return median;
    }
}
