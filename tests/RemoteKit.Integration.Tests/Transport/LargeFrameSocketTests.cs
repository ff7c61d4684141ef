using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using RemoteKit.Buffers;
using RemoteKit.Diagnostics;
using RemoteKit.Transport;
using Xunit;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so.
namespace RemoteKit.Integration.Tests.TransportTests;

/// <summary>
/// How <see cref="FrameConnection"/> reads frames of 1 MiB and more over a real socket pair on 127.0.0.1: memory grows
/// with the bytes that arrive, the whole frame has a deadline, and a legitimate frame arrives intact in one array a
/// handler may keep. One test measures the process's managed memory, so these run alone.
/// </summary>
[Collection(ResidentMemory.Collection)]
public sealed class LargeFrameSocketTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Peer_that_declares_nearly_one_gibibyte_and_stalls_is_closed_at_the_deadline_holding_little_memory()
    {
        const uint declared = (1u << 30) - 64;
        var pool = new LargeBufferPool(TimeSpan.FromHours(1), 1L << 30);
        var logger = new RecordingLogger();
        using var pair = await SocketPair.OpenAsync();
        await using var connection = new FrameConnection(
            pair.Server, new NetworkStream(pair.Server), 1L << 30, logger, new FrameDeadline(TimeSpan.FromSeconds(5), long.MaxValue), pool);

        var sent = new byte[Frame.HeaderLength + MiB];
        BinaryPrimitives.WriteUInt32LittleEndian(sent, declared);
        sent[Frame.PrefixLength] = 42;
        await pair.Client.SendAsync(sent);

        var handled = 0;
        await connection.RunAsync((_, in _) => handled++, CancellationToken.None).WaitAsync(Patience.Long);

        Assert.Equal(0, handled);
        var total = Frame.PrefixLength + (long)declared;
        var reason = connection.CloseReason!;
        Assert.Contains($"{sent.Length:N0} of the {total:N0} bytes", reason, StringComparison.Ordinal);
        var warning = Assert.Single(logger.Entries, e => e.EventId == EventIds.FrameDeadlineMissed);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(connection.Name, warning.Message, StringComparison.Ordinal);
        Assert.Contains($"{total:N0}", warning.Message, StringComparison.Ordinal);

        // One 16 MiB array, not the declared gibibyte, and it went back to the pool.
        Assert.InRange(pool.AllocatedBytes, 1, 17 * MiB);
        Assert.Equal(pool.AllocatedBytes, pool.RetainedBytes);
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true), 0, declared / 4);
    }

    [Fact]
    public async Task Sixty_four_mebibyte_frames_arrive_intact_in_one_array_and_the_second_reuses_it()
    {
        const int body = 64 * MiB;
        var pool = new LargeBufferPool(TimeSpan.FromHours(1), 1L << 30);
        using var pair = await SocketPair.OpenAsync();
        await using var connection = new FrameConnection(pair.Server, new NetworkStream(pair.Server), 1L << 30, new RecordingLogger(), pool: pool);

        var frame = new byte[Frame.HeaderLength + body];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, body + 1);
        frame[Frame.PrefixLength] = 7;
        new Random(9).NextBytes(frame.AsSpan(Frame.HeaderLength));
        var expected = SHA256.HashData(frame);

        var received = new List<(byte Kind, byte[] Hash, int Length)>();
        var allocatedAfterFirst = 0L;
        var running = connection.RunAsync(
            (kind, in content) =>
            {
                Assert.Equal(body, content.Length);
                Assert.True(connection.TryTakeLargeFrame(out var buffer, out var length));
                received.Add((kind, SHA256.HashData(buffer.AsSpan(0, length)), length));
                pool.Return(buffer);
                allocatedAfterFirst = allocatedAfterFirst == 0 ? pool.AllocatedBytes : allocatedAfterFirst;
            },
            CancellationToken.None);

        using (var stream = new NetworkStream(pair.Client))
        {
            for (var round = 0; round < 2; round++)
            {
                for (var at = 0; at < frame.Length; at += 3 * MiB)
                {
                    await stream.WriteAsync(frame.AsMemory(at, Math.Min(3 * MiB, frame.Length - at)));
                }
            }
        }

        pair.Client.Shutdown(SocketShutdown.Send);
        await running.WaitAsync(Patience.Long);

        Assert.Equal("peer closed the connection", connection.CloseReason);
        Assert.Equal(2, received.Count);
        Assert.All(received, r =>
        {
            Assert.Equal(7, r.Kind);
            Assert.Equal(frame.Length, r.Length);
            Assert.Equal(expected, r.Hash);
        });

        // Grown 16 MiB -> whole frame; the second frame took the first one's array from the pool.
        Assert.InRange(allocatedAfterFirst, frame.Length, frame.Length + 17 * MiB);
        Assert.Equal(allocatedAfterFirst, pool.AllocatedBytes);
    }

    [Fact]
    public async Task A_large_frame_its_receiver_takes_is_read_straight_into_the_receivers_memory_and_the_next_frame_is_handled_as_usual()
    {
        const int body = 24 * MiB;
        const int header = 8;
        var pool = new LargeBufferPool(TimeSpan.FromHours(1), 1L << 30);
        using var pair = await SocketPair.OpenAsync();
        await using var connection = new FrameConnection(pair.Server, new NetworkStream(pair.Server), 1L << 30, new RecordingLogger(), pool: pool);

        var frame = new byte[Frame.HeaderLength + body];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, body + 1);
        frame[Frame.PrefixLength] = 9;
        new Random(3).NextBytes(frame.AsSpan(Frame.HeaderLength));
        var small = new byte[] { 3, 0, 0, 0, 5, 1, 2 };

        // The receiver reads its own header (the first 8 bytes of the body) and gives a destination for the rest.
        var destination = new byte[body - header];
        byte[]? headerSeen = null;
        var completed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.LargeFrameSinks = (kind, start, length) =>
        {
            Assert.Equal(9, kind);
            Assert.Equal(body, length);
            headerSeen = start.Slice(0, header).ToArray();
            return new LargeFrameSink(header, destination, failure => completed.TrySetResult(failure));
        };

        var handled = new List<(byte Kind, byte[] Body)>();
        var running = connection.RunAsync((kind, in content) => handled.Add((kind, content.ToArray())), CancellationToken.None);
        using (var stream = new NetworkStream(pair.Client))
        {
            for (var at = 0; at < frame.Length; at += 5 * MiB)
            {
                await stream.WriteAsync(frame.AsMemory(at, Math.Min(5 * MiB, frame.Length - at)));
            }

            await stream.WriteAsync(small);
        }

        pair.Client.Shutdown(SocketShutdown.Send);
        await running.WaitAsync(Patience.Long);

        Assert.Null(await completed.Task.WaitAsync(Patience.Long));
        Assert.Equal(frame.AsSpan(Frame.HeaderLength, header).ToArray(), headerSeen);
        Assert.True(frame.AsSpan(Frame.HeaderLength + header).SequenceEqual(destination), "the destination differs from the frame's bytes");
        var (smallKind, smallBody) = Assert.Single(handled);
        Assert.Equal(5, smallKind);
        Assert.Equal(new byte[] { 1, 2 }, smallBody);
        Assert.Equal(0, pool.AllocatedBytes);
        Assert.Equal(frame.Length + small.Length, connection.BytesReceived);
    }

    [Fact]
    public async Task A_receiver_whose_large_frame_is_cut_off_hears_why_and_the_connection_closes()
    {
        const int body = 8 * MiB;
        using var pair = await SocketPair.OpenAsync();
        await using var connection = new FrameConnection(pair.Server, new NetworkStream(pair.Server), 1L << 30, new RecordingLogger());
        var completed = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.LargeFrameSinks = (_, _, length) => new LargeFrameSink(0, new byte[length], failure => completed.TrySetResult(failure));

        var running = connection.RunAsync((_, in _) => { }, CancellationToken.None);
        var half = new byte[Frame.HeaderLength + (body / 2)];
        BinaryPrimitives.WriteUInt32LittleEndian(half, body + 1);
        half[Frame.PrefixLength] = 9;
        await pair.Client.SendAsync(half);
        pair.Client.Shutdown(SocketShutdown.Send);
        await running.WaitAsync(Patience.Long);

        var failure = await completed.Task.WaitAsync(Patience.Long);
        Assert.NotNull(failure);
        Assert.Contains("in the middle of a frame", failure, StringComparison.Ordinal);
        Assert.Equal(failure, connection.CloseReason);
    }

    /// <summary>Two connected sockets on 127.0.0.1.</summary>
    internal sealed class SocketPair : IDisposable
    {
        private SocketPair(Socket client, Socket server)
        {
            Client = client;
            Server = server;
        }

        public Socket Client { get; }

        public Socket Server { get; }

        public static async Task<SocketPair> OpenAsync()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(listener.LocalEndPoint!);
            return new SocketPair(client, await listener.AcceptAsync());
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
