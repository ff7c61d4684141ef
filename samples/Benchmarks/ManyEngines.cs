using System.Diagnostics;

namespace RemoteKit.Benchmarks;

/// <summary>
/// Clusters of many engines hosted up to 64 to a process (<see cref="ClusterOptions.EnginesPerProcess"/>): ipyparallel's
/// fan-out benchmark (an apply of a 1 kB argument to every engine, and back), balanced throughput at 64 engines, and what
/// each engine costs the controller.
/// </summary>
internal static class ManyEngines
{
    /// <summary>The most engines one process hosts here.</summary>
    public const int MaxPerProcess = 64;

    /// <summary>Engines per process: the largest divisor of <paramref name="engines"/> up to <see cref="MaxPerProcess"/>, so every process is full.</summary>
    public static int PerProcess(int engines) => Enumerable.Range(1, Math.Min(engines, MaxPerProcess)).Last(n => engines % n == 0);

    /// <summary>Starts a cluster of <paramref name="engines"/> engines; returns it with the controller's resident memory per engine in KiB.</summary>
    public static async Task<(Cluster Cluster, double ControllerKibPerEngine)> StartAsync(int engines)
    {
        // The controller with no engines, then with them: the difference per engine.
        var cluster = await Cluster.StartAsync(engines, new ClusterOptions { EnginesPerProcess = PerProcess(engines), StartTimeout = TimeSpan.FromMinutes(5) });
        var controller = cluster.ProcessIds[0];
        await FanOutAsync(cluster.Client, 1);
        var withEngines = ResidentKib(controller);
        await using var bare = await Cluster.StartAsync(1, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) });
        await FanOutAsync(bare.Client, 1);
        var withOne = ResidentKib(bare.ProcessIds[0]);
        return (cluster, (withEngines - withOne) / (engines - 1));
    }

    /// <summary>One apply of a 1 kB argument to every engine and back, in milliseconds.</summary>
    public static async Task<double> FanOutAsync(RemoteClient client, int rounds)
    {
        var payload = new byte[1024];
        Random.Shared.NextBytes(payload);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            var lengths = await client[..].ApplyAsync(Bench.Length, payload);
            if (lengths.Length != client.Ids.Count || lengths.Any(l => l != payload.Length))
            {
                throw new InvalidOperationException("the fan-out returned wrong results");
            }
        }

        return clock.Elapsed.TotalMilliseconds / rounds;
    }

    internal static double ResidentKib(int pid)
    {
        // VmRSS from /proc: what the process holds in memory now.
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return double.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }
}
