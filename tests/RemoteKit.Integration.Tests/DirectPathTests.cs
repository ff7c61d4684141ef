using System.Buffers.Binary;
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Connections;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Bulk data on the direct client–engine path: it arrives intact, it is authenticated and bounded like every connection,
/// engines that die fail the transfer's task cleanly, and under TLS the direct path is TLS too, pinned to the engine's own certificate.
/// </summary>
public sealed class DirectPathTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Large_push_pull_broadcast_scatter_and_gather_travel_directly_and_arrive_intact()
    {
        // The controller refuses frames over 8 MiB: the 32 MiB values below can only have travelled directly.
        var options = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) };
        options.Settings["RemoteKit:Controller:MaxFrameBytes"] = (8 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var cluster = await Cluster.StartAsync(2, options);
        var client = cluster.Client;
        using var ready = new CancellationTokenSource(Patience.Long);
        Assert.True(await client.Direct.WaitReadyAsync(0, ready.Token));
        Assert.True(await client.Direct.WaitReadyAsync(1, ready.Token));

        var values = Doubles(4 * MiB, seed: 1);
        await client[0].PushAsync(new { values });
        Assert.Equal(values, await client[0].PullAsync<double[]>("values"));

        // An array of primitives arrives straight into the array it becomes, and only as the type it is.
        var asLongs = await Assert.ThrowsAsync<RemoteException>(() => client[0].PullAsync<long[]>("values").Task);
        Assert.Contains("System.Double[]", asLongs.Message, StringComparison.Ordinal);
        Assert.Contains("System.Int64[]", asLongs.Message, StringComparison.Ordinal);
        Assert.Equal(values, await client[0].PullAsync<double[]>("values"));
        var into = new double[values.Length];
        Assert.Equal(values.Length, await client[0].PullIntoAsync<double>("values", into));
        Assert.Equal(values, into);

        // The synchronous form writes into the caller's span from the received frame, and only up to the value's length.
        var reused = new double[values.Length + 3];
        reused.AsSpan().Fill(-1);
        Assert.Equal(values.Length, client[0].PullInto<double>("values", reused.AsSpan()));
        Assert.Equal(values, reused[..values.Length]);
        Assert.Equal([-1, -1, -1], reused[values.Length..]);
        Assert.Throws<ArgumentException>(() => client[0].PullInto<double>("values", new double[values.Length - 1].AsSpan()));

        var spread = Doubles(6 * MiB, seed: 2);
        await client[..].ScatterAsync("spread", spread);
        Assert.Equal(spread, await client[..].GatherAsync<double>("spread"));
        var halves = await client[..].PullAsync<double[]>("spread");
        Assert.Equal(spread, halves[0].Concat(halves[1]));

        // A gather keeps each piece in the buffer it arrived in until it is copied into the result: a wrong element type
        // is refused, and the next gathers, of new values and of the first, come back whole.
        var asLongArray = await Assert.ThrowsAnyAsync<Exception>(() => client[..].GatherAsync<long>("spread").Task);
        Assert.Contains("System.Int64[]", asLongArray.Message, StringComparison.Ordinal);
        var again = Doubles(6 * MiB, seed: 5);
        await client[..].ScatterAsync("again", again);
        Assert.Equal(again, await client[..].GatherAsync<double>("again"));
        Assert.Equal(spread, await client[..].GatherAsync<double>("spread"));

        var everywhere = Doubles(2 * MiB, seed: 8);
        await client[..].PushAsync(new { everywhere });
        Assert.All(await client[..].PullAsync<double[]>("everywhere"), pulled => Assert.Equal(everywhere, pulled));

        // Small values keep going through the controller.
        await client[1].PushAsync(new { small = 42 });
        Assert.Equal(42, await client[1].PullAsync<int>("small"));
    }

    [Fact]
    public async Task The_direct_path_refuses_a_wrong_key_an_oversized_frame_and_a_peer_stalling_mid_frame_and_the_engine_keeps_serving()
    {
        var options = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) };
        options.Settings["RemoteKit:Engine:MaxFrameBytes"] = (16 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Settings["RemoteKit:Engine:FrameTimeout"] = "00:00:05";
        await using var cluster = await Cluster.StartAsync(1, options);
        var client = cluster.Client;
        using var ready = new CancellationTokenSource(Patience.Long);
        Assert.True(await client.Direct.WaitReadyAsync(0, ready.Token));
        var engine = (IPEndPoint)client.Direct.Ready(0)!.Connection!.RemoteEndPoint!;
        var host = engine.Address.ToString();

        var wrongKey = new byte[32];
        await Assert.ThrowsAsync<AuthenticationException>(() => Connector.ConnectAsync(
            host, engine.Port, wrongKey, PeerRole.Client, Connector.DefaultMaxFrameBytes, NullLogger.Instance, ready.Token));

        // 24 MiB is over the engine's 16 MiB limit: it closes that direct connection, and the push fails naming the limit.
        var tooLarge = await Assert.ThrowsAsync<RemoteException>(async () => await client[0].PushAsync(new { big = Doubles(3 * MiB, seed: 3) }));
        Assert.Contains("over the limit", tooLarge.RemoteMessage, StringComparison.Ordinal);

        // A peer with the key that announces a 12 MiB frame, sends 1 MiB of it and stalls is cut off at the frame's deadline.
        var stalling = await Connector.ConnectAsync(
            host, engine.Port, cluster.ConnectionInfo.GetKeyBytes(), PeerRole.Client, Connector.DefaultMaxFrameBytes, NullLogger.Instance, ready.Token);
        var running = stalling.RunAsync((_, in _) => { }, CancellationToken.None);
        stalling.Send(Message.ToFrame(new DirectHelloMessage(Guid.NewGuid())));
        var start = ArrayPool<byte>.Shared.Rent(Frame.PrefixLength + MiB);
        BinaryPrimitives.WriteUInt32LittleEndian(start, 12 * MiB);
        start[Frame.PrefixLength] = (byte)MessageKind.DirectData;
        stalling.Send(new OutgoingFrame(start, Frame.PrefixLength + MiB));

        // Meanwhile, other traffic to the engine goes on.
        await client[0].PushAsync(new { a = 3 });
        Assert.Equal(3, await client[0].PullAsync<int>("a"));

        await running.WaitAsync(Patience.Long);
        Assert.Equal("peer closed the connection", stalling.CloseReason);
        await stalling.DisposeAsync();

        // And bulk data still goes directly afterwards (on a new direct connection after the refused frame).
        Assert.True(await client.Direct.WaitReadyAsync(0, ready.Token));
        var values = Doubles(MiB, seed: 4);
        await client[0].PushAsync(new { values });
        Assert.Equal(values, await client[0].PullAsync<double[]>("values"));
    }

    [Fact]
    public async Task An_engine_that_dies_with_direct_transfers_queued_fails_them_with_EngineLostException()
    {
        await using var cluster = await Cluster.StartAsync(2, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2), Restart = { Enabled = false } });
        var client = cluster.Client;
        using var ready = new CancellationTokenSource(Patience.Long);
        Assert.True(await client.Direct.WaitReadyAsync(1, ready.Token));
        var values = Doubles(2 * MiB, seed: 5);
        await client[1].PushAsync(new { values });

        // Engine 1 is busy, so the push and the pull wait in its queue, their data already sent or to be sent directly.
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        var pid = await client[1].ApplyAsync(Work.ProcessId);
        var busy = client[1].ApplyAsync(Work.WaitForFile, gate);
        var push = client[1].PushAsync(new { more = Doubles(2 * MiB, seed: 6) });
        var pull = client[1].PullAsync<double[]>("values");
        using (var engine = Process.GetProcessById(pid))
        {
            engine.Kill();
        }

        // The push and the pull were sent just before the kill: on a loaded machine the controller may see the engine go
        // before their tasks arrive, and then answers that there is no engine 1. Either way the error names engine 1.
        foreach (var queued in new AsyncResult[] { push, pull })
        {
            var error = await Assert.ThrowsAnyAsync<RemoteKitException>(async () => await queued.Completion.WaitAsync(Patience.Long));
            Assert.True(error is EngineLostException { EngineId: 1 } or EngineNotFoundException { EngineId: 1 }, error.ToString());
        }

        await Assert.ThrowsAsync<EngineLostException>(async () => await busy.Completion.WaitAsync(Patience.Long));

        Assert.True(await client.Direct.WaitReadyAsync(0, ready.Token));
        await client[0].PushAsync(new { values });
        Assert.Equal(values, await client[0].PullAsync<double[]>("values"));
    }

    [Fact]
    public async Task Under_TLS_bulk_data_travels_directly_over_TLS_pinned_to_the_engines_own_certificate()
    {
        // The controller refuses frames over 8 MiB: the 32 MiB value below can only have travelled directly.
        var options = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2), Tls = true };
        options.Settings["RemoteKit:Controller:MaxFrameBytes"] = (8 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var cluster = await Cluster.StartAsync(1, options);
        var client = cluster.Client;
        using var ready = new CancellationTokenSource(Patience.Long);
        Assert.True(await client.Direct.WaitReadyAsync(0, ready.Token));

        var values = Doubles(4 * MiB, seed: 7);
        await client[0].PushAsync(new { values });
        Assert.Equal(values, await client[0].PullAsync<double[]>("values"));

        // The engine's direct port speaks TLS with a certificate of its own, not the controller's, and nothing in the clear.
        var engine = (IPEndPoint)client.Direct.Ready(0)!.Connection!.RemoteEndPoint!;
        var host = engine.Address.ToString();
        var key = cluster.ConnectionInfo.GetKeyBytes();
        await Assert.ThrowsAnyAsync<Exception>(() => Connector.ConnectAsync(
            host, engine.Port, key, PeerRole.Client, Connector.DefaultMaxFrameBytes, NullLogger.Instance, ready.Token));
        var pinnedToController = await Assert.ThrowsAsync<AuthenticationException>(() => Connector.ConnectAsync(
            host, engine.Port, key, PeerRole.Client, Connector.DefaultMaxFrameBytes, NullLogger.Instance, ready.Token, cluster.ConnectionInfo.TlsFingerprint));
        Assert.Contains(cluster.ConnectionInfo.TlsFingerprint!, pinnedToController.Message, StringComparison.Ordinal);

        // The engine still serves its direct client.
        await client[0].PushAsync(new { again = values });
        Assert.Equal(values, await client[0].PullAsync<double[]>("again"));
    }

    private static double[] Doubles(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        return values;
    }
}
