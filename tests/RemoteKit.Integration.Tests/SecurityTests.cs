using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using RemoteKit.Security;
using Xunit;

namespace RemoteKit.Integration.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SecurityTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    private ConnectionInfo Info => fixture.Cluster.ConnectionInfo;

    [Fact]
    public async Task A_client_with_the_wrong_key_is_refused_and_reaches_no_engine()
    {
        var before = await CompletedTasksAsync();
        var stranger = Info with { Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

        var error = await Assert.ThrowsAsync<AuthenticationException>(() => RemoteClient.ConnectAsync(stranger, Patience.Long));
        Assert.Contains("key does not match", error.Message);

        Assert.Equal(before, await CompletedTasksAsync());
        Assert.Equal(ClusterFixture.EngineCount, (await Client[..].ApplyAsync(Work.EngineId)).Length);
    }

    [Fact]
    public async Task Garbage_instead_of_a_handshake_is_disconnected_and_others_keep_working()
    {
        using var socket = await ConnectRawAsync();
        await socket.SendAsync(RandomNumberGenerator.GetBytes(4096));
        Assert.True(await ClosedByPeerAsync(socket));
        Assert.Equal(2, await Client[2].ApplyAsync(Work.EngineId));
    }

    [Fact]
    public async Task An_oversized_frame_closes_only_its_own_connection()
    {
        await using var other = await RemoteClient.ConnectAsync(Info, Patience.Long);
        using var socket = await ConnectRawAsync();
        using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            await Handshake.ConnectAsync(stream, Info.GetKeyBytes(), PeerRole.Client, [], CancellationToken.None);
            var header = new byte[5];
            BinaryPrimitives.WriteUInt32LittleEndian(header, uint.MaxValue);
            header[4] = 1;
            await stream.WriteAsync(header);
        }

        Assert.True(await ClosedByPeerAsync(socket));
        Assert.Equal(0, await other[0].ApplyAsync(Work.EngineId));
        Assert.Equal(1, await Client[1].ApplyAsync(Work.EngineId));
    }

    private async Task<long> CompletedTasksAsync() => (await Client.QueueStatusAsync()).Engines.Sum(e => e.Completed);

    private async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(Info.Host, Info.Port);
        return socket;
    }

    /// <summary>Reads until the controller closes the connection (end of stream or reset).</summary>
    private static async Task<bool> ClosedByPeerAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(Patience.Long);
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }

        return true;
    }
}
