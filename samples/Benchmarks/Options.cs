using System.Globalization;

namespace RemoteKit.Benchmarks;

/// <summary>Command-line options.</summary>
internal sealed record BenchmarkOptions(int Engines, int? Runs, bool Quick, bool Json, IReadOnlySet<string>? Only, bool Trace = false)
{
    /// <summary>How many rounds the watched/unwatched comparison alternates (<c>--rounds</c>); null for the default.</summary>
    public int? Rounds { get; init; }

    /// <summary>Whether the client takes leases for load-balanced tasks (the default; <c>--no-leases</c>: <c>RemoteClient.LeaseIdleReturn</c> zero).</summary>
    public bool Leases { get; init; } = true;

    public static BenchmarkOptions? Parse(string[] args)
    {
        var engines = 2;
        int? runs = null, rounds = null;
        bool quick = false, json = false, trace = false, leases = true;
        HashSet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--trace":
                    trace = true;
                    break;
                case "--no-leases":
                    leases = false;
                    break;
                case "--engines" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    engines = n;
                    i++;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    runs = r;
                    i++;
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var k) && k > 0:
                    rounds = k;
                    i++;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = new HashSet<string>(args[i + 1].Split(','), StringComparer.Ordinal);
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return new BenchmarkOptions(engines, runs, quick, json, only, trace) { Rounds = rounds, Leases = leases };
    }
}

/// <summary>Workload sizes: ipp_bench.py's (except 20,000 async tasks rather than 5,000), or small ones for smoke checks.</summary>
internal sealed record Sizes(int Sequential, int AsyncTasks, int DirectMapItems, int BalancedMapItems, int PayloadBytes, int LossMapItems, int StreamItems, int OutputLines)
{
    public static readonly Sizes Full = new(500, 20_000, 100_000, 20_000, 100 * 1024 * 1024, 100_000, 10_000_000, 20);

    public static readonly Sizes Quick = new(50, 2_000, 10_000, 2_000, 4 * 1024 * 1024, 10_000, 1_000_000, 5) { DependentTasks = 2_000 };

    /// <summary>How many tasks the dependent chain has, each depending on the one before (<c>dependent_tasks_per_s</c>).</summary>
    public int DependentTasks { get; init; } = 20_000;
}
