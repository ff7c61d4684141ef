using System.Net.Sockets;
using System.Security.Cryptography;
using RemoteKit.Buffers;
using RemoteKit.Transport;
using Xunit;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so.
namespace RemoteKit.Integration.Tests.TransportTests;

/// <summary>
/// A frame whose body ends in a shared buffer (a pulled value sent from where it lies) arrives whole, small or large, and
/// gives its share of that buffer back once sent. It takes its array back from the process-wide pool, so no other test of
/// this process may rent from it meanwhile: it runs alone.
/// </summary>
[Collection(ResidentMemory.Collection)]
public sealed class FrameTailTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Frames_with_a_tail_arrive_whole_and_release_their_share_once_sent()
    {
        using var pair = await LargeFrameSocketTests.SocketPair.OpenAsync();
        await using var sender = new FrameConnection(pair.Client, new NetworkStream(pair.Client), 1L << 30, new RecordingLogger());
        var receiverPool = new LargeBufferPool(TimeSpan.FromHours(1), 1L << 30);
        await using var receiver = new FrameConnection(pair.Server, new NetworkStream(pair.Server), 1L << 30, new RecordingLogger(), pool: receiverPool);

        // A size no other test's rent from the shared pool can take (the receiver has a pool of its own).
        const int large = (15 * MiB) + (5 * 64 * 1024);
        var bigArray = LargeBufferPool.Shared.Rent(large);
        Random.Shared.NextBytes(bigArray);
        var big = new SharedBuffer(bigArray);
        var small = new SharedBuffer(new byte[] { 1, 2, 3, 4, 5 });

        var received = new List<(byte Kind, byte[] Hash)>();
        var done = new TaskCompletionSource();
        var receiving = receiver.RunAsync(
            (kind, in body) =>
            {
                received.Add((kind, SHA256.HashData(System.Buffers.BuffersExtensions.ToArray(body))));
                if (received.Count == 2)
                {
                    done.TrySetResult();
                }
            },
            CancellationToken.None);
        var sending = sender.RunAsync((_, in _) => { }, CancellationToken.None);

        Assert.True(sender.Send(Head(7, [9]).Finish(small.Array.AsMemory(1, 3), small)));
        Assert.True(sender.Send(Head(8, [6, 6]).Finish(bigArray.AsMemory(100, large - 100), big)));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal([7, 8], received.Select(r => r.Kind));
        Assert.Equal(SHA256.HashData(new byte[] { 9, 2, 3, 4 }), received[0].Hash);
        Assert.Equal(SHA256.HashData([6, 6, .. bigArray.AsSpan(100, large - 100)]), received[1].Hash);

        // Once the sender is done, the frame's share is gone: the owner's own release sends the array back to the pool.
        sender.Close("done");
        receiver.Close("done");
        await Task.WhenAll(receiving, sending).WaitAsync(TimeSpan.FromSeconds(120));
        // (Asked by identity: renting back by size may hand out another array of the same length that another test returned.)
        big.Release();
        Assert.True(LargeBufferPool.Shared.Holds(bigArray), "the array did not go back to the pool once its last share was released");
    }

    private static FrameBuilder Head(byte kind, byte[] start)
    {
        var frame = new FrameBuilder(kind);
        start.CopyTo(frame.GetSpan(start.Length));
        frame.Advance(start.Length);
        return frame;
    }
}
