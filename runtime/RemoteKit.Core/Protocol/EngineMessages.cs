using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using RemoteKit.Diagnostics;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// Controller → engine: <c>[u64 task id][trace context]</c>, then the task body (<see cref="TaskKind"/>) to the end of the
/// frame. The trace context is <see cref="TraceField"/>'s field, the one the client sent, naming the controller's span
/// as parent when it traced the task.
/// </summary>
internal readonly record struct DispatchMessage(ulong TaskId, ActivityContext Trace = default) : IMessage
{
    /// <summary>The fixed part of the header, before the trace context.</summary>
    public const int HeaderSize = 8;

    public MessageKind Kind => MessageKind.Dispatch;

    public int SizeHint => HeaderSize + TraceField.GetLength(Trace);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(TaskId);
        TraceField.Write(w, Trace);
    }

    /// <summary>Reads the header; <paramref name="r"/> is left at the task body.</summary>
    public static DispatchMessage Read(ref WireReader r) => new(r.ReadU64(), TraceField.Read(ref r));
}

/// <summary>Controller → engine: <c>[u64 task id]</c>, a task to abort (skipped if queued, its token cancelled if running).</summary>
internal readonly record struct AbortTaskMessage(ulong TaskId) : IMessage
{
    public MessageKind Kind => MessageKind.AbortTask;

    public int SizeHint => 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(TaskId);

    public static AbortTaskMessage Read(ref WireReader r) => new(r.ReadU64());
}

/// <summary>Engine → controller: <c>[32 bundle hash]</c>, asking for the code a task needs; answered by <see cref="CodeBundleMessage"/>.</summary>
internal readonly record struct CodeRequestMessage(byte[] Hash) : IMessage
{
    public MessageKind Kind => MessageKind.CodeRequest;

    public int SizeHint => CodeBundle.HashLength;

    public void Write(IBufferWriter<byte> w) => w.Write(Hash);

    public static CodeRequestMessage Read(ref WireReader r) => new(r.ReadHash());
}

/// <summary>
/// Controller → engine, the answer to a <see cref="CodeRequestMessage"/>: <c>[u8 found=1][bundle]</c> (the bundle's wire form
/// as the client uploaded it), or <c>[u8 found=0][32 hash]</c> when no client uploaded that bundle.
/// </summary>
internal readonly record struct CodeBundleMessage(byte[] Hash, ReadOnlyMemory<byte> Bundle) : IMessage
{
    public MessageKind Kind => MessageKind.CodeBundle;

    public int SizeHint => 1 + Math.Max(CodeBundle.HashLength, Bundle.Length);

    /// <summary>Whether the controller has the bundle.</summary>
    public bool Found => !Bundle.IsEmpty;

    /// <summary>The reply for a bundle the controller has: <paramref name="bundle"/> is its whole wire form, hash first.</summary>
    public static CodeBundleMessage Of(ReadOnlyMemory<byte> bundle) => new(bundle[..CodeBundle.HashLength].ToArray(), bundle);

    public static CodeBundleMessage NotFound(byte[] hash) => new(hash, ReadOnlyMemory<byte>.Empty);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8(Found ? (byte)1 : (byte)0);
        w.Write(Found ? Bundle.Span : Hash);
    }

    /// <summary>
    /// Reads the found flag and the hash; <paramref name="r"/> is left at the bundle's root name (read it with
    /// <see cref="CodeBundle.ReadAfterHash"/>) when found, at the end otherwise.
    /// </summary>
    public static (bool Found, byte[] Hash) ReadHeader(ref WireReader r)
    {
        var found = r.ReadBool();
        return (found, r.ReadHash());
    }
}

/// <summary>
/// Controller → engine: <c>[i32 engine id][i32 engine count][16 token][i32 readmission grace ms]</c>; sent on registration
/// and whenever the count changes. The token is the engine's proof, should it be declared lost and come back within the
/// grace, that it is this engine (<see cref="EngineHelloMessage"/>): it is sent to this engine only, over its authenticated
/// connection.
/// </summary>
internal readonly record struct EngineWelcomeMessage(int EngineId, int EngineCount, byte[] Token, int ReadmissionGraceMilliseconds) : IMessage
{
    /// <summary>The length of a token.</summary>
    public const int TokenLength = 16;

    public MessageKind Kind => MessageKind.EngineWelcome;

    public int SizeHint => 12 + TokenLength;

    public void Write(IBufferWriter<byte> w)
    {
        if (Token.Length != TokenLength)
        {
            throw new ArgumentException($"A token is {TokenLength} bytes.", nameof(Token));
        }

        w.WriteI32(EngineId);
        w.WriteI32(EngineCount);
        w.Write(Token);
        w.WriteI32(ReadmissionGraceMilliseconds);
    }

    public static EngineWelcomeMessage Read(ref WireReader r) => new(r.ReadI32(), r.ReadI32(), r.ReadSequence(TokenLength).ToArray(), r.ReadI32());

    /// <summary>Whether <paramref name="other"/> says the same (records compare arrays by reference).</summary>
    public bool SameAs(EngineWelcomeMessage other) =>
        (EngineId, EngineCount, ReadmissionGraceMilliseconds) == (other.EngineId, other.EngineCount, other.ReadmissionGraceMilliseconds) &&
        Token.AsSpan().SequenceEqual(other.Token);
}

/// <summary>
/// Engine → controller, its first frame: <c>[i32 engine id, or -1][16 token, zeros for a new engine][string launch id]</c>.
/// A new engine sends -1 and is registered with the next id. An engine that lost its connection sends the id and token of
/// its last <see cref="EngineWelcomeMessage"/>, and is re-admitted with that id (its namespace intact) if the controller
/// declared it lost less than the readmission grace ago; otherwise the controller closes the connection without a
/// welcome. The launch id is what its launcher named the unit it runs in (an array task adds its index), so the
/// controller's verdict on it can reach that launcher (<see cref="EngineNoticeMessage"/>); empty when none did.
/// </summary>
internal readonly record struct EngineHelloMessage(int EngineId, byte[] Token, string LaunchId) : IMessage
{
    /// <summary>What a new engine says.</summary>
    public static EngineHelloMessage New(string launchId) => new(-1, new byte[EngineWelcomeMessage.TokenLength], launchId);

    public MessageKind Kind => MessageKind.EngineHello;

    public int SizeHint => 8 + EngineWelcomeMessage.TokenLength + (LaunchId.Length * 3);

    /// <summary>Whether this engine asks to be re-admitted.</summary>
    public bool IsReturning => EngineId >= 0;

    public void Write(IBufferWriter<byte> w)
    {
        if (Token.Length != EngineWelcomeMessage.TokenLength)
        {
            throw new ArgumentException($"A token is {EngineWelcomeMessage.TokenLength} bytes.", nameof(Token));
        }

        w.WriteI32(EngineId);
        w.Write(Token);
        w.WriteString(LaunchId);
    }

    public static EngineHelloMessage Read(ref WireReader r) =>
        new(r.ReadI32(), r.ReadSequence(EngineWelcomeMessage.TokenLength).ToArray(), r.ReadString() ?? "");
}

/// <summary>Controller → engine: empty; the engine should exit.</summary>
internal readonly record struct StopMessage : IMessage
{
    public MessageKind Kind => MessageKind.Stop;

    public int SizeHint => 0;

    public void Write(IBufferWriter<byte> w)
    {
    }
}

/// <summary>
/// Controller → client: empty; the controller is stopping because it was asked to, so the client does not wait for it to
/// come back (as it does when the connection is lost otherwise).
/// </summary>
internal readonly record struct ControllerStoppingMessage : IMessage
{
    public MessageKind Kind => MessageKind.ControllerStopping;

    public int SizeHint => 0;

    public void Write(IBufferWriter<byte> w)
    {
    }
}

/// <summary>
/// Controller → engine or client: <c>[i32 interval ms][i32 misses]</c>, a liveness ping sent every interval. The peer answers
/// with a <see cref="HeartbeatReplyMessage"/> from its read loop (so even while a task runs), and treats a controller silent
/// for longer than the interval times the misses (twice over, for slack) as gone.
/// </summary>
internal readonly record struct HeartbeatMessage(int IntervalMilliseconds, int Misses) : IMessage
{
    public MessageKind Kind => MessageKind.Heartbeat;

    public int SizeHint => 8;

    /// <summary>How long the engine waits for any frame from the controller before giving it up.</summary>
    public TimeSpan SilenceLimit => TimeSpan.FromMilliseconds(2.0 * IntervalMilliseconds * Misses);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(IntervalMilliseconds);
        w.WriteI32(Misses);
    }

    public static HeartbeatMessage Read(ref WireReader r) => new(r.ReadI32(), r.ReadI32());
}

/// <summary>
/// Engine or client → controller: <c>[i32 process id][i64 working set bytes]</c>, the answer to a
/// <see cref="HeartbeatMessage"/>, with what the dashboard shows of the peer's process.
/// </summary>
internal readonly record struct HeartbeatReplyMessage(int ProcessId, long WorkingSetBytes) : IMessage
{
    public MessageKind Kind => MessageKind.HeartbeatReply;

    public int SizeHint => 12;

    /// <summary>The reply for this process, now.</summary>
    public static HeartbeatReplyMessage OfThisProcess() => new(Environment.ProcessId, Environment.WorkingSet);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(ProcessId);
        w.WriteI64(WorkingSetBytes);
    }

    public static HeartbeatReplyMessage Read(ref WireReader r) => new(r.ReadI32(), r.ReadI64());
}

/// <summary>Engine → controller: <c>[u64 task id]</c>, then a result body (<see cref="ResultBody"/>).</summary>
internal readonly record struct EngineResultMessage(ulong TaskId) : IMessage
{
    public MessageKind Kind => MessageKind.EngineResult;

    public int SizeHint => 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(TaskId);

    /// <summary>Reads the header; <paramref name="r"/> is left at the result body.</summary>
    public static EngineResultMessage Read(ref WireReader r) => new(r.ReadU64());

    /// <summary>
    /// Turns a whole EngineResult frame (from offset 0 of <paramref name="frame"/>) into the client's Result frame in the same
    /// buffer: both headers are one u64, so only the kind and the id change.
    /// </summary>
    public static OutgoingFrame RewriteAsResult(byte[] frame, int length, ulong clientTaskId)
    {
        frame[Frame.PrefixLength] = (byte)MessageKind.Result;
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(Frame.HeaderLength, ResultMessage.HeaderSize), clientTaskId);
        return new OutgoingFrame(frame, 0, length);
    }
}
