using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Load-balanced tasks sent in one hop on leased engine capacity (Ray's direct task submission). A balanced task that may
/// go in one hop (the rules of an engine view's, plus: a view over every engine, no retries) goes on the leased engine with
/// the fewest of this client's tasks below its slots, straight to its process, numbered and answered as an engine view's
/// one-hop task. With every slot taken, it waits here in order and goes as slots free. Holding no lease, the client asks
/// the controller for some (<see cref="LeaseRequestMessage"/>) and holds its tasks until the answer; with none granted they
/// go through the controller, and it asks again only after <see cref="LeaseRetryAfterRefusal"/>. A revoked lease takes no
/// more tasks and goes back once its tasks are answered; what waits here and no other lease can take then goes through the
/// controller (it was never sent, so nothing runs twice). A lease unused for <see cref="LeaseIdleReturn"/> goes back, so
/// an idle client holds no engine.
/// </summary>
internal sealed partial class ControllerSession
{
    /// <summary>How long a lease may go unused before the client gives it back, unless set otherwise.</summary>
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
        if (target is not { Value: -1, Retries: 0, TimeoutMilliseconds: 0 } || _leaseIdleReturn <= TimeSpan.Zero || Direct is not { Off: false } ||
            !frame.Tail.IsEmpty || frame.Length <= bodyAt || !DirectTaskMessage.Carries((TaskKind)frame.Buffer[frame.Offset + bodyAt]) ||
            !NameKnown(frame.Memory.Span[bodyAt..]) || !Outbox.Clear(bundle))
        {
            return false;
        }

        lock (_hopGate)
        {
            // Every lease busy while engines are left: one more is asked for, and the task waits for the answer to go on
            // the least busy (as the controller's balancer would send it to an idle engine rather than behind a busy one's task).
            var wantMore = !_askingLeases && MayAskLocked() && WantMoreLeasesLocked();
            if (_leaseQueue.Count == 0 && !_askingLeases && !wantMore && FreeLeaseLocked() is { } lease)
            {
                Track(pending);
                if (SendLeasedLocked(lease, pending, frame))
                {
                    return true;
                }

                _leaseQueue.Enqueue(new HeldTask(pending, frame, bundle));
                return true;
            }

            var usable = AnyUsableLeaseLocked();
            if (!usable && !_askingLeases && !MayAskLocked())
            {
                return false;
            }

            Track(pending);
            _leaseQueue.Enqueue(new HeldTask(pending, frame, bundle));
            if (wantMore || (!_askingLeases && MayAskLocked() && FreeLeaseLocked() is null))
            {
                AskForLeasesLocked();
            }

            return true;
        }
    }

    /// <summary>The lease with a free slot and the fewest tasks, whose engine's direct connection is open; null if none.</summary>
    private Lease? FreeLeaseLocked()
    {
        Lease? best = null;
        foreach (var lease in _leases)
        {
            if (!lease.Revoking && lease.InFlight < lease.Slots && (best is null || lease.InFlight < best.InFlight) && !_lostEngines.Contains(lease.EngineId))
            {
                best = lease;
            }
        }

        return best;
    }

    /// <summary>Whether every lease has tasks on it while the cluster has engines this client holds no lease on.</summary>
    private bool WantMoreLeasesLocked()
    {
        var usable = 0;
        foreach (var lease in _leases)
        {
            if (!lease.Revoking)
            {
                if (lease.InFlight == 0)
                {
                    return false;
                }

                usable++;
            }
        }

        return usable < Engines.Ids.Length;
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
        lease.LastUsed = _time.GetTimestamp();
        pending.Join(lease, taskId);
        DirectTaskMessage.RewriteSubmit(frame.Buffer.AsSpan(frame.Offset, frame.Length), taskId, lease.EngineId);
        Interlocked.Increment(ref _directSent);
        Interlocked.Increment(ref _leasedSent);
        if (!connection.Send(frame))
        {
            var reason = $"its direct connection closed: {connection.CloseReason}";
            FailDirect(pending, $"Engine {lease.EngineId} was lost before the task finished ({reason}).", reason);
        }

        return true;
    }

    private void AskForLeasesLocked()
    {
        _askingLeases = true;
        if (_nextDirectId == _directIdsEnd && _spareIds.Count == 0 && !_askingIds && Direct is { } direct)
        {
            // The first leased task needs ids: asked for now, answered before the lease is.
            _askingIds = true;
            _ = AskForTaskIdsAsync(direct.ClientId);
        }

        Send(Message.ToFrame(new LeaseRequestMessage(Math.Max(1, _leaseQueue.Count))));
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

                if (MayAskLocked() && WantMoreLeasesLocked())
                {
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

            if (!AnyUsableLeaseLocked())
            {
                // No lease will take them: through the controller, in order.
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
            else if (MayAskLocked() && FreeLeaseLocked() is null)
            {
                AskForLeasesLocked();
            }
        }
        finally
        {
            _pumping = false;
        }
    }

    /// <summary>The controller's answer to a request for leases.</summary>
    private void OnLeaseGrant(LeaseGrantMessage grant)
    {
        lock (_hopGate)
        {
            _askingLeases = false;
            if (grant.Leases.Count == 0)
            {
                _leasesRefusedAt = _time.GetTimestamp();
            }

            foreach (var slots in grant.Leases)
            {
                var lease = new Lease(this, slots.LeaseId, slots.EngineId, slots.Slots) { LastUsed = _time.GetTimestamp() };
                if (_lostEngines.Contains(slots.EngineId) || Direct is not { Off: false } direct || _leaseIdleReturn <= TimeSpan.Zero)
                {
                    Send(Message.ToFrame(new LeaseReturnMessage(slots.LeaseId)));
                    continue;
                }

                _leases.Add(lease);
                if (direct.Ready(slots.EngineId) is null)
                {
                    _ = OpenLeaseAsync(direct, lease);
                }
            }

            if (_leases.Count > 0 && _leaseTimer is null)
            {
                StartLeaseTimerLocked();
            }

            PumpLeasedLocked();
        }
    }

    /// <summary>Waits for the direct connection to a leased engine; the lease goes back if it cannot open.</summary>
    private async Task OpenLeaseAsync(DirectPaths direct, Lease lease)
    {
        bool open;
        try
        {
            open = await direct.WaitReadyAsync(lease.EngineId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemoteKitException or OperationCanceledException or ObjectDisposedException)
        {
            open = false;
        }

        lock (_hopGate)
        {
            if (!open)
            {
                ReturnLeaseLocked(lease);
            }

            PumpLeasedLocked();
        }
    }

    /// <summary>The controller needs a lease back: nothing more goes on it, and it goes back once its tasks are answered.</summary>
    private void OnLeaseRevoke(ulong leaseId)
    {
        lock (_hopGate)
        {
            var lease = _leases.Find(l => l.Id == leaseId);
            if (lease is null)
            {
                // Returned already (idle): the controller has it or will.
                return;
            }

            lease.Revoking = true;
            if (lease.InFlight == 0)
            {
                ReturnLeaseLocked(lease);
            }

            PumpLeasedLocked();
        }
    }

    /// <summary>A task sent on a lease ended: its slot is free.</summary>
    private void LeasedTaskEnded(Lease lease)
    {
        lock (_hopGate)
        {
            lease.InFlight--;
            lease.LastUsed = _time.GetTimestamp();
            LaneLocked(lease.EngineId).Answered++;
            if (lease.Revoking && lease.InFlight == 0)
            {
                ReturnLeaseLocked(lease);
            }

            PumpLeasedLocked();
        }
    }

    private void ReturnLeaseLocked(Lease lease)
    {
        if (lease.Returned)
        {
            return;
        }

        lease.Returned = true;
        lease.Revoking = true;
        _leases.Remove(lease);
        Send(Message.ToFrame(new LeaseReturnMessage(lease.Id)));
    }

    /// <summary>
    /// The engine is lost or its direct connection closed: its leases go back (a controller that dropped them ignores that),
    /// and what waits goes elsewhere. True when tasks sent on them are still pending (the caller fails them).
    /// </summary>
    private bool DropLeasesOnLocked(int engine)
    {
        var pending = false;
        foreach (var lease in _leases.ToArray())
        {
            if (lease.EngineId == engine)
            {
                pending |= lease.InFlight > 0;
                ReturnLeaseLocked(lease);
            }
        }

        PumpLeasedLocked();
        return pending;
    }

    /// <summary>Takes a task out of the queue for leased slots, failing it as aborted; false when it is not there.</summary>
    private bool DropLeaseQueued(PendingTask task)
    {
        HeldTask dropped = default;
        lock (_hopGate)
        {
            if (_leaseQueue.Count == 0)
            {
                return false;
            }

            var kept = new Queue<HeldTask>(_leaseQueue.Count);
            while (_leaseQueue.TryDequeue(out var waiting))
            {
                if (waiting.Task == task)
                {
                    dropped = waiting;
                }
                else
                {
                    kept.Enqueue(waiting);
                }
            }

            foreach (var waiting in kept)
            {
                _leaseQueue.Enqueue(waiting);
            }
        }

        if (dropped.Task is null)
        {
            return false;
        }

        dropped.Frame.Return();
        lock (_pending)
        {
            _pending.Remove(task.Id);
        }

        task.Fail(new TaskAbortedException("The task was aborted before it ran.", null, task.AbortedBy));
        return true;
    }

    /// <summary>Returns the leases unused for <see cref="LeaseIdleReturn"/>, checked every half of it.</summary>
    private void StartLeaseTimerLocked()
    {
        if (_leaseIdleReturn <= TimeSpan.Zero)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Max(_leaseIdleReturn.Ticks / 2, TimeSpan.TicksPerMillisecond));
        _leaseTimer = _time.CreateTimer(static s => ((ControllerSession)s!).ReturnIdleLeases(), this, period, period);
    }

    private void ReturnIdleLeases()
    {
        lock (_hopGate)
        {
            foreach (var lease in _leases.ToArray())
            {
                if (lease.InFlight == 0 && (_leaseIdleReturn <= TimeSpan.Zero || _time.GetElapsedTime(lease.LastUsed) >= _leaseIdleReturn))
                {
                    ReturnLeaseLocked(lease);
                }
            }
        }
    }

    /// <summary>The controller was lost: its leases mean nothing to the one that comes back.</summary>
    private void ForgetLeasesLocked()
    {
        _leases.Clear();
        _askingLeases = false;
        PumpLeasedLocked();
    }

    /// <summary>The session closed: no lease is checked any more.</summary>
    private void StopLeases()
    {
        lock (_hopGate)
        {
            _leaseTimer?.Dispose();
            _leaseTimer = null;
            _leases.Clear();
            while (_leaseQueue.TryDequeue(out var waiting))
            {
                waiting.Frame.Return();
            }
        }
    }

    /// <summary>A lease the controller granted: <see cref="Slots"/> tasks at once on <see cref="EngineId"/>.</summary>
    internal sealed class Lease(ControllerSession session, ulong id, int engineId, int slots) : ITaskLane
    {
        public ulong Id { get; } = id;

        public int EngineId { get; } = engineId;

        public int Slots { get; } = slots;

        /// <summary>This client's tasks on it not answered yet.</summary>
        public int InFlight { get; set; }

        /// <summary>It takes no more tasks (the controller wants it back, or it went back).</summary>
        public bool Revoking { get; set; }

        /// <summary>It went back to the controller.</summary>
        public bool Returned { get; set; }

        /// <summary>When a task last went on it or ended (the session's clock's timestamp).</summary>
        public long LastUsed { get; set; }

        public void TaskEnded(PendingTask task) => session.LeasedTaskEnded(this);
    }
}
