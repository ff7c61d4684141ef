[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace RemoteKit.Kernel.Tests;

/// <summary>One kernel for a test class, shut down after it.</summary>
public sealed class KernelFixture : IAsyncLifetime
{
    internal KernelClient Kernel { get; private set; } = null!;

    public async Task InitializeAsync() => Kernel = await KernelClient.StartAsync();

    public async Task DisposeAsync() => await Kernel.DisposeAsync();
}

/// <summary>
/// One kernel whose first cell started a 2-engine cluster (<c>cluster</c>, <c>rc</c>) and whose second declared
/// <c>Work.SlowPower</c> and <c>Work.Who</c>, for a test class.
/// </summary>
public sealed class ClusterKernelFixture : IAsyncLifetime
{
    internal KernelClient Kernel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Kernel = await KernelClient.StartAsync();
        await Kernel.RunAsync("var cluster = await Cluster.StartAsync(2);\nvar rc = cluster.Client;");
        await Kernel.RunAsync(
            """
            public static partial class Work
            {
                [Remote]
                public static long SlowPower(long x, int i = 5)
                {
                    Thread.Sleep(50);
                    return (long)Math.Pow(x, i);
                }

                [Remote]
                public static string Who(RemoteContext ctx) => $"engine {ctx.EngineId} of {ctx.EngineCount}";
            }
            """);
    }

    public async Task DisposeAsync() => await Kernel.DisposeAsync();
}
