using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;

namespace RemoteKit.Controller;

/// <summary>
/// Leases of engine capacity for load-balanced tasks sent in one hop (Ray's direct task submission). A client with balanced
/// tasks it could send so asks for leases; the hub grants slots on engines free of other work, while no task waits in its
/// own queues. The slots count in the engine's load (<see cref="HasRoomLocked"/>), so the balancer never
/// sends an engine more than its task limit, whoever places the tasks. When a task has to wait in the hub's queue and a
/// lease holds an engine it may use, the hub revokes one (another client's first); the holder places nothing more there and
/// returns the lease once its tasks on it are answered, which frees the slots for the queue. A lease goes with its engine
/// or its client. The hub sees leased tasks only through the engines' reports: outcomes (<see cref="DirectOutcomes"/>), which
/// count the engine's completed tasks and run times but never its in-flight count (the slots are reserved as one block),
/// and the count of one-hop tasks it holds (<see cref="DirectBacklog"/>), which includes the leased ones and so counts in
/// the engine's load only beyond the slots (<see cref="LoadOf"/>).
/// </summary>
internal sealed partial class Hub
{
    private readonly Dictionary<ulong, LeaseState> _leases = [];
    private ulong _nextLeaseId;

    /// <summary>A lease: <see cref="Slots"/> of <see cref="Engine"/>'s capacity held by <see cref="Client"/>.</summary>
    internal sealed class LeaseState(ulong id, ClientState client, EngineState engine, int slots)
    {
        public ulong Id { get; } = id;

        public ClientState Client { get; } = client;

        public EngineState Engine { get; } = engine;

        /// <summary>How many tasks the client may have on the engine at once; grows with the engine's task limit.</summary>
        public int Slots { get; set; } = slots;

        /// <summary>The client was told to return it: it is not revoked again.</summary>
        public bool Revoking { get; set; }

        /// <summary>When it was revoked (the hub's clock, ms): a client that has not returned it by the abort grace loses it.</summary>
        public long RevokedAt { get; set; }
    }

    /// <summary>How many leases are held (tests).</summary>
    internal int LeaseCount
    {
        get
        {
            lock (_gate)
            {
                return _leases.Count;
            }
        }
    }

    /// <summary>The most tasks the balancer lets the engine hold now.</summary>
    private int LimitOf(EngineState engine) => engine.TaskLimit > 0 ? engine.TaskLimit : _options.EngineTaskLimit;

    /// <summary>
    /// Answers a client's request for leases: engines free of other work (no task in flight, no lease) with a direct path,
    /// among those it names if it names any (a view over a subset), until the slots (the engine's task limit) cover the tasks
    /// it has waiting; none while tasks wait in the hub's queues (they go first).
    /// </summary>
    private void RequestLeases(ClientState client, LeaseRequestMessage request)
    {
        lock (_gate)
        {
            List<LeaseSlots> granted = [];
            if (!_stopping && !client.Gone && !TasksWaitLocked())
            {
                var covered = 0;
                var wanted = Math.Max(1, request.Waiting);
                foreach (var engine in _engineList)
                {
                    // Only an engine free of other work: the client places by its own count of tasks on each lease, and
                    // would put a task behind one it cannot see (the hub's, or an engine view's one-hop tasks).
                    if (engine.Lease is not null || engine.Endpoint is null || engine.InFlight > 0 || engine.DirectBacklog > 0 || !HasRoomLocked(engine) ||
                        (request.Engines is { } named && !named.Contains(engine.Id)))
                    {
                        continue;
                    }

                    var lease = new LeaseState(++_nextLeaseId, client, engine, LimitOf(engine));
                    engine.Lease = lease;
                    client.Leases.Add(lease);
                    _leases.Add(lease.Id, lease);
                    granted.Add(new LeaseSlots(lease.Id, engine.Id, lease.Slots));
                    covered += lease.Slots;
                    if (covered >= wanted)
                    {
                        break;
                    }
                }
            }

            // Under the lock: a revoke of one of these leases can only follow the grant on the client's connection.
            client.Channel.Send(Message.ToFrame(new LeaseGrantMessage(granted)));
        }
    }

    /// <summary>
    /// The engine's task limit grew (its leased tasks are short): its lease grows with it, so a client keeping it busy is not
    /// held to the limit of the moment it was granted. Told with a grant of the same lease id.
    /// </summary>
    private void GrowLeaseLocked(EngineState engine)
    {
        if (engine.Lease is not { Revoking: false } lease || LimitOf(engine) <= lease.Slots || TasksWaitLocked())
        {
            return;
        }

        lease.Slots = LimitOf(engine);
        lease.Client.Channel.Send(Message.ToFrame(new LeaseGrantMessage([new LeaseSlots(lease.Id, engine.Id, lease.Slots)])));
    }

    /// <summary>Whether a task waits in the hub's queues for an engine (not only cancelled ones).</summary>
    private bool TasksWaitLocked() => _retrying.Any(static r => !r.Finished) || _balanced.Any(static r => !r.Cancelled);

    /// <summary>A client gave a lease back: its slots are free, and the queues drain onto them.</summary>
    private void ReturnLease(ClientState client, LeaseReturnMessage returned)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(returned.LeaseId, out var lease) && lease.Client == client)
            {
                DropLeaseLocked(lease);
                DrainBalancedLocked();
            }
        }
    }

    private void DropLeaseLocked(LeaseState lease)
    {
        _leases.Remove(lease.Id);
        lease.Client.Leases.Remove(lease);
        if (lease.Engine.Lease == lease)
        {
            lease.Engine.Lease = null;
        }
    }

    /// <summary>
    /// Takes back the leases revoked longer than <paramref name="grace"/> ago that their clients have not returned, so a client
    /// that ignores a revoke (or whose leased tasks run long) holds no reserved slots past the grace: the queue drains onto
    /// them. Its tasks still on the engine keep counting in the engine's load through the engine's backlog reports
    /// (<see cref="LoadOf"/>), and a return that comes later is ignored.
    /// </summary>
    /// <returns>Whether any lease was taken back.</returns>
    private bool ExpireRevokedLeasesLocked(long now, long grace)
    {
        List<LeaseState>? expired = null;
        foreach (var lease in _leases.Values)
        {
            if (lease.Revoking && now - lease.RevokedAt > grace)
            {
                (expired ??= []).Add(lease);
            }
        }

        foreach (var lease in expired ?? [])
        {
            _logger.LogWarning(
                EventIds.LeaseRevoked, "Lease {LeaseId} of client {ClientId} on engine {EngineId} was not returned within {Grace} ms of its revoke; the controller took it back",
                lease.Id, lease.Client.Id, lease.Engine.Id, grace);
            DropLeaseLocked(lease);
        }

        return expired is not null;
    }

    /// <summary>Moves on the revoke deadlines of leases by a pause of the controller.</summary>
    private void PauseLeasesLocked(long paused)
    {
        foreach (var lease in _leases.Values)
        {
            if (lease.Revoking)
            {
                lease.RevokedAt += paused;
            }
        }
    }

    /// <summary>Drops the lease on an engine that is leaving (its holder hears of the engine's fate, not of the lease).</summary>
    private void DropEngineLeaseLocked(EngineState engine)
    {
        if (engine.Lease is { } lease)
        {
            DropLeaseLocked(lease);
        }
    }

    /// <summary>Drops the leases of a client that left: their slots are free.</summary>
    private void DropClientLeasesLocked(ClientState client)
    {
        foreach (var lease in client.Leases.ToArray())
        {
            DropLeaseLocked(lease);
        }
    }

    /// <summary>
    /// Revokes leases for the tasks still waiting in the hub's queues after a drain: each of the first waiting tasks (as many
    /// as there are leases) is covered by a lease being returned on an engine it may use, revoking one more (another client's
    /// first) when none covers it.
    /// </summary>
    private void RevokeForWaitingLocked()
    {
        if (_leases.Count == 0 || (_balanced.Count == 0 && _retrying.Count == 0))
        {
            return;
        }

        List<LeaseState>? covering = null;
        var looked = 0;
        foreach (var record in _retrying.Concat(_balanced))
        {
            if (record.Finished || record.Cancelled)
            {
                continue;
            }

            if (++looked > _leases.Count)
            {
                break;
            }

            LeaseState? revoking = null;
            LeaseState? candidate = null;
            foreach (var lease in _leases.Values)
            {
                if (record.Allowed is { } allowed && !allowed.Contains(lease.Engine.Id))
                {
                    continue;
                }

                if (lease.Revoking)
                {
                    if (revoking is null && covering?.Contains(lease) != true)
                    {
                        revoking = lease;
                    }
                }
                else if (candidate is null || (candidate.Client == record.Client && lease.Client != record.Client))
                {
                    candidate = lease;
                }
            }

            if (revoking is null && candidate is not null)
            {
                candidate.Revoking = true;
                candidate.RevokedAt = NowMs();
                revoking = candidate;
                candidate.Client.Channel.Send(Message.ToFrame(new LeaseRevokeMessage(candidate.Id)));
                _logger.LogDebug(EventIds.LeaseRevoked, "Lease {LeaseId} of client {ClientId} on engine {EngineId} revoked: task {TaskId} waits",
                    candidate.Id, candidate.Client.Id, candidate.Engine.Id, record.Id);
            }

            if (revoking is not null)
            {
                (covering ??= []).Add(revoking);
            }
        }
    }
}
