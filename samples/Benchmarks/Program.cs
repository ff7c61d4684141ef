using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RemoteKit;
using RemoteKit.Benchmarks;

// RemoteKit's side of ipyparallel's benchmark, ipp_bench.py: the same workloads on an embedded cluster, each figure the
// median of several runs after a warm-up. `--json` prints one JSON object (numbers only) instead of the table.
if (args is [RoundTripBound.ChildArgument])
{
    return await RoundTripBound.EchoAsync(); // the child process of bound_rtt_us
}

var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: RemoteKit.Benchmarks [--engines N] [--runs R] [--rounds R] [--quick] [--json] [--trace] [--no-leases] [--only figure,figure...]");
    return 2;
}

var sizes = options.Quick ? Sizes.Quick : Sizes.Full;
var runs = options.Runs ?? (options.Quick ? 1 : 5);
var results = new Dictionary<string, double>(StringComparer.Ordinal);
void Progress(string message) => Console.Error.WriteLine(message);

// Startup: every run starts a cluster until its engines are registered; the last one is kept for the other figures.
// With --trace every process prints when it reached each startup phase (RemoteKit:Diagnostics:StartupTrace).
// Each run's cluster also runs ipp_bench's execute once, the first script on fresh engines (ipp: dv.execute("b = i**5")),
// so execute_first_ms is a median too; its CPU figure is what each engine process spent from its start until then
// (runtime, host, registration, the compiler's warm-up and the script), which other work on the machine changes far less.
ClusterOptions StartOptions(TimeSpan timeout) => options.Trace ? StartupTraces.Options(Progress, timeout) : new ClusterOptions { StartTimeout = timeout };
// The machine's state beside the figures (MachineState): read before the cluster starts, around lb_async_tasks_per_s, and
// after the shared figures; the figure is the median of the readings, each of which is printed.
var memoryWalks = new List<double>();
void ReadMachine(string when)
{
    if (Wanted("machine_memory_walk_ns"))
    {
        memoryWalks.Add(MachineState.MemoryWalkNanoseconds());
        Progress(string.Create(CultureInfo.InvariantCulture, $"{"machine_memory_walk_ns",-26} {memoryWalks[^1],14:N1}   ({when})"));
    }
}

ReadMachine("before the cluster");
var startups = new List<double>();
var firstExecutes = new List<double>();
var firstExecuteCpu = new List<double>();
Cluster? cluster = null;
var measureStartup = options.Only?.Contains("startup_s") ?? true;
var measureFirstExecute = Wanted("execute_first_ms");
for (var run = 0; run < (measureStartup || measureFirstExecute ? runs : 1); run++)
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }

    if (measureFirstExecute)
    {
        await ScriptServerFigures.StopServerAsync(); // execute_first_ms: each cluster the first on a machine with no script server
    }

    var clock = Stopwatch.StartNew();
    cluster = await Cluster.StartAsync(options.Engines, StartOptions(TimeSpan.FromMinutes(2)));
    startups.Add(clock.Elapsed.TotalSeconds);
    if (options.Trace)
    {
        Progress(StartupTraces.Usable(options.Engines, clock.Elapsed));
    }

    if (measureFirstExecute)
    {
        var fresh = cluster.Client[..];
        fresh["i"] = 5;
        firstExecutes.Add(Workloads.Execute(fresh) * 1e3);
        firstExecuteCpu.Add(cluster.ProcessIds.Skip(1).Average(Workloads.CpuMilliseconds));
    }
}

if (measureFirstExecute)
{
    Progress(string.Create(CultureInfo.InvariantCulture, $"{"execute_first_ms",-26} {Median(firstExecutes),14:N1}   runs: {string.Join(", ", firstExecutes.Select(s => s.ToString("N1", CultureInfo.InvariantCulture)))}"));
}

var hostPath = cluster!.HostPath;
await using (cluster)
{
    var c = cluster!.Client;
    if (!options.Leases)
    {
        c.LeaseIdleReturn = TimeSpan.Zero;
    }
    var e0 = c[0];
    var all = c[..];
    var lb = c.LoadBalancedView();
    Progress($"cluster of {c.Ids.Count} engines up; warming up");
    results["startup_s"] = measureStartup ? Median(startups) : double.NaN;

    results["execute_first_ms"] = measureFirstExecute ? Median(firstExecutes) : double.NaN;
    results["execute_first_engine_cpu_ms"] = measureFirstExecute ? Median(firstExecuteCpu) : double.NaN;
    all["i"] = 5;

    // Warm-up: ship the code and let the JIT tier up every path measured below.
    async Task WarmBurstsAndMapsAsync()
    {
        await Workloads.Burst(lb, sizes.AsyncTasks);
        await Workloads.Burst(e0, sizes.AsyncTasks);
        Workloads.DirectMap(all, sizes.DirectMapItems);
        Workloads.BalancedMap(lb, sizes.BalancedMapItems);
    }

    async Task WarmRoundTripsAsync(int calls)
    {
        await Workloads.Sequential(e0, options.Quick ? 200 : calls);
        await Workloads.Sequential(lb, options.Quick ? 200 : calls);
    }

    all.Apply(Bench.Noop, 1);
    lb.Apply(Bench.Noop, 1);
    await WarmBurstsAndMapsAsync();
    // 8 MiB: large enough that the client opens its direct connections to the engines before the bulk figures.
    Workloads.PushPull(e0, new double[1 << 20]);
    Workloads.ScatterGather(all, new double[1 << 20]);
    await Workloads.Stream(e0, Sizes.Quick.StreamItems);
    await Workloads.OutputLatency(e0, 2);

    // Round trips last, the figures measured first, for long enough (about a second) that every process's tiered JIT has
    // promoted their path: the JIT starts counting calls only once 100 ms pass without new code to compile, so after the
    // warm-up's bursts, maps, bulk data and streams the first runs measured still ran partly unoptimized code beside the
    // compiler (apply_rtt_us read 120-310 µs in its first 3-4 runs and about 50 after, while lb_apply_rtt_us, measured
    // second, read about 50 from its first run). With 200 calls, the first figure absorbed the promotion whole.
    await WarmRoundTripsAsync(4000);

    // Then bursts and maps once more, and the round trips again. The first pass ran before the JIT counted calls at all (it
    // starts 100 ms after the last new code, and the warm-up made new code throughout), so the paths only bursts and maps
    // take were promoted during their own figures: lb_async_tasks_per_s read 375k with one pass and 458k with two in 10
    // alternating rounds, and the client's CPU per task fell from 1.80 to 1.65 µs (docs/benchmarks.md).
    await WarmBurstsAndMapsAsync();
    await WarmRoundTripsAsync(2000);

    var payload = new double[sizes.PayloadBytes / sizeof(double)];
    Random.Shared.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(payload.AsSpan()));
    var payloadMiB = 2.0 * sizes.PayloadBytes / (1024 * 1024);

    results["apply_rtt_us"] = await MedianAsync("apply_rtt_us", async () => (await Workloads.Sequential(e0, sizes.Sequential)) * 1e6 / sizes.Sequential);
    results["lb_apply_rtt_us"] = await MedianAsync("lb_apply_rtt_us", async () => (await Workloads.Sequential(lb, sizes.Sequential)) * 1e6 / sizes.Sequential);
    ReadMachine("before lb_async_tasks_per_s");
    results["lb_async_tasks_per_s"] = await WithCpuAsync("lb_async", sizes.AsyncTasks, () => MedianAsync("lb_async_tasks_per_s", async () => sizes.AsyncTasks / await Workloads.Burst(lb, sizes.AsyncTasks)));
    ReadMachine("after lb_async_tasks_per_s");
    results["direct_async_tasks_per_s"] = await MedianAsync("direct_async_tasks_per_s", async () => sizes.AsyncTasks / await Workloads.Burst(e0, sizes.AsyncTasks));
    results["direct_map_items_per_s"] = await MedianAsync("direct_map_items_per_s", () => Task.FromResult(sizes.DirectMapItems / Workloads.DirectMap(all, sizes.DirectMapItems)));
    results["lb_map_items_per_s"] = await MedianAsync("lb_map_items_per_s", () => Task.FromResult(sizes.BalancedMapItems / Workloads.BalancedMap(lb, sizes.BalancedMapItems)));
    // Two unmeasured passes of the bulk figures at the measured size first. The warm-up moves 8 MiB, and without these
    // the first two 100 MiB runs of each figure read 280-1,460 MiB/s where the rest read 2,000-3,250: with five runs,
    // two or three slow ones set the median (docs/benchmarks.md).
    if (Wanted("push_pull_mib_per_s") || Wanted("pull_into_mib_per_s") || Wanted("scatter_gather_mib_per_s"))
    {
        for (var pass = 0; pass < 2; pass++)
        {
            Workloads.PushPull(e0, payload);
            Workloads.ScatterGather(all, payload);
        }
    }

    results["push_pull_mib_per_s"] = await MedianAsync("push_pull_mib_per_s", () => Task.FromResult(payloadMiB / Workloads.PushPull(e0, payload)));
    var into = new double[payload.Length];
    Workloads.PushPullInto(e0, payload, into);
    results["pull_into_mib_per_s"] = await MedianAsync("pull_into_mib_per_s", () => Task.FromResult(payloadMiB / Workloads.PushPullInto(e0, payload, into)));
    results["execute_ms"] = await MedianAsync("execute_ms", () => Task.FromResult(Workloads.Execute(all) * 1e3));
    results["scatter_gather_mib_per_s"] = await MedianAsync("scatter_gather_mib_per_s", () => Task.FromResult(payloadMiB / Workloads.ScatterGather(all, payload)));
    ReadMachine("after the shared figures");
    results["stream_items_per_s"] = await MedianAsync("stream_items_per_s", async () => sizes.StreamItems / await Workloads.Stream(e0, sizes.StreamItems));
    results["output_latency_ms"] = await MedianAsync("output_latency_ms", () => Workloads.OutputLatency(e0, sizes.OutputLines));

    // Dataflow (issue 23): a value kept on engines through three steps, beside the same steps through the client.
    if (Wanted("chain_mib_per_s") || Wanted("chain_through_client_mib_per_s"))
    {
        await DataflowWorkloads.KeptChainAsync(c);
        await DataflowWorkloads.ThroughClientAsync(c);
    }

    results["chain_mib_per_s"] = await MedianAsync("chain_mib_per_s", () => DataflowWorkloads.KeptChainAsync(c));
    results["chain_through_client_mib_per_s"] = await MedianAsync("chain_through_client_mib_per_s", () => DataflowWorkloads.ThroughClientAsync(c));
    results["dependent_tasks_per_s"] = await MedianAsync("dependent_tasks_per_s", () => DataflowWorkloads.DependentAsync(lb, sizes.DependentTasks));
}

// Lean engines and the script server (issue 24): a second cluster's first execute, and an engine's memory.
await ScriptServerFigures.MeasureAsync(options.Engines, results, MedianAsync);

// What bounds apply_rtt_us here (issue 24), without RemoteKit: one hop's round trip between two .NET processes awaiting
// asynchronous socket calls, as the client and an engine do, after 4,000 round trips of warm-up.
if (Wanted("bound_rtt_us"))
{
    await using var echo = await RoundTripBound.StartAsync();
    await echo.MeasureAsync(options.Quick ? 200 : 4000);
    results["bound_rtt_us"] = await MedianAsync("bound_rtt_us", () => echo.MeasureAsync(sizes.Sequential));
}

// What bounds the bulk figures here (issue 13), without RemoteKit: filling fresh, touched and huge-page memory, one loopback
// stream, and two hops through a relay that stores the payload first (as the controller does) or passes it on as it arrives.
if (new[] { "bound_copy_fresh_mib_per_s", "bound_copy_touched_mib_per_s", "bound_copy_hugepage_mib_per_s", "bound_stream_mib_per_s",
        "bound_relay_mib_per_s", "bound_relay_cut_through_mib_per_s" }.Any(Wanted))
{
    var payload = new byte[sizes.PayloadBytes];
    Random.Shared.NextBytes(payload);
    byte[] into = new byte[payload.Length], relay = new byte[payload.Length];
    Array.Fill(into, (byte)1);
    Array.Fill(relay, (byte)1);
    Bounds.Stream(payload, into);
    results["bound_copy_fresh_mib_per_s"] = await MedianAsync("bound_copy_fresh_mib_per_s", () => Task.FromResult(Bounds.CopyFresh(payload)));
    results["bound_copy_touched_mib_per_s"] = await MedianAsync("bound_copy_touched_mib_per_s", () => Task.FromResult(Bounds.CopyTouched(payload, into)));
    results["bound_copy_hugepage_mib_per_s"] = await MedianAsync("bound_copy_hugepage_mib_per_s", () => Task.FromResult(Bounds.CopyHugePages(payload)));
    results["bound_stream_mib_per_s"] = await MedianAsync("bound_stream_mib_per_s", () => Task.FromResult(Bounds.Stream(payload, into)));
    results["bound_relay_mib_per_s"] = await MedianAsync("bound_relay_mib_per_s", () => Task.FromResult(Bounds.Relay(payload, relay, into, cutThrough: false)));
    results["bound_relay_cut_through_mib_per_s"] =
        await MedianAsync("bound_relay_cut_through_mib_per_s", () => Task.FromResult(Bounds.Relay(payload, relay, into, cutThrough: true)));
}

// What bounds execute_first_ms with the clusters' host: each engine's cold compiler, measured in fresh processes that do
// nothing else (issue 13).
if (Wanted("bound_execute_first_ms"))
{
    results["bound_execute_first_ms"] = await MedianAsync("bound_execute_first_ms", () => ScriptBound.FirstScriptMillisecondsAsync(hostPath, options.Engines));
}

// The same round trip and bulk figures through TLS (on by default whenever a controller listens beyond loopback).
if (Wanted("apply_rtt_tls_us") || Wanted("push_pull_tls_mib_per_s"))
{
    await using var tls = await Cluster.StartAsync(options.Engines, new ClusterOptions { Tls = true, StartTimeout = TimeSpan.FromMinutes(2) });
    var e0 = tls.Client[0];
    Progress("TLS cluster up; warming up");
    await Workloads.Sequential(e0, 200);
    Workloads.PushPull(e0, new double[1 << 17]);
    var payload = new double[sizes.PayloadBytes / sizeof(double)];
    var payloadMiB = 2.0 * sizes.PayloadBytes / (1024 * 1024);
    results["apply_rtt_tls_us"] = await MedianAsync("apply_rtt_tls_us", async () => (await Workloads.Sequential(e0, sizes.Sequential)) * 1e6 / sizes.Sequential);
    results["push_pull_tls_mib_per_s"] = await MedianAsync("push_pull_tls_mib_per_s", () => Task.FromResult(payloadMiB / Workloads.PushPull(e0, payload)));
}

// What watching costs (issues 12 and 24): a watched and an unwatched cluster each round, measured in turns, run by run.
if (MonitoringCost.Keys.Any(Wanted))
{
    await MonitoringCost.MeasureAsync(options.Engines, options.Rounds ?? (options.Quick ? 2 : 5), runs, sizes, options.Quick, results, Progress);
}

// Whether a cluster keeps warming up for minutes (issue 24): one kept cluster against a fresh one each round, in turns.
// Minutes long, so only when --only names one of its figures.
if (ClusterWarming.Keys.Any(k => options.Only?.Contains(k) == true))
{
    await ClusterWarming.MeasureAsync(options.Engines, options.Rounds ?? (options.Quick ? 2 : 8), runs, sizes, options.Quick, results, Progress);
}

// Start until usable with 16 engines, one process each.
if (Wanted("startup_16_s"))
{
    var starts = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        var clock = Stopwatch.StartNew();
        await using var sixteen = await Cluster.StartAsync(16, StartOptions(TimeSpan.FromMinutes(3)));
        starts.Add(clock.Elapsed.TotalSeconds);
        if (options.Trace)
        {
            Progress(StartupTraces.Usable(16, clock.Elapsed));
        }
    }

    results["startup_16_s"] = Median(starts);
    Progress(string.Create(CultureInfo.InvariantCulture, $"{"startup_16_s",-26} {results["startup_16_s"],14:N2}   runs: {string.Join(", ", starts.Select(s => s.ToString("N2", CultureInfo.InvariantCulture)))}"));
}

// Many engines, up to 64 to a process: fan-out at 64, 256 and 1,000 engines (64 only with --quick), balanced throughput
// at 64, and the controller's memory per engine at the largest.
int[] engineCounts = options.Quick ? [64] : [64, 256, 1000];
foreach (var count in engineCounts)
{
    var fanout = $"fanout_apply_ms_{count}";
    var lb64 = count == 64 ? "lb_async_tasks_per_s_64" : null;
    if (!Wanted(fanout) && !(lb64 is not null && Wanted(lb64)) && !Wanted("controller_kib_per_engine"))
    {
        continue;
    }

    var (many, kibPerEngine) = await ManyEngines.StartAsync(count);
    await using (many)
    {
        Progress($"cluster of {count} engines up");
        if (count == engineCounts[^1])
        {
            results["controller_kib_per_engine"] = kibPerEngine;
            Progress($"controller_kib_per_engine {kibPerEngine:N1}");
        }

        await ManyEngines.FanOutAsync(many.Client, 3);
        results[fanout] = await MedianAsync(fanout, () => ManyEngines.FanOutAsync(many.Client, 5));
        if (lb64 is not null)
        {
            var balanced = many.Client.LoadBalancedView();
            await Workloads.Burst(balanced, sizes.AsyncTasks);
            results[lb64] = await MedianAsync(lb64, async () => sizes.AsyncTasks / await Workloads.Burst(balanced, sizes.AsyncTasks));
        }
    }
}

// What failures cost (issue 9), on a 4-engine cluster of their own.
if (Wanted("engine_loss_recovery_s") || Wanted("hung_engine_detect_s"))
{
    // Replacements at once and without limit: every run strikes an engine.
    await using var faulty = await Cluster.StartAsync(4, new ClusterOptions
    {
        StartTimeout = TimeSpan.FromMinutes(2),
        Restart = { InitialDelay = TimeSpan.Zero, MaxRestarts = 1000 },
    });
    Progress("4-engine cluster up for the failure figures");
    results["engine_loss_recovery_s"] = await MedianAsync("engine_loss_recovery_s", () => Faults.EngineLossRecoveryAsync(faulty, sizes.LossMapItems));
    results["hung_engine_detect_s"] = await MedianAsync("hung_engine_detect_s", () => Faults.HungEngineDetectAsync(faulty));
}

results["machine_memory_walk_ns"] = memoryWalks.Count > 0 ? Median(memoryWalks) : double.NaN;
foreach (var skipped in results.Where(r => double.IsNaN(r.Value)).Select(r => r.Key).ToList())
{
    results.Remove(skipped);
}

if (options.Json)
{
    Console.WriteLine(JsonSerializer.Serialize(results));
}
else
{
    Report.PrintTable(results, options.Engines, runs, options.Quick);
}

return 0;

bool Wanted(string name) => options.Only?.Contains(name) ?? true;

async Task<double> MedianAsync(string name, Func<Task<double>> measure)
{
    if (!Wanted(name))
    {
        return double.NaN;
    }

    var samples = await Stats.RunsAsync(runs, measure);
    var median = Median(samples);
    Progress(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {median,14:N1}   runs: {string.Join(", ", samples.Select(s => s.ToString("N1", CultureInfo.InvariantCulture)))}"));
    return median;
}

// What each process spent on the CPU per task over a figure's runs, warm-up excluded: `<figure>_client_cpu_us`,
// `_controller_cpu_us` and `_engines_cpu_us` (all engines together). Unlike a rate, this hardly moves with other work on
// the machine, and with every core busy the rate cannot exceed cores / (their sum).
async Task<double> WithCpuAsync(string figure, int perRun, Func<Task<double>> measure)
{
    var pids = cluster!.ProcessIds;
    double[] Cpu() => [Workloads.CpuMilliseconds(Environment.ProcessId), Workloads.CpuMilliseconds(pids[0]), pids.Skip(1).Sum(Workloads.CpuMilliseconds)];
    var before = Cpu();
    var value = await measure();
    if (!double.IsNaN(value))
    {
        var after = Cpu();
        var count = (double)perRun * runs;
        results[figure + "_client_cpu_us"] = (after[0] - before[0]) * 1e3 / count;
        results[figure + "_controller_cpu_us"] = (after[1] - before[1]) * 1e3 / count;
        results[figure + "_engines_cpu_us"] = (after[2] - before[2]) * 1e3 / count;
    }

    return value;
}

static double Median(List<double> samples) => Stats.Median(samples);
