using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>Clients that reach their controller through an SSH tunnel, against the test sshd hosts.</summary>
[Collection(ResourceManagers.Collection)]
public sealed class SshTunnelTests
{
    [Fact]
    public async Task A_client_reaches_its_controller_through_an_ssh_tunnel_and_the_tunnel_closes_with_it()
    {
        var config = ResourceManagers.RequireSsh();
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = await RemoteClient.ConnectAsync(cluster.ConnectionInfo, new SshTunnelOptions("rk-host2") { ConfigFile = config }, Patience.Long);
        try
        {
            // It connected to the tunnel's end on this machine, not to the controller's port.
            Assert.Equal("127.0.0.1", client.ConnectionInfo.Host);
            Assert.NotEqual(cluster.ConnectionInfo.Port, client.ConnectionInfo.Port);
            Assert.Equal(2, client.Ids.Count);
            Assert.Equal(32L, await client.LoadBalancedView().ApplyAsync(Work.Power, 2, 5).Task.WaitAsync(Patience.Long));

            // Bulk data goes through the controller (the engines' own addresses are not the tunnel's), whole.
            var data = Enumerable.Range(0, 600_000).Select(i => (double)i).ToArray();
            await client[client.Ids[0]].PushAsync(new { data }).Completion.WaitAsync(Patience.Long);
            Assert.Equal(data, await client[client.Ids[0]].PullAsync<double[]>("data").Task.WaitAsync(Patience.Long));
        }
        finally
        {
            var tunnel = client.Tunnel!;
            await client.DisposeAsync();
            await tunnel.Exited.WaitAsync(Patience.Long);
        }
    }

    [Fact]
    public async Task A_tunnel_that_cannot_log_in_fails_with_what_ssh_said()
    {
        var config = ResourceManagers.RequireSsh();
        await using var cluster = await Cluster.StartAsync(engines: 1);
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(
            () => RemoteClient.ConnectAsync(cluster.ConnectionInfo, new SshTunnelOptions("rk-nobody@rk-host2") { ConfigFile = config }, Patience.Long));
        Assert.Contains("SSH tunnel through rk-nobody@rk-host2", error.Message);
        Assert.Contains("ssh exited with code 255", error.Message);
    }
}
