using System.Buffers;

namespace RemoteKit.Protocol;

/// <summary>
/// Engine → controller: <c>[i32 count]</c>, how many tasks sent to this engine in one hop it holds now (received on clients'
/// direct connections, not yet ended: queued or running). The controller counts them in the engine's load, for the load
/// balancer's choice and its task limit, and in queue status; it hears of a one-hop task otherwise only once it ended
/// (<see cref="DirectOutcomesMessage"/>).
/// </summary>
/// <remarks>
/// Sent only when the count changed since the last one sent: right after each <see cref="DirectOutcomesMessage"/> (so a
/// stream of small tasks costs one more small frame per batch of outcomes, not one per task), and, when tasks arrive with
/// no batch of outcomes under way (the engine went from idle to busy, or a long task runs), within
/// <c>EngineSession.OutcomeDelay</c> of the first of them, counting those that arrived meanwhile. An engine's count starts at
/// 0 when it registers. It includes load-balanced tasks sent on a lease (<see cref="LeaseGrantMessage"/>).
/// </remarks>
internal readonly record struct DirectBacklogMessage(int Count) : IMessage
{
    public MessageKind Kind => MessageKind.DirectBacklog;

    public int SizeHint => 4;

    public void Write(IBufferWriter<byte> w) => w.WriteI32(Count);

    public static DirectBacklogMessage Read(ref WireReader r)
    {
        var count = r.ReadI32();
        return count >= 0 ? new(count) : throw new ProtocolViolationException($"An engine reported {count} one-hop tasks.");
    }
}

/// <summary>
/// One task of a <see cref="DirectLostMessage"/>: <c>[u64 task id][u64 client task id][i64 sent ticks][u8 error kind][u8 task
/// kind][u64 method id][i64 task bytes]</c>. Sent is when the client submitted it (UTC ticks); the error kind is
/// <see cref="ErrorKind.EngineLost"/>, or <see cref="ErrorKind.Aborted"/> for a task whose abort was asked for; the task kind
/// and method id are the first bytes of its task body (the method id is 0 for a kind that names no method), and the task
/// bytes the body's size.
/// </summary>
internal readonly record struct DirectLostTask(ulong TaskId, ulong ClientTaskId, long SentTicks, ErrorKind Error, TaskKind TaskKind, ulong MethodId, long TaskBytes)
{
    public const int Size = 8 + 8 + 8 + 1 + 1 + 8 + 8;

    /// <summary>Whether a task body of <paramref name="kind"/> starts with a method id after its kind byte.</summary>
    public static bool NamesMethod(TaskKind kind) => kind is TaskKind.Call or TaskKind.Batch or TaskKind.Columns;

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU64(TaskId);
        w.WriteU64(ClientTaskId);
        w.WriteI64(SentTicks);
        w.WriteU8((byte)Error);
        w.WriteU8((byte)TaskKind);
        w.WriteU64(MethodId);
        w.WriteI64(TaskBytes);
    }

    public static DirectLostTask Read(ref WireReader r) =>
        new(r.ReadU64(), r.ReadU64(), r.ReadI64(), ErrorKinds.Parse(r.ReadU8()), (TaskKind)r.ReadU8(), r.ReadU64(), r.ReadI64());
}

/// <summary>
/// Client → controller: <c>[i32 engine id][string reason][i32 n]</c> then n <see cref="DirectLostTask"/>s, tasks the client sent
/// that engine in one hop and failed itself when the engine was lost (the controller declared it lost or ended, or the
/// client's direct connection to it closed): the engine cannot report them. The controller records each as ended, failed
/// with the error the client gave (<see cref="LostError"/>, <see cref="AbortedError"/>), unless it already recorded the task
/// (its outcome was reported); an outcome reported later for one of them is not recorded. One message per loss (at most
/// <see cref="MaxTasks"/> tasks each), not one per task.
/// </summary>
internal readonly record struct DirectLostMessage(int EngineId, string Reason, IReadOnlyList<DirectLostTask> Tasks) : IMessage
{
    /// <summary>The most tasks one message carries.</summary>
    public const int MaxTasks = 4096;

    public MessageKind Kind => MessageKind.DirectLost;

    public int SizeHint => 4 + 4 + (Reason.Length * 3) + 4 + (DirectLostTask.Size * Tasks.Count);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(EngineId);
        w.WriteString(Reason);
        w.WriteI32(Tasks.Count);
        foreach (var task in Tasks)
        {
            task.Write(w);
        }
    }

    public static DirectLostMessage Read(ref WireReader r)
    {
        var engineId = r.ReadI32();
        var reason = r.ReadString() ?? "";
        var tasks = new DirectLostTask[r.ReadCount(DirectLostTask.Size)];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = DirectLostTask.Read(ref r);
        }

        return new(engineId, reason, tasks);
    }

    /// <summary>The error of a task sent in one hop whose engine was lost, for <paramref name="reason"/>: the client's EngineLostException and the history's record say the same.</summary>
    public static string LostError(int engineId, string reason) => $"Engine {engineId} was lost before the task finished ({reason}).";

    /// <summary>The error of such a task whose abort was asked for before its engine ended.</summary>
    public static string AbortedError(int engineId, string reason) => $"The task was aborted; engine {engineId} ended before it answered ({reason}).";
}
