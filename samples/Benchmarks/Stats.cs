namespace RemoteKit.Benchmarks;

/// <summary>Repeated runs of a measurement and their median.</summary>
internal static class Stats
{
    /// <summary>Measures <paramref name="runs"/> times, settling this process's heap before each run (as BenchmarkDotNet does).</summary>
    public static async Task<List<double>> RunsAsync(int runs, Func<Task<double>> measure)
    {
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            SettleHeap();
            samples.Add(await measure());
        }

        return samples;
    }

    /// <summary>Collects this process's garbage before a run: the run reuses memory the previous one freed, and nothing is timed across the collection.</summary>
    public static void SettleHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>The median of <paramref name="samples"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
