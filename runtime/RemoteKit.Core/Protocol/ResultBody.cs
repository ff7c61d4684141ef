using System.Buffers;
using System.Buffers.Binary;

namespace RemoteKit.Protocol;

/// <summary>
/// A result body: a fixed header <c>[u8 status][i32 engine][i64 started][i64 completed][i32 payload length]</c>, the payload
/// (the value for status Ok; <c>[string type][string message][string stack]</c> for Error), then <c>[string stdout][string stderr]</c>.
/// The fixed header lets an engine reserve it, write the payload straight into the outgoing frame, and fill it in afterwards.
/// Times are UTC ticks.
/// </summary>
internal readonly record struct ResultHeader(ResultStatus Status, int EngineId, long StartedTicks, long CompletedTicks, int PayloadLength)
{
    public const int Size = 1 + 4 + 8 + 8 + 4;

    public void WriteTo(Span<byte> span)
    {
        span[0] = (byte)Status;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], EngineId);
        BinaryPrimitives.WriteInt64LittleEndian(span[5..], StartedTicks);
        BinaryPrimitives.WriteInt64LittleEndian(span[13..], CompletedTicks);
        BinaryPrimitives.WriteInt32LittleEndian(span[21..], PayloadLength);
    }

    public static ResultHeader Read(ref WireReader r) =>
        new((ResultStatus)r.ReadU8(), r.ReadI32(), r.ReadI64(), r.ReadI64(), r.ReadI32());

    /// <summary>Writes a complete error result for a task that failed outside any method (no output).</summary>
    public static void WriteError(IBufferWriter<byte> w, int engineId, string type, string message, string? stack = null)
    {
        using var error = new Transport.PooledBufferWriter(64 + (message.Length * 3));
        error.WriteString(type);
        error.WriteString(message);
        error.WriteString(stack);
        var now = DateTime.UtcNow.Ticks;
        new ResultHeader(ResultStatus.Error, engineId, now, now, error.WrittenCount).WriteTo(w.GetSpan(Size));
        w.Advance(Size);
        w.Write(error.WrittenSpan);
        w.WriteString(null);
        w.WriteString(null);
    }
}
