using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// The fixed header of a result body: <c>[u8 status][i32 engine][i64 started][i64 completed][i32 payload length]</c>.
/// Times are UTC ticks. It is fixed-size so an engine can reserve it, write the payload straight into the outgoing frame,
/// and fill it in afterwards (<see cref="ResultBody"/>).
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

    /// <summary>How long the engine says the task ran (completed minus started), read from the start of a result body.</summary>
    public static bool TryReadRunTicks(in ReadOnlySequence<byte> resultBody, out long ticks)
    {
        Span<byte> header = stackalloc byte[Size];
        if (resultBody.Length < Size)
        {
            ticks = 0;
            return false;
        }

        resultBody.Slice(0, Size).CopyTo(header);
        var started = BinaryPrimitives.ReadInt64LittleEndian(header[5..]);
        var completed = BinaryPrimitives.ReadInt64LittleEndian(header[13..]);
        ticks = completed - started;
        return started > 0 && ticks >= 0;
    }
}

/// <summary>
/// A result body, after the Result / EngineResult header: a <see cref="ResultHeader"/>, the payload (the task's value for
/// status Ok, an <see cref="ErrorPayload"/> for Error), then <c>[string stdout][string stderr]</c>.
/// </summary>
internal readonly record struct ResultBody(ResultHeader Header, ReadOnlySequence<byte> Payload, string? Stdout, string? Stderr)
{
    public static ResultBody Read(ref WireReader r)
    {
        var header = ResultHeader.Read(ref r);
        return new ResultBody(header, r.ReadSequence(header.PayloadLength), r.ReadString(), r.ReadString());
    }

    /// <summary>Reserves the header; the caller writes the payload into <paramref name="w"/>, then calls <see cref="Writer.End"/>.</summary>
    public static Writer Begin(FrameBuilder w) => new(w.Reserve(ResultHeader.Size));

    /// <summary>Writes a complete error result for a task that failed outside any method (no output).</summary>
    public static void WriteError(FrameBuilder w, int engineId, ErrorKind kind, string message, long nowTicks)
    {
        var now = nowTicks;
        var result = Begin(w);
        ErrorPayload.Of(kind, message).Write(w);
        result.End(w, ResultStatus.Error, engineId, now, now, null, null);
    }

    /// <summary>A result body being written into a frame.</summary>
    internal readonly struct Writer(int headerAt)
    {
        private int PayloadAt => headerAt + ResultHeader.Size;

        /// <summary>Replaces whatever payload was written with <paramref name="error"/>.</summary>
        public void Fail(FrameBuilder w, ErrorPayload error)
        {
            w.Truncate(PayloadAt);
            error.Write(w);
        }

        /// <summary>Fills in the header for the payload written so far and appends the task's output.</summary>
        public void End(FrameBuilder w, ResultStatus status, int engineId, long startedTicks, long completedTicks, string? stdout, string? stderr)
        {
            new ResultHeader(status, engineId, startedTicks, completedTicks, w.Position - PayloadAt).WriteTo(w.At(headerAt, ResultHeader.Size));
            w.WriteString(stdout);
            w.WriteString(stderr);
        }
    }
}
