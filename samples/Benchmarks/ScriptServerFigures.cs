using System.Diagnostics;

namespace RemoteKit.Benchmarks;

/// <summary>
/// Lean engines and the per-host script server (issue 24). <c>execute_first_ms</c> is measured with no server running
/// (<see cref="StopServerAsync"/> before each of its clusters: the first cluster on a fresh machine, whose engines start
/// the server), <c>execute_first_second_cluster_ms</c> on a cluster started while the previous one's server is still warm,
/// and <c>engine_rss_mib</c> on a fresh cluster after 1,000 small tasks and one <c>Execute</c> per engine.
/// </summary>
/// <remarks>
/// The server is this user's, in its default folder: the benchmark shuts it down as a user would, with the host's
/// <c>script-server shutdown</c>. It does not reference the engine's assembly: shipped code carries what it references,
/// and the compiler would then travel to every engine in the benchmark's code bundle.
/// </remarks>
internal static class ScriptServerFigures
{
    /// <summary>Shuts down this build's script server, if one runs, so that the next cluster starts it cold.</summary>
    public static async Task StopServerAsync()
    {
        var host = new[]
        {
            Environment.GetEnvironmentVariable("REMOTEKIT_HOST"),
            Path.Combine(AppContext.BaseDirectory, "remotekit-host", "RemoteKit.Host.dll"),
            Path.Combine(AppContext.BaseDirectory, "RemoteKit.Host.dll"),
        }.First(p => !string.IsNullOrEmpty(p) && File.Exists(p))!;
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        using var process = Process.Start(new ProcessStartInfo(dotnet, [host, "script-server", "shutdown"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("could not run the host's script-server shutdown");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
    }

    /// <summary>The figures of this class but <c>execute_first_ms</c>, into <paramref name="results"/>.</summary>
    public static async Task MeasureAsync(int engines, IDictionary<string, double> results, Func<string, Func<Task<double>>, Task<double>> median)
    {
        results["execute_first_second_cluster_ms"] = await median("execute_first_second_cluster_ms", () => SecondClusterFirstExecuteAsync(engines));
        results["engine_rss_mib"] = await median("engine_rss_mib", () => LeanEngineResidentMibAsync(engines));
    }

    /// <summary>The first <c>Execute</c> on the fresh engines of a cluster started while a warm server runs.</summary>
    private static async Task<double> SecondClusterFirstExecuteAsync(int engines)
    {
        await using var cluster = await Cluster.StartAsync(engines, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) });
        var fresh = cluster.Client[..];
        fresh["i"] = 5;
        return Workloads.Execute(fresh) * 1e3;
    }

    /// <summary>An engine process's resident memory after 1,000 small tasks and one <c>Execute</c>: the mean over engines.</summary>
    private static async Task<double> LeanEngineResidentMibAsync(int engines)
    {
        await using var cluster = await Cluster.StartAsync(engines, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) });
        var all = cluster.Client[..];
        await Workloads.Burst(cluster.Client.LoadBalancedView(), 1_000);
        all["i"] = 5;
        Workloads.Execute(all);
        return cluster.ProcessIds.Skip(1).Average(ManyEngines.ResidentKib) / 1024;
    }
}
