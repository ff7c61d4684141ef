using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using RemoteKit.Diagnostics;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// Client → engine, on the client's direct connection: <c>[u64 client task id][i32 engine id][u64 task id][trace context]</c>,
/// then the task body (<see cref="TaskKind"/>) to the end of the frame. A task sent in one hop instead of through the
/// controller: the task id comes from a block the controller granted the client (<see cref="ControlOp.TaskIds"/>), so it
/// is unique in the cluster; the engine id says which of the process's engines runs it. The engine answers with a
/// <see cref="DirectResultMessage"/> on the same connection and reports the outcome to the controller in a
/// <see cref="DirectOutcomesMessage"/>.
/// </summary>
/// <remarks>
/// The fixed header is as long as a <see cref="SubmitMessage"/>'s and starts with the same two fields, so a Submit frame
/// becomes a DirectTask frame by rewriting the kind and the retries and timeout in place (<see cref="RewriteSubmit(Span{byte}, ulong)"/>).
/// </remarks>
internal readonly record struct DirectTaskMessage(ulong ClientTaskId, int EngineId, ulong TaskId, ActivityContext Trace = default) : IMessage
{
    /// <summary>The fixed part of the header, before the trace context.</summary>
    public const int HeaderSize = 8 + 4 + 8;

    public MessageKind Kind => MessageKind.DirectTask;

    /// <summary>Whether a task body of <paramref name="kind"/> may go in one hop: an ordinary call, batch, columns, push, pull or script.</summary>
    public static bool Carries(TaskKind kind) =>
        kind is TaskKind.Call or TaskKind.Batch or TaskKind.Columns or TaskKind.Push or TaskKind.Pull or TaskKind.Execute;

    public int SizeHint => HeaderSize + TraceField.GetLength(Trace);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(ClientTaskId);
        w.WriteI32(EngineId);
        w.WriteU64(TaskId);
        TraceField.Write(w, Trace);
    }

    /// <summary>Reads the header; <paramref name="r"/> is left at the task body.</summary>
    public static DirectTaskMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadI32(), r.ReadU64(), TraceField.Read(ref r));

    /// <summary>
    /// Turns a whole Submit frame for engine <c>target</c> (prefix, kind and header from the start of <paramref name="frame"/>)
    /// into the DirectTask frame of task <paramref name="taskId"/>, in place: the client task id and target stay, the retries
    /// and timeout (both 0 for a task sent in one hop) become the task id. Nothing else moves.
    /// </summary>
    public static void RewriteSubmit(Span<byte> frame, ulong taskId)
    {
        frame[Frame.PrefixLength] = (byte)MessageKind.DirectTask;
        BinaryPrimitives.WriteUInt64LittleEndian(frame.Slice(Frame.HeaderLength + 12, 8), taskId);
    }

    /// <summary>
    /// Turns a whole Submit frame for the load balancer into the DirectTask frame of task <paramref name="taskId"/> for engine
    /// <paramref name="engineId"/> (a load-balanced task placed on a leased slot), in place: as <see cref="RewriteSubmit(Span{byte}, ulong)"/>,
    /// and the target becomes the engine.
    /// </summary>
    public static void RewriteSubmit(Span<byte> frame, ulong taskId, int engineId)
    {
        RewriteSubmit(frame, taskId);
        BinaryPrimitives.WriteInt32LittleEndian(frame.Slice(Frame.HeaderLength + 8, 4), engineId);
    }
}

/// <summary>
/// Client → engine, on the direct connection: <c>[i32 engine id][u64 task id][i32 timeout ms]</c>, abort a task sent in one
/// hop (skipped if queued, its token cancelled if running), as the controller's <see cref="AbortTaskMessage"/> does. A
/// timeout above 0 says the task passed its <c>TaskOptions.Timeout</c> of that many milliseconds: it ends as timed out
/// (<see cref="ErrorKind.TimedOut"/>), and if it was running the engine tells the controller
/// (<see cref="DirectTimedOutMessage"/>), whose tasks queued behind it then run elsewhere.
/// </summary>
internal readonly record struct DirectAbortMessage(int EngineId, ulong TaskId, int TimeoutMilliseconds = 0) : IMessage
{
    public MessageKind Kind => MessageKind.DirectAbort;

    public int SizeHint => 16;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(EngineId);
        w.WriteU64(TaskId);
        w.WriteI32(TimeoutMilliseconds);
    }

    public static DirectAbortMessage Read(ref WireReader r)
    {
        var engine = r.ReadI32();
        var task = r.ReadU64();
        var timeout = r.ReadI32();
        return timeout >= 0 ? new(engine, task, timeout) : throw new ProtocolViolationException($"A client aborted task {task} with a timeout of {timeout} ms.");
    }
}

/// <summary>
/// Engine → controller: <c>[u64 task id]</c>, a task a client sent in one hop passed its timeout while it ran here
/// (<see cref="DirectAbortMessage.TimeoutMilliseconds"/>). The controller's load-balanced tasks queued on this engine wait
/// behind it, so they are taken back and run elsewhere at once, as behind a task of its own that timed out.
/// </summary>
internal readonly record struct DirectTimedOutMessage(ulong TaskId) : IMessage
{
    public MessageKind Kind => MessageKind.DirectTimedOut;

    public int SizeHint => 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(TaskId);

    public static DirectTimedOutMessage Read(ref WireReader r) => new(r.ReadU64());
}

/// <summary>
/// Client → controller: <c>[i32 engine id][u64 task id]</c>, the client aborted a task it sent to that engine in one hop. The
/// controller arms the deadline it arms for its own aborts, and recycles the engine if no outcome of the task is reported
/// within <c>AbortGrace</c>.
/// </summary>
internal readonly record struct DirectAbortedMessage(int EngineId, ulong TaskId) : IMessage
{
    public MessageKind Kind => MessageKind.DirectAborted;

    public int SizeHint => 12;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(EngineId);
        w.WriteU64(TaskId);
    }

    public static DirectAbortedMessage Read(ref WireReader r) => new(r.ReadI32(), r.ReadU64());
}

/// <summary>
/// Engine → client, on the direct connection: <c>[u64 client task id]</c>, then a result body (<see cref="ResultBody"/>), the
/// answer to a <see cref="DirectTaskMessage"/>.
/// </summary>
internal readonly record struct DirectResultMessage(ulong ClientTaskId) : IMessage
{
    public const int HeaderSize = 8;

    public MessageKind Kind => MessageKind.DirectResult;

    public int SizeHint => HeaderSize;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(ClientTaskId);

    /// <summary>Reads the header; <paramref name="r"/> is left at the result body.</summary>
    public static DirectResultMessage Read(ref WireReader r) => new(r.ReadU64());
}

/// <summary>
/// Engine → client, on the direct connection, while a task sent in one hop runs: <c>[u64 client task id][i32 engine id][u8
/// event kind]</c>, then the event's body, laid out as a <see cref="TaskEventMessage"/>. Sent before the task's
/// <see cref="DirectResultMessage"/> on the same connection, so it arrives before it.
/// </summary>
internal readonly record struct DirectTaskEventMessage(ulong ClientTaskId, int EngineId, TaskEventKind Event) : IMessage
{
    public const int HeaderSize = EngineTaskEventMessage.HeaderSize;

    public MessageKind Kind => MessageKind.DirectTaskEvent;

    public int SizeHint => HeaderSize;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(ClientTaskId);
        w.WriteI32(EngineId);
        w.WriteU8((byte)Event);
    }

    /// <summary>Reads the header; <paramref name="r"/> is left at the event's body.</summary>
    public static DirectTaskEventMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadI32(), TaskEvents.ReadKind(ref r, fromEngine: true));
}

/// <summary>
/// Client → engine, on the direct connection: <c>[u64 request id][i32 engine id]</c>, send the controller the outcomes of
/// tasks that engine ran in one hop now, then a <see cref="DirectFlushedMessage"/> of the same id behind them. A client asks
/// before it reads the history, so that its one-hop tasks that already answered are there.
/// </summary>
internal readonly record struct DirectFlushMessage(ulong RequestId, int EngineId) : IMessage
{
    public MessageKind Kind => MessageKind.DirectFlush;

    public int SizeHint => 12;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RequestId);
        w.WriteI32(EngineId);
    }

    public static DirectFlushMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadI32());
}

/// <summary>
/// <c>[u64 request id][guid direct client]</c>: the outcomes a <see cref="DirectFlushMessage"/> asked for were sent. The
/// engine sends it to the controller on its own connection, behind the outcomes, and the controller passes it on to the
/// client it names: the client hears of it only once the controller has taken the outcomes in, so the history read it sends
/// next finds them (an answer straight from the engine could overtake them). An engine with nothing to send (the engine
/// named is not its) answers on the direct connection.
/// </summary>
internal readonly record struct DirectFlushedMessage(ulong RequestId, Guid DirectClient) : IMessage
{
    public MessageKind Kind => MessageKind.DirectFlushed;

    public int SizeHint => 24;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RequestId);
        w.WriteGuid(DirectClient);
    }

    public static DirectFlushedMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadGuid());
}

/// <summary>
/// Engine → controller: <c>[i32 n]</c> then n <see cref="DirectOutcome"/>s, how tasks sent to it in one hop ended, so that the
/// controller's history, metrics, traces and dashboard see them as if they had passed through it. Sent within a couple of
/// milliseconds of the first outcome of a batch, every <see cref="MaxOutcomes"/> outcomes, and when a client asks
/// (<see cref="DirectFlushMessage"/>); never before a task's result leaves for its client.
/// </summary>
internal readonly record struct DirectOutcomesMessage(int Count) : IMessage
{
    /// <summary>The most outcomes one message carries.</summary>
    public const int MaxOutcomes = 64;

    public MessageKind Kind => MessageKind.DirectOutcomes;

    public int SizeHint => 4;

    public void Write(IBufferWriter<byte> w) => w.WriteI32(Count);

    /// <summary>Reads the count; <paramref name="r"/> is left at the first outcome.</summary>
    public static DirectOutcomesMessage Read(ref WireReader r) => new(r.ReadCount(DirectOutcome.MinSize));

    /// <summary>Writes the count of a message started with a count of 0 (at <paramref name="countAt"/>).</summary>
    public static void SetCount(Span<byte> countAt, int count) => BinaryPrimitives.WriteInt32LittleEndian(countAt, count);
}

/// <summary>
/// How one task sent in one hop ended (<see cref="DirectOutcomesMessage"/>): <c>[u64 task id][u64 client task id][16 client
/// id][i64 received ticks][i64 task bytes][blob task][i64 result bytes][blob result]</c>. The client id is the one its direct
/// connection said hello with (<see cref="DirectHelloMessage"/>); received is when the engine took the task (UTC ticks). The
/// task blob is the whole task body when it is at most <see cref="MaxKeptBytes"/>, else its first bytes (kind and method
/// id); the result blob is the whole result body (<see cref="ResultBody"/>) when it is at most that, else a result body with
/// the same header and error but no value and no output (a batch or columns task with a failed item is then an error: its
/// first failure). The byte counts are the real sizes.
/// </summary>
internal readonly record struct DirectOutcome(
    ulong TaskId, ulong ClientTaskId, Guid ClientId, long ReceivedTicks, long TaskBytes, ReadOnlySequence<byte> Task, long ResultBytes, ReadOnlySequence<byte> Result)
{
    /// <summary>The largest task or result body an outcome carries whole.</summary>
    public const int MaxKeptBytes = 64 * 1024;

    /// <summary>What is kept of a larger task body: its kind and method id.</summary>
    public const int TaskHeadBytes = 1 + 8;

    public const int MinSize = 8 + 8 + 16 + 8 + 8 + 4 + 8 + 4;

    /// <summary>Whether <see cref="Task"/> is the whole task body.</summary>
    public bool WholeTask => Task.Length == TaskBytes;

    public static void Write(
        IBufferWriter<byte> w, ulong taskId, ulong clientTaskId, Guid clientId, long receivedTicks, ReadOnlySpan<byte> task, ReadOnlyMemory<byte> resultBody)
    {
        var result = resultBody.Span;
        var kept = task.Length <= MaxKeptBytes ? task : task[..Math.Min(task.Length, TaskHeadBytes)];
        var whole = result.Length <= MaxKeptBytes || result.Length < ResultHeader.Size;
        if (whole)
        {
            // The commonest outcome (a small task and result) in one span: one request of the writer, not one per field.
            var size = MinSize + kept.Length + result.Length;
            var span = w.GetSpan(size);
            WriteHead(span, taskId, clientTaskId, clientId, receivedTicks, task.Length, kept);
            var at = MinSize - 8 - 4 + kept.Length;
            BinaryPrimitives.WriteInt64LittleEndian(span[at..], result.Length);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 8)..], result.Length);
            result.CopyTo(span[(at + 12)..]);
            w.Advance(size);
            return;
        }

        var head = w.GetSpan(MinSize - 12 + kept.Length);
        WriteHead(head, taskId, clientTaskId, clientId, receivedTicks, task.Length, kept);
        w.Advance(MinSize - 12 + kept.Length);
        w.WriteI64(result.Length);

        // The header and the error, if any; no value, no output.
        var status = (ResultStatus)result[0];
        var payloadLength = Math.Clamp(BinaryPrimitives.ReadInt32LittleEndian(result[21..]), 0, result.Length - ResultHeader.Size);
        var error = status == ResultStatus.Error ? result.Slice(ResultHeader.Size, payloadLength) : default;
        if (status == ResultStatus.Ok && !task.IsEmpty &&
            BatchReply.FirstFailure((TaskKind)task[0], new ReadOnlySequence<byte>(resultBody.Slice(ResultHeader.Size, payloadLength))) is { } failure)
        {
            // What the history records of such a task: its first failed item.
            var written = new ArrayBufferWriter<byte>();
            failure.Write(written);
            status = ResultStatus.Error;
            error = written.WrittenSpan;
        }

        var header = w.GetSpan(4 + ResultHeader.Size);
        BinaryPrimitives.WriteInt32LittleEndian(header, ResultHeader.Size + error.Length + 4 + 4 + 8 + 8);
        result[..ResultHeader.Size].CopyTo(header[4..]);
        header[4] = (byte)status;
        BinaryPrimitives.WriteInt32LittleEndian(header.Slice(4 + 21), error.Length);
        w.Advance(4 + ResultHeader.Size);
        w.Write(error);
        w.WriteString(null);
        w.WriteString(null);
        w.WriteI64(0);
        w.WriteI64(0);
    }

    /// <summary>Writes everything up to the result's byte count: ids, client, received ticks, the task's size and its kept bytes.</summary>
    private static void WriteHead(Span<byte> span, ulong taskId, ulong clientTaskId, Guid clientId, long receivedTicks, int taskBytes, ReadOnlySpan<byte> kept)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(span, taskId);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], clientTaskId);
        clientId.TryWriteBytes(span[16..]);
        BinaryPrimitives.WriteInt64LittleEndian(span[32..], receivedTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[40..], taskBytes);
        BinaryPrimitives.WriteInt32LittleEndian(span[48..], kept.Length);
        kept.CopyTo(span[52..]);
    }

    public static DirectOutcome Read(ref WireReader r)
    {
        // Read in place when the whole outcome lies in the reader's block (a report nearly always arrives in one): the
        // controller reads one for every one-hop task, and field by field through the sequence reader it took about
        // twice as long (56 against 28 ns in a loop).
        var block = r.UnreadBlock;
        var span = block.Span;
        if (span.Length >= MinSize)
        {
            var taskLength = BinaryPrimitives.ReadInt32LittleEndian(span[48..]);
            if (taskLength >= 0 && span.Length - MinSize >= taskLength)
            {
                var resultAt = 52 + taskLength;
                var resultLength = BinaryPrimitives.ReadInt32LittleEndian(span[(resultAt + 8)..]);
                if (resultLength >= 0 && span.Length - MinSize - taskLength >= resultLength)
                {
                    var outcome = new DirectOutcome(
                        BinaryPrimitives.ReadUInt64LittleEndian(span),
                        BinaryPrimitives.ReadUInt64LittleEndian(span[8..]),
                        new Guid(span.Slice(16, 16)),
                        BinaryPrimitives.ReadInt64LittleEndian(span[32..]),
                        BinaryPrimitives.ReadInt64LittleEndian(span[40..]),
                        new ReadOnlySequence<byte>(block.Slice(52, taskLength)),
                        BinaryPrimitives.ReadInt64LittleEndian(span[resultAt..]),
                        new ReadOnlySequence<byte>(block.Slice(resultAt + 12, resultLength)));
                    r.Skip(MinSize + taskLength + resultLength);
                    return outcome;
                }
            }
        }

        return new(r.ReadU64(), r.ReadU64(), r.ReadGuid(), r.ReadI64(), r.ReadI64(), r.ReadBlob(), r.ReadI64(), r.ReadBlob());
    }
}

/// <summary>
/// The reply to <see cref="ControlOp.TaskIds"/>: <c>[u64 first][i32 count]</c>, task ids reserved for the client's tasks sent in
/// one hop: <c>first</c> to <c>first + count - 1</c>, never used by the controller for another task.
/// </summary>
internal readonly record struct TaskIdBlock(ulong First, int Count)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(First);
        w.WriteI32(Count);
    }

    public static TaskIdBlock Read(ref WireReader r) => new(r.ReadU64(), r.ReadI32());
}
