using System.Globalization;

namespace RemoteKit.Benchmarks;

/// <summary>The human-readable table, with the targets of the design brief and the issues beside each figure.</summary>
internal static class Report
{
    private static readonly (string Key, string Label, string Unit, double? Target, bool AtMost)[] Rows =
    [
        ("startup_s", "cluster start until usable", "s", 0.5, true),
        ("apply_rtt_us", "apply round trip, one engine", "µs", 150, true),
        ("lb_apply_rtt_us", "apply round trip, load-balanced", "µs", null, true),
        ("lb_async_tasks_per_s", "load-balanced async no-op tasks", "tasks/s", 200_000, false),
        ("direct_async_tasks_per_s", "one engine async no-op tasks", "tasks/s", null, false),
        ("direct_map_items_per_s", "direct map, 100k items", "items/s", 10_000_000, false),
        ("lb_map_items_per_s", "load-balanced map, 20k items, chunk 100", "items/s", 2_000_000, false),
        ("push_pull_mib_per_s", "push then pull 100 MiB, one engine", "MiB/s", 1_000, false),
        ("pull_into_mib_per_s", "push then PullInto a reused buffer, 100 MiB", "MiB/s", 2_000, false),
        ("scatter_gather_mib_per_s", "scatter + gather 100 MiB", "MiB/s", 1_000, false),
        ("stream_items_per_s", "stream of ints from one engine (await foreach)", "items/s", 10_000_000, false),
        ("output_latency_ms", "a line printed until the caller sees it", "ms", 20, true),
        ("chain_mib_per_s", "100 MiB through 3 dependent tasks, kept on engines", "MiB/s", null, false),
        ("chain_through_client_mib_per_s", "the same 3 tasks, pulled and pushed by the client", "MiB/s", null, false),
        ("dependent_tasks_per_s", "20k tasks, each after the one before", "tasks/s", 50_000, false),
        ("engine_rss_mib", "an engine's resident memory, 1,000 tasks and one execute", "MiB", 80, true),
        ("machine_memory_walk_ns", "machine: a dependent load over 8 MiB (shared cache)", "ns", null, true),
        ("bound_rtt_us", "bound: one hop's round trip, .NET async sockets", "µs", null, true),
        ("bound_copy_fresh_mib_per_s", "bound: fill 100 MiB of new memory", "MiB/s", null, false),
        ("bound_copy_touched_mib_per_s", "bound: fill 100 MiB of touched memory", "MiB/s", null, false),
        ("bound_copy_hugepage_mib_per_s", "bound: fill new memory, MADV_HUGEPAGE", "MiB/s", null, false),
        ("bound_stream_mib_per_s", "bound: one loopback TCP stream", "MiB/s", null, false),
        ("bound_relay_mib_per_s", "bound: two hops, store and forward", "MiB/s", null, false),
        ("bound_relay_cut_through_mib_per_s", "bound: two hops, cut-through", "MiB/s", null, false),
        ("apply_rtt_tls_us", "apply round trip, one engine, TLS", "µs", null, true),
        ("push_pull_tls_mib_per_s", "push then pull 100 MiB, TLS", "MiB/s", null, false),
        ("execute_first_ms", "first execute of a small script", "ms", 300, true),
        ("execute_first_second_cluster_ms", "first execute, second cluster (warm script server)", "ms", 200, true),
        ("execute_first_engine_cpu_ms", "engine CPU from start to first execute", "ms", null, true),
        ("bound_execute_first_ms", "bound: cold first script, one per engine", "ms", null, true),
        ("execute_ms", "execute of a small script, again", "ms", 20, true),
        ("unwatched_apply_rtt_us", "apply round trip, monitoring off", "µs", null, true),
        ("unwatched_lb_async_tasks_per_s", "load-balanced async tasks, monitoring off", "tasks/s", null, false),
        ("unwatched_lb_map_items_per_s", "load-balanced map, monitoring off", "items/s", null, false),
        ("monitoring_overhead_lb_async_pct", "watching's cost: load-balanced async tasks", "%", 5, true),
        ("monitoring_overhead_lb_map_pct", "watching's cost: load-balanced map", "%", 5, true),
        ("startup_16_s", "cluster start until usable, 16 engines", "s", null, true),
        ("fanout_apply_ms_64", "apply 1 kB to all of 64 engines, and back", "ms", null, true),
        ("fanout_apply_ms_256", "apply 1 kB to all of 256 engines, and back", "ms", null, true),
        ("fanout_apply_ms_1000", "apply 1 kB to all of 1,000 engines, and back", "ms", null, true),
        ("lb_async_tasks_per_s_64", "load-balanced async no-op tasks, 64 engines", "tasks/s", null, false),
        ("controller_kib_per_engine", "controller memory per engine (largest cluster)", "KiB", null, true),
        ("engine_loss_recovery_s", "100k retried map: cost of one SIGKILL", "s", null, true),
        ("hung_engine_detect_s", "SIGSTOP until the task fails", "s", 5, true),
    ];

    public static void PrintTable(IReadOnlyDictionary<string, double> results, int engines, int runs, bool quick)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RemoteKit benchmarks: {engines} engines, median of {runs} run(s){(quick ? ", quick sizes" : string.Empty)}"));
        Console.WriteLine();
        Console.WriteLine($"| {"figure",-42} | {"value",14} | {"unit",-8} | {"target",-14} |");
        Console.WriteLine($"|{new string('-', 44)}|{new string('-', 16)}|{new string('-', 10)}|{new string('-', 16)}|");
        foreach (var (key, label, unit, target, atMost) in Rows)
        {
            if (!results.TryGetValue(key, out var value))
            {
                continue;
            }

            var goal = "—";
            if (target is { } t)
            {
                var met = atMost ? value <= t : value >= t;
                goal = string.Create(CultureInfo.InvariantCulture, $"{(atMost ? "≤" : "≥")} {t:#,0.##} {(met ? "met" : "not met")}");
            }

            var format = Math.Abs(value) < 10 ? "N3" : value < 1000 ? "N1" : "N0";
            Console.WriteLine($"| {label,-42} | {value.ToString(format, CultureInfo.InvariantCulture),14} | {unit,-8} | {goal,-14} |");
        }
    }
}
