using System.Text.Json;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>The benchmark program (samples/Benchmarks) runs end to end and reports every figure; speed is never asserted.</summary>
public sealed class BenchmarkProgramTests
{
    private static readonly string[] Figures =
    [
        "startup_s",
        "apply_rtt_us",
        "lb_apply_rtt_us",
        "lb_async_tasks_per_s",
        "lb_async_client_cpu_us",
        "lb_async_controller_cpu_us",
        "lb_async_engines_cpu_us",
        "direct_async_tasks_per_s",
        "direct_map_items_per_s",
        "lb_map_items_per_s",
        "push_pull_mib_per_s",
        "scatter_gather_mib_per_s",
        "stream_items_per_s",
        "output_latency_ms",
        "chain_mib_per_s",
        "chain_through_client_mib_per_s",
        "dependent_tasks_per_s",
        "engine_rss_mib",
        "machine_memory_walk_ns",
        "bound_rtt_us",
        "bound_copy_fresh_mib_per_s",
        "bound_copy_touched_mib_per_s",
        "bound_copy_hugepage_mib_per_s",
        "bound_stream_mib_per_s",
        "bound_relay_mib_per_s",
        "bound_relay_cut_through_mib_per_s",
        "execute_first_ms",
        "execute_first_engine_cpu_ms",
        "execute_first_second_cluster_ms",
        "bound_execute_first_ms",
        "execute_ms",
        "apply_rtt_tls_us",
        "push_pull_tls_mib_per_s",
        "pull_into_mib_per_s",
        "unwatched_apply_rtt_us",
        "unwatched_lb_async_tasks_per_s",
        "unwatched_lb_map_items_per_s",
        "monitoring_overhead_lb_async_pct",
        "monitoring_overhead_lb_map_pct",
        "unwatched_lb_async_cpu_us",
        "monitoring_overhead_lb_async_cpu_pct",
        "startup_16_s",
        "fanout_apply_ms_64",
        "lb_async_tasks_per_s_64",
        "controller_kib_per_engine",
        "engine_loss_recovery_s",
        "hung_engine_detect_s",
    ];

    /// <summary>Differences of two timings: noise can make them negative when what they measure costs nothing measurable.</summary>
    private static readonly string[] Differences =
        ["engine_loss_recovery_s", "monitoring_overhead_lb_async_pct", "monitoring_overhead_lb_map_pct", "monitoring_overhead_lb_async_cpu_pct"];

    /// <summary>CPU per task read from the process clock (10 ms steps), which a quick run's few tasks may not move for a process.</summary>
    private static bool MayBeZero(string figure) => figure.EndsWith("_cpu_us", StringComparison.Ordinal);

    [Fact]
    public async Task The_warming_comparison_runs_only_when_named_and_reports_both_clusters()
    {
        string[] figures = ["warming_kept_lb_async_tasks_per_s", "warming_fresh_lb_async_tasks_per_s", "warming_gain_pct"];
        var stdout = await ProgramRunner.RunAsync("RemoteKit.Benchmarks.dll", ["--quick", "--json", "--only", string.Join(',', figures)], TimeSpan.FromMinutes(12));

        using var json = JsonDocument.Parse(stdout);
        var properties = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.True(properties["warming_kept_lb_async_tasks_per_s"] > 0, stdout);
        Assert.True(properties["warming_fresh_lb_async_tasks_per_s"] > 0, stdout);
        Assert.True(double.IsFinite(properties["warming_gain_pct"]), stdout);
    }

    [Fact]
    public async Task A_quick_json_run_reports_exactly_its_figures_all_positive_but_the_differences()
    {
        var stdout = await ProgramRunner.RunAsync("RemoteKit.Benchmarks.dll", ["--quick", "--json"], TimeSpan.FromMinutes(12));

        using var json = JsonDocument.Parse(stdout);
        var properties = json.RootElement.EnumerateObject().ToArray();
        Assert.Equal(Figures.Order(StringComparer.Ordinal), properties.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(properties, p =>
        {
            Assert.Equal(JsonValueKind.Number, p.Value.ValueKind);
            var value = p.Value.GetDouble();
            Assert.True(Differences.Contains(p.Name) ? double.IsFinite(value) : MayBeZero(p.Name) ? value >= 0 : value > 0, $"{p.Name} is {value}");
        });
    }
}
