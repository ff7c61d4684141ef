namespace RemoteKit.Benchmarks;

/// <summary>The remote side of the benchmarks: ipp_bench.py's <c>noop(x)</c>, and what the failure figures need.</summary>
public static partial class Bench
{
    /// <summary>Returns its argument; measures everything but the work.</summary>
    /// <param name="x">Any number.</param>
    /// <returns><paramref name="x"/>.</returns>
    [Remote]
    public static int Noop(int x) => x;

    /// <summary>The length of a byte array (the fan-out benchmark's 1 kB argument).</summary>
    /// <param name="data">Any bytes.</param>
    /// <returns>Their count.</returns>
    [Remote]
    public static int Length(byte[] data) => data.Length;

    /// <summary>The engine's process id, for the failure figures to strike it.</summary>
    /// <returns>The process id.</returns>
    [Remote]
    public static int ProcessId() => Environment.ProcessId;

    /// <summary>Streams the ints 0 to <paramref name="count"/> - 1 (the workload of <c>stream_items_per_s</c>).</summary>
    /// <param name="count">How many.</param>
    /// <returns>The ints, as the engine yields them.</returns>
    [Remote]
    public static async IAsyncEnumerable<int> Ints(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i;
        }

        await Task.CompletedTask;
    }

    /// <summary>
    /// Prints <paramref name="lines"/> lines, each with the time it was printed, a pause apart (the workload of
    /// <c>output_latency_ms</c>: each line comes after a pause, as a progress line of a long task does).
    /// </summary>
    /// <param name="lines">How many.</param>
    /// <param name="pauseMilliseconds">The pause before each line.</param>
    /// <returns><paramref name="lines"/>.</returns>
    [Remote]
    public static int PrintStamped(int lines, int pauseMilliseconds)
    {
        for (var i = 0; i < lines; i++)
        {
            Thread.Sleep(pauseMilliseconds);
            Console.WriteLine(TimeProvider.System.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return lines;
    }

    /// <summary>Keeps the engine busy (the workload of <c>hung_engine_detect_s</c>).</summary>
    /// <param name="milliseconds">How long.</param>
    /// <returns>The same number.</returns>
    [Remote]
    public static int Sleep(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }
}
