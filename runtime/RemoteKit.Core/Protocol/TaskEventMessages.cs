using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// Engine → controller, while a task runs: <c>[u64 task id][i32 engine id][u8 event kind]</c>, then the event's body (its
/// <see cref="TaskEventKind"/>'s type) to the end of the frame. The controller forwards it to the task's client as a
/// <see cref="TaskEventMessage"/>, in order with the task's other frames, so every event of a task reaches the client before
/// its result.
/// </summary>
internal readonly record struct EngineTaskEventMessage(ulong TaskId, int EngineId, TaskEventKind Event) : IMessage
{
    public const int HeaderSize = 8 + 4 + 1;

    public MessageKind Kind => MessageKind.EngineTaskEvent;

    public int SizeHint => HeaderSize;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(TaskId);
        w.WriteI32(EngineId);
        w.WriteU8((byte)Event);
    }

    /// <summary>Reads the header; <paramref name="r"/> is left at the event's body.</summary>
    public static EngineTaskEventMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadI32(), TaskEvents.ReadKind(ref r, fromEngine: true));

    /// <summary>
    /// Turns a whole EngineTaskEvent frame (from offset 0 of <paramref name="frame"/>) into the client's TaskEvent frame in
    /// the same buffer: both headers have the same layout, so only the kind and the task id change.
    /// </summary>
    public static OutgoingFrame RewriteAsTaskEvent(byte[] frame, int length, ulong clientTaskId)
    {
        frame[Frame.PrefixLength] = (byte)MessageKind.TaskEvent;
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(Frame.HeaderLength, 8), clientTaskId);
        return new OutgoingFrame(frame, 0, length);
    }
}

/// <summary>
/// Controller → client: <c>[u64 client task id][i32 engine id][u8 event kind]</c>, then the event's body, as the engine sent it
/// in an <see cref="EngineTaskEventMessage"/>.
/// </summary>
internal readonly record struct TaskEventMessage(ulong ClientTaskId, int EngineId, TaskEventKind Event) : IMessage
{
    public const int HeaderSize = EngineTaskEventMessage.HeaderSize;

    public MessageKind Kind => MessageKind.TaskEvent;

    public int SizeHint => HeaderSize;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(ClientTaskId);
        w.WriteI32(EngineId);
        w.WriteU8((byte)Event);
    }

    /// <summary>Reads the header; <paramref name="r"/> is left at the event's body.</summary>
    public static TaskEventMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadI32(), TaskEvents.ReadKind(ref r));
}

/// <summary>Reads event kinds.</summary>
internal static class TaskEvents
{
    /// <summary>Reads an event kind; an engine (<paramref name="fromEngine"/>) never sends <see cref="TaskEventKind.Resubmitted"/>.</summary>
    public static TaskEventKind ReadKind(ref WireReader r, bool fromEngine = false)
    {
        var kind = r.ReadU8();
        var last = fromEngine ? TaskEventKind.Data : TaskEventKind.Resubmitted;
        return kind >= (byte)TaskEventKind.Output && kind <= (byte)last
            ? (TaskEventKind)kind
            : throw new ProtocolViolationException($"Unknown task event kind {kind}{(fromEngine ? " from an engine" : "")}.");
    }
}

/// <summary>One piece of a task's output: what was written to one stream, and how much of that stream was dropped just before it.</summary>
/// <param name="Stream">Where it was written.</param>
/// <param name="DroppedBefore">Characters of this stream the engine did not send live just before this text (its live-output rate or buffer was exceeded).</param>
/// <param name="Text">The text, in the order written.</param>
internal readonly record struct OutputChunk(OutputStreamKind Stream, long DroppedBefore, string Text);

/// <summary>
/// The body of an <see cref="TaskEventKind.Output"/> event: <c>[i32 n]([u8 stream][i64 dropped before][string text])*n</c>,
/// pieces in the order they were written.
/// </summary>
internal static class OutputEvent
{
    public static void Write(IBufferWriter<byte> w, IReadOnlyList<OutputChunk> chunks)
    {
        w.WriteI32(chunks.Count);
        foreach (var chunk in chunks)
        {
            w.WriteU8((byte)chunk.Stream);
            w.WriteI64(chunk.DroppedBefore);
            w.WriteString(chunk.Text);
        }
    }

    public static OutputChunk[] Read(ref WireReader r)
    {
        var chunks = new OutputChunk[r.ReadCount(13)];
        for (var i = 0; i < chunks.Length; i++)
        {
            var stream = r.ReadU8();
            if (stream is not ((byte)OutputStreamKind.Stdout or (byte)OutputStreamKind.Stderr))
            {
                throw new ProtocolViolationException($"Unknown output stream {stream}.");
            }

            var dropped = r.ReadI64();
            chunks[i] = dropped >= 0
                ? new OutputChunk((OutputStreamKind)stream, dropped, r.ReadRequiredString())
                : throw new ProtocolViolationException("An output event says a negative number of characters was dropped.");
        }

        r.ExpectEnd();
        return chunks;
    }
}

/// <summary>
/// The body of a <see cref="TaskEventKind.StreamItems"/> event: <c>[i64 first][i32 count]</c>, then the items to the end of the
/// frame as MemoryPack writes a <c>T[]</c> of them (for an unmanaged <c>T</c>, one raw array). <c>first</c> is the index of
/// the first item in the whole stream, so a receiver sees at once if a batch is missing.
/// </summary>
internal readonly record struct StreamItemsEvent(long First, int Count)
{
    public const int Size = 8 + 4;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI64(First);
        w.WriteI32(Count);
    }

    /// <summary>Reads the header; <paramref name="r"/> is left at the items.</summary>
    public static StreamItemsEvent Read(ref WireReader r)
    {
        var first = r.ReadI64();
        var count = r.ReadI32();
        return first >= 0 && count > 0
            ? new StreamItemsEvent(first, count)
            : throw new ProtocolViolationException($"A stream batch starts at item {first} and holds {count} items.");
    }
}

/// <summary>The body of a <see cref="TaskEventKind.Progress"/> event: the reported value, MemoryPack bytes to the end of the frame.</summary>
internal static class ProgressEvent
{
    /// <summary>The value's bytes: the rest of the event.</summary>
    public static ReadOnlySequence<byte> ReadValue(ref WireReader r) => r.Rest;
}

/// <summary>
/// The body of a <see cref="TaskEventKind.Data"/> event: <c>[string name][string type name]</c>, then the value as MemoryPack
/// bytes of that type to the end of the frame (as a pulled namespace value travels).
/// </summary>
internal readonly record struct DataEvent(string Name, string TypeName)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteString(Name);
        w.WriteString(TypeName);
    }

    /// <summary>Reads the name and type; <paramref name="r"/> is left at the value.</summary>
    public static DataEvent Read(ref WireReader r) => new(r.ReadRequiredString(), r.ReadRequiredString());
}

/// <summary>
/// Client → controller: <c>[u64 client task id][i64 consumed]</c>, how many items of a stream the caller has taken so far
/// (a running total, so a repeated or late one does no harm). The controller passes it to the task's engine as a
/// <see cref="StreamCreditMessage"/>: the engine may then run ahead of it by the stream's window.
/// </summary>
internal readonly record struct StreamAckMessage(ulong ClientTaskId, long Consumed) : IMessage
{
    public MessageKind Kind => MessageKind.StreamAck;

    public int SizeHint => 16;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(ClientTaskId);
        w.WriteI64(Consumed);
    }

    public static StreamAckMessage Read(ref WireReader r) => new(r.ReadU64(), ReadConsumed(ref r));

    internal static long ReadConsumed(ref WireReader r)
    {
        var consumed = r.ReadI64();
        return consumed >= 0 ? consumed : throw new ProtocolViolationException($"A stream acknowledgement says {consumed} items were consumed.");
    }
}

/// <summary>Controller → engine: <c>[u64 task id][i64 consumed]</c>, a <see cref="StreamAckMessage"/> for the stream the engine runs.</summary>
internal readonly record struct StreamCreditMessage(ulong TaskId, long Consumed) : IMessage
{
    public MessageKind Kind => MessageKind.StreamCredit;

    public int SizeHint => 16;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(TaskId);
        w.WriteI64(Consumed);
    }

    public static StreamCreditMessage Read(ref WireReader r) => new(r.ReadU64(), StreamAckMessage.ReadConsumed(ref r));
}

/// <summary>
/// <c>[u8 Stream][u64 method id][32 bundle hash][i32 window items][i32 window bytes]</c>, then the method's MemoryPack arguments
/// to the end: a call of a [Remote] method that returns a stream. The engine sends its items in
/// <see cref="StreamItemsEvent"/>s, never more than the window (in items and in bytes) beyond what the caller has consumed
/// (<see cref="StreamCreditMessage"/>). The result payload is a <see cref="StreamReply"/>.
/// </summary>
internal readonly record struct StreamTask(ulong MethodId, byte[] BundleHash, int WindowItems, int WindowBytes)
{
    /// <summary>Writes the header; the caller writes the arguments after it.</summary>
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Stream);
        w.WriteU64(MethodId);
        w.Write(BundleHash);
        w.WriteI32(WindowItems);
        w.WriteI32(WindowBytes);
    }

    /// <summary>Reads the header after the kind byte; <paramref name="r"/> is left at the arguments.</summary>
    public static StreamTask Read(ref WireReader r)
    {
        var task = new StreamTask(r.ReadU64(), r.ReadHash(), r.ReadI32(), r.ReadI32());
        return task.WindowItems > 0 && task.WindowBytes > 0
            ? task
            : throw new ProtocolViolationException($"A stream task has a window of {task.WindowItems} items and {task.WindowBytes} bytes.");
    }
}

/// <summary>The result payload of a <see cref="StreamTask"/> that ended well: <c>[i64 items]</c>, how many items it sent in all.</summary>
internal static class StreamReply
{
    public static void Write(IBufferWriter<byte> w, long items) => w.WriteI64(items);

    public static long Read(in ReadOnlySequence<byte> payload)
    {
        var r = new WireReader(payload);
        var items = r.ReadI64();
        r.ExpectEnd();
        return items >= 0 ? items : throw new ProtocolViolationException($"A stream says it sent {items} items.");
    }
}

/// <summary>
/// The body of a <see cref="TaskEventKind.Resubmitted"/> event, which the controller sends a client when the task it resubmitted
/// (<see cref="ResubmitMessage"/>) reaches its first engine: <c>[u64 controller task id]</c>.
/// </summary>
internal readonly record struct ResubmittedEvent(ulong TaskId)
{
    public const int Size = 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(TaskId);

    public static ResubmittedEvent Read(ref WireReader r) => new(r.ReadU64());
}
