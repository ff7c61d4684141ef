using System.Diagnostics;
using RemoteKit;

// The ipyparallel tutorial, step by step, on RemoteKit. By default it starts its own cluster of 4 engines on this
// machine (Cluster.StartAsync; --engines N for another count); with --profile NAME it connects to a cluster started with
// `remotekit cluster start`. It runs on any number of engines from 1 up, addressing engines by the ids the cluster has.
var profile = args.SkipWhile(a => a != "--profile").Skip(1).FirstOrDefault();
var engines = int.Parse(args.SkipWhile(a => a != "--engines").Skip(1).FirstOrDefault() ?? "4", System.Globalization.CultureInfo.InvariantCulture);
var clock = Stopwatch.StartNew();

Cluster? cluster = null;
RemoteClient rc;
if (profile is null)
{
    Step($"Step 1: start a cluster of {engines} engines — ipp.Cluster(n={engines})");
    cluster = await Cluster.StartAsync(engines: engines);
    rc = cluster.Client;
}
else
{
    Step($"Step 1: connect to the running cluster of profile '{profile}' — ipp.Client(profile='{profile}')");
    rc = RemoteClient.Connect(profile: profile);
    await rc.WaitForEnginesAsync(1);
}

try
{
    Show("rc.ids", rc.Ids);
    var first = rc.Ids[0];
    var second = rc.Ids[Math.Min(1, rc.Ids.Count - 1)];
    var last = rc.Ids[^1];

    Step("Step 2: views — rc[:] (direct) and rc.load_balanced_view()");
    var dview = rc[..];
    var lview = rc.LoadBalancedView();
    Show("dview.targets", dview.Targets);

    Step("Example 1: dview.apply_sync(slow_power, 5, 5) — runs on every engine at once");
    Timed(() => Show("result", dview.Apply(Work.SlowPower, 5, 5)));

    Step("Example 2: ar = dview.apply_async(slow_power, 5, 5); ar.get()");
    var ar = dview.ApplyAsync(Work.SlowPower, 5, 5);
    Show("ar.ready() right away", ar.IsReady);
    Timed(() => Show("ar.get()", ar.Get()));
    Show("engines that ran it", ar.AllMetadata.Select(m => m!.EngineId));

    Step($"Example 3: rc[{first}].apply_sync(slow_power, 5, 5) — one engine");
    Timed(() => Show("result", rc[first].Apply(Work.SlowPower, 5, 5)));

    Step("Example 4: lview.apply_sync(slow_power, 2, 2) — load-balanced");
    Timed(() => Show("result", lview.Apply(Work.SlowPower, 2, 2)));

    Step("Example 5: dview.map_sync(slow_power, range(10)) — contiguous chunks, one per engine");
    Timed(() => Show("result", dview.Map(Work.SlowPower, Range(10))));

    Step("Example 6: lview.map_sync(slow_power, range(10)) — each item on the least busy engine");
    Timed(() => Show("result", lview.Map(Work.SlowPower, Range(10))));
    Step("Example 6b: lview.map(lambda x: slow_power(x, 2), ...) — typed calls built on the client");
    await TimedAsync(async () => Show("result", await lview.MapAsync(Range(8), x => Work.Remote.SlowPower(x, 2))));

    Step("Example 7: dview['i'] = 10; dview.map_sync(power_of_global, range(10)) — globals");
    dview["i"] = 10;
    Show("dview['i']", (object?[])dview["i"]!);
    Timed(() => Show("result", dview.Map(Work.PowerOfGlobal, Range(10))));
    dview.Push(new { a = 5, b = "five" });
    Show("dview.pull('a')", dview.Pull<int>("a"));
    Show($"rc[{first}].pull('b')", rc[first].Pull<string>("b"));

    Step("Example 8: dview.execute('b = i**5') — C# script with the namespace in scope");
    dview.Execute("var b = (long)Math.Pow(i, 5);");
    Show("dview['b']", dview.Pull<long>("b"));
    dview.Execute(Work.Setup);
    Show("dview['greeting']", dview.Pull<string>("greeting"));

    Step("Example 9: dview.scatter('a', range(16)); dview['a']; dview.gather('a')");
    dview.Scatter("a", Enumerable.Range(0, 16));
    Show("dview['a']", dview.Pull<int[]>("a").Select(chunk => "[" + string.Join(", ", chunk) + "]"));
    dview.Execute("var squares = a.Select(x => x * x).ToArray();");
    Show("dview.gather('squares')", dview.Gather<int>("squares"));

    Step("Results: metadata, output, queue status");
    var who = rc[second].ApplyAsync(Work.WhoAmI);
    Show($"rc[{second}].apply(who_am_i)", await who);
    // Each task's own output, labelled with the task it belongs to.
    var talk = rc[last].ApplyAsync(Work.Setup);
    await talk;
    Show($"rc[{last}].apply(setup) printed", talk.Metadata!.Stdout.TrimEnd());
    Show($"rc[{last}].apply(setup) took on the engine", $"{talk.Metadata.Elapsed.TotalMilliseconds:0.0} ms");
    var status = rc.QueueStatus();
    Show("rc.queue_status()", status.Engines.Select(e => $"engine {e.EngineId}: queued {e.Queued}, completed {e.Completed}"));

    Console.WriteLine();
    Console.WriteLine($"Tutorial finished in {clock.Elapsed.TotalSeconds:0.00} s.");
}
finally
{
    if (cluster is not null)
    {
        await cluster.DisposeAsync();
    }
    else
    {
        await rc.DisposeAsync();
    }
}

return 0;

static long[] Range(int n) => Enumerable.Range(0, n).Select(i => (long)i).ToArray();

static void Step(string title)
{
    Console.WriteLine();
    Console.WriteLine(title);
}

static void Show<T>(string label, T value)
{
    var text = value is System.Collections.IEnumerable items and not string
        ? "[" + string.Join(", ", items.Cast<object?>()) + "]"
        : value?.ToString();
    Console.WriteLine($"  {label}: {text}");
}

static void Timed(Action action)
{
    var watch = Stopwatch.StartNew();
    action();
    Console.WriteLine($"  took {watch.Elapsed.TotalSeconds:0.00} s");
}

static async Task TimedAsync(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    Console.WriteLine($"  took {watch.Elapsed.TotalSeconds:0.00} s");
}
