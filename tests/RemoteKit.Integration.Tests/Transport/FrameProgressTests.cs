using System.Net.Sockets;
using RemoteKit.Buffers;
using RemoteKit.Transport;
using Xunit;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so.
namespace RemoteKit.Integration.Tests.TransportTests;

/// <summary>
/// A frame that takes longer to cross than the heartbeats allow (a large value through the controller) holds up the
/// heartbeat frames queued behind it. Both ends report its progress while it is in flight, so the controller and the
/// engine see each other alive (<c>Hub.RunEngineAsync</c>, <c>HeartbeatResponder</c>).
/// </summary>
public sealed class FrameProgressTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Both_ends_report_progress_while_a_large_frame_crosses_before_it_is_handled()
    {
        using var pair = await LargeFrameSocketTests.SocketPair.OpenAsync();
        await using var sender = new FrameConnection(pair.Client, new NetworkStream(pair.Client), 1L << 30, new RecordingLogger());
        // The receiver's own pool, so the shared one keeps nothing of this test (others measure the process's memory).
        await using var receiver = new FrameConnection(
            pair.Server, new NetworkStream(pair.Server), 1L << 30, new RecordingLogger(), pool: new LargeBufferPool(TimeSpan.FromHours(1), 1L << 30));
        var written = 0;
        var read = 0;
        sender.Progress = () => Interlocked.Increment(ref written);
        receiver.Progress = () => Interlocked.Increment(ref read);

        var readBeforeHandled = -1;
        long handledLength = -1;
        var handled = new TaskCompletionSource();
        var receiving = receiver.RunAsync(
            (_, in body) =>
            {
                readBeforeHandled = Volatile.Read(ref read);
                handledLength = body.Length;
                handled.TrySetResult();
            },
            CancellationToken.None);
        var sending = sender.RunAsync((_, in _) => { }, CancellationToken.None);

        const int length = 32 * MiB;
        // Not from the shared pool, and this test's own share is never released: the array is left to the GC.
        var payload = new byte[length];
        Random.Shared.NextBytes(payload);
        var owner = new SharedBuffer(payload);
        Assert.True(sender.Send(new FrameBuilder(5).Finish(payload.AsMemory(0, length), owner)));
        await handled.Task.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(length, handledLength);
        // Every read of the frame's bytes counted, and the sender reported each piece it wrote (16 MiB).
        Assert.True(readBeforeHandled >= 2, $"{readBeforeHandled} progress reports while reading 32 MiB");
        Assert.InRange(Volatile.Read(ref written), length / FrameConnection.ProgressPieceBytes, int.MaxValue);

        sender.Close("done");
        receiver.Close("done");
        await Task.WhenAll(receiving, sending).WaitAsync(TimeSpan.FromSeconds(120));
    }
}
