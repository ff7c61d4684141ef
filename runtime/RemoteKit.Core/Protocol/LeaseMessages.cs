using System.Buffers;

namespace RemoteKit.Protocol;

/// <summary>
/// Client → controller: <c>[i32 waiting][i32 n][n × i32 engine id]</c>, the client has load-balanced tasks it could send in
/// one hop (<c>waiting</c> of them) and no lease with a free slot: it asks for leases of engine capacity, on those engines
/// only (the view's subset), or on any when n is 0. Answered by one <see cref="LeaseGrantMessage"/>, possibly empty; a
/// client has at most one request unanswered.
/// </summary>
internal readonly record struct LeaseRequestMessage(int Waiting, IReadOnlyList<int>? Engines = null) : IMessage
{
    public MessageKind Kind => MessageKind.LeaseRequest;

    public int SizeHint => 8 + (4 * (Engines?.Count ?? 0));

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(Waiting);
        new EngineSetMessage(Engines ?? []).Write(w);
    }

    public static LeaseRequestMessage Read(ref WireReader r)
    {
        var waiting = r.ReadI32();
        var engines = EngineSetMessage.ReadIds(ref r);
        return new LeaseRequestMessage(waiting, engines.Length == 0 ? null : engines);
    }
}

/// <summary>One lease: <c>[u64 lease id][i32 engine id][i32 slots]</c>, how many load-balanced tasks the client may have on that engine at once.</summary>
internal readonly record struct LeaseSlots(ulong LeaseId, int EngineId, int Slots)
{
    public const int Size = 8 + 4 + 4;
}

/// <summary>
/// Controller → client: <c>[i32 n]</c> then n <see cref="LeaseSlots"/>, the answer to a <see cref="LeaseRequestMessage"/>.
/// The slots count in each engine's load at the controller until the lease comes back (<see cref="LeaseReturnMessage"/>),
/// its engine is lost, or the client leaves. Empty when no engine is free or tasks wait in the controller's queue. Sent
/// unasked, with the id of a lease the client holds, when that lease grows (its engine's task limit rose).
/// </summary>
internal readonly record struct LeaseGrantMessage(IReadOnlyList<LeaseSlots> Leases) : IMessage
{
    public MessageKind Kind => MessageKind.LeaseGrant;

    public int SizeHint => 4 + (LeaseSlots.Size * Leases.Count);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteI32(Leases.Count);
        foreach (var lease in Leases)
        {
            w.WriteU64(lease.LeaseId);
            w.WriteI32(lease.EngineId);
            w.WriteI32(lease.Slots);
        }
    }

    public static LeaseGrantMessage Read(ref WireReader r)
    {
        var leases = new LeaseSlots[r.ReadCount(LeaseSlots.Size)];
        for (var i = 0; i < leases.Length; i++)
        {
            leases[i] = new LeaseSlots(r.ReadU64(), r.ReadI32(), r.ReadI32());
        }

        return new LeaseGrantMessage(leases);
    }
}

/// <summary>
/// Controller → client: <c>[u64 lease id]</c>, a task waits at the controller for capacity this lease holds: the client places
/// nothing more on it and returns it (<see cref="LeaseReturnMessage"/>) once its tasks on it are answered.
/// </summary>
internal readonly record struct LeaseRevokeMessage(ulong LeaseId) : IMessage
{
    public MessageKind Kind => MessageKind.LeaseRevoke;

    public int SizeHint => 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(LeaseId);

    public static LeaseRevokeMessage Read(ref WireReader r) => new(r.ReadU64());
}

/// <summary>
/// Client → controller: <c>[u64 lease id]</c>, the client holds no task on the lease any more and gives its slots back (it
/// was revoked, unused for a while, or its engine's direct connection closed). A lease the controller already dropped is ignored.
/// </summary>
internal readonly record struct LeaseReturnMessage(ulong LeaseId) : IMessage
{
    public MessageKind Kind => MessageKind.LeaseReturn;

    public int SizeHint => 8;

    public void Write(IBufferWriter<byte> w) => w.WriteU64(LeaseId);

    public static LeaseReturnMessage Read(ref WireReader r) => new(r.ReadU64());
}
