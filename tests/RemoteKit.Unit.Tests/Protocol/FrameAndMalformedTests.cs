using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>Framing (<see cref="Frame.TryRead"/>) and what happens to bodies that do not parse.</summary>
public class FrameAndMalformedTests
{
    private static readonly byte[] Two = Concat(Hex("03000000 2B 0102"), Hex("01000000 2C"));

    [Fact]
    public void Reads_frames_one_after_another()
    {
        var input = new ReadOnlySequence<byte>(Two);
        Assert.True(Frame.TryRead(ref input, 100, out var kind, out var body));
        Assert.Equal((byte)MessageKind.EngineWelcome, kind);
        Assert.Equal(Hex("0102"), body.ToArray());
        Assert.True(Frame.TryRead(ref input, 100, out kind, out body));
        Assert.Equal((byte)MessageKind.Stop, kind);
        Assert.True(body.IsEmpty);
        Assert.True(input.IsEmpty);
        Assert.False(Frame.TryRead(ref input, 100, out _, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void Partial_input_is_left_for_later(int available)
    {
        var input = new ReadOnlySequence<byte>(Two, 0, available);
        Assert.False(Frame.TryRead(ref input, 100, out _, out _));
        Assert.Equal(available, input.Length);
    }

    [Fact]
    public void Zero_length_is_refused()
    {
        var input = new ReadOnlySequence<byte>(Hex("00000000 01"));
        Assert.Throws<FrameTooLargeException>(() => Frame.TryRead(ref input, 100, out _, out _));
    }

    [Fact]
    public void Oversized_length_is_refused_before_the_body_arrives()
    {
        var input = new ReadOnlySequence<byte>(Hex("65000000 01"));
        var e = Assert.Throws<FrameTooLargeException>(() => Frame.TryRead(ref input, 100, out _, out _));
        Assert.Contains("101", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    public void Frames_split_across_segments_are_read(int split)
    {
        var input = Segments(Two[..split], Two[split..9], Two[9..]);
        Assert.False(input.IsSingleSegment);
        Assert.True(Frame.TryRead(ref input, 100, out var kind, out var body));
        Assert.Equal((byte)MessageKind.EngineWelcome, kind);
        Assert.Equal(Hex("0102"), body.ToArray());
        Assert.True(Frame.TryRead(ref input, 100, out kind, out _));
        Assert.Equal((byte)MessageKind.Stop, kind);
    }

    [Fact]
    public void Messages_read_from_segmented_bodies()
    {
        var bytes = Hex("0807060504030201 03000000 01000000 10270000 00");
        var r = new WireReader(Segments(bytes[..3], bytes[3..9], bytes[9..17], bytes[17..]));
        Assert.Equal(new SubmitMessage(0x0102030405060708, 3, 1, 10000), SubmitMessage.Read(ref r));
    }

    [Fact]
    public void Truncated_header_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Read(Hex("0807060504"), static (ref WireReader r) => SubmitMessage.Read(ref r)));

    [Fact]
    public void Count_beyond_the_message_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Read(Hex("E8030000 0500000000000000"), static (ref WireReader r) => AbortMessage.Read(ref r)));

    [Fact]
    public void Negative_count_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Read(Hex("FFFFFFFF"), static (ref WireReader r) => EngineSetMessage.Read(ref r)));

    [Fact]
    public void String_longer_than_the_message_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Read(Hex("05 10000000 3132"), static (ref WireReader r) =>
        {
            TaskBody.ReadKind(ref r);
            return ExecuteTask.Read(ref r);
        }));

    [Fact]
    public void Found_flag_other_than_zero_or_one_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Read(Concat(Hex("02"), HashA), static (ref WireReader r) => CodeBundleMessage.ReadHeader(ref r)));

    [Fact]
    public void Upload_that_is_not_a_bundle_is_a_violation()
    {
        Assert.Throws<ProtocolViolationException>(() => Read(Concat(HashA, Hex("03000000 41")), ReadWholeBundle));
        Assert.Throws<ProtocolViolationException>(() => Read(Concat(HashA, Str("App"), Hex("00000000 99")), ReadWholeBundle));
    }

    [Fact]
    public void Unknown_batch_item_status_is_a_violation() =>
        Assert.Throws<ProtocolViolationException>(() => Read(Hex("07 00000000"), static (ref WireReader r) => BatchReply.ReadItem(ref r)));

    private delegate T ReadFunc<T>(ref WireReader r);

    /// <summary>What the controller does with an upload: read a whole bundle, and nothing may follow it.</summary>
    private static CodeBundle ReadWholeBundle(ref WireReader r)
    {
        var bundle = CodeBundle.Read(ref r);
        r.ExpectEnd();
        return bundle;
    }

    private static T Read<T>(byte[] bytes, ReadFunc<T> read)
    {
        var r = new WireReader(new ReadOnlySequence<byte>(bytes));
        return read(ref r);
    }

    /// <summary>A sequence of <paramref name="parts"/>, one segment each.</summary>
    internal static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var first = new Segment(parts[0], 0);
        var last = first;
        foreach (var part in parts.Skip(1))
        {
            last = last.Append(part);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
