using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RemoteKit.Buffers;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>The hub's task path: submission, dispatch to an engine, results, aborts, and the load-balancing queues.</summary>
internal sealed partial class Hub
{
    private void Submit(ClientState client, SubmitMessage submit, in ReadOnlySequence<byte> taskBody, ulong resubmitOf = 0)
    {
        TargetSet? placement = null;
        if (SubmitMessage.SetOf(submit.Target) is var setId and >= 0)
        {
            lock (_gate)
            {
                placement = client.TargetSets.GetValueOrDefault(setId)
                    ?? throw new ProtocolViolationException($"A task names target set {setId}, which the client never defined.");
            }
        }

        TaskRecord record;
        if (!taskBody.IsEmpty && taskBody.FirstSpan[0] == (byte)TaskKind.Flow)
        {
            record = FlowRecord(client, submit, taskBody, placement);
        }
        else
        {
            var id = (ulong)Interlocked.Increment(ref _nextTaskId);
            var now = NowMs();
            var trace = _observer.TaskSubmitted(id, client.Id, submit, taskBody, resubmitOf);
            record = new TaskRecord(id, client, submit.ClientTaskId, DispatchFrame(resubmitOf == 0 ? client.Channel : null, id, trace, taskBody))
            {
                ResubmitOf = resubmitOf,
                Submitted = now,
                // Only a load-balanced task may move to another engine.
                RetriesLeft = submit.Target < 0 ? Math.Max(0, submit.Retries) : 0,
                Balanced = submit.Target < 0,
                Placement = placement,
                Target = submit.Target,
                Deadline = submit.TimeoutMilliseconds > 0 ? now + submit.TimeoutMilliseconds : long.MaxValue,
            };
        }

        lock (_gate)
        {
            if (client.Gone)
            {
                record.Dispatch.Return();
                _observer.TaskFailed(record.Id, -1, ErrorKind.Aborted, "The client disconnected before the task ran.");
                return;
            }

            client.Tasks[submit.ClientTaskId] = record;
            if (record.Deadline != long.MaxValue)
            {
                _timed.Add(record);
            }

            if (record.Flow is null || ResolveFlowLocked(record))
            {
                PlaceLocked(record);
            }
        }
    }

    /// <summary>
    /// Sends a task whose dependencies are met to its engine (the one it follows, or the one it names), or to the balancer:
    /// the engine keeping its largest input when that one has room, else the least-loaded engine it may use.
    /// </summary>
    private void PlaceLocked(TaskRecord record)
    {
        if (record.Flow is { } flow && !InputsKeptLocked(record))
        {
            return;
        }

        var target = record.Flow is { FollowEngine: >= 0 } follow ? follow.FollowEngine : record.Target;
        if (target >= 0)
        {
            if (!_engines.TryGetValue(target, out var engine))
            {
                FinishLocked(record);
                if (record.Flow is { FollowEngine: >= 0 } followed)
                {
                    FailLocked(record, -1, ErrorKind.DependencyFailed,
                        $"The task follows task {followed.FollowedTask}, which ran on engine {target}; that engine is no longer registered, so the dependency cannot be met.");
                }
                else
                {
                    FailLocked(record, target, ErrorKind.EngineNotFound,
                        $"There is no engine {target}; the registered engines are [{string.Join(", ", _engines.Keys)}].");
                }

                return;
            }

            SendToEngineLocked(engine, record);
            return;
        }

        if (record.Allowed is not null && !AnyAllowedLocked(record))
        {
            return;
        }

        var free = PickEngineLocked(record);
        if (free is not null && _balanced.Count == 0 && _retrying.Count == 0)
        {
            SendToEngineLocked(free, record);
        }
        else
        {
            _balanced.Enqueue(record);
            if (free is not null)
            {
                // An engine is free though tasks wait: they wait for engines of their own subset, and hold up nobody.
                DrainBalancedLocked();
            }
        }
    }

    /// <summary>The engine's copy of a submitted task; a large submission is rewritten in the buffer it was read into (not one from the history: null).</summary>
    private static OutgoingFrame DispatchFrame(IFrameChannel? from, ulong id, in ActivityContext trace, in ReadOnlySequence<byte> taskBody)
    {
        if (from is not null && from.TryTakeLargeFrame(out var buffer, out var length))
        {
            return SubmitMessage.RewriteAsDispatch(buffer, length, id, trace.SpanId);
        }

        var dispatch = Message.Start(new DispatchMessage(id, trace), (int)taskBody.Length);
        dispatch.Write(taskBody);
        return dispatch.Finish();
    }

    private void Completed(EngineState engine, ulong taskId, in ReadOnlySequence<byte> resultBody)
    {
        TaskRecord? record;
        lock (_gate)
        {
            if (!engine.Outstanding.Remove(taskId, out record))
            {
                if (engine.Recalled.Remove(taskId))
                {
                    // Its answer to the abort of a task taken back to run elsewhere.
                    return;
                }

                record = null;
            }
            else
            {
                engine.InFlight--;
                engine.Completed++;
                if (ResultHeader.TryReadRunTicks(resultBody, out var runTicks))
                {
                    engine.RecordRunTime(runTicks, _options);
                }
                if (record.AbortSentAt != 0)
                {
                    engine.AbortsPending--;
                }

                if (!record.Finished && RetriesThrowLocked(record, engine, resultBody))
                {
                    return;
                }

                KeptLocked(engine, record, resultBody);

                DrainBalancedLocked();
                if (record.Finished)
                {
                    // Timed out: the caller already has its TaskTimeoutException.
                    return;
                }

                FinishLocked(record);
                record.Client.Tasks.Remove(record.ClientTaskId);
                TaskEndedLocked(record, OutcomeOf(record, engine.Id, resultBody));
            }
        }

        if (record is not null)
        {
            _observer.TaskCompleted(record.Id, engine.Id, resultBody);
        }

        if (record is null)
        {
            _logger.LogInformation(EventIds.LateResultDropped, "Dropped a result for task {TaskId} from engine {EngineId}, which no longer holds it", taskId, engine.Id);
            return;
        }

        if (record.Client.Gone)
        {
            return;
        }

        SendAttempts(record);

        // Built outside the lock: a result can be large, and a large one is rewritten in place instead of copied.
        OutgoingFrame result;
        if (engine.Channel.TryTakeLargeFrame(out var buffer, out var length))
        {
            result = EngineResultMessage.RewriteAsResult(buffer, length, record.ClientTaskId);
        }
        else
        {
            var frame = Message.Start(new ResultMessage(record.ClientTaskId), (int)resultBody.Length);
            frame.Write(resultBody);
            result = frame.Finish();
        }

        record.Client.Channel.Send(result);
    }

    private void Abort(ClientState client, AbortMessage abort)
    {
        lock (_gate)
        {
            foreach (var clientTaskId in abort.ClientTaskIds)
            {
                if (!client.Tasks.TryGetValue(clientTaskId, out var record))
                {
                    continue;
                }

                if (record.Engine is null)
                {
                    record.Cancelled = true;
                    FinishLocked(record);
                    FailLocked(record, -1, ErrorKind.Aborted, "The task was aborted before it ran.");
                }
                else
                {
                    SendAbortLocked(record);
                }
            }

            // Tasks queued behind an aborted one were taken back: they run elsewhere now.
            DrainBalancedLocked();
        }
    }

    private void SendToEngineLocked(EngineState engine, TaskRecord record)
    {
        if (record.Attempts > 0)
        {
            (record.LostEngines ??= []).Add(record.LastEngineId);
        }

        record.LastEngineId = engine.Id;
        record.Engine = engine;
        record.Attempts++;
        record.DispatchOrder = ++_nextDispatch;
        engine.InFlight++;
        engine.Outstanding[record.Id] = record;
        _observer.TaskStarted(record.Id, engine.Id);
        if (record.Flow is { Inputs.Length: > 0 })
        {
            SendInputsLocked(engine, record);
        }

        AnnounceResubmittedLocked(record);

        // A small balanced task queued behind another keeps a copy too: if the task ahead ignores an abort, the engine is
        // recycled and this one, never started, runs elsewhere even without retries.
        var keep = record.RetriesLeft > 0 || record.Chained || (record.Balanced && engine.InFlight > 1 && record.Dispatch.Length <= KeptQueuedTaskBytes);
        if (!keep)
        {
            record.DispatchSent = true;
            engine.Channel.Send(record.Dispatch);
        }
        else
        {
            // Sending gives the frame's buffer away; a task that may run again keeps its own copy until it finishes.
            var copy = PooledBuffers.Rent(record.Dispatch.Length);
            record.Dispatch.Memory.CopyTo(copy);
            engine.Channel.Send(new OutgoingFrame(copy, record.Dispatch.Length));
        }

        if (record.KeepRequested)
        {
            // After the task, on the same connection: the engine holds it when this arrives.
            engine.Channel.Send(Message.ToFrame(new KeepMessage(record.Id, ToEngine: true)));
        }

        ChainDependantsLocked(record);
    }

    /// <summary>Marks a task done and gives back the copy of its dispatch a retryable task keeps.</summary>
    private static void FinishLocked(TaskRecord record)
    {
        if (record.Finished)
        {
            return;
        }

        record.Finished = true;
        if (!record.DispatchSent)
        {
            record.DispatchSent = true;
            record.Dispatch.Return();
        }
    }

    private EngineState? PickEngineLocked(TaskRecord? record = null)
    {
        // A task that threw avoids the engines it failed on while any other it may use is registered.
        var avoid = record?.FailedOn is { } failed && _engines.Keys.Any(id => !failed.Contains(id) && (record.Allowed is null || record.Allowed.Contains(id)))
            ? failed
            : null;
        var allowed = record?.Allowed;
        if (record?.Flow is { PreferredEngine: >= 0 } flow && avoid is null && _engines.TryGetValue(flow.PreferredEngine, out var holder) &&
            (allowed is null || allowed.Contains(holder.Id)) && HasRoomLocked(holder))
        {
            // Its largest input is kept there: no data moves.
            return holder;
        }

        EngineState? best = null;
        foreach (var engine in _engines.Values)
        {
            if ((allowed is null || allowed.Contains(engine.Id)) && (avoid is null || !avoid.Contains(engine.Id)) && HasRoomLocked(engine) && (best is null || engine.InFlight < best.InFlight))
            {
                best = engine;
            }
        }

        return best;
    }

    /// <summary>Whether the balancer may send the engine another task now.</summary>
    private bool HasRoomLocked(EngineState engine) =>
        engine.InFlight < (engine.TaskLimit > 0 ? engine.TaskLimit : _options.EngineTaskLimit) && engine.AbortsPending == 0 && !engine.Leaving;

    private void DrainBalancedLocked()
    {
        // Tasks that lost their engine go first; then new ones, in order.
        if (DrainLocked(_retrying, static r => r.Finished))
        {
            DrainLocked(_balanced, static r => r.Cancelled);
        }
    }

    /// <summary>
    /// Sends queued tasks to free engines, dropping those <paramref name="gone"/> says are over; false once no engine is free.
    /// A task limited to some engines (a view over a subset) that none of them can take now waits without holding up the
    /// tasks behind it, and keeps its place; one none of whose engines is registered any more fails.
    /// </summary>
    private bool DrainLocked(Queue<TaskRecord> queue, Func<TaskRecord, bool> gone)
    {
        List<TaskRecord>? waiting = null;
        var anyFree = true;
        while (queue.Count > 0)
        {
            var next = queue.Peek();
            if (gone(next))
            {
                queue.Dequeue();
                continue;
            }

            var engine = PickEngineLocked(next);
            if (engine is null)
            {
                if (next.Allowed is null && next.FailedOn is null)
                {
                    anyFree = false;
                    break;
                }

                if (next.Allowed is not null && !AnyAllowedLocked(next))
                {
                    queue.Dequeue();
                    continue;
                }

                if (PickEngineLocked() is null)
                {
                    anyFree = false;
                    break;
                }

                (waiting ??= []).Add(queue.Dequeue());
                continue;
            }

            queue.Dequeue();
            SendToEngineLocked(engine, next);
        }

        if (waiting is not null)
        {
            // Back at the head of the queue, in their order.
            foreach (var rest in queue)
            {
                waiting.Add(rest);
            }

            queue.Clear();
            foreach (var record in waiting)
            {
                queue.Enqueue(record);
            }
        }

        return anyFree;
    }

    /// <summary>
    /// Runs a task again that threw, when its view asks for that (<see cref="TargetSet.RetriesOnExceptions"/>, the type among
    /// those named) and it has retries left: it goes back to the head of the queue, avoiding the engines it failed on, and
    /// the caller never sees this attempt's error. A stream that has yielded never runs again.
    /// </summary>
    private bool RetriesThrowLocked(TaskRecord record, EngineState engine, in ReadOnlySequence<byte> resultBody)
    {
        if (record.Placement is not { RetriesOnExceptions: true } placement || record.RetriesLeft <= 0 || record.Yielded || record.Client.Gone || _stopping)
        {
            return false;
        }

        // The header and the error only: this runs under the hub's lock for every result of such a task.
        var reader = new WireReader(resultBody);
        var header = ResultHeader.Read(ref reader);
        if (header.Status != ResultStatus.Error)
        {
            return false;
        }

        var error = ErrorPayload.Read(ref reader);
        if (error.Kind != ErrorKind.Thrown || (placement.ExceptionTypes is { } types && (error.Type is null || !types.Contains(error.Type))))
        {
            return false;
        }

        record.RetriesLeft--;
        record.Engine = null;
        (record.FailedOn ??= []).Add(engine.Id);
        _retrying.Enqueue(record);
        DrainBalancedLocked();
        _logger.LogInformation(EventIds.TaskRetried, "Task {TaskId} threw {Type} on engine {EngineId}; it runs again elsewhere ({Retries} retries left)", record.Id, error.Type, engine.Id, record.RetriesLeft);
        return true;
    }

    /// <summary>
    /// Whether a task limited to some engines still has one registered; if not, it fails with EngineNotFoundException (it
    /// was already removed from the queue, or never queued).
    /// </summary>
    private bool AnyAllowedLocked(TaskRecord record)
    {
        foreach (var id in record.Allowed!)
        {
            if (_engines.ContainsKey(id))
            {
                return true;
            }
        }

        FinishLocked(record);
        FailLocked(record, -1, ErrorKind.EngineNotFound,
            $"None of the engines the view may use ([{string.Join(", ", record.Allowed.Order())}]) is registered; the registered engines are [{string.Join(", ", _engines.Keys)}].");
        return false;
    }

    private void FailLocked(TaskRecord record, int engineId, ErrorKind kind, string message)
    {
        _observer.TaskFailed(record.Id, engineId, kind, message);
        record.Client.Tasks.Remove(record.ClientTaskId);
        TaskEndedLocked(record, new Outcome(false, engineId, record.Id, $"{ErrorKinds.TypeName(kind)}: {message}"));
        if (record.Client.Gone)
        {
            return;
        }

        SendAttempts(record);
        var frame = Message.Start(new ResultMessage(record.ClientTaskId), 128 + message.Length);
        ResultBody.WriteError(frame, engineId, kind, message, _time.GetUtcNow().UtcTicks);
        record.Client.Channel.Send(frame.Finish());
    }

    /// <summary>Tells the client which engines a task outlived, before its result, when there were any.</summary>
    private static void SendAttempts(TaskRecord record)
    {
        if (record.LostEngines is { } lost)
        {
            record.Client.Channel.Send(Message.ToFrame(new TaskAttemptsMessage(record.ClientTaskId, lost)));
        }
    }
}
