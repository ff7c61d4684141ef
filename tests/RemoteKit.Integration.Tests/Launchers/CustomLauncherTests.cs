using System.Collections.Concurrent;
using System.Diagnostics;
using RemoteKit.Launchers;
using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>
/// A site's own launcher, written against the public API only, plugged in through ClusterOptions: it is the one that
/// starts the engines, they register and run work, the supervisor replaces one that dies through it, and disposing the
/// cluster stops its engines through it.
/// </summary>
public sealed class CustomLauncherTests
{
    [Fact]
    public async Task A_custom_launcher_in_cluster_options_starts_the_engines_and_replaces_and_stops_them()
    {
        var launcher = new SiteLauncher();
        var options = new ClusterOptions { CustomLauncher = launcher };
        var cluster = await Cluster.StartAsync(engines: 2, options);
        int[] pids;
        try
        {
            var client = cluster.Client;
            Assert.Equal([2], launcher.Launches);
            Assert.Equal([0, 1], client.Ids);

            // The engines are the launcher's processes: they carry what it put in their environment, and its launch ids.
            Assert.Equal(["site-launcher", "site-launcher"], await client[..].ApplyAsync(LauncherWork.Variable, "SITE_LAUNCHER").Task.WaitAsync(Patience.Long));
            pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
            Assert.Equal(launcher.Started.Keys.Order(), pids.Order());
            Assert.Equal(32L, await client[1].ApplyAsync(Work.SlowPower, 2, 5).Task.WaitAsync(Patience.Long));

            // One dies: the cluster's supervisor asks the same launcher for a replacement.
            var exited = new TaskCompletionSource<EngineExitedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.EngineExited += (_, e) => exited.TrySetResult(e);
            Signals.Send("KILL", pids[0]);
            var exit = await exited.Task.WaitAsync(Patience.Long);
            Assert.True(exit.WillRestart);
            Assert.Equal($"engine process {pids[0]}", exit.Engines);
            await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([1, 2]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
            Assert.Equal([2, 1], launcher.Launches);
            Assert.Equal("site-launcher", await client[2].ApplyAsync(LauncherWork.Variable, "SITE_LAUNCHER").Task.WaitAsync(Patience.Long));
            pids = [.. launcher.Started.Keys];
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        foreach (var pid in pids)
        {
            Assert.True(await ChildProcess.WaitGoneAsync(pid, Patience.Long), $"engine process {pid} outlived the cluster");
        }
    }

    [Fact]
    public async Task A_custom_launcher_named_by_its_type_is_created_with_the_options()
    {
        var options = new ClusterOptions { Launcher = EngineLauncherKind.Custom, LauncherType = typeof(SiteLauncher).AssemblyQualifiedName };
        await using var cluster = await Cluster.StartAsync(engines: 1, options);
        Assert.Equal("site-launcher", await cluster.Client[0].ApplyAsync(LauncherWork.Variable, "SITE_LAUNCHER").Task.WaitAsync(Patience.Long));

        options.LauncherType = "Nowhere.Launcher, Nowhere";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Cluster.StartAsync(engines: 1, options));
        Assert.Contains("'Nowhere.Launcher, Nowhere' was not found", error.Message);
    }

    /// <summary>
    /// A launcher as a site would write one: it starts each engine process itself (with the engine command and
    /// environment the context gives, plus a variable of its own), and stops one by closing its standard input.
    /// </summary>
    public sealed class SiteLauncher(EngineLaunchOptions options) : EngineLauncher(options)
    {
        public SiteLauncher()
            : this(new EngineLaunchOptions())
        {
        }

        public ConcurrentQueue<int> Launches { get; } = new();

        public ConcurrentDictionary<int, Process> Started { get; } = new();

        public override bool IsRemote => false;

        public override Task<IReadOnlyList<LaunchedEngines>> LaunchAsync(int count, EngineLaunchContext context, CancellationToken cancellationToken)
        {
            Launches.Enqueue(count);
            var launched = new List<LaunchedEngines>();
            for (var i = 0; i < count; i++)
            {
                var launchId = EngineLaunchContext.NewLaunchId();
                var start = new ProcessStartInfo(context.EngineCommand.Program) { RedirectStandardInput = true, UseShellExecute = false };
                foreach (var argument in context.EngineCommand.Arguments.Append("--watch-stdin"))
                {
                    start.ArgumentList.Add(argument);
                }

                foreach (var (name, value) in (context with { LaunchId = launchId }).EngineEnvironment)
                {
                    start.Environment[name] = value;
                }

                start.Environment["SITE_LAUNCHER"] = "site-launcher";
                var process = Process.Start(start)!;
                Started[process.Id] = process;
                launched.Add(new LaunchedEngines(new EngineUnit { Launcher = Kind, Engines = 1, Pid = process.Id, LaunchId = launchId }, process));
            }

            return Task.FromResult<IReadOnlyList<LaunchedEngines>>(launched);
        }

        public override Task CancelAsync(EngineUnit unit, CancellationToken cancellationToken)
        {
            if (unit.Pid is { } pid && Started.TryGetValue(pid, out var process) && !process.HasExited)
            {
                // The engine watches its standard input and leaves when it closes.
                process.StandardInput.Close();
            }

            return Task.CompletedTask;
        }

        public override Task<bool> IsGoneAsync(EngineUnit unit, CancellationToken cancellationToken) =>
            Task.FromResult(unit.Pid is not { } pid || !Started.TryGetValue(pid, out var process) || process.HasExited);
    }
}
