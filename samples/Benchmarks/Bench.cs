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
