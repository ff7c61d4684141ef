using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The hub's engines coming and going: registration, re-admission of an engine declared lost that comes back within the
/// grace, losses (with the tasks of a lost engine run elsewhere or failed), and what clients hear of each.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>Why an engine is being let go.</summary>
    private enum EngineLoss
    {
        /// <summary>Its connection ended; it may come back within the grace.</summary>
        Disconnected,

        /// <summary>It answered no heartbeat for too long; it may come back within the grace.</summary>
        Silent,

        /// <summary>A task of it ignored its abort: it is disconnected for good.</summary>
        Recycled,

        /// <summary>It came back on a new connection before this hub noticed the old one end: its process lives.</summary>
        Superseded,
    }

    /// <summary>Registers a new engine (as one whose hello names no launch): it gets an id and a welcome.</summary>
    public EngineState AddEngine(IFrameChannel channel) => AdmitEngine(channel, EngineHelloMessage.New(""))!;

    /// <summary>
    /// Registers an engine by its hello: a new engine gets the next id; one coming back after being declared lost gets its
    /// old id if it proves it with the token of its last welcome within <see cref="ControllerOptions.ReadmissionGrace"/>.
    /// Clients learn of it, and queued tasks may go to it. Returns <see langword="null"/> (and closes the channel) when a
    /// returning engine is refused.
    /// </summary>
    public EngineState? AdmitEngine(IFrameChannel channel, EngineHelloMessage hello)
    {
        var peer = channel.Name;
        if (hello.IsReturning && RegisteredAs(hello) is { } stale)
        {
            // It noticed the loss of its connection before this hub did: the old registration goes first.
            RemoveEngine(stale, "it reconnected", EngineLoss.Superseded, stuck: null);
        }

        EngineState? engine = null;
        bool announce;
        var restored = false;
        string? refusal = null;
        lock (_gate)
        {
            if (_stopping)
            {
                refusal = "the controller is stopping";
            }
            else if (!hello.IsReturning)
            {
                engine = new EngineState(_nextEngineId++, channel) { LastHeard = NowMs(), Token = NewToken(), LaunchId = hello.LaunchId };
            }
            else if (_lost.Remove(hello.EngineId, out var lost) && CryptographicOperations.FixedTimeEquals(lost.Token, hello.Token))
            {
                engine = new EngineState(lost.Id, channel) { LastHeard = NowMs(), Token = NewToken(), LaunchId = lost.LaunchId };
            }
            else if (lost is null && RestoringLocked(hello.EngineId))
            {
                // An engine of the controller this one replaces: it keeps its id (no token can be checked; it proved the key).
                engine = new EngineState(hello.EngineId, channel) { LastHeard = NowMs(), Token = NewToken(), LaunchId = hello.LaunchId };
                _nextEngineId = Math.Max(_nextEngineId, hello.EngineId + 1);
                restored = true;
            }
            else
            {
                if (lost is not null)
                {
                    // A wrong token does not use up the real engine's chance.
                    _lost[lost.Id] = lost;
                }

                refusal = lost is not null ? $"it did not prove it is engine {hello.EngineId}"
                    : _engines.ContainsKey(hello.EngineId) ? $"another engine holds id {hello.EngineId}"
                    : $"engine {hello.EngineId} is not waiting to be re-admitted (its grace of {_options.ReadmissionGrace.TotalSeconds:0.#} s passed, or it was recycled)";
            }

            if (engine is not null)
            {
                channel.Name = $"engine {engine.Id} ({peer})";
                _engines.Add(engine.Id, engine);
                _engineList = [.. _engines.Values];
                WelcomeLocked(engine);

                // Pinged at once, so that it hears the heartbeat limits from the start.
                channel.Send(Message.ToFrame(EngineHeartbeat));
                if (hello.IsReturning)
                {
                    NoticeLocked(new EngineNoticeMessage(
                        engine.Id, EngineFate.Readmitted, engine.LaunchId, restored ? "it came back after the controller restarted" : "it came back within its grace"));
                }
            }

            announce = engine is not null && AnnouncementDueLocked();
            if (engine is not null)
            {
                DrainBalancedLocked();
            }
        }

        if (engine is null)
        {
            _logger.LogWarning(EventIds.ReadmissionRefused, "Refused engine {EngineId} from {Peer}: {Reason}", hello.EngineId, peer, refusal);
            channel.Close(hello.IsReturning ? "re-admission refused: " + refusal : refusal!);
            return null;
        }

        if (announce)
        {
            _defer(AnnounceEngines);
        }

        _observer.EngineJoined(engine.Id, channel.Name);
        if (restored)
        {
            _logger.LogInformation(EventIds.EngineReadmitted, "Engine {EngineId} of the previous controller came back from {Peer} with its namespace", engine.Id, peer);
        }
        else if (hello.IsReturning)
        {
            _logger.LogWarning(EventIds.EngineReadmitted, "Engine {EngineId} came back from {Peer} and was re-admitted with its namespace", engine.Id, peer);
        }
        else
        {
            _logger.LogInformation(EventIds.EngineRegistered, "Engine {EngineId} registered from {Peer}", engine.Id, peer);
        }

        return engine;
    }

    /// <summary>The registration a returning engine replaces, when it proves it is that engine and this hub still holds it.</summary>
    private EngineState? RegisteredAs(EngineHelloMessage hello)
    {
        lock (_gate)
        {
            return _engines.TryGetValue(hello.EngineId, out var current) && CryptographicOperations.FixedTimeEquals(current.Token, hello.Token) ? current : null;
        }
    }

    /// <summary>
    /// Whether a returning engine this hub never registered may take its old id: this controller restores one that died
    /// (<see cref="ControllerOptions.Restore"/>), started less than a grace ago, and nobody holds the id.
    /// </summary>
    private bool RestoringLocked(int engineId) =>
        _options.Restore && engineId >= 0 && !_engines.ContainsKey(engineId) && NowMs() - _startedAt <= (long)_options.ReadmissionGrace.TotalMilliseconds;

    private static byte[] NewToken() => RandomNumberGenerator.GetBytes(EngineWelcomeMessage.TokenLength);

    /// <summary>
    /// Forgets an engine whose connection ended: its connection is closed, and each of its outstanding tasks runs again on
    /// another engine if it has retries left, or fails with EngineLostException. It may come back within the grace.
    /// </summary>
    public void RemoveEngine(EngineState engine, string reason) => RemoveEngine(engine, reason, EngineLoss.Disconnected, stuck: null);

    /// <param name="engine">The engine.</param>
    /// <param name="reason">Why, for logs and errors.</param>
    /// <param name="loss">How it was lost: whether it may come back.</param>
    /// <param name="stuck">
    /// The task that ignored its abort, when the engine is recycled: it is the one running, so every other task the engine
    /// holds is still in its local queue and runs elsewhere without spending a retry.
    /// </param>
    private void RemoveEngine(EngineState engine, string reason, EngineLoss loss, TaskRecord? stuck)
    {
        var retried = 0;
        var announce = false;
        TaskRecord? killer = null;
        lock (_gate)
        {
            if (!_engines.TryGetValue(engine.Id, out var current) || current != engine)
            {
                return;
            }

            _engines.Remove(engine.Id);
            _engineList = [.. _engines.Values];
            DropEngineLeaseLocked(engine);

            // The task it was running when its connection broke (it runs what it holds in the order it was sent) may be what
            // killed its process. Silence is not counted: a task cannot stop its engine's heartbeats, but a paused or cut-off
            // host can, and two such losses in a row must not fail a task that did nothing wrong.
            var running = loss != EngineLoss.Disconnected || _stopping ? null : RunningLocked(engine);
            if (running is not null)
            {
                (running.KilledEngines ??= []).Add(engine.Id);
            }

            foreach (var record in engine.Outstanding.Values)
            {
                if (record.Finished)
                {
                    continue;
                }

                if (record == stuck)
                {
                    FinishLocked(record);
                    FailLocked(record, engine.Id, ErrorKind.Aborted, $"The task was aborted; it ignored the abort, so engine {engine.Id} was recycled.");
                    continue;
                }

                if (record == running && _options.TaskEngineLossLimit > 0 && record.KilledEngines!.Count >= _options.TaskEngineLossLimit)
                {
                    killer = record;
                    FinishLocked(record);
                    FailLocked(record, engine.Id, ErrorKind.KilledEngines,
                        $"The task was running on engines {string.Join(", ", record.KilledEngines)} when each of them was lost (the last: {reason}), so it is " +
                        $"taken to be what kills them and is not run again (RemoteKit:Controller:TaskEngineLossLimit is {_options.TaskEngineLossLimit}).");
                    continue;
                }

                // A stream that has yielded items never runs again: its caller has them, and would get them twice.
                var neverStarted = stuck is not null && record != stuck && record.Balanced && !record.DispatchSent;
                var retriesLoss = record.Placement?.RetriesOnLoss ?? true;
                if ((neverStarted || (record.RetriesLeft > 0 && !record.Yielded && retriesLoss)) && !record.Client.Gone && !_stopping)
                {
                    if (!neverStarted)
                    {
                        record.RetriesLeft--;
                    }

                    record.Engine = null;
                    RequeueLocked(record);
                    retried++;
                }
                else
                {
                    FinishLocked(record);
                    FailLocked(record, engine.Id, ErrorKind.EngineLost, $"Engine {engine.Id} was lost before the task finished ({reason}).");
                }
            }

            engine.Outstanding.Clear();
            LoseKeptLocked(engine);
            if (!_stopping)
            {
                if (loss != EngineLoss.Recycled && _options.ReadmissionGrace > TimeSpan.Zero)
                {
                    _lost[engine.Id] = new LostEngine(engine.Id, engine.Token, engine.LaunchId, NowMs());
                    NoticeLocked(new EngineNoticeMessage(engine.Id, EngineFate.Lost, engine.LaunchId, reason));
                }
                else
                {
                    NoticeLocked(new EngineNoticeMessage(engine.Id, EngineFate.Ended, engine.LaunchId, reason));
                }

                announce = AnnouncementDueLocked();
                DrainBalancedLocked();
            }
        }

        if (announce)
        {
            _defer(AnnounceEngines);
        }

        _observer.EngineLeft(engine.Id, reason);
        engine.Channel.Close(reason);
        if (_stopping)
        {
            return;
        }

        if (loss == EngineLoss.Recycled)
        {
            _logger.LogWarning(EventIds.EngineRecycled, "Engine {EngineId} recycled: {Reason}", engine.Id, reason);
        }
        else
        {
            _logger.LogWarning(EventIds.EngineLost, "Engine {EngineId} lost: {Reason}", engine.Id, reason);
        }

        if (killer is not null)
        {
            _logger.LogWarning(EventIds.TaskKilledEngines, "Task {TaskId} was running on engines {Engines} when each was lost; it fails instead of running again",
                killer.Id, string.Join(", ", killer.KilledEngines!));
        }

        if (retried > 0)
        {
            _logger.LogInformation(EventIds.TaskRetried, "{Count} tasks of lost engine {EngineId} run again on other engines", retried, engine.Id);
        }
    }

    /// <summary>The task an engine is running, or runs next: of those it holds, the one sent to it first.</summary>
    private static TaskRecord? RunningLocked(EngineState engine)
    {
        TaskRecord? first = null;
        foreach (var record in engine.Outstanding.Values)
        {
            if (first is null || record.DispatchOrder < first.DispatchOrder)
            {
                first = record;
            }
        }

        return first;
    }

    /// <summary>Ends the chances of engines lost longer than the grace ago: clients that started them hear that they ended.</summary>
    private void ExpireLostLocked(long now)
    {
        if (_lost.Count == 0)
        {
            return;
        }

        var grace = (long)_options.ReadmissionGrace.TotalMilliseconds;
        List<LostEngine>? expired = null;
        foreach (var lost in _lost.Values)
        {
            if (now - lost.LostAt > grace)
            {
                (expired ??= []).Add(lost);
            }
        }

        foreach (var lost in expired ?? [])
        {
            _lost.Remove(lost.Id);
            NoticeLocked(new EngineNoticeMessage(lost.Id, EngineFate.Ended, lost.LaunchId, $"it did not come back within its grace of {_options.ReadmissionGrace.TotalSeconds:0.#} s"));
            _logger.LogWarning(EventIds.LostEngineEnded, "Engine {EngineId} did not come back within {Grace} s; whoever started it ends it and starts a replacement",
                lost.Id, _options.ReadmissionGrace.TotalSeconds);
        }
    }

    /// <summary>Tells every client what became of an engine.</summary>
    private void NoticeLocked(EngineNoticeMessage notice)
    {
        foreach (var client in _clients)
        {
            client.Channel.Send(Message.ToFrame(notice));
        }
    }

    /// <summary>
    /// Whether the caller should schedule an announcement of the engine set: one at a time, so that a thousand engines
    /// registering at once cost a few announcements to every peer rather than one each (which grew with the square).
    /// </summary>
    private bool AnnouncementDueLocked()
    {
        if (_announcePending)
        {
            return false;
        }

        _announcePending = true;
        return true;
    }

    /// <summary>Tells every client the engine set and every engine its id and the engine count, as they are now.</summary>
    private void AnnounceEngines()
    {
        lock (_gate)
        {
            _announcePending = false;
            if (!_stopping)
            {
                AnnounceEnginesLocked();
            }
        }
    }

    private void AnnounceEnginesLocked()
    {
        foreach (var client in _clients)
        {
            client.Channel.Send(Message.ToFrame(new EngineSetMessage(_engines.Keys)));
        }

        foreach (var engine in _engines.Values)
        {
            if (engine.KnownEngineCount != _engines.Count)
            {
                WelcomeLocked(engine);
            }
        }
    }

    /// <summary>Tells an engine its id, how many engines there are, and its token for coming back.</summary>
    private void WelcomeLocked(EngineState engine)
    {
        engine.KnownEngineCount = _engines.Count;
        engine.Channel.Send(Message.ToFrame(new EngineWelcomeMessage(engine.Id, _engines.Count, engine.Token, (int)_options.ReadmissionGrace.TotalMilliseconds)));
    }
}
