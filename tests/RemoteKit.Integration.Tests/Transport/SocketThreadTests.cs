using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using RemoteKit.Transport;
using Xunit;
using static RemoteKit.Integration.Tests.TransportTests.LargeFrameSocketTests;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so.
namespace RemoteKit.Integration.Tests.TransportTests;

/// <summary>
/// A <see cref="FrameConnection"/> told to run on the socket thread (the one-hop connections): small frames are handled
/// there, while large reads and large frames move to the thread pool first, since that thread serves every socket of the
/// process; and whatever the thread, every frame arrives whole and in order.
/// </summary>
public sealed class SocketThreadTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Small_frames_are_handled_on_the_socket_thread_and_a_large_one_on_the_thread_pool()
    {
        using var pair = await SocketPair.OpenAsync();
        await using var connection = new FrameConnection(pair.Server, new NetworkStream(pair.Server), 1L << 30, new RecordingLogger());
        Assert.True(connection.RunOnSocketThread() || OperatingSystem.IsWindows(), "the runtime refused the socket-thread switch");
        var seen = new ConcurrentDictionary<byte, (bool OnPool, int Length)>();
        var arrived = new ConcurrentDictionary<byte, TaskCompletionSource>();
        TaskCompletionSource ArrivalOf(byte kind) => arrived.GetOrAdd(kind, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        // Reading before anything is sent: each frame below completes a read that waited.
        var running = connection.RunAsync(
            (kind, in body) =>
            {
                seen[kind] = (Thread.CurrentThread.IsThreadPoolThread, (int)body.Length);
                ArrivalOf(kind).TrySetResult();
            },
            CancellationToken.None);

        await pair.Client.SendAsync(Make(1, 10));
        await ArrivalOf(1).Task.WaitAsync(Patience.Long);
        var large = Make(2, 2 * MiB);
        await pair.Client.SendAsync(large);
        await ArrivalOf(2).Task.WaitAsync(Patience.Long);

        Assert.Equal((false, 10), seen[1]);
        Assert.Equal((true, 2 * MiB), seen[2]);

        // The same small frame on a connection left as it was is handled on the thread pool: the switch is what moved it.
        using var plainPair = await SocketPair.OpenAsync();
        await using var plain = new FrameConnection(plainPair.Server, new NetworkStream(plainPair.Server), 1L << 30, new RecordingLogger());
        var plainSeen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var plainRunning = plain.RunAsync((_, in _) => plainSeen.TrySetResult(Thread.CurrentThread.IsThreadPoolThread), CancellationToken.None);
        await plainPair.Client.SendAsync(Make(1, 10));
        Assert.True(await plainSeen.Task.WaitAsync(Patience.Long));

        pair.Client.Shutdown(SocketShutdown.Send);
        plainPair.Client.Shutdown(SocketShutdown.Send);
        await Task.WhenAll(running, plainRunning).WaitAsync(Patience.Long);
    }

    [Fact]
    public async Task Frames_of_every_size_arrive_whole_and_in_order_on_the_socket_thread()
    {
        using var pair = await SocketPair.OpenAsync();
        await using var connection = new FrameConnection(pair.Server, new NetworkStream(pair.Server), 1L << 30, new RecordingLogger());
        connection.RunOnSocketThread();
        var random = new Random(24);

        // Mostly small; some past the bytes a read handles on the socket thread (SocketThread.MostBytesHandled), which
        // gather over several reads; a few of the large-frame size.
        var sizes = Enumerable.Range(0, 600)
            .Select(i => i % 97 == 5 ? MiB + random.Next(1, 300_000) : i % 13 == 0 ? random.Next(SocketThread.MostBytesHandled, 900_000) : random.Next(1, 2_000))
            .ToList();
        var frames = sizes.Select((size, i) => Make((byte)(i % 200 + 1), size)).ToList();
        var received = new List<byte[]>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = connection.RunAsync(
            (kind, in body) =>
            {
                var frame = new byte[Frame.HeaderLength + body.Length];
                BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)body.Length + 1);
                frame[Frame.PrefixLength] = kind;
                body.CopyTo(frame.AsSpan(Frame.HeaderLength));
                received.Add(frame);
                if (received.Count == frames.Count)
                {
                    all.TrySetResult();
                }
            },
            CancellationToken.None);

        // Sent in uneven pieces, so that frames straddle reads.
        var stream = frames.SelectMany(f => f).ToArray();
        for (var at = 0; at < stream.Length;)
        {
            var piece = Math.Min(stream.Length - at, random.Next(1, 300_000));
            await pair.Client.SendAsync(stream.AsMemory(at, piece));
            at += piece;
        }

        await all.Task.WaitAsync(Patience.Long);
        pair.Client.Shutdown(SocketShutdown.Send);
        await running.WaitAsync(Patience.Long);

        Assert.Equal(frames.Count, received.Count);
        for (var i = 0; i < frames.Count; i++)
        {
            Assert.True(frames[i].AsSpan().SequenceEqual(received[i]), $"frame {i} ({sizes[i]:N0} bytes) arrived different");
        }

        Assert.Equal(stream.Length, connection.BytesReceived);
    }

    /// <summary>A frame of <paramref name="kind"/> whose body is <paramref name="bodyLength"/> bytes that differ frame by frame.</summary>
    private static byte[] Make(byte kind, int bodyLength)
    {
        var frame = new byte[Frame.HeaderLength + bodyLength];
        new Random(kind * 7919 + bodyLength).NextBytes(frame.AsSpan(Frame.HeaderLength));
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)bodyLength + 1);
        frame[Frame.PrefixLength] = kind;
        return frame;
    }
}
