using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>The hub's liveness work: heartbeats, timeouts, and recycling engines whose task ignores its abort.</summary>
internal sealed partial class Hub
{
    /// <summary>The ping engines get: the interval and the misses that make one lost.</summary>
    private HeartbeatMessage EngineHeartbeat => new((int)Math.Max(1, _options.HeartbeatInterval.TotalMilliseconds), Math.Max(1, _options.HeartbeatMisses));

    /// <summary>
    /// Called a few times per <see cref="ControllerOptions.HeartbeatInterval"/> (<see cref="TicksPerInterval"/>): pings
    /// every engine and client once per interval, declares lost the engines silent for
    /// <see cref="ControllerOptions.HeartbeatMisses"/> intervals, fails tasks past their timeout, and recycles engines
    /// whose task ignored its abort.
    /// </summary>
    public void Tick()
    {
        var now = NowMs();
        var ping = EngineHeartbeat;
        var (interval, misses) = (ping.IntervalMilliseconds, ping.Misses);
        List<EngineState>? silent = null;
        List<(EngineState Engine, TaskRecord Task)>? stuck = null;
        List<ClientState>? silentClients = null;
        List<(TaskRecord Record, int EngineId)>? late = null;
        var grace = (long)_options.AbortGrace.TotalMilliseconds;
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            // Called several times per interval (so silence is noticed soon after the limit), pinging once per interval.
            var pingNow = now - _lastPing >= interval;
            if (pingNow)
            {
                _lastPing = now;
            }

            foreach (var engine in _engines.Values)
            {
                if (now - Volatile.Read(ref engine.LastHeard) > (long)interval * misses)
                {
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
                }
            }

            var clientMisses = Math.Max(misses, _options.ClientHeartbeatMisses);
            foreach (var client in _clients)
            {
                if (now - Volatile.Read(ref client.LastHeard) > (long)interval * clientMisses)
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
        }

        foreach (var engine in silent ?? [])
        {
            RemoveEngine(engine, $"no heartbeat for {misses} intervals of {interval} ms");
            KillIfHereAndHung(engine);
        }

        foreach (var (engine, task) in stuck ?? [])
        {
            // Closing the connection makes the engine exit; whoever started it (the embedded cluster, `remotekit cluster
            // start`) starts a replacement.
            RemoveEngine(engine, $"task {task.Id} ignored its abort for {_options.AbortGrace.TotalSeconds:0.#} s", task);
        }

        foreach (var client in silentClients ?? [])
        {
            _logger.LogWarning(EventIds.ClientSilent, "Client {ClientId} answered no heartbeat for {Misses} intervals; its connection is closed", client.Id, _options.ClientHeartbeatMisses);
            client.Channel.Close($"no heartbeat for {_options.ClientHeartbeatMisses} intervals of {interval} ms");
        }

        foreach (var (record, engineId) in late ?? [])
        {
            _logger.LogWarning(EventIds.TaskTimedOut, "Task {TaskId} on engine {EngineId} passed its timeout and was aborted", record.Id, engineId);
        }
    }

    /// <summary>
    /// Ends the process of an engine declared lost for silence when it runs on this host (stopped, or hung in the runtime),
    /// so that whoever started it sees it die and starts a replacement, instead of waiting forever for a process that may
    /// never run again. Engines on other hosts are left to their launcher.
    /// </summary>
    private void KillIfHereAndHung(EngineState engine)
    {
        if (!_options.KillLostLocalEngines || !engine.OnThisHost || engine.ProcessId <= 0 || engine.ProcessId == Environment.ProcessId)
        {
            return;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(engine.ProcessId);
            process.Kill();
            _logger.LogWarning(EventIds.EngineRecycled, "Engine {EngineId} (process {ProcessId} on this host) stopped answering; its process was killed", engine.Id, engine.ProcessId);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone, or not ours to end.
        }
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
        FailLocked(record, engine?.Id ?? -1, ErrorKind.TimedOut,
            $"The task did not finish within its timeout of {(record.Deadline - record.Submitted) / 1000.0:0.###} s.");

        if (engine is not null)
        {
            SendAbortLocked(record);
        }
    }

    /// <summary>
    /// Tells the task's engine to abort it. Until the engine answers, the balancer sends it nothing new, and if it has not
    /// answered within <see cref="ControllerOptions.AbortGrace"/> the engine is recycled (<see cref="Tick"/>).
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
    }
}
