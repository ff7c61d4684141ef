using System.Globalization;

namespace RemoteKit.Benchmarks;

/// <summary>
/// What watching costs (issues 12 and 24): the same figures on a watched cluster (the default: task history, metrics,
/// traces) and on one with <c>RemoteKit:Controller:Monitoring=false</c>, measured fairly. Rounds alternate the two with
/// one cluster alive at a time (each started, warmed up, measured and disposed before the other starts), and which goes
/// first alternates too, so neither the order nor an idle cluster beside it, nor slow drift of the machine, favours one.
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
            var watchedFirst = round % 2 == 0;
            foreach (var watching in watchedFirst ? new[] { true, false } : [false, true])
            {
                var figures = await RoundAsync(engines, watching, runs, sizes, quick);
                (watching ? watched : unwatched).Add(figures);
                progress(string.Create(CultureInfo.InvariantCulture,
                    $"monitoring round {round + 1}/{rounds} {(watching ? "watched  " : "unwatched")}: apply {figures.ApplyRttUs:N1} µs, lb_async {figures.LbAsyncTasksPerS:N0}/s, lb_map {figures.LbMapItemsPerS:N0}/s"));
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

    private static async Task<Figures> RoundAsync(int engines, bool watching, int runs, Sizes sizes, bool quick)
    {
        var clusterOptions = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) };
        if (!watching)
        {
            clusterOptions.Settings["RemoteKit:Controller:Monitoring"] = "false";
        }

        await using var cluster = await Cluster.StartAsync(engines, clusterOptions);
        var e0 = cluster.Client[0];
        var lb = cluster.Client.LoadBalancedView();
        lb.Apply(Bench.Noop, 1);
        await Workloads.Sequential(e0, quick ? 200 : 4000);
        await Workloads.Sequential(lb, quick ? 200 : 2000);
        // Long enough for each process's tiered JIT to finish optimizing the task path: a watched controller has more of it
        // (monitor, history), and with a second's warm-up its first runs measured 20-40 % below its steady rate.
        for (var i = 0; i < (quick ? 2 : 25); i++)
        {
            await Workloads.Burst(lb, sizes.AsyncTasks);
            Workloads.BalancedMap(lb, sizes.BalancedMapItems);
        }

        var rtt = Stats.Median(await Stats.RunsAsync(runs, async () => (await Workloads.Sequential(e0, sizes.Sequential)) * 1e6 / sizes.Sequential));
        double Cpu() => Workloads.CpuMilliseconds(Environment.ProcessId) + cluster.ProcessIds.Sum(Workloads.CpuMilliseconds);
        var cpuBefore = Cpu();
        var lbAsync = Stats.Median(await Stats.RunsAsync(runs, async () => sizes.AsyncTasks / await Workloads.Burst(lb, sizes.AsyncTasks)));
        var cpuUs = (Cpu() - cpuBefore) * 1e3 / ((double)runs * sizes.AsyncTasks);
        var lbMap = Stats.Median(await Stats.RunsAsync(runs, () => Task.FromResult(sizes.BalancedMapItems / Workloads.BalancedMap(lb, sizes.BalancedMapItems))));
        return new Figures(rtt, lbAsync, lbMap, cpuUs);
    }

    private static double Summarize(string name, IEnumerable<double> perRound, Action<string> progress)
    {
        var values = perRound.ToList();
        var median = Stats.Median(values);
        progress(string.Create(CultureInfo.InvariantCulture,
            $"{name,-32} {median,14:N1}   rounds: {string.Join(", ", values.Select(s => s.ToString("N1", CultureInfo.InvariantCulture)))}"));
        return median;
    }
}
