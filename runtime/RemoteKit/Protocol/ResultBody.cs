using System.Buffers;

namespace RemoteKit.Protocol;

/// <summary>
/// The part of a result every task has: <c>[u8 status][i32 engine][i64 started][i64 completed][string stdout][string stderr]</c>,
/// followed by the payload (status Ok) or the error (status Error). Times are UTC ticks.
/// </summary>
internal readonly record struct ResultHeader(ResultStatus Status, int EngineId, long StartedTicks, long CompletedTicks, string? Stdout, string? Stderr)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)Status);
        w.WriteI32(EngineId);
        w.WriteI64(StartedTicks);
        w.WriteI64(CompletedTicks);
        w.WriteString(Stdout);
        w.WriteString(Stderr);
    }

    public static ResultHeader Read(ref WireReader r) =>
        new((ResultStatus)r.ReadU8(), r.ReadI32(), r.ReadI64(), r.ReadI64(), r.ReadString(), r.ReadString());

    /// <summary>Writes a complete error result (header and error) for a task that failed outside any method.</summary>
    public static void WriteError(IBufferWriter<byte> w, int engineId, string type, string message, string? stack = null)
    {
        var now = DateTime.UtcNow.Ticks;
        new ResultHeader(ResultStatus.Error, engineId, now, now, null, null).Write(w);
        w.WriteString(type);
        w.WriteString(message);
        w.WriteString(stack);
    }
}
