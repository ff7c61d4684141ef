namespace RemoteKit.Benchmarks;

/// <summary>One of two clusters a comparison measures in turns, and its runs so far.</summary>
internal sealed class ComparedCluster(Cluster cluster) : IAsyncDisposable
{
    public EngineView E0 { get; } = cluster.Client[0];

    public LoadBalancedView Lb { get; } = cluster.Client.LoadBalancedView();

    public List<double> Rtt { get; } = [];

    public List<double> LbAsync { get; } = [];

    public List<double> LbMap { get; } = [];

    /// <summary>The CPU the client and this cluster's processes spent in its balanced bursts.</summary>
    public double CpuMilliseconds { get; set; }

    public static async Task<ComparedCluster> StartAsync(int engines, bool watching)
    {
        var clusterOptions = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) };
        if (!watching)
        {
            clusterOptions.Settings["RemoteKit:Controller:Monitoring"] = "false";
        }

        return new ComparedCluster(await Cluster.StartAsync(engines, clusterOptions));
    }

    public async Task WarmUpAsync(Sizes sizes, bool quick)
    {
        Lb.Apply(Bench.Noop, 1);
        await Workloads.Sequential(E0, quick ? 200 : 4000);
        await Workloads.Sequential(Lb, quick ? 200 : 2000);
        // Long enough for each process's tiered JIT to finish optimizing the task path: a watched controller has more of it
        // (monitor, history), and with a second's warm-up its first runs measured 20-40 % below its steady rate.
        for (var i = 0; i < (quick ? 2 : 25); i++)
        {
            await Workloads.Burst(Lb, sizes.AsyncTasks);
            Workloads.BalancedMap(Lb, sizes.BalancedMapItems);
        }

        await Workloads.Sequential(E0, quick ? 200 : 2000);
    }

    /// <summary>The CPU time so far of the client (this process, idle but for the side it runs) and this cluster's processes.</summary>
    public double Cpu() => Workloads.CpuMilliseconds(Environment.ProcessId) + cluster.ProcessIds.Sum(Workloads.CpuMilliseconds);

    /// <summary>One balanced burst, its rate and the CPU it cost kept.</summary>
    public async Task MeasureBurstAsync(Sizes sizes)
    {
        var before = Cpu();
        LbAsync.Add(sizes.AsyncTasks / await Workloads.Burst(Lb, sizes.AsyncTasks));
        CpuMilliseconds += Cpu() - before;
    }

    /// <summary>The CPU per task of the bursts measured so far, in microseconds.</summary>
    public double CpuPerBurstTaskUs(Sizes sizes) => CpuMilliseconds * 1e3 / ((double)LbAsync.Count * sizes.AsyncTasks);

    /// <summary>Forgets the runs so far, for a new round on the same cluster.</summary>
    public void ClearRuns()
    {
        Rtt.Clear();
        LbAsync.Clear();
        LbMap.Clear();
        CpuMilliseconds = 0;
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
