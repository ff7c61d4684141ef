using System.Buffers;
using MemoryPack;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Protocol;

/// <summary>
/// Golden bytes of what running tasks send their callers (task events: output, stream items, progress, published values), of
/// stream tasks and their flow control, and the reader's refusals of malformed ones.
/// </summary>
public class LiveLayoutTests
{
    private static readonly string H = Convert.ToHexString(HashA);

    [Fact]
    public void An_output_event_carries_pieces_in_order_with_what_was_dropped_before_each()
    {
        var frame = Message.Start(new EngineTaskEventMessage(7, 2, TaskEventKind.Output), 64);
        OutputEvent.Write(frame, [new OutputChunk(OutputStreamKind.Stdout, 0, "hi"), new OutputChunk(OutputStreamKind.Stderr, 3, "e")]);
        var bytes = Hex("2F000000 3F 0700000000000000 02000000 01 02000000 01 0000000000000000 02000000 6869 02 0300000000000000 01000000 65");
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(new EngineTaskEventMessage(7, 2, TaskEventKind.Output), EngineTaskEventMessage.Read(ref r));
        Assert.Equal(
            [new OutputChunk(OutputStreamKind.Stdout, 0, "hi"), new OutputChunk(OutputStreamKind.Stderr, 3, "e")],
            OutputEvent.Read(ref r));
    }

    [Fact]
    public void The_controller_forwards_an_event_to_its_client_by_rewriting_only_the_kind_and_the_task_id()
    {
        var frame = Message.Start(new EngineTaskEventMessage(7, 2, TaskEventKind.Output), 64);
        OutputEvent.Write(frame, [new OutputChunk(OutputStreamKind.Stdout, 0, "hi")]);
        var sent = frame.Finish();
        var buffer = sent.Memory.ToArray();

        var forwarded = EngineTaskEventMessage.RewriteAsTaskEvent(buffer, buffer.Length, clientTaskId: 11);
        var bytes = Hex("21000000 19 0B00000000000000 02000000 01 01000000 01 0000000000000000 02000000 6869");
        Assert.Equal(bytes, forwarded.Memory.ToArray());
        Assert.Equal(bytes, Of(FrameOf(new TaskEventMessage(11, 2, TaskEventKind.Output), bytes[18..])));
        sent.Return();

        var r = Reader(bytes[5..]);
        Assert.Equal(new TaskEventMessage(11, 2, TaskEventKind.Output), TaskEventMessage.Read(ref r));
    }

    [Fact]
    public void The_controller_tells_a_client_the_task_id_of_its_resubmitted_task_as_an_event()
    {
        var frame = Message.Start(new TaskEventMessage(11, 2, TaskEventKind.Resubmitted), ResubmittedEvent.Size);
        new ResubmittedEvent(42).Write(frame);
        var bytes = Hex("16000000 19 0B00000000000000 02000000 05 2A00000000000000");
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(new TaskEventMessage(11, 2, TaskEventKind.Resubmitted), TaskEventMessage.Read(ref r));
        Assert.Equal(new ResubmittedEvent(42), ResubmittedEvent.Read(ref r));
    }

    [Fact]
    public void Stream_items_are_a_batch_numbered_from_its_first_item_as_one_raw_array_of_unmanaged_items()
    {
        var items = MemoryPackSerializer.Serialize(new[] { 1, 2, 3 });
        Assert.Equal(Hex("03000000 01000000 02000000 03000000"), items);
        var frame = Message.Start(new EngineTaskEventMessage(7, 2, TaskEventKind.StreamItems), 64);
        new StreamItemsEvent(First: 4, Count: 3).Write(frame);
        frame.Write(items);
        var bytes = Hex("2A000000 3F 0700000000000000 02000000 02 0400000000000000 03000000 03000000 01000000 02000000 03000000");
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(TaskEventKind.StreamItems, EngineTaskEventMessage.Read(ref r).Event);
        Assert.Equal(new StreamItemsEvent(4, 3), StreamItemsEvent.Read(ref r));
        Assert.Equal([1, 2, 3], MemoryPackSerializer.Deserialize<int[]>(r.Rest)!);
    }

    [Fact]
    public void A_progress_event_is_the_reported_value()
    {
        var frame = Message.Start(new EngineTaskEventMessage(7, 2, TaskEventKind.Progress), 16);
        MemoryPackSerializer.Serialize(frame, 0.5);
        var bytes = Hex("16000000 3F 0700000000000000 02000000 03 000000000000E03F");
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(TaskEventKind.Progress, EngineTaskEventMessage.Read(ref r).Event);
        Assert.Equal(0.5, MemoryPackSerializer.Deserialize<double>(ProgressEvent.ReadValue(ref r)));
    }

    [Fact]
    public void A_data_event_names_the_value_and_its_type()
    {
        var frame = Message.Start(new TaskEventMessage(11, 2, TaskEventKind.Data), 64);
        new DataEvent("n", "System.Int32").Write(frame);
        MemoryPackSerializer.Serialize(frame, 5);
        var bytes = Hex("27000000 19 0B00000000000000 02000000 04 01000000 6E 0C000000 53797374656D2E496E743332 05000000");
        Assert.Equal(bytes, Of(frame.Finish()));

        var r = Reader(bytes[5..]);
        Assert.Equal(new TaskEventMessage(11, 2, TaskEventKind.Data), TaskEventMessage.Read(ref r));
        Assert.Equal(new DataEvent("n", "System.Int32"), DataEvent.Read(ref r));
        Assert.Equal(5, MemoryPackSerializer.Deserialize<int>(r.Rest));
    }

    [Fact]
    public void A_stream_acknowledgement_and_the_credit_it_becomes_carry_the_running_total_consumed()
    {
        var ack = Hex("11000000 06 0B00000000000000 0A00000000000000");
        Assert.Equal(ack, Of(Message.ToFrame(new StreamAckMessage(11, 10))));
        var r = Reader(ack[5..]);
        Assert.Equal(new StreamAckMessage(11, 10), StreamAckMessage.Read(ref r));

        var credit = Hex("11000000 2E 0700000000000000 0A00000000000000");
        Assert.Equal(credit, Of(Message.ToFrame(new StreamCreditMessage(7, 10))));
        r = Reader(credit[5..]);
        Assert.Equal(new StreamCreditMessage(7, 10), StreamCreditMessage.Read(ref r));
    }

    [Fact]
    public void A_stream_task_carries_its_window_and_its_reply_the_count_of_items_sent()
    {
        var bytes = Hex("07 4200000000000000" + H + "00000100 00004000 AA");
        Assert.Equal(bytes, Body(w =>
        {
            new StreamTask(0x42, HashA, 65536, 4 * 1024 * 1024).Write(w);
            w.Write(Hex("AA"));
        }));
        var r = Reader(bytes);
        Assert.Equal(TaskKind.Stream, TaskBody.ReadKind(ref r));
        var task = StreamTask.Read(ref r);
        Assert.Equal((0x42UL, 65536, 4 * 1024 * 1024), (task.MethodId, task.WindowItems, task.WindowBytes));
        Assert.Equal(HashA, task.BundleHash);
        Assert.Equal(Hex("AA"), TaskBody.RestAsMemory(r).ToArray());

        var reply = Hex("40420F0000000000");
        Assert.Equal(reply, Body(w => StreamReply.Write(w, 1_000_000)));
        Assert.Equal(1_000_000L, StreamReply.Read(new ReadOnlySequence<byte>(reply)));
    }

    [Theory]
    [InlineData("0700000000000000 02000000 05", "Unknown task event kind 5 from an engine")]
    [InlineData("0700000000000000 02000000 06", "Unknown task event kind 6")]
    [InlineData("0700000000000000 02000000 00", "Unknown task event kind 0")]
    public void An_unknown_event_kind_breaks_the_protocol(string header, string message)
    {
        var error = Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(Hex(header));
            EngineTaskEventMessage.Read(ref r);
        });
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01000000 03 0000000000000000 00000000", "Unknown output stream 3")]
    [InlineData("01000000 01 FFFFFFFFFFFFFFFF 00000000", "negative number of characters")]
    [InlineData("02000000 01 0000000000000000 00000000", "declares 2 items")]
    public void A_malformed_output_event_breaks_the_protocol(string body, string message)
    {
        var error = Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(Hex(body));
            OutputEvent.Read(ref r);
        });
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_stream_messages_break_the_protocol()
    {
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(Hex("0000000000000000 00000000"));
            StreamItemsEvent.Read(ref r);
        });
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(Hex("0700000000000000 FFFFFFFFFFFFFFFF"));
            StreamCreditMessage.Read(ref r);
        });
        Assert.Throws<ProtocolViolationException>(() =>
        {
            var r = Reader(Hex("4200000000000000" + H + "00000000 00004000"));
            StreamTask.Read(ref r);
        });
        Assert.Throws<ProtocolViolationException>(() => StreamReply.Read(new ReadOnlySequence<byte>(Hex("FFFFFFFFFFFFFFFF"))));
    }

    private static WireReader Reader(byte[] bytes) => new(new ReadOnlySequence<byte>(bytes));
}
