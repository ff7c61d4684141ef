using System.Diagnostics;

namespace RemoteKit.Benchmarks;

/// <summary>
/// How fast this machine's memory answers right now, read beside the figures: a walk of dependent loads over 8 MiB in a
/// random single cycle, in nanoseconds per load. On the shared 2-core VMs the benchmark runs on, the 32 MiB L3 cache is
/// shared with the host's other guests, and this reading swings between about 25 and 160 ns within minutes while plain
/// arithmetic stays within 4 %. Throughput figures follow it: in 16 programs of <c>lb_async_tasks_per_s</c>, each between
/// two readings, the rate and the reading correlated at -0.69, and the CPU per task at +0.70 (docs/benchmarks.md). A figure
/// read while this reading is high was read on a slower machine.
/// </summary>
internal static class MachineState
{
    private const int Slots = 8 * 1024 * 1024 / sizeof(int);
    private const int Loads = 2_000_000;

    private static int[]? _cycle;

    /// <summary>Where the last walk ended: stored, so the compiler cannot drop the loop as unused.</summary>
    private static int _end;

    /// <summary>Walks the cycle once and returns the nanoseconds per load.</summary>
    public static double MemoryWalkNanoseconds()
    {
        var cycle = _cycle ??= MakeCycle();
        var at = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Loads; i++)
        {
            at = cycle[at];
        }

        var elapsed = clock.Elapsed;
        _end = at;
        return elapsed.TotalNanoseconds / Loads;
    }

    /// <summary>A random permutation that is one cycle through every slot (Sattolo's algorithm): no load can be predicted.</summary>
    private static int[] MakeCycle()
    {
        var cycle = new int[Slots];
        for (var i = 0; i < Slots; i++)
        {
            cycle[i] = i;
        }

        var random = new Random(24);
        for (var i = Slots - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (cycle[i], cycle[j]) = (cycle[j], cycle[i]);
        }

        return cycle;
    }
}
