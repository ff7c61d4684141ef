using System.Buffers.Binary;
using System.Buffers;
using System.Net.Sockets;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using RemoteKit.Buffers;
using RemoteKit.Diagnostics;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so (HubTests).
namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>
/// How <see cref="FrameConnection"/> reads frames of 1 MiB and more: memory grows with the bytes that arrive, the whole
/// frame has a deadline, and a legitimate frame arrives intact in one array a handler may keep. One test measures the
/// process's managed memory, so these run alone.
/// </summary>
[Collection(ResidentMemory.Collection)]
public sealed class LargeFrameTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task PeerThatDeclaresNearlyOneGibibyteAndStallsIsClosedAtTheDeadlineHoldingLittleMemory()
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
    public async Task SixtyFourMebibyteFramesArriveIntactInOneArrayAndTheSecondReusesIt()
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
    public async Task FramesSplitAtEveryBoundaryStillParse()
    {
        var frames = new[] { Make(3, 10), Make(4, MiB + 3), Make(5, 1), Make(6, 17) };
        var stream = frames.SelectMany(f => f).ToArray();
        var starts = new List<int>();
        for (int i = 0, at = 0; i < frames.Length; at += frames[i].Length, i++)
        {
            starts.Add(at);
        }

        starts.Add(stream.Length);
        var splits = starts.SelectMany(s => Enumerable.Range(s - Frame.HeaderLength - 2, 2 * Frame.HeaderLength + 5))
            .Where(s => s > 0 && s < stream.Length)
            .Distinct()
            .ToList();

        foreach (var split in splits)
        {
            var received = await ReceiveAsync([stream.AsMemory(0, split), stream.AsMemory(split)]);
            AssertFrames(frames, received, $"split at {split}");
        }

        // And in pieces of 1 to 7 bytes all the way through.
        var pieces = new List<ReadOnlyMemory<byte>>();
        for (int at = 0, size = 1; at < stream.Length; at += size, size = size % 7 + 1)
        {
            pieces.Add(stream.AsMemory(at, Math.Min(size, stream.Length - at)));
        }

        AssertFrames(frames, await ReceiveAsync(pieces), "tiny pieces");
    }

    [Fact]
    public async Task PeerThatClosesInTheMiddleOfALargeFrameGivesItsArrayBack()
    {
        var pool = new LargeBufferPool(TimeSpan.FromHours(1), 1L << 30);
        var frame = Make(4, 20 * MiB);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await using var connection = new FrameConnection(socket, new ScriptedStream([frame.AsMemory(0, 17 * MiB)]), 1L << 30, new RecordingLogger(), pool: pool);

        await connection.RunAsync((_, in _) => Assert.Fail("a partial frame was handled"), CancellationToken.None).WaitAsync(Patience.Long);

        Assert.Contains($"{17 * MiB:N0} of {frame.Length:N0} bytes", connection.CloseReason, StringComparison.Ordinal);
        Assert.Equal(pool.AllocatedBytes, pool.RetainedBytes);
        Assert.Equal(2, pool.RetainedArrays);
    }

    private static byte[] Make(byte kind, int bodyLength)
    {
        var frame = new byte[Frame.HeaderLength + bodyLength];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)bodyLength + 1);
        frame[Frame.PrefixLength] = kind;
        for (var i = Frame.HeaderLength; i < frame.Length; i++)
        {
            frame[i] = (byte)(i * 31 + kind);
        }

        return frame;
    }

    private static void AssertFrames(byte[][] expected, List<byte[]> received, string what)
    {
        Assert.True(expected.Length == received.Count, $"{what}: {received.Count} frames");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i].AsSpan(Frame.PrefixLength).SequenceEqual(received[i]), $"{what}: frame {i} differs");
        }
    }

    /// <summary>Reads <paramref name="pieces"/> through a connection; each read of the stream returns at most one piece.</summary>
    private static async Task<List<byte[]>> ReceiveAsync(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await using var connection = new FrameConnection(socket, new ScriptedStream(pieces), 1L << 30, new RecordingLogger());
        var received = new List<byte[]>();
        await connection.RunAsync(
            (kind, in body) =>
            {
                var large = connection.TryTakeLargeFrame(out var buffer, out var length);
                Assert.Equal(body.Length >= 1024 * 1024 - Frame.HeaderLength, large);
                received.Add([kind, .. body.ToArray()]);
                if (large)
                {
                    Assert.Equal(Frame.HeaderLength + body.Length, length);
                    Assert.Equal(kind, buffer[Frame.PrefixLength]);
                    PooledBuffers.Return(buffer);
                }
            },
            CancellationToken.None).WaitAsync(Patience.Long);
        Assert.Equal("peer closed the connection", connection.CloseReason);
        return received;
    }

    /// <summary>A read-only stream that hands out the given pieces, at most one per read, then ends.</summary>
    private sealed class ScriptedStream(IReadOnlyList<ReadOnlyMemory<byte>> pieces) : Stream
    {
        private int _piece;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_piece < pieces.Count && _offset == pieces[_piece].Length)
            {
                _piece++;
                _offset = 0;
            }

            if (_piece == pieces.Count)
            {
                return 0;
            }

            var n = Math.Min(buffer.Length, pieces[_piece].Length - _offset);
            pieces[_piece].Span.Slice(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
