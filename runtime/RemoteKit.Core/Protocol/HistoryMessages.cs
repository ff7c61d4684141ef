using System.Buffers;

namespace RemoteKit.Protocol;

/// <summary>
/// Client → controller: <c>[i32 n]([u64 method id][string name])*n</c>, the names of methods the client is about to call,
/// sent once per method and connection so the controller's metrics, history and dashboard name tasks by method.
/// </summary>
internal readonly record struct MethodNamesMessage(IReadOnlyList<KeyValuePair<ulong, string>> Names) : IMessage
{
    public MessageKind Kind => MessageKind.MethodNames;

    public int SizeHint => 4 + Names.Sum(n => 12 + (n.Value.Length * 3));

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(Names.Count);
        foreach (var (id, name) in Names)
        {
            w.WriteU64(id);
            w.WriteString(name);
        }
    }

    public static MethodNamesMessage Read(ref WireReader r)
    {
        var names = new KeyValuePair<ulong, string>[r.ReadCount(12)];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = new(r.ReadU64(), r.ReadRequiredString());
        }

        return new MethodNamesMessage(names);
    }
}

/// <summary>What a <see cref="HistoryRequestMessage"/> asks for.</summary>
internal enum HistoryOp : byte
{
    /// <summary>Task records matching a <see cref="TaskHistoryQuery"/>.</summary>
    Query = 1,

    /// <summary>One finished task's kept result.</summary>
    GetResult = 2,
}

/// <summary>
/// Client → controller: <c>[u64 request id][u8 op]</c>, then for <see cref="HistoryOp.Query"/>
/// <c>[i32 n][u8 status]*n[string method][i32 engine, -1 any][i32 client, -1 any][i64 from ticks, 0 none][i64 before ticks, 0
/// none][i32 max records, -1 all]</c>, for <see cref="HistoryOp.GetResult"/> <c>[u64 task id]</c>. Answered by a
/// <see cref="HistoryReplyMessage"/> with the same request id.
/// </summary>
internal readonly record struct HistoryRequestMessage(ulong RequestId, HistoryOp Op, TaskHistoryQuery? Query = null, ulong TaskId = 0) : IMessage
{
    public MessageKind Kind => MessageKind.HistoryRequest;

    public int SizeHint => 64 + (Query?.Method?.Length * 3 ?? 0);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RequestId);
        w.WriteU8((byte)Op);
        if (Op == HistoryOp.GetResult)
        {
            w.WriteU64(TaskId);
            return;
        }

        var q = Query ?? new TaskHistoryQuery();
        var statuses = q.Statuses ?? [];
        w.WriteI32(statuses.Count);
        foreach (var status in statuses)
        {
            w.WriteU8((byte)status);
        }

        w.WriteString(q.Method);
        w.WriteI32(q.EngineId ?? -1);
        w.WriteI32(q.ClientId ?? -1);
        w.WriteI64(q.SubmittedFrom?.UtcTicks ?? 0);
        w.WriteI64(q.SubmittedBefore?.UtcTicks ?? 0);
        w.WriteI32(q.MaxRecords ?? -1);
    }

    public static HistoryRequestMessage Read(ref WireReader r)
    {
        var id = r.ReadU64();
        var op = (HistoryOp)r.ReadU8();
        switch (op)
        {
            case HistoryOp.GetResult:
                return new HistoryRequestMessage(id, op, TaskId: r.ReadU64());
            case HistoryOp.Query:
            {
                var statuses = new TaskHistoryStatus[r.ReadCount(1)];
                for (var i = 0; i < statuses.Length; i++)
                {
                    statuses[i] = (TaskHistoryStatus)r.ReadU8();
                }

                var method = r.ReadString();
                var engine = r.ReadI32();
                var client = r.ReadI32();
                var from = r.ReadI64();
                var before = r.ReadI64();
                var max = r.ReadI32();
                return new HistoryRequestMessage(id, op, new TaskHistoryQuery
                {
                    Statuses = statuses,
                    Method = method,
                    EngineId = engine < 0 ? null : engine,
                    ClientId = client < 0 ? null : client,
                    SubmittedFrom = from == 0 ? null : new DateTimeOffset(from, TimeSpan.Zero),
                    SubmittedBefore = before == 0 ? null : new DateTimeOffset(before, TimeSpan.Zero),
                    MaxRecords = max < 0 ? null : max,
                });
            }

            default:
                throw new ProtocolViolationException($"Unknown history operation {(byte)op}.");
        }
    }
}

/// <summary>
/// Controller → client: <c>[u64 request id][u8 outcome: 0 ok, 1 not kept, 2 unavailable][string error]</c>, then for an ok
/// query <c>[i32 n]</c> records (<see cref="WriteRecord"/>), for an ok result <c>[u8 task kind]</c> and the result payload to
/// the end of the frame.
/// </summary>
internal readonly record struct HistoryReplyMessage(ulong RequestId, byte Outcome, string? Error) : IMessage
{
    public const byte Ok = 0;
    public const byte NotKept = 1;
    public const byte NotAvailable = 2;

    public MessageKind Kind => MessageKind.HistoryReply;

    public int SizeHint => 16 + (Error?.Length * 3 ?? 0);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(RequestId);
        w.WriteU8(Outcome);
        w.WriteString(Error);
    }

    public static HistoryReplyMessage Read(ref WireReader r) => new(r.ReadU64(), r.ReadU8(), r.ReadString());

    public static Transport.OutgoingFrame Unavailable(ulong requestId, string error) => Message.ToFrame(new HistoryReplyMessage(requestId, NotAvailable, error));

    /// <summary>
    /// <c>[u64 task id][u8 status][i32 client][string method][i32 engine][i64 submitted][i64 started][i64 completed][i32
    /// attempts][string error type][string error message][i64 bytes in][i64 bytes out][u8 has result][u8 has arguments][u64
    /// resubmit of, 0 none]</c>; absent numbers are -1, absent times 0.
    /// </summary>
    public static void WriteRecord(IBufferWriter<byte> w, TaskHistoryRecord record)
    {
        w.WriteU64(record.TaskId);
        w.WriteU8((byte)record.Status);
        w.WriteI32(record.ClientId ?? -1);
        w.WriteString(record.Method);
        w.WriteI32(record.EngineId ?? -1);
        w.WriteI64(record.SubmittedAt?.UtcTicks ?? 0);
        w.WriteI64(record.StartedAt?.UtcTicks ?? 0);
        w.WriteI64(record.CompletedAt?.UtcTicks ?? 0);
        w.WriteI32(record.Attempts);
        w.WriteString(record.ErrorType);
        w.WriteString(record.ErrorMessage);
        w.WriteI64(record.BytesIn ?? -1);
        w.WriteI64(record.BytesOut ?? -1);
        w.WriteU8(record.HasResult ? (byte)1 : (byte)0);
        w.WriteU8(record.HasArguments ? (byte)1 : (byte)0);
        w.WriteU64(record.ResubmitOf ?? 0);
    }

    public static TaskHistoryRecord ReadRecord(ref WireReader r)
    {
        var id = r.ReadU64();
        var status = (TaskHistoryStatus)r.ReadU8();
        var client = r.ReadI32();
        var method = r.ReadString();
        var engine = r.ReadI32();
        var submitted = r.ReadI64();
        var started = r.ReadI64();
        var completed = r.ReadI64();
        var attempts = r.ReadI32();
        var errorType = r.ReadString();
        var errorMessage = r.ReadString();
        var bytesIn = r.ReadI64();
        var bytesOut = r.ReadI64();
        var hasResult = r.ReadBool();
        var hasArguments = r.ReadBool();
        var resubmitOf = r.ReadU64();
        return new TaskHistoryRecord
        {
            TaskId = id,
            Status = status,
            ClientId = client < 0 ? null : client,
            Method = method,
            EngineId = engine < 0 ? null : engine,
            SubmittedAt = Time(submitted),
            StartedAt = Time(started),
            CompletedAt = Time(completed),
            Attempts = attempts,
            ErrorType = errorType,
            ErrorMessage = errorMessage,
            BytesIn = bytesIn < 0 ? null : bytesIn,
            BytesOut = bytesOut < 0 ? null : bytesOut,
            HasResult = hasResult,
            HasArguments = hasArguments,
            ResubmitOf = resubmitOf == 0 ? null : resubmitOf,
        };
    }

    private static DateTimeOffset? Time(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
