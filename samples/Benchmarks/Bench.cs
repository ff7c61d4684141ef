namespace RemoteKit.Benchmarks;

/// <summary>The remote side of the benchmarks: ipp_bench.py's <c>noop(x)</c>.</summary>
public static partial class Bench
{
    /// <summary>Returns its argument; measures everything but the work.</summary>
    /// <param name="x">Any number.</param>
    /// <returns><paramref name="x"/>.</returns>
    [Remote]
    public static int Noop(int x) => x;
}
