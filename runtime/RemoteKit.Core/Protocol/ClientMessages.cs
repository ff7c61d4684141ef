using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using RemoteKit.Diagnostics;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// Client → controller: <c>[u64 client task id][i32 target: engine id, -1 load-balanced, or -2 - n load-balanced over the
/// client's target set n (<see cref="TargetSetMessage"/>)][i32 retries][i32 timeout ms, 0 none][trace context]</c>, then the task body (<see cref="TaskKind"/>) to the end of the frame. Retries apply to load-balanced
/// tasks only: how many times the task may run again on another engine when its engine is lost. The trace context is
/// <see cref="TraceField"/>'s field (one zero byte when the client traces nothing).
/// </summary>
internal readonly record struct SubmitMessage(ulong ClientTaskId, int Target, int Retries = 0, int TimeoutMilliseconds = 0, ActivityContext Trace = default) : IMessage
{
    /// <summary>The fixed part of the header, before the trace context.</summary>
    public const int HeaderSize = 8 + 4 + 4 + 4;

    /// <summary>Where <see cref="Retries"/> lies in the header (after the client task id and the target).</summary>
    public const int RetriesOffset = 8 + 4;

    /// <summary>The target that names the client's target set <paramref name="setId"/>.</summary>
    public static int TargetOfSet(int setId) => -2 - setId;

    /// <summary>The target set a target names, or -1 when it names an engine or any engine.</summary>
    public static int SetOf(int target) => target <= -2 ? -2 - target : -1;

    public MessageKind Kind => MessageKind.Submit;

    public int SizeHint => HeaderSize + TraceField.GetLength(Trace);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(ClientTaskId);
        w.WriteI32(Target);
        w.WriteI32(Retries);
        w.WriteI32(TimeoutMilliseconds);
        TraceField.Write(w, Trace);
    }

    /// <summary>Reads the header; <paramref name="r"/> is left at the task body.</summary>
    public static SubmitMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadI32(), r.ReadI32(), r.ReadI32(), TraceField.Read(ref r));

    /// <summary>
    /// Turns a whole Submit frame (prefix, kind, body from offset 0 of <paramref name="frame"/>) into the Dispatch frame
    /// that carries its trace context and task body, in the same buffer: <c>[client task id][target][retries][timeout]</c>
    /// (20 bytes) becomes <c>[task id]</c> (8 bytes), so the frame starts 12 bytes later and neither the trace context nor the
    /// body moves. When <paramref name="parentSpan"/> is set, it replaces the trace context's parent span id in place.
    /// </summary>
    public static OutgoingFrame RewriteAsDispatch(byte[] frame, int length, ulong taskId, ActivitySpanId parentSpan = default)
    {
        const int Shift = HeaderSize - DispatchMessage.HeaderSize;
        if (parentSpan != default)
        {
            TraceField.TryRewriteSpanId(frame.AsSpan(Frame.HeaderLength + HeaderSize, length - Frame.HeaderLength - HeaderSize), parentSpan);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(Shift), (uint)(length - Shift - Frame.PrefixLength));
        frame[Shift + Frame.PrefixLength] = (byte)MessageKind.Dispatch;
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(Shift + Frame.HeaderLength), taskId);
        return new OutgoingFrame(frame, Shift, length - Shift);
    }
}

/// <summary>
/// Client → controller: <c>[u64 client task id][u64 history task id]</c>: run the task the controller's history knows by
/// that id again, as a new task of this client (of any client's task: ipyparallel's <c>resubmit</c>). The controller looks
/// its body up in the history and submits it as if the client had, load-balanced unless the original named an engine; the
/// answer is the new task's <see cref="ResultMessage"/>, preceded by a <see cref="TaskEventKind.Resubmitted"/> event with its
/// controller task id once it reaches an engine, or an error result (<see cref="ErrorKind.NotInHistory"/>,
/// <see cref="ErrorKind.NotResubmittable"/>) saying why it cannot run again.
/// </summary>
internal readonly record struct ResubmitMessage(ulong ClientTaskId, ulong TaskId) : IMessage
{
    public const int Size = 8 + 8;

    public MessageKind Kind => MessageKind.Resubmit;

    public int SizeHint => Size;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(ClientTaskId);
        w.WriteU64(TaskId);
    }

    public static ResubmitMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadU64());
}

/// <summary>Client → controller: <c>[i32 n][u64 client task id]*n</c>, tasks to abort.</summary>
internal readonly record struct AbortMessage(IReadOnlyList<ulong> ClientTaskIds) : IMessage
{
    public MessageKind Kind => MessageKind.Abort;

    public int SizeHint => 4 + (8 * ClientTaskIds.Count);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(ClientTaskIds.Count);
        foreach (var id in ClientTaskIds)
        {
            w.WriteU64(id);
        }
    }

    public static AbortMessage Read(ref WireReader r)
    {
        var ids = new ulong[r.ReadCount(8)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = r.ReadU64();
        }

        return new AbortMessage(ids);
    }
}

/// <summary>Client → controller: <c>[u64 request id][32 bundle hash]</c>, answered by <see cref="CodeQueryReplyMessage"/>.</summary>
internal readonly record struct CodeQueryMessage(ulong RequestId, byte[] Hash) : IMessage
{
    public MessageKind Kind => MessageKind.CodeQuery;

    public int SizeHint => 8 + CodeBundle.HashLength;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RequestId);
        w.Write(Hash);
    }

    public static CodeQueryMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadHash());
}

/// <summary>Controller → client: <c>[u64 request id][u8 found]</c>.</summary>
internal readonly record struct CodeQueryReplyMessage(ulong RequestId, bool Found) : IMessage
{
    public MessageKind Kind => MessageKind.CodeQueryReply;

    public int SizeHint => 9;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RequestId);
        w.WriteU8(Found ? (byte)1 : (byte)0);
    }

    public static CodeQueryReplyMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadBool());
}

/// <summary>
/// Client → controller: a whole code bundle (<see cref="CodeBundle"/>'s wire form, assembly bytes included). The controller
/// checks that the hash it starts with is the one its assemblies give, keeps the body as it came, and forwards it to engines in a <see cref="CodeBundleMessage"/>.
/// </summary>
internal readonly record struct CodeUploadMessage(CodeBundle Bundle) : IMessage
{
    public MessageKind Kind => MessageKind.CodeUpload;

    public int SizeHint => Bundle.Assemblies.Sum(a => a.Bytes.Length + 64) + 64;

    public void Write(IBufferWriter<byte> w) => Bundle.Write(w);
}

/// <summary>
/// Client → controller: <c>[u64 request id][u8 op]</c>, then for <see cref="ControlOp.TaskIds"/> <c>[16 direct client id]</c>;
/// answered by a <see cref="ControlReplyMessage"/> with the same id.
/// </summary>
internal readonly record struct ControlRequestMessage(ulong RequestId, ControlOp Op, Guid DirectClient = default) : IMessage
{
    public MessageKind Kind => MessageKind.ControlRequest;

    public int SizeHint => 9 + 16;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RequestId);
        w.WriteU8((byte)Op);
        if (Op == ControlOp.TaskIds)
        {
            w.WriteGuid(DirectClient);
        }
    }

    public static ControlRequestMessage Read(ref WireReader r)
    {
        var id = r.ReadU64();
        var op = (ControlOp)r.ReadU8();
        return new(id, op, op == ControlOp.TaskIds ? r.ReadGuid() : default);
    }
}

/// <summary>Controller → client: <c>[u64 request id]</c>, then the op's reply (<see cref="QueueStatusReply"/>, <see cref="TaskIdBlock"/>; empty for Shutdown).</summary>
internal readonly record struct ControlReplyMessage(ulong RequestId) : IMessage
{
    public MessageKind Kind => MessageKind.ControlReply;

    public int SizeHint => 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(RequestId);

    /// <summary>Reads the header; <paramref name="r"/> is left at the op's reply.</summary>
    public static ControlReplyMessage Read(ref WireReader r) => new(r.ReadU64());
}

/// <summary>
/// One engine's line of a <see cref="QueueStatusReply"/>. <see cref="OneHop"/> is how many of its queued and running tasks
/// are one-hop ones, as the engine last reported (<see cref="DirectBacklogMessage"/>): a client adds those of its own one-hop
/// tasks the report may not count yet.
/// </summary>
internal readonly record struct EngineQueueLine(int EngineId, int Queued, int Running, long Completed, long KeptBytes = 0, int KeptValues = 0, int OneHop = 0);

/// <summary>
/// The reply to <see cref="ControlOp.QueueStatus"/>:
/// <c>[i32 unassigned][i32 n]([i32 engine][i32 queued][i32 running][i64 completed][i64 kept bytes][i32 kept values][i32 one hop])*n</c>.
/// </summary>
internal readonly record struct QueueStatusReply(int Unassigned, IReadOnlyList<EngineQueueLine> Engines)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(Unassigned);
        w.WriteI32(Engines.Count);
        foreach (var e in Engines)
        {
            w.WriteI32(e.EngineId);
            w.WriteI32(e.Queued);
            w.WriteI32(e.Running);
            w.WriteI64(e.Completed);
            w.WriteI64(e.KeptBytes);
            w.WriteI32(e.KeptValues);
            w.WriteI32(e.OneHop);
        }
    }

    public static QueueStatusReply Read(ref WireReader r)
    {
        var unassigned = r.ReadI32();
        var engines = new EngineQueueLine[r.ReadCount(36)];
        for (var i = 0; i < engines.Length; i++)
        {
            engines[i] = new EngineQueueLine(r.ReadI32(), r.ReadI32(), r.ReadI32(), r.ReadI64(), r.ReadI64(), r.ReadI32(), r.ReadI32());
        }

        return new QueueStatusReply(unassigned, engines);
    }
}

/// <summary>Controller → client: <c>[u64 client task id]</c>, then a result body (<see cref="ResultBody"/>).</summary>
internal readonly record struct ResultMessage(ulong ClientTaskId) : IMessage
{
    public const int HeaderSize = 8;

    public MessageKind Kind => MessageKind.Result;

    public int SizeHint => HeaderSize;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(ClientTaskId);

    /// <summary>Reads the header; <paramref name="r"/> is left at the result body.</summary>
    public static ResultMessage Read(ref WireReader r) => new(r.ReadU64());
}

/// <summary>
/// Controller → client: <c>[u64 client task id][i32 n][i32 engine id]*n</c>, the engines lost while they held the task, in
/// order; sent just before the task's <see cref="ResultMessage"/>, and only for a task that ran more than once.
/// </summary>
internal readonly record struct TaskAttemptsMessage(ulong ClientTaskId, IReadOnlyList<int> LostEngineIds) : IMessage
{
    public MessageKind Kind => MessageKind.TaskAttempts;

    public int SizeHint => 12 + (4 * LostEngineIds.Count);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(ClientTaskId);
        w.WriteI32(LostEngineIds.Count);
        foreach (var id in LostEngineIds)
        {
            w.WriteI32(id);
        }
    }

    public static TaskAttemptsMessage Read(ref WireReader r) => new(r.ReadU64(), EngineSetMessage.ReadIds(ref r));
}

/// <summary>
/// Client → controller: <c>[i32 set id][i32 n][i32 engine id]*n[u8 retry on][i32 m][string type]*m</c>, how a
/// load-balanced view's tasks are placed: the engines they may use (<c>client.LoadBalancedView(targets)</c>; none listed:
/// any engine) and what makes them run again while they have retries (<see cref="RetryOnEngineLost"/> |
/// <see cref="RetryOnException"/>; an exception only of the types listed, when any are). Sent once per
/// view, before its first task; a <see cref="SubmitMessage"/> then names the set by <see cref="SubmitMessage.TargetOfSet"/>.
/// Set ids are the client's own, from 0.
/// </summary>
internal readonly record struct TargetSetMessage(int SetId, IReadOnlyCollection<int> EngineIds, byte RetryOn = TargetSetMessage.RetryOnEngineLost, IReadOnlyCollection<string>? ExceptionTypes = null) : IMessage
{
    /// <summary>A lost engine makes a task run again (the default of a task without a set).</summary>
    public const byte RetryOnEngineLost = 1;

    /// <summary>An exception thrown by the method makes a task run again.</summary>
    public const byte RetryOnException = 2;

    public MessageKind Kind => MessageKind.TargetSet;

    public int SizeHint => 13 + (4 * EngineIds.Count) + (ExceptionTypes?.Sum(t => 4 + (t.Length * 3)) ?? 0);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(SetId);
        new EngineSetMessage(EngineIds).Write(w);
        w.WriteU8(RetryOn);
        w.WriteI32(ExceptionTypes?.Count ?? 0);
        foreach (var type in ExceptionTypes ?? [])
        {
            w.WriteString(type);
        }
    }

    public static TargetSetMessage Read(ref WireReader r)
    {
        var id = r.ReadI32();
        if (id < 0)
        {
            throw new ProtocolViolationException($"A target set id is never negative (got {id}).");
        }

        var engines = EngineSetMessage.ReadIds(ref r);
        var retry = r.ReadU8();
        if (retry > (RetryOnEngineLost | RetryOnException))
        {
            throw new ProtocolViolationException($"Unknown retry flags {retry} in a target set.");
        }

        var types = new string[r.ReadCount(4)];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = r.ReadString() ?? throw new ProtocolViolationException("An exception type name is missing.");
        }

        return new(id, engines, retry, types);
    }
}

/// <summary>Controller → client: <c>[i32 n][i32 engine id]*n</c>, the current engines; sent on connect and on every change.</summary>
internal readonly record struct EngineSetMessage(IReadOnlyCollection<int> EngineIds) : IMessage
{
    public MessageKind Kind => MessageKind.EngineSet;

    public int SizeHint => 4 + (4 * EngineIds.Count);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(EngineIds.Count);
        foreach (var id in EngineIds)
        {
            w.WriteI32(id);
        }
    }

    public static EngineSetMessage Read(ref WireReader r) => new(ReadIds(ref r));

    /// <summary>Reads the engine ids, in the order sent (ascending).</summary>
    public static int[] ReadIds(ref WireReader r)
    {
        var ids = new int[r.ReadCount(4)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = r.ReadI32();
        }

        return ids;
    }
}

/// <summary>
/// Controller → client: <c>[i32 engine id][u8 fate][string launch id][string reason]</c>, what became of an engine that left
/// without being asked to (<see cref="EngineFate"/>). A client that started engines (an embedded cluster, <c>remotekit
/// cluster start</c>) finds the unit by its launch id and ends it once the engine is <see cref="EngineFate.Ended"/>: the
/// controller never ends a process itself, since it cannot know which process an engine runs in.
/// </summary>
internal readonly record struct EngineNoticeMessage(int EngineId, EngineFate Fate, string LaunchId, string Reason) : IMessage
{
    public MessageKind Kind => MessageKind.EngineNotice;

    public int SizeHint => 13 + ((LaunchId.Length + Reason.Length) * 3);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(EngineId);
        w.WriteU8((byte)Fate);
        w.WriteString(LaunchId);
        w.WriteString(Reason);
    }

    public static EngineNoticeMessage Read(ref WireReader r)
    {
        var id = r.ReadI32();
        var fate = r.ReadU8();
        if (fate is < (byte)EngineFate.Lost or > (byte)EngineFate.Ended)
        {
            throw new ProtocolViolationException($"Unknown engine fate {fate}.");
        }

        return new(id, (EngineFate)fate, r.ReadString() ?? "", r.ReadString() ?? "");
    }
}
