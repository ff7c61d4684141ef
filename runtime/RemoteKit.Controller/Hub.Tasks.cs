using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RemoteKit.Buffers;
using RemoteKit.Controller.Observing;
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
            var trace = _observer.TaskSubmitted(id, client.Id, submit, taskBody, out var watch, resubmitOf);
            record = NewRecord(id, client, submit, DispatchFrame(resubmitOf == 0 ? client.Channel : null, id, trace, taskBody), placement, now, watch, resubmitOf: resubmitOf);
        }

        lock (_gate)
        {
            if (client.Gone)
            {
                record.Dispatch.Return();
                _observer.TaskFailed(record.Watch, -1, ErrorKind.Aborted, "The client disconnected before the task ran.");
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

    /// <summary>The record of a task as submitted: only a load-balanced task may move to another engine.</summary>
    private static TaskRecord NewRecord(
        ulong id, ClientState client, SubmitMessage submit, OutgoingFrame dispatch, TargetSet? placement, long now, WatchedTask? watch, FlowState? flow = null, ulong resubmitOf = 0) =>
        new(id, client, submit.ClientTaskId, dispatch)
        {
            Watch = watch,
            ResubmitOf = resubmitOf,
            Submitted = now,
            RetriesLeft = submit.Target < 0 ? Math.Max(0, submit.Retries) : 0,
            Balanced = submit.Target < 0,
            Placement = placement,
            Target = submit.Target,
            Deadline = submit.TimeoutMilliseconds > 0 ? now + submit.TimeoutMilliseconds : long.MaxValue,
            Flow = flow,
        };

    /// <summary>
    /// Sends a task whose dependencies are met to its engine (the one it follows, or the one it names), or to the balancer:
    /// the engine keeping its largest input when that one has room, else the least-loaded engine it may use.
    /// </summary>
    private void PlaceLocked(TaskRecord record)
    {
        if (record.Flow is not null && !InputsKeptLocked(record))
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
            else
            {
                RevokeForWaitingLocked();
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
            _observer.TaskCompleted(record.Watch, engine.Id, resultBody);
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
        _observer.TaskStarted(record.Watch, engine.Id);
        if (record.Flow is { Inputs.Length: > 0 })
        {
            SendInputsLocked(engine, record);
        }

        AnnounceResubmittedLocked(record);

        // A small balanced task queued behind another (the controller's, or one a client sent in one hop) keeps a copy too:
        // if the task ahead times out or ignores an abort, this one, never started, runs elsewhere even without retries.
        var keep = record.RetriesLeft > 0 || record.Chained ||
            (record.Balanced && (engine.InFlight > 1 || engine.DirectBacklog > 0) && record.Dispatch.Length <= KeptQueuedTaskBytes);
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

    private void FailLocked(TaskRecord record, int engineId, ErrorKind kind, string message)
    {
        _observer.TaskFailed(record.Watch, engineId, kind, message);
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
