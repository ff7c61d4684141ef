using System.Buffers;
using System.Diagnostics;
using RemoteKit.Protocol;

namespace RemoteKit.Unit.Tests.Protocol;

public sealed class TraceFieldTests
{
    private static readonly ActivityContext Sample = new(
        ActivityTraceId.CreateFromString("4bf92f3577b34da6a3ce929d0e0e4736"),
        ActivitySpanId.CreateFromString("00f067aa0ba902b7"),
        ActivityTraceFlags.Recorded,
        "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");

    [Fact]
    public void A_context_round_trips_with_its_trace_state_and_comes_back_remote()
    {
        var buffer = new byte[TraceField.GetLength(Sample)];

        var written = TraceField.Write(Sample, buffer);
        var ok = TraceField.TryRead(buffer, out var read, out var consumed);

        Assert.True(ok);
        Assert.Equal(buffer.Length, written);
        Assert.Equal(written, consumed);
        Assert.Equal(Sample.TraceId, read.TraceId);
        Assert.Equal(Sample.SpanId, read.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, read.TraceFlags);
        Assert.Equal(Sample.TraceState, read.TraceState);
        Assert.True(read.IsRemote);
    }

    [Fact]
    public void The_fields_are_those_of_a_w3c_traceparent()
    {
        var buffer = new byte[TraceField.GetLength(Sample)];
        TraceField.Write(Sample, buffer);
        TraceField.TryRead(buffer, out var read, out _);

        using var child = new Activity("child").SetParentId(read.TraceId, read.SpanId, read.TraceFlags).Start();

        Assert.Equal("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", ActivityContextToTraceParent(read));
        Assert.Equal(Sample.TraceId, child.TraceId);
        Assert.Equal(Sample.SpanId, child.ParentSpanId);
    }

    [Fact]
    public void A_forwarder_rewrites_the_parent_span_in_place_and_keeps_trace_and_state()
    {
        var buffer = new byte[TraceField.GetLength(Sample) + 4];
        TraceField.Write(Sample, buffer);
        var controllerSpan = ActivitySpanId.CreateFromString("b7ad6b7169203331");

        var rewritten = TraceField.TryRewriteSpanId(buffer, controllerSpan);
        TraceField.TryRead(buffer, out var read, out var consumed);

        Assert.True(rewritten);
        Assert.Equal(controllerSpan, read.SpanId);
        Assert.Equal(Sample.TraceId, read.TraceId);
        Assert.Equal(Sample.TraceState, read.TraceState);
        Assert.Equal(TraceField.GetLength(Sample), consumed);
        Assert.False(TraceField.TryRewriteSpanId(new byte[] { 0 }, controllerSpan));
    }

    [Fact]
    public void No_context_is_one_byte()
    {
        var buffer = new byte[8];

        var written = TraceField.Write(default(ActivityContext), buffer);
        var ok = TraceField.TryRead(buffer, out var read, out var consumed);

        Assert.Equal(1, written);
        Assert.True(ok);
        Assert.Equal(1, consumed);
        Assert.Equal(default, read);
    }

    [Fact]
    public void An_oversized_trace_state_is_dropped_and_the_rest_kept()
    {
        var big = new ActivityContext(Sample.TraceId, Sample.SpanId, Sample.TraceFlags, "k=" + new string('v', 600));
        var buffer = new byte[TraceField.GetLength(big)];

        TraceField.Write(big, buffer);
        TraceField.TryRead(buffer, out var read, out _);

        Assert.Equal(TraceField.FixedLength, buffer.Length);
        Assert.Equal(Sample.TraceId, read.TraceId);
        Assert.Null(read.TraceState);
    }

    [Fact]
    public void Truncated_or_foreign_bytes_are_refused()
    {
        var buffer = new byte[TraceField.GetLength(Sample)];
        TraceField.Write(Sample, buffer);

        Assert.False(TraceField.TryRead(buffer.AsSpan(0, buffer.Length - 1), out _, out _));
        Assert.False(TraceField.TryRead(buffer.AsSpan(0, 10), out _, out _));
        Assert.False(TraceField.TryRead([], out _, out _));
        Assert.False(TraceField.TryRead([7, 1, 2, 3], out _, out _));
        var zeroIds = new byte[TraceField.FixedLength];
        zeroIds[0] = 1;
        Assert.False(TraceField.TryRead(zeroIds, out _, out _));
    }

    [Fact]
    public void A_frame_reader_reads_the_field_across_segments_and_stops_after_it()
    {
        var writer = new ArrayBufferWriter<byte>();
        TraceField.Write(writer, Sample);
        writer.Write<byte>([0xAB, 0xCD]);
        var bytes = writer.WrittenMemory;
        var sequence = Segments(bytes, 5);
        var reader = new SequenceReader<byte>(sequence);

        var ok = TraceField.TryRead(ref reader, out var read);

        Assert.True(ok);
        Assert.Equal(Sample.TraceId, read.TraceId);
        Assert.Equal(Sample.TraceState, read.TraceState);
        Assert.True(reader.TryRead(out var next));
        Assert.Equal(0xAB, next);
    }

    [Fact]
    public void A_frame_reader_is_left_where_it_was_on_truncated_input()
    {
        var writer = new ArrayBufferWriter<byte>();
        TraceField.Write(writer, Sample);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(writer.WrittenMemory[..^3]));

        var ok = TraceField.TryRead(ref reader, out _);

        Assert.False(ok);
        Assert.Equal(0, reader.Consumed);
    }

    private static string ActivityContextToTraceParent(ActivityContext c) =>
        $"00-{c.TraceId.ToHexString()}-{c.SpanId.ToHexString()}-{(byte)c.TraceFlags:x2}";

    private static ReadOnlySequence<byte> Segments(ReadOnlyMemory<byte> bytes, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i < bytes.Length; i += size)
        {
            var chunk = bytes.Slice(i, Math.Min(size, bytes.Length - i));
            if (last is null)
            {
                first = last = new Segment(chunk, 0);
            }
            else
            {
                last = last.Append(chunk);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
