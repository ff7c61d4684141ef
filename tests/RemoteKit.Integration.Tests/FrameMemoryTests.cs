using System.Buffers.Binary;
using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Connections;
using RemoteKit.Security;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// The controller's memory against peers that announce huge frames and stall: each is disconnected at the frame's
/// deadline with a logged reason, the controller holds far less than was announced, and it keeps serving clients.
/// </summary>
public sealed class FrameMemoryTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Peers_that_announce_huge_frames_and_stall_are_cut_off_without_the_controller_allocating_them()
    {
        // 100 MiB frames: a deadline of 10 s (at 10 MiB/s; more than the 3 s FrameTimeout asks at least), for all at once.
        const int peers = 4;
        const uint declared = 100 * MiB;
        using var logs = new RecordingLogger();
        var options = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2), LoggerFactory = logs };
        options.Settings["RemoteKit:Controller:FrameTimeout"] = "00:00:03";
        await using var cluster = await Cluster.StartAsync(1, options);
        var controller = cluster.ProcessIds[0];
        var before = ResidentBytes(controller, "VmRSS");

        var connections = new List<(FrameConnection Connection, Task Running)>();
        for (var i = 0; i < peers; i++)
        {
            var connection = await Connector.ConnectAsync(
                "127.0.0.1", cluster.ConnectionInfo.Port, cluster.ConnectionInfo.GetKeyBytes(), PeerRole.Client,
                Connector.DefaultMaxFrameBytes, NullLogger.Instance, CancellationToken.None, cluster.ConnectionInfo.TlsFingerprint);
            connections.Add((connection, connection.RunAsync((_, in _) => { }, CancellationToken.None)));

            // A length prefix, then 1 MiB of the announced 100 MiB, then nothing more.
            var start = ArrayPool<byte>.Shared.Rent(Frame.PrefixLength + MiB);
            BinaryPrimitives.WriteUInt32LittleEndian(start, declared);
            start.AsSpan(Frame.PrefixLength, MiB).Fill(1);
            connection.Send(new OutgoingFrame(start, Frame.PrefixLength + MiB));
        }

        foreach (var (connection, running) in connections)
        {
            // The controller hangs up: our read loop ends without anyone here closing the connection.
            await running.WaitAsync(Patience.Long);
            Assert.Equal("peer closed the connection", connection.CloseReason);
            await connection.DisposeAsync();
        }

        var logged = await logs.WaitForAsync(e => e.Message.Contains("bytes of a frame within its deadline", StringComparison.Ordinal));
        Assert.Contains($"of the {Frame.PrefixLength + declared:N0} bytes", logged.Message, StringComparison.Ordinal);

        // Announced: 400 MiB. Held at the peak: a 16 MiB array per peer (generous bound for GC slack).
        var peak = ResidentBytes(controller, "VmHWM");
        Assert.True(peak - before < 200L * MiB, $"the controller grew from {before / MiB} MiB to a peak of {peak / MiB} MiB");

        Assert.Equal(243L, await cluster.Client[0].ApplyAsync(Work.Power, 3L, 5));
    }

    private static long ResidentBytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
