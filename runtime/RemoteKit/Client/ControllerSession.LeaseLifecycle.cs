using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>
/// A lease's life on the client: granted (its engine's direct connection opened), revoked by the controller, given back
/// when its tasks are answered, when idle, or when its engine is gone; and what waits for leased slots when a task is
/// aborted or the session ends.
/// </summary>
internal sealed partial class ControllerSession
{
    /// <summary>The controller's answer to a request for leases.</summary>
    private void OnLeaseGrant(LeaseGrantMessage grant)
    {
        lock (_hopGate)
        {
            if (grant.Leases.Count == 1 && grant.Leases[0].LeaseId <= _lastLeaseId)
            {
                // A lease granted before grew with its engine's task limit (ids of new leases only rise): no answer to a request.
                if (_leases.Find(l => l.Id == grant.Leases[0].LeaseId) is { } grown)
                {
                    grown.Slots = grant.Leases[0].Slots;
                    PumpLeasedLocked();
                }

                return;
            }

            _askingLeases = false;
            if (grant.Leases.Count == 0)
            {
                _leasesRefusedAt = _time.GetTimestamp();
            }

            foreach (var slots in grant.Leases)
            {
                _lastLeaseId = Math.Max(_lastLeaseId, slots.LeaseId);
                var lease = new Lease(this, slots.LeaseId, slots.EngineId, slots.Slots) { LastUsed = _time.GetTimestamp() };
                if (_lostEngines.Contains(slots.EngineId) || Direct is not { Off: false } direct || _leaseIdleReturn <= TimeSpan.Zero)
                {
                    Send(Message.ToFrame(new LeaseReturnMessage(slots.LeaseId)));
                    continue;
                }

                _leases.Add(lease);
                Volatile.Write(ref _leasesOut, _leases.Count);
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

    /// <summary>
    /// Set while a direct connection's read loop hands this session the answers of one read: the slots they free are refilled
    /// once, after the last of them (<see cref="DirectFramesRead"/>), so that the tasks sent on them leave in one write rather
    /// than one each.
    /// </summary>
    [ThreadStatic]
    private static ControllerSession? t_refillAfterFrames;

    /// <summary>Slots were freed while refilling waited for the end of a read.</summary>
    private bool _refillDue;

    /// <summary>The read loop of a direct connection is about to hand this session an answer (<see cref="OnDirectFrame"/>).</summary>
    private void RefillAfterFrames() => t_refillAfterFrames = this;

    /// <summary>
    /// A direct connection's read loop handed over the frames of one read: the slots they freed are refilled now, for
    /// whichever session they were answers of (the mark never outlives the read, whatever session the path belongs to now).
    /// </summary>
    internal static void DirectFramesRead()
    {
        if (t_refillAfterFrames is not { } session)
        {
            return;
        }

        t_refillAfterFrames = null;
        lock (session._hopGate)
        {
            if (session._refillDue)
            {
                session._refillDue = false;
                session.PumpLeasedLocked();
            }
        }
    }

    /// <summary>A task sent on a lease ended: its slot is free (the whole lease, for a task with a timeout).</summary>
    private void LeasedTaskEnded(Lease lease, PendingTask task)
    {
        lock (_hopGate)
        {
            lease.InFlight--;
            if (task.TimeoutMilliseconds > 0)
            {
                lease.Alone = false;
            }

            if (lease.InFlight == 0)
            {
                // Idle from now: only an idle lease is returned for idleness, so its last task's end is all that is timed.
                lease.LastUsed = _time.GetTimestamp();
            }

            LaneLocked(lease.EngineId).Answered++;
            if (lease.Revoking && lease.InFlight == 0)
            {
                ReturnLeaseLocked(lease);
            }

            if (t_refillAfterFrames == this)
            {
                _refillDue = true;
                return;
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
        Volatile.Write(ref _leasesOut, _leases.Count);
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
            ForgetLocked(task.Id);
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

            // What waited for a lease that went (its engine's direct path never opened, say) goes elsewhere.
            PumpLeasedLocked();
        }
    }

    /// <summary>The controller was lost: its leases mean nothing to the one that comes back.</summary>
    private void ForgetLeasesLocked()
    {
        _leases.Clear();
        _lastLeaseId = 0;
        Volatile.Write(ref _leasesOut, 0);
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

        public int Slots { get; set; } = slots;

        /// <summary>This client's tasks on it not answered yet.</summary>
        public int InFlight { get; set; }

        /// <summary>It takes no more tasks (the controller wants it back, or it went back).</summary>
        public bool Revoking { get; set; }

        /// <summary>It went back to the controller.</summary>
        public bool Returned { get; set; }

        /// <summary>It carries a task with a timeout, and takes no other task until that one ends.</summary>
        public bool Alone { get; set; }

        /// <summary>When it last became idle: its grant, or the end of the task that left it with none (the session's clock's timestamp).</summary>
        public long LastUsed { get; set; }

        public void TaskEnded(PendingTask task) => session.LeasedTaskEnded(this, task);
    }
}
