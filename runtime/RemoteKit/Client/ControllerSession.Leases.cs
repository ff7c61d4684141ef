using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Load-balanced tasks sent in one hop on leased engine capacity (Ray's direct task submission). A balanced task that may
/// go in one hop (the rules of an engine view's) goes on the leased engine with the fewest of this client's tasks below its
/// slots, straight to its process, numbered and answered as an engine view's
/// one-hop task. With every slot taken, it waits here in order and goes as slots free. Holding no lease, the client asks
/// the controller for some (<see cref="LeaseRequestMessage"/>) and holds its tasks until the answer; with none granted they
/// go through the controller, and it asks again only after <see cref="LeaseRetryAfterRefusal"/>. A revoked lease takes no
/// more tasks and goes back once its tasks are answered; what waits here and no other lease can take then goes through the
/// controller (it was never sent, so nothing runs twice). A lease unused for <see cref="LeaseIdleReturn"/> goes back, so
/// an idle client holds no engine. A task of a view over a subset goes on a free slot of a lease on one of its engines, or
/// through the controller while none is free (asking for leases on its engines): it never waits here; so does a task with a
/// timeout, which takes only a lease with no task on it (<see cref="OneHopTimedOut"/>).
/// </summary>
internal sealed partial class ControllerSession
{
    /// <summary>
    /// How long an unused lease is kept by default: long enough that a client submitting in steady bursts keeps its leases
    /// between them, short enough that an idle client soon holds no engine another client could use.
    /// </summary>
    internal static readonly TimeSpan DefaultLeaseIdleReturn = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after an empty grant the client sends balanced tasks through the controller without asking again.</summary>
    private static readonly TimeSpan LeaseRetryAfterRefusal = TimeSpan.FromMilliseconds(20);

    private readonly List<Lease> _leases = [];
    private readonly Queue<HeldTask> _leaseQueue = new();
    private bool _askingLeases;
    private bool _pumping;
    private long _leasesRefusedAt;
    private ITimer? _leaseTimer;
    private long _leasedSent;
    private int _leasesOut;
    private ulong _lastLeaseId;
    private TimeSpan _leaseIdleReturn = DefaultLeaseIdleReturn;

    /// <summary>How long a lease may go unused before it goes back to the controller; zero: balanced tasks always go through the controller.</summary>
    internal TimeSpan LeaseIdleReturn
    {
        get => _leaseIdleReturn;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (_hopGate)
            {
                _leaseIdleReturn = value;
                _leaseTimer?.Dispose();
                _leaseTimer = null;
                if (_leases.Count > 0)
                {
                    StartLeaseTimerLocked();
                }
            }
        }
    }

    /// <summary>How many load-balanced tasks went to engines in one hop on leased slots (tests).</summary>
    internal long LeasedTasksSent => Interlocked.Read(ref _leasedSent);

    /// <summary>How many leases the client holds (tests).</summary>
    internal int LeasesHeld
    {
        get
        {
            lock (_hopGate)
            {
                return _leases.Count;
            }
        }
    }

    /// <summary>
    /// Places a load-balanced task: on a leased slot in one hop, or waiting here for one (or for the controller's answer to a
    /// request for leases); false when it goes through the controller (the caller sends it there).
    /// </summary>
    private bool RouteBalanced(PendingTask pending, OutgoingFrame frame, int bodyAt, CodeBundle? bundle, TaskTarget target)
    {
        var subset = target.Value == -1 ? null : target.Engines;
        pending.TimeoutMilliseconds = target.TimeoutMilliseconds;
        if ((target.Value != -1 && subset is null) || _leaseIdleReturn <= TimeSpan.Zero || Direct is not { Off: false } ||
            !frame.Tail.IsEmpty || frame.Length <= bodyAt || !DirectTaskMessage.Carries((TaskKind)frame.Buffer[frame.Offset + bodyAt]) ||
            !NameKnown(frame.Memory.Span[bodyAt..]) || !Outbox.Clear(bundle))
        {
            if (target.Value < 0 && Volatile.Read(ref _leasesOut) > 0)
            {
                ReturnIdleLeasesForHub();
            }

            return false;
        }

        lock (_hopGate)
        {
            if (subset is not null || pending.TimeoutMilliseconds > 0)
            {
                return RouteWithoutWaitingLocked(pending, frame, bundle, target, subset);
            }

            // Every lease busy while engines are left: one more is asked for, and the task waits for the answer to go on
            // the least busy (as the controller's balancer would send it to an idle engine rather than behind a busy one's task).
            var idleEngines = !_askingLeases && WantMoreLeasesLocked();
            var wantMore = idleEngines && MayAskLocked();
            if (_leaseQueue.Count == 0 && !_askingLeases && !idleEngines && FreeLeaseLocked() is { } lease)
            {
                pending.ForLease = true;
                Track(pending);
                KeepForRetry(pending, frame, bundle, target);
                if (SendLeasedLocked(lease, pending, frame))
                {
                    return true;
                }

                _leaseQueue.Enqueue(new HeldTask(pending, frame, bundle));
                return true;
            }

            if (!_askingLeases && !MayAskLocked() && (idleEngines || !AnyUsableLeaseLocked()))
            {
                // Refused lately: through the controller, which sends it to an engine with room (other than a busy lease's).
                return false;
            }

            pending.ForLease = true;
            Track(pending);
            KeepForRetry(pending, frame, bundle, target);
            _leaseQueue.Enqueue(new HeldTask(pending, frame, bundle));
            if (wantMore || (!_askingLeases && MayAskLocked() && FreeLeaseLocked() is null && UnleasedEnginesLocked()))
            {
                AskForLeasesLocked();
            }

            return true;
        }
    }

    /// <summary>
    /// A balanced task goes through the controller: the leases without tasks go back first (their return reaches the
    /// controller before the task), so that it balances over every engine rather than around slots nobody uses.
    /// </summary>
    private void ReturnIdleLeasesForHub()
    {
        lock (_hopGate)
        {
            foreach (var lease in _leases.ToArray())
            {
                if (lease.InFlight == 0 && !lease.Revoking)
                {
                    ReturnLeaseLocked(lease);
                }
            }

            PumpLeasedLocked();
        }
    }

    /// <summary>
    /// The lease with a free slot and the fewest tasks, whose engine's direct connection is open, on one of
    /// <paramref name="subset"/>'s engines if given, with no task on it if <paramref name="empty"/>; null if none. A lease
    /// that carries a task with a timeout takes no other.
    /// </summary>
    private Lease? FreeLeaseLocked(IReadOnlyList<int>? subset = null, bool empty = false)
    {
        Lease? best = null;
        foreach (var lease in _leases)
        {
            if (!lease.Revoking && !lease.Alone && (empty ? lease.InFlight == 0 : lease.InFlight < lease.Slots) && (best is null || lease.InFlight < best.InFlight) &&
                !_lostEngines.Contains(lease.EngineId) && (subset is null || subset.Contains(lease.EngineId)))
            {
                best = lease;
            }
        }

        return best;
    }

    /// <summary>
    /// Places a task of a view over a subset, or a task with a timeout: on a free leased slot of one of its engines (for a
    /// task with a timeout, a lease with no task on it, which then takes no other until it ends), in one hop, while no task
    /// waits here for a slot (those keep their order); otherwise through the controller (false), asking for leases on its
    /// engines that this client holds none on. Such a task never waits here, so it holds up no other view's. Nothing of this
    /// client's queues behind a task with a timeout on its engine: if it times out, nothing waits for its abort.
    /// </summary>
    private bool RouteWithoutWaitingLocked(PendingTask pending, OutgoingFrame frame, CodeBundle? bundle, TaskTarget target, IReadOnlyList<int>? subset)
    {
        if (_leaseQueue.Count == 0 && !_askingLeases && FreeLeaseLocked(subset, empty: pending.TimeoutMilliseconds > 0) is { } lease)
        {
            pending.ForLease = true;
            Track(pending);
            KeepForRetry(pending, frame, bundle, target);
            if (SendLeasedLocked(lease, pending, frame))
            {
                return true;
            }

            // No id or connection at hand: through the controller after all, tracked there by the caller.
            lock (_pending)
            {
                _pending.Remove(pending.Id);
                ForgetLocked(pending.Id);
            }

            pending.ForLease = false;
            return false;
        }

        if (!_askingLeases && MayAskLocked() && (subset is null ? UnleasedEnginesLocked() : UnleasedLocked(subset)))
        {
            AskForLeasesLocked(subset);
        }

        return false;
    }

    /// <summary>Whether <paramref name="subset"/> has registered engines this client holds no usable lease on.</summary>
    private bool UnleasedLocked(IReadOnlyList<int> subset)
    {
        foreach (var engine in subset)
        {
            if (Array.IndexOf(Engines.Ids, engine) >= 0 && !_lostEngines.Contains(engine) && !_leases.Exists(l => !l.Revoking && l.EngineId == engine))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the cluster has engines this client holds no usable lease on. With every engine leased, asking for more while
    /// the slots are full could only be refused, and the tasks that wait would wait for the refusal (a round trip to the
    /// controller, one every <see cref="LeaseRetryAfterRefusal"/> of a long burst) instead of for the next free slot.
    /// </summary>
    private bool UnleasedEnginesLocked()
    {
        var usable = 0;
        foreach (var lease in _leases)
        {
            if (!lease.Revoking)
            {
                usable++;
            }
        }

        return usable < Engines.Ids.Length;
    }

    /// <summary>Whether every lease has tasks on it while the cluster has engines this client holds no lease on.</summary>
    private bool WantMoreLeasesLocked()
    {
        foreach (var lease in _leases)
        {
            if (!lease.Revoking && lease.InFlight == 0)
            {
                return false;
            }
        }

        return UnleasedEnginesLocked();
    }

    private bool AnyUsableLeaseLocked()
    {
        foreach (var lease in _leases)
        {
            if (!lease.Revoking)
            {
                return true;
            }
        }

        return false;
    }

    private bool MayAskLocked() => _leasesRefusedAt == 0 || _time.GetElapsedTime(_leasesRefusedAt) >= LeaseRetryAfterRefusal;

    /// <summary>Sends a task on a leased slot; false (nothing sent) while the engine's direct connection is not open or no id is at hand.</summary>
    private bool SendLeasedLocked(Lease lease, PendingTask pending, OutgoingFrame frame)
    {
        if (Direct?.Ready(lease.EngineId, open: false) is not { Connection: { } connection } || !TakeDirectIdLocked(out var taskId))
        {
            return false;
        }

        lease.InFlight++;
        lease.Alone = pending.TimeoutMilliseconds > 0;
        pending.Join(lease, taskId);
        ArmOneHopDeadline(pending, taskId);
        DirectTaskMessage.RewriteSubmit(frame.Buffer.AsSpan(frame.Offset, frame.Length), taskId, lease.EngineId);
        NoteLeasedBody(pending, frame);
        Interlocked.Increment(ref _directSent);
        Interlocked.Increment(ref _leasedSent);
        if (!connection.Send(frame))
        {
            var reason = $"its direct connection closed: {connection.CloseReason}";
            FailDirect(pending, $"Engine {lease.EngineId} was lost before the task finished ({reason}).", reason);
        }

        return true;
    }

    private void AskForLeasesLocked(IReadOnlyList<int>? subset = null)
    {
        _askingLeases = true;
        if (_nextDirectId == _directIdsEnd && _spareIds.Count == 0 && !_askingIds && Direct is { } direct)
        {
            // The first leased task needs ids: asked for now, answered before the lease is.
            _askingIds = true;
            _ = AskForTaskIdsAsync(direct.ClientId);
        }

        Send(Message.ToFrame(new LeaseRequestMessage(Math.Max(1, _leaseQueue.Count), subset)));
    }

    /// <summary>Sends what waits for a leased slot while slots are free; what no lease can take goes through the controller.</summary>
    private void PumpLeasedLocked()
    {
        if (_pumping)
        {
            return;
        }

        _pumping = true;
        try
        {
            // While leases are asked for, what waits goes once they are answered, on the least busy.
            while (!_askingLeases && _leaseQueue.TryPeek(out var next))
            {
                if (next.Task.Completion.IsCompleted)
                {
                    // Aborted or failed while it waited.
                    _leaseQueue.Dequeue();
                    next.Frame.Return();
                    continue;
                }

                if (WantMoreLeasesLocked())
                {
                    if (!MayAskLocked())
                    {
                        // Refused lately: the rest go through the controller, which knows which engines have room.
                        break;
                    }

                    // Every lease is busy and engines are left: the rest wait to be spread over one more.
                    AskForLeasesLocked();
                    return;
                }

                if (FreeLeaseLocked() is not { } lease || !SendLeasedLocked(lease, next.Task, next.Frame))
                {
                    break;
                }

                _leaseQueue.Dequeue();
            }

            if (_leaseQueue.Count == 0 || _askingLeases)
            {
                return;
            }

            if (!AnyUsableLeaseLocked() || (!MayAskLocked() && WantMoreLeasesLocked()))
            {
                // No lease will take them (or none soon, while engines are left): through the controller, in order.
                while (_leaseQueue.TryDequeue(out var waiting))
                {
                    if (waiting.Task.Completion.IsCompleted)
                    {
                        waiting.Frame.Return();
                        continue;
                    }

                    Outbox.Send(waiting.Frame, waiting.Bundle, waiting.Task);
                }
            }
            else if (MayAskLocked() && FreeLeaseLocked() is null && UnleasedEnginesLocked())
            {
                AskForLeasesLocked();
            }
        }
        finally
        {
            _pumping = false;
        }
    }
}
