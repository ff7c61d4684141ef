using System.Diagnostics;

namespace RemoteKit.Benchmarks;

/// <summary>The workloads of ipp_bench.py; each returns the elapsed seconds and checks its results.</summary>
internal static class Workloads
{
    /// <summary>Sequential round trips of a no-op on one engine (ipp: <c>e0.apply_sync(noop, i)</c>).</summary>
    public static Task<double> Sequential(EngineView view, int count) => Run(count, i => view.ApplyAsync(Bench.Noop, i).Task);

    /// <summary>Sequential round trips of a no-op, load-balanced (ipp: <c>lb.apply_sync(noop, i)</c>).</summary>
    public static Task<double> Sequential(LoadBalancedView view, int count) => Run(count, i => view.ApplyAsync(Bench.Noop, i).Task);

    /// <summary>Submits <paramref name="count"/> no-ops at once, then waits for all (ipp: <c>lb.apply_async</c> then <c>get</c>).</summary>
    public static Task<double> Burst(LoadBalancedView view, int count) => BurstOf(count, i => view.ApplyAsync(Bench.Noop, i).Task);

    /// <summary>Submits <paramref name="count"/> no-ops to one engine at once, then waits for all.</summary>
    public static Task<double> Burst(EngineView view, int count) => BurstOf(count, i => view.ApplyAsync(Bench.Noop, i).Task);

    /// <summary>Maps a no-op over <paramref name="count"/> items, one contiguous chunk per engine (ipp: <c>dv.map_sync</c>).</summary>
    public static double DirectMap(DirectView view, int count)
    {
        var clock = Stopwatch.StartNew();
        var results = view.Map(Bench.Noop, Enumerable.Range(0, count));
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(results.Length == count && results[^1] == count - 1, "direct map returned wrong results");
        return elapsed;
    }

    /// <summary>Maps a no-op over <paramref name="count"/> items, 100 per load-balanced task (ipp: <c>lb.map_sync(..., chunksize=100)</c>).</summary>
    public static double BalancedMap(LoadBalancedView view, int count)
    {
        var clock = Stopwatch.StartNew();
        var results = view.Map(Bench.Noop, Enumerable.Range(0, count), chunkSize: 100);
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(results.Length == count && results[^1] == count - 1, "load-balanced map returned wrong results");
        return elapsed;
    }

    /// <summary>Streams <paramref name="count"/> ints from one engine and reads them all (<c>await foreach</c>).</summary>
    public static async Task<double> Stream(EngineView view, int count)
    {
        var clock = Stopwatch.StartNew();
        var expected = 0;
        await foreach (var item in view.StreamAsync(Bench.Ints, count))
        {
            Check(item == expected++, "the stream's items came out of order");
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        Check(expected == count, "the stream ended early");
        return elapsed;
    }

    /// <summary>
    /// Runs a task that prints <paramref name="lines"/> time-stamped lines, a pause apart, and returns the median time from a
    /// line's printing on the engine until <c>ar.Output</c> hands it to the caller, in milliseconds (both processes read the
    /// same system clock).
    /// </summary>
    public static async Task<double> OutputLatency(EngineView view, int lines)
    {
        var result = view.ApplyAsync(Bench.PrintStamped, lines, 60);
        var latencies = new List<double>();
        await foreach (var piece in result.Output)
        {
            var seen = TimeProvider.System.GetUtcNow().UtcTicks;
            foreach (var line in piece.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                latencies.Add(TimeSpan.FromTicks(seen - long.Parse(line, System.Globalization.CultureInfo.InvariantCulture)).TotalMilliseconds);
            }
        }

        Check(await result == lines && latencies.Count == lines, "the printed lines did not all arrive");
        latencies.Sort();
        return latencies[latencies.Count / 2];
    }

    /// <summary>Pushes an array to one engine and pulls it back.</summary>
    public static double PushPull(EngineView view, double[] arr)
    {
        var clock = Stopwatch.StartNew();
        view.Push(new { arr });
        var back = view.Pull<double[]>("arr");
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(back.Length == arr.Length && back[^1].Equals(arr[^1]), "pull returned a different array");
        return elapsed;
    }

    /// <summary>Pushes an array to one engine and pulls it back into a buffer the caller reuses (<c>PullInto</c>).</summary>
    public static double PushPullInto(EngineView view, double[] arr, double[] into)
    {
        var clock = Stopwatch.StartNew();
        view.Push(new { arr });
        var count = view.PullInto<double>("arr", into);
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(count == arr.Length && into[count - 1].Equals(arr[^1]), "pull into returned a different array");
        return elapsed;
    }

    /// <summary>Scatters an array over the view's engines and gathers it back.</summary>
    public static double ScatterGather(DirectView view, double[] arr)
    {
        var clock = Stopwatch.StartNew();
        view.Scatter("s", arr);
        var back = view.Gather<double>("s");
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(back.Length == arr.Length && back[^1].Equals(arr[^1]), "gather returned a different array");
        return elapsed;
    }

    /// <summary>Runs a small script on every engine of the view (ipp: <c>dv.execute("b = i**5")</c>) and checks one result.</summary>
    public static double Execute(DirectView view)
    {
        var clock = Stopwatch.StartNew();
        view.Execute("var b = (int)Math.Pow(i, 5);");
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(view.Pull<int>("b")[0] == 3125, "execute computed a different value");
        return elapsed;
    }

    /// <summary>The CPU time a process of this machine has used so far, in milliseconds.</summary>
    public static double CpuMilliseconds(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static async Task<double> Run(int count, Func<int, Task<int>> call)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            Check(await call(i).ConfigureAwait(false) == i, "a no-op returned a different value");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> BurstOf(int count, Func<int, Task<int>> submit)
    {
        var tasks = new Task<int>[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            tasks[i] = submit(i);
        }

        for (var i = 0; i < count; i++)
        {
            Check(await tasks[i].ConfigureAwait(false) == i, "a no-op returned a different value");
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
