using Microsoft.Extensions.Logging;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>Connecting through profiles in a temporary REMOTEKIT_DIR.</summary>
public sealed class ProfileConnectTests : IDisposable
{
    private readonly TempDirectory _home = new("remotekit-profiles-");
    private readonly string? _before = Environment.GetEnvironmentVariable(RemoteKitProfile.DirectoryVariable);

    public ProfileConnectTests()
    {
        // No other test in this assembly reads REMOTEKIT_DIR.
        Environment.SetEnvironmentVariable(RemoteKitProfile.DirectoryVariable, _home.Path);
        RemoteKitProfile.Locate("alpha").EnsureDirectories();
        RemoteKitProfile.Locate("beta").EnsureDirectories();
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(RemoteKitProfile.DirectoryVariable, _before);
        _home.Dispose();
    }

    [Fact]
    public async Task Connecting_to_a_profile_that_does_not_exist_fails_within_a_second_and_names_those_that_do()
    {
        var connecting = RemoteClient.ConnectAsync(TimeSpan.FromSeconds(30), profile: "gamma");
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.Contains("'gamma'", error.Message);
        Assert.Contains("alpha, beta", error.Message);
        Assert.Contains("remotekit profile create gamma", error.Message);
    }

    [Fact]
    public async Task Connecting_to_a_profile_with_no_running_cluster_fails_at_once_and_says_how_to_start_one()
    {
        // The state a cleanly stopped cluster leaves: the profile, and no connection file.
        var connecting = RemoteClient.ConnectAsync(TimeSpan.FromSeconds(30), profile: "alpha");
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains("profile 'alpha'", error.Message);
        Assert.Contains(RemoteKitProfile.Locate("alpha").ClientConnectionFile, error.Message);
        Assert.Contains("remotekit cluster start --profile alpha", error.Message);
    }

    [Fact]
    public async Task Connecting_while_the_profiles_cluster_starts_waits_for_its_connection_file_and_says_so()
    {
        var alpha = RemoteKitProfile.Locate("alpha");
        alpha.MarkStarting();
        await using var cluster = await Cluster.StartAsync(engines: 1);
        var log = new RecordingLogger();
        var connecting = RemoteClient.ConnectAsync(Patience.Long, profile: "alpha", logger: log);

        // Once the client said it waits, the cluster "finishes starting": its connection file appears.
        var waiting = (await log.WaitForAsync(e => e.Level == LogLevel.Information)).Message;
        Assert.Contains("'alpha'", waiting);
        Assert.Contains(alpha.ClientConnectionFile, waiting);
        cluster.ConnectionInfo.Save(alpha.ClientConnectionFile);
        alpha.ClearStarting();

        await using var client = await connecting.WaitAsync(Patience.Long);
        Assert.Equal(cluster.Client.Ids, client.Ids);
    }
}
