using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>One real cluster (a controller and four engine processes on 127.0.0.1) shared by a test collection.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int EngineCount = 4;

    public Cluster Cluster { get; private set; } = null!;

    public RemoteClient Client => Cluster.Client;

    public async Task InitializeAsync() =>
        Cluster = await Cluster.StartAsync(engines: EngineCount, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>Generous limits for waiting on events on a loaded 2-core machine. Never used to measure speed.</summary>
internal static class Patience
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);
}

/// <summary>Waiting for things to happen, with a deadline (never a fixed sleep).</summary>
internal static class Events
{
    public static async Task FileAppearsAsync(string path)
    {
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { EnableRaisingEvents = true };
        var appeared = new TaskCompletionSource();
        watcher.Created += (_, _) => appeared.TrySetResult();
        watcher.Changed += (_, _) => appeared.TrySetResult();
        if (!File.Exists(path))
        {
            await appeared.Task.WaitAsync(Patience.Long);
        }
    }
}

/// <summary>Sends Unix signals to engine processes (SIGSTOP and SIGCONT, which .NET cannot send itself).</summary>
internal static class Signals
{
    public static void Send(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Xunit.Assert.Equal(0, kill.ExitCode);
    }
}
