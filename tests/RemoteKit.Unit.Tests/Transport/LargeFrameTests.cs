using System.Buffers.Binary;
using System.Buffers;
using System.Net.Sockets;
using RemoteKit.Buffers;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so (HubTests).
namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>
/// How <see cref="FrameConnection"/> parses frames of 1 MiB and more from a scripted stream: split anywhere, or cut off in
/// the middle. The same over real sockets (memory, deadline, reuse of the array) is in the integration tests'
/// <c>LargeFrameSocketTests</c>. They allocate large frames, so they run alone beside <see cref="HugePagesTests"/>.
/// </summary>
[Collection(ResidentMemory.Collection)]
public sealed class LargeFrameTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Frames_split_at_every_boundary_still_parse()
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
    public async Task Peer_that_closes_in_the_middle_of_a_large_frame_gives_its_array_back()
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
}
