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
