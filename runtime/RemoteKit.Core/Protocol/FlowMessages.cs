using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>What a Flow task does with its result (<see cref="FlowTask"/>'s flags).</summary>
[Flags]
internal enum FlowFlags : byte
{
    None = 0,

    /// <summary>The engine keeps the value and answers with a <see cref="KeptReply"/> instead of sending it.</summary>
    Keep = 1,
}

/// <summary>How a dependency names its task (<see cref="FlowDependency"/>).</summary>
internal enum DependencyKind : byte
{
    /// <summary>Run after the task finished.</summary>
    After = 1,

    /// <summary>Run after the task finished, on the engine it ran on.</summary>
    Follow = 2,
}

/// <summary>Which outcome of its dependencies lets a task run (the rest fail it with <see cref="ErrorKind.DependencyFailed"/>).</summary>
internal enum DependencyRule : byte
{
    Success = 0,
    Failure = 1,
    Any = 2,
}

/// <summary>Where a task with inputs kept on engines runs.</summary>
internal enum LocalityRule : byte
{
    /// <summary>On the engine holding the largest input when it has room, else the least-loaded engine (the data moves).</summary>
    Prefer = 0,

    /// <summary>On the least-loaded engine; the data moves when it is elsewhere.</summary>
    Ignore = 1,
}

/// <summary>A task of the same client that a Flow task waits for.</summary>
internal readonly record struct FlowDependency(ulong ClientTaskId, DependencyKind Kind);

/// <summary>A kept value spliced into a Flow task's inner body at <see cref="Offset"/> before it runs.</summary>
internal readonly record struct FlowInput(int Offset, ulong RefId);

/// <summary>
/// Client → controller, a task body: <c>[u8 Flow][u8 flags][u8 rule][u8 locality][i32 dependency timeout ms, 0 none]
/// [i32 n]([u64 client task id][u8 kind])*n [i32 m]([i32 offset][u64 ref id])*m</c>, then the inner body (a
/// <see cref="CallTask"/> or <see cref="StreamTask"/>) to the end. Each input's value (the MemoryPack bytes a kept result
/// holds) is inserted into the inner body at its offset, in increasing order, so the inner body is what the call would be
/// with those arguments written in place. The controller rewrites this into <see cref="FlowDispatch"/> for the engine.
/// </summary>
internal readonly record struct FlowTask(
    FlowFlags Flags, DependencyRule Rule, LocalityRule Locality, int DependencyTimeoutMilliseconds, FlowDependency[] Dependencies, FlowInput[] Inputs)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Flow);
        w.WriteU8((byte)Flags);
        w.WriteU8((byte)Rule);
        w.WriteU8((byte)Locality);
        w.WriteI32(DependencyTimeoutMilliseconds);
        w.WriteI32(Dependencies.Length);
        foreach (var d in Dependencies)
        {
            w.WriteU64(d.ClientTaskId);
            w.WriteU8((byte)d.Kind);
        }

        w.WriteI32(Inputs.Length);
        foreach (var input in Inputs)
        {
            w.WriteI32(input.Offset);
            w.WriteU64(input.RefId);
        }
    }

    /// <summary>Reads the header after the kind byte; <paramref name="r"/> is left at the inner body, which is checked.</summary>
    public static FlowTask Read(ref WireReader r)
    {
        var flags = (FlowFlags)r.ReadU8();
        var rule = (DependencyRule)r.ReadU8();
        var locality = (LocalityRule)r.ReadU8();
        var timeout = r.ReadI32();
        if (flags > FlowFlags.Keep || rule > DependencyRule.Any || locality > LocalityRule.Ignore || timeout < 0)
        {
            throw new ProtocolViolationException("A flow task has unknown flags or rules, or a negative dependency timeout.");
        }

        var dependencies = new FlowDependency[r.ReadCount(9)];
        for (var i = 0; i < dependencies.Length; i++)
        {
            var id = r.ReadU64();
            var kind = (DependencyKind)r.ReadU8();
            dependencies[i] = kind is DependencyKind.After or DependencyKind.Follow
                ? new FlowDependency(id, kind)
                : throw new ProtocolViolationException($"Unknown dependency kind {(byte)kind}.");
        }

        var inputs = ReadInputs(ref r, 12, static (ref WireReader r) => new FlowInput(r.ReadI32(), r.ReadU64()));
        CheckInner(r.Rest, inputs.Select(i => i.Offset));
        return new FlowTask(flags, rule, locality, timeout, dependencies, inputs);
    }

    /// <summary>The inner body must be a call or a stream, and offsets increasing inside it after its header.</summary>
    internal static void CheckInner(in ReadOnlySequence<byte> inner, IEnumerable<int> offsets)
    {
        if (inner.IsEmpty || (TaskKind)inner.FirstSpan[0] is not (TaskKind.Call or TaskKind.Stream))
        {
            throw new ProtocolViolationException("A flow task must wrap a call or a stream.");
        }

        var last = 0;
        foreach (var offset in offsets)
        {
            if (offset < last || offset < 1 || offset > inner.Length)
            {
                throw new ProtocolViolationException($"A flow task's input offset {offset} is out of order or outside its body.");
            }

            last = offset;
        }
    }

    internal delegate T ItemReader<T>(ref WireReader r);

    internal static T[] ReadInputs<T>(ref WireReader r, int itemBytes, ItemReader<T> read)
    {
        var items = new T[r.ReadCount(itemBytes)];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(ref r);
        }

        return items;
    }

    /// <summary>The token a kept value travels under to the engine that runs <paramref name="taskId"/>.</summary>
    public static Guid TransferToken(ulong taskId, ulong refId)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, taskId);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], refId);
        return new Guid(bytes);
    }

    /// <summary>Who engine <paramref name="engineId"/> is on other engines' direct paths when it sends them kept values.</summary>
    public static Guid EnginePeer(int engineId)
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Fill(0x52);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, engineId);
        return new Guid(bytes);
    }
}

/// <summary>An input as the engine gets it: where its value is, and how large.</summary>
internal readonly record struct FlowDispatchInput(int Offset, ulong RefId, int HolderEngineId, long Size);

/// <summary>
/// Controller → engine, a task body: <c>[u8 Flow][u8 flags][i32 m]([i32 offset][u64 ref id][i32 holder engine][i64 size])*m</c>,
/// then the inner body. An input held by another engine arrives on the engine's direct path from that engine
/// (<see cref="SendKeptMessage"/>), under <see cref="FlowTask.TransferToken"/>.
/// </summary>
internal readonly record struct FlowDispatch(FlowFlags Flags, FlowDispatchInput[] Inputs)
{
    public int Size => 1 + 1 + 4 + (Inputs.Length * 24);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Flow);
        w.WriteU8((byte)Flags);
        w.WriteI32(Inputs.Length);
        foreach (var input in Inputs)
        {
            w.WriteI32(input.Offset);
            w.WriteU64(input.RefId);
            w.WriteI32(input.HolderEngineId);
            w.WriteI64(input.Size);
        }
    }

    /// <summary>Reads the header after the kind byte; <paramref name="r"/> is left at the inner body.</summary>
    public static FlowDispatch Read(ref WireReader r)
    {
        var flags = (FlowFlags)r.ReadU8();
        var inputs = FlowTask.ReadInputs(ref r, 24, static (ref WireReader r) => new FlowDispatchInput(r.ReadI32(), r.ReadU64(), r.ReadI32(), r.ReadI64()));
        FlowTask.CheckInner(r.Rest, inputs.Select(i => i.Offset));
        return new FlowDispatch(flags, inputs);
    }
}

/// <summary>
/// The payload of a result with status <see cref="ResultStatus.Kept"/> (a task run with <see cref="FlowFlags.Keep"/>, or asked to keep its result by a <see cref="KeepMessage"/>): <c>[u64 ref id][i64 size]</c>, the value's name on its
/// engine (the controller's task id) and its size in bytes.
/// </summary>
internal readonly record struct KeptReply(ulong RefId, long Size)
{
    public const int Length = 16;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RefId);
        w.WriteI64(Size);
    }

    public static KeptReply Read(ref WireReader r) => new(r.ReadU64(), r.ReadI64());
}

/// <summary><c>[u8 KeptGet][u64 ref id]</c>: the kept value's bytes as the payload (what its call would have returned).</summary>
internal readonly record struct KeptGetTask(ulong RefId)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.KeptGet);
        w.WriteU64(RefId);
    }

    public static KeptGetTask Read(ref WireReader r) => new(r.ReadU64());
}

/// <summary>
/// Controller → engine: <c>[u64 ref id][u64 task id][string host][i32 port][string tls fingerprint]</c>: send kept value
/// <see cref="RefId"/> to the engine listening there, for task <see cref="TaskId"/> (<see cref="FlowTask.TransferToken"/>).
/// </summary>
internal readonly record struct SendKeptMessage(ulong RefId, ulong TaskId, string Host, int Port, string? TlsFingerprint) : IMessage
{
    public MessageKind Kind => MessageKind.SendKept;

    public int SizeHint => 32 + (Host.Length * 3) + (TlsFingerprint?.Length ?? 0);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RefId);
        w.WriteU64(TaskId);
        w.WriteString(Host);
        w.WriteI32(Port);
        w.WriteString(TlsFingerprint);
    }

    public static SendKeptMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadU64(), r.ReadRequiredString(), r.ReadI32(), r.ReadString());
}

/// <summary>
/// Client → controller (<see cref="MessageKind.FreeKept"/>) and controller → engine (<see cref="MessageKind.DropKept"/>):
/// <c>[u8 all][i32 n][u64 ref id]*n</c>, kept values to free; <see cref="All"/> (controller → engine only) frees every one.
/// </summary>
internal readonly record struct FreeKeptMessage(IReadOnlyList<ulong> RefIds, bool All = false, bool ToEngine = false) : IMessage
{
    public MessageKind Kind => ToEngine ? MessageKind.DropKept : MessageKind.FreeKept;

    public int SizeHint => 5 + (RefIds.Count * 8);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8(All ? (byte)1 : (byte)0);
        w.WriteI32(RefIds.Count);
        foreach (var id in RefIds)
        {
            w.WriteU64(id);
        }
    }

    public static FreeKeptMessage Read(ref WireReader r, bool toEngine)
    {
        var all = r.ReadBool();
        var ids = new ulong[r.ReadCount(8)];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = r.ReadU64();
        }

        return new FreeKeptMessage(ids, all, toEngine);
    }
}

/// <summary>
/// Engine → controller, once its direct path listens: <c>[string host][i32 port][string tls fingerprint]</c>, where other
/// engines send it kept values.
/// </summary>
internal readonly record struct EngineEndpointMessage(string Host, int Port, string? TlsFingerprint) : IMessage
{
    public MessageKind Kind => MessageKind.EngineEndpoint;

    public int SizeHint => 16 + (Host.Length * 3) + (TlsFingerprint?.Length ?? 0);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteString(Host);
        w.WriteI32(Port);
        w.WriteString(TlsFingerprint);
    }

    public static EngineEndpointMessage Read(ref WireReader r) => new(r.ReadRequiredString(), r.ReadI32(), r.ReadString());
}

/// <summary><c>[u8 KeptPut]</c>, then a value's MemoryPack bytes to the end: the engine keeps them (a result the caller asked to keep after it had arrived).</summary>
internal static class KeptPutTask
{
    public static void WriteHeader(IBufferWriter<byte> w) => w.WriteU8((byte)TaskKind.KeptPut);
}

/// <summary>
/// Client → controller (<see cref="MessageKind.Keep"/>, <c>[u64 client task id]</c>) and controller → engine
/// (<see cref="MessageKind.KeepResult"/>, <c>[u64 task id]</c>): keep this task's value on its engine instead of sending it,
/// if it has not finished yet. When it has, the value comes as usual, and the caller keeps it with a <see cref="KeptPutTask"/>.
/// </summary>
internal readonly record struct KeepMessage(ulong TaskId, bool ToEngine = false) : IMessage
{
    public MessageKind Kind => ToEngine ? MessageKind.KeepResult : MessageKind.Keep;

    public int SizeHint => 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(TaskId);

    public static KeepMessage Read(ref WireReader r, bool toEngine) => new(r.ReadU64(), toEngine);
}

/// <summary>
/// Controller → engine, just before a Dispatch: <c>[u64 task id][u8 rule][i32 n][u64 task id]*n</c>. The task was sent to
/// this engine behind the tasks it depends on, which the engine runs first (it runs what it holds in order); it runs only
/// if their outcomes here are what <see cref="Rule"/> accepts, and otherwise fails with
/// <see cref="ErrorKind.DependencyFailed"/>. So a chain of dependent tasks runs at the engine's pace, not the controller's.
/// </summary>
internal readonly record struct ChainMessage(ulong TaskId, DependencyRule Rule, IReadOnlyList<ulong> After) : IMessage
{
    public MessageKind Kind => MessageKind.Chain;

    public int SizeHint => 13 + (After.Count * 8);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(TaskId);
        w.WriteU8((byte)Rule);
        w.WriteI32(After.Count);
        foreach (var id in After)
        {
            w.WriteU64(id);
        }
    }

    public static ChainMessage Read(ref WireReader r)
    {
        var taskId = r.ReadU64();
        var rule = (DependencyRule)r.ReadU8();
        if (rule > DependencyRule.Any)
        {
            throw new ProtocolViolationException($"Unknown dependency rule {(byte)rule}.");
        }

        var after = new ulong[r.ReadCount(8)];
        for (var i = 0; i < after.Length; i++)
        {
            after[i] = r.ReadU64();
        }

        return new ChainMessage(taskId, rule, after);
    }
}
