using System.Diagnostics;
using Xunit;

namespace RemoteKit.Tests;

public sealed class LifetimeTests
{
    [Fact]
    public async Task Killing_the_program_that_started_a_cluster_leaves_no_remotekit_process_within_ten_seconds()
    {
        using var launcher = ProgramRunner.Start("RemoteKit.Tests.Launcher.dll", ["2"], redirectInput: true);
        var line = await launcher.StandardOutput.ReadLineAsync().WaitAsync(Patience.Long);
        Assert.NotNull(line);
        Assert.StartsWith("PIDS ", line);
        var pids = line[5..].Split(' ').Select(int.Parse).ToArray();
        Assert.Equal(3, pids.Length);
        var children = pids.Select(Process.GetProcessById).ToArray();

        launcher.Kill(); // SIGKILL on Linux: no cleanup code runs in the launcher.
        await launcher.WaitForExitAsync().WaitAsync(Patience.Long);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Task.WhenAll(children.Select(c => c.WaitForExitAsync(deadline.Token)));
        Assert.All(children, c => Assert.True(c.HasExited));
    }

    [Fact]
    public async Task Disposing_a_cluster_stops_all_its_processes()
    {
        var cluster = await Cluster.StartAsync(engines: 2);
        var processes = cluster.ProcessIds.Select(Process.GetProcessById).ToArray();
        Assert.Equal([0, 1], cluster.Client.Ids);
        await cluster.DisposeAsync();
        Assert.All(processes, p => Assert.True(p.HasExited));
    }

    [Fact]
    public async Task Client_shutdown_stops_every_engine_and_the_controller()
    {
        var cluster = await Cluster.StartAsync(engines: 2);
        try
        {
            var processes = cluster.ProcessIds.Select(Process.GetProcessById).ToArray();
            await cluster.Client.ShutdownAsync();
            await Task.WhenAll(processes.Select(p => p.WaitForExitAsync())).WaitAsync(Patience.Long);
            Assert.All(processes, p => Assert.True(p.HasExited));
            await Assert.ThrowsAsync<RemoteKitConnectionException>(async () => await cluster.Client[0].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
