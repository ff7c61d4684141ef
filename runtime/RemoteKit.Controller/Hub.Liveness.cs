using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;

namespace RemoteKit.Controller;

/// <summary>
/// The hub's liveness work: heartbeats, telling its own pauses from its peers' silence, timeouts, recycling engines whose
/// task ignores its abort, and the end of lost engines' grace.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>The ping engines get: the interval, and how many of them they wait for a silent controller.</summary>
    /// <remarks>
    /// Engines, like clients, give up on a silent controller only after <see cref="ControllerOptions.ClientHeartbeatMisses"/>
    /// intervals: a controller that did not run for a few seconds (a long GC, a frozen VM) must find its engines still
    /// connected, and one that died closes their connections anyway.
    /// </remarks>
    private HeartbeatMessage EngineHeartbeat => new(
        (int)Math.Max(1, _options.HeartbeatInterval.TotalMilliseconds), Math.Max(1, Math.Max(_options.HeartbeatMisses, _options.ClientHeartbeatMisses)));

    /// <summary>
    /// Called a few times per <see cref="ControllerOptions.HeartbeatInterval"/> (<see cref="TicksPerInterval"/>): pings
    /// every engine and client once per interval, declares lost the engines silent for
    /// <see cref="ControllerOptions.HeartbeatMisses"/> intervals, fails tasks past their timeout, recycles engines whose task
    /// ignored its abort, and ends the grace of lost engines that did not come back.
    /// </summary>
    /// <remarks>
    /// A sweep that finds more than an interval passed since the one before knows that the controller itself did not run
    /// (a long GC, a VM freeze, SIGSTOP, a starved machine): it could not have heard anyone meanwhile, so every engine and
    /// client gets a fresh heartbeat window, and timeouts, abort graces and readmission graces are moved on by the pause.
    /// </remarks>
    public void Tick()
    {
        var now = NowMs();
        var ping = EngineHeartbeat;
        var (interval, misses) = (ping.IntervalMilliseconds, Math.Max(1, _options.HeartbeatMisses));
        List<EngineState>? silent = null;
        List<(EngineState Engine, TaskRecord Task)>? stuck = null;
        List<(EngineState Engine, ulong TaskId)>? stuckDirect = null;
        List<ClientState>? silentClients = null;
        List<(TaskRecord Record, int EngineId)>? late = null;
        var grace = (long)_options.AbortGrace.TotalMilliseconds;
        var clientMisses = Math.Max(misses, _options.ClientHeartbeatMisses);
        long paused;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            paused = PauseLocked(now, interval);

            // Called several times per interval (so silence is noticed soon after the limit), pinging once per interval.
            var pingNow = now - _lastPing >= interval;
            if (pingNow)
            {
                _lastPing = now;
            }

            foreach (var engine in _engines.Values)
            {
                if (IsSilentLocked(engine.Channel, ref engine.LastHeard, now, (long)interval * misses))
                {
                    // Out of the balancer's choice at once, so that no task moves onto an engine lost in this same sweep.
                    engine.Leaving = true;
                    (silent ??= []).Add(engine);
                }
                else
                {
                    if (pingNow)
                    {
                        engine.Channel.Send(Message.ToFrame(ping));
                    }

                    if (engine.AbortsPending > 0 && StuckTaskLocked(engine, now, grace) is { } task)
                    {
                        (stuck ??= []).Add((engine, task));
                    }
                    else if (engine.DirectAborts.Count > 0 && StuckDirectLocked(engine, now, grace) is var directTask and not 0)
                    {
                        (stuckDirect ??= []).Add((engine, directTask));
                    }
                }
            }

            foreach (var client in _clients)
            {
                if (IsSilentLocked(client.Channel, ref client.LastHeard, now, (long)interval * clientMisses))
                {
                    (silentClients ??= []).Add(client);
                }
                else if (pingNow)
                {
                    client.Channel.Send(Message.ToFrame(new HeartbeatMessage(interval, clientMisses)));
                }
            }

            _timed.RemoveAll(r => r.Finished);
            foreach (var record in _timed)
            {
                if (now >= record.Deadline)
                {
                    (late ??= []).Add((record, record.Engine?.Id ?? -1));
                    TimeOutLocked(record);
                }
            }

            ExpireDependenciesLocked(now);
            var leasesTaken = ExpireRevokedLeasesLocked(now, grace);
            if (late is not null || leasesTaken)
            {
                DrainBalancedLocked();
            }

            ExpireLostLocked(now);
        }

        if (paused > 0)
        {
            _logger.Log(
                paused >= (long)interval * misses ? LogLevel.Warning : LogLevel.Information, EventIds.ControllerPaused,
                "The controller itself did not run for {Paused} ms (a long GC, a frozen VM, a stopped process, a starved machine): engines and clients get a fresh heartbeat window",
                paused);
        }

        foreach (var engine in silent ?? [])
        {
            RemoveEngine(engine, $"no heartbeat for {misses} intervals of {interval} ms", EngineLoss.Silent, stuck: null);
        }

        foreach (var (engine, task) in stuck ?? [])
        {
            // Closing the connection makes the engine exit; whoever started it (the embedded cluster, `remotekit cluster
            // start`) hears that it ended and starts a replacement.
            RemoveEngine(engine, $"task {task.Id} ignored its abort for {_options.AbortGrace.TotalSeconds:0.#} s", EngineLoss.Recycled, task);
        }

        foreach (var (engine, taskId) in stuckDirect ?? [])
        {
            RecycleForDirect(engine, taskId);
        }

        foreach (var client in silentClients ?? [])
        {
            _logger.LogWarning(EventIds.ClientSilent, "Client {ClientId} answered no heartbeat for {Misses} intervals; its connection is closed", client.Id, clientMisses);
            client.Channel.Close($"no heartbeat for {clientMisses} intervals of {interval} ms");
        }

        foreach (var (record, engineId) in late ?? [])
        {
            _logger.LogWarning(EventIds.TaskTimedOut, "Task {TaskId} on engine {EngineId} passed its timeout and was aborted", record.Id, engineId);
        }
    }

    /// <summary>
    /// How long the controller was paused before this sweep, in milliseconds (0 if it ran on time): the time since the last
    /// sweep beyond one sweep period, once more than a whole interval passed. Every peer then gets a fresh window, and every
    /// deadline the hub keeps moves on by the pause.
    /// </summary>
    private long PauseLocked(long now, int interval)
    {
        var gap = now - _lastSweep;
        _lastSweep = now;
        if (gap <= interval)
        {
            return 0;
        }

        var paused = gap - Math.Max(1, interval / TicksPerInterval);
        foreach (var engine in _engines.Values)
        {
            Volatile.Write(ref engine.LastHeard, Math.Max(Volatile.Read(ref engine.LastHeard), now));
            foreach (var record in engine.Outstanding.Values)
            {
                if (record.AbortSentAt != 0)
                {
                    record.AbortSentAt += paused;
                }
            }

            PauseDirectAbortsLocked(engine, paused);
        }

        PauseLeasesLocked(paused);

        foreach (var client in _clients)
        {
            Volatile.Write(ref client.LastHeard, Math.Max(Volatile.Read(ref client.LastHeard), now));
        }

        foreach (var record in _timed)
        {
            if (record.Deadline != long.MaxValue)
            {
                record.Deadline += paused;
            }
        }

        foreach (var lost in _lost.Values.ToArray())
        {
            _lost[lost.Id] = lost with { LostAt = lost.LostAt + paused };
        }

        return paused;
    }

    /// <summary>
    /// Whether a peer last heard at <paramref name="lastHeard"/> has been silent for longer than <paramref name="limit"/>. A
    /// peer whose bytes wait unread is not silent (this hub is behind reading them): it counts as heard now.
    /// </summary>
    private static bool IsSilentLocked(Transport.IFrameChannel channel, ref long lastHeard, long now, long limit)
    {
        if (now - Volatile.Read(ref lastHeard) <= limit)
        {
            return false;
        }

        if (channel.HasUnreadInput)
        {
            Volatile.Write(ref lastHeard, now);
            return false;
        }

        return true;
    }

    /// <summary>A task the engine was told to abort longer than the grace period ago and still holds, if any.</summary>
    private static TaskRecord? StuckTaskLocked(EngineState engine, long now, long grace)
    {
        foreach (var record in engine.Outstanding.Values)
        {
            if (record.AbortSentAt != 0 && now - record.AbortSentAt > grace)
            {
                return record;
            }
        }

        return null;
    }

    private void TimeOutLocked(TaskRecord record)
    {
        var engine = record.Engine;
        record.Cancelled = true;
        FinishLocked(record);
        FailLocked(record, engine?.Id ?? -1, ErrorKind.TimedOut, ErrorKinds.TimedOutMessage(record.Deadline - record.Submitted));

        if (engine is not null)
        {
            SendAbortLocked(record);
        }
    }

    /// <summary>
    /// Tells the task's engine to abort it. Until the engine answers, the balancer sends it nothing new, and if it has not
    /// answered within <see cref="ControllerOptions.AbortGrace"/> the engine is recycled (<see cref="Tick"/>). The balanced
    /// tasks queued behind it on that engine cannot start before it ends, so they are taken back at once and run elsewhere
    /// (<see cref="RecallQueuedBehindLocked"/>); the caller drains the queues.
    /// </summary>
    private void SendAbortLocked(TaskRecord record)
    {
        var engine = record.Engine!;
        if (record.AbortSentAt == 0)
        {
            record.AbortSentAt = Math.Max(1, NowMs());
            engine.AbortsPending++;
        }

        engine.Channel.Send(Message.ToFrame(new AbortTaskMessage(record.Id)));
        RecallQueuedBehindLocked(engine, record);
    }

    /// <summary>
    /// Takes back from <paramref name="engine"/> the balanced tasks sent to it after <paramref name="aborted"/>, when that
    /// is the task it runs (or runs next): an engine runs what it holds in order, so none of them has started. Each is
    /// aborted on the engine (which then skips it) and queued to run elsewhere without spending a retry. Tasks of which
    /// the hub kept no copy (large ones without retries) stay.
    /// </summary>
    private void RecallQueuedBehindLocked(EngineState engine, TaskRecord aborted)
    {
        if (RunningLocked(engine) != aborted)
        {
            // Queued itself: the engine answers its abort at once, and what waits behind it keeps its place.
            return;
        }

        RecallQueuedLocked(engine, aborted, aborted.Id);
    }

    /// <summary>
    /// A task a client sent <paramref name="engine"/> in one hop passed its timeout while it ran there (the engine says so):
    /// every task of the controller's on that engine waits behind it, and the balanced ones run elsewhere at once, as behind
    /// a task of the controller's own that timed out.
    /// </summary>
    private void DirectTimedOut(EngineState engine, DirectTimedOutMessage timedOut)
    {
        lock (_gate)
        {
            // An outcome reported already: it ended just as its timeout passed, and nothing waits behind it.
            if (_engines.TryGetValue(engine.Id, out var current) && current == engine && !_endedDirect.Contains(timedOut.TaskId))
            {
                // Its abort is pending from now (whether or not the client's word came first): the engine gets nothing new
                // until it reports the task, and is recycled if it never does within the grace.
                engine.DirectAborts.TryAdd(timedOut.TaskId, Math.Max(1, NowMs()));
                RecallQueuedLocked(engine, running: null, timedOut.TaskId);
                DrainBalancedLocked();
            }
        }
    }

    /// <summary>
    /// Takes back the balanced tasks queued on <paramref name="engine"/> behind the task <paramref name="stuckId"/> that runs
    /// there (<paramref name="running"/> when it is the controller's own) and that keep a copy of their dispatch: the engine
    /// is told to skip them, and they go back to the head of the queue.
    /// </summary>
    private void RecallQueuedLocked(EngineState engine, TaskRecord? running, ulong stuckId)
    {
        List<TaskRecord>? recalled = null;
        foreach (var record in engine.Outstanding.Values)
        {
            if (record != running && record.Balanced && !record.Finished && !record.DispatchSent && record.AbortSentAt == 0)
            {
                (recalled ??= []).Add(record);
            }
        }

        if (recalled is null)
        {
            return;
        }

        recalled.Sort(static (a, b) => a.DispatchOrder.CompareTo(b.DispatchOrder));
        foreach (var record in recalled)
        {
            engine.Outstanding.Remove(record.Id);
            engine.InFlight--;
            engine.Recalled.Add(record.Id);
            engine.Channel.Send(Message.ToFrame(new AbortTaskMessage(record.Id)));
            UndoAttemptLocked(record);
            RequeueLocked(record);
        }

        _logger.LogInformation(EventIds.TasksRecalled, "{Count} tasks queued behind task {TaskId} on engine {EngineId} run on other engines", recalled.Count, stuckId, engine.Id);
    }

    /// <summary>Forgets the latest attempt of a task taken back before it started: it was never tried there.</summary>
    private static void UndoAttemptLocked(TaskRecord record)
    {
        record.Engine = null;
        record.Attempts--;
        if (record.LostEngines is { Count: > 0 } lost)
        {
            record.LastEngineId = lost[^1];
            lost.RemoveAt(lost.Count - 1);
            if (lost.Count == 0)
            {
                record.LostEngines = null;
            }
        }
        else
        {
            record.LastEngineId = -1;
        }
    }
}
