using System.Buffers;
using RemoteKit.Launchers;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>The session's receive side: every frame from the controller, read on the connection's receive loop.</summary>
internal sealed partial class ControllerSession
{
    /// <summary>Handles one frame from the controller.</summary>
    public void OnFrame(byte kind, in ReadOnlySequence<byte> body)
    {
        _heartbeats.Heard();
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.Heartbeat:
                _heartbeats.Answer(ref reader);
                break;
            case MessageKind.TaskAttempts:
            {
                var attempts = TaskAttemptsMessage.Read(ref reader);
                lock (_pending)
                {
                    if (_pending.TryGetValue(attempts.ClientTaskId, out var task))
                    {
                        // The controller knows the engines lost since the task reached it; one lost under it in one hop came first.
                        task.LostEngines = task.LostInOneHop < 0 ? attempts.LostEngineIds : [task.LostInOneHop, .. attempts.LostEngineIds];
                    }
                }

                break;
            }

            case MessageKind.Result:
            {
                var id = ResultMessage.Read(ref reader).ClientTaskId;
                var result = ResultBody.Read(ref reader);
                PendingTask? pending;
                lock (_pending)
                {
                    _pending.Remove(id, out pending);
                    ForgetLocked(id);
                }

                if (pending is not null)
                {
                    Complete(pending, result, this);
                }

                break;
            }

            case MessageKind.TaskEvent:
            {
                var header = TaskEventMessage.Read(ref reader);
                PendingTask? pending;
                lock (_pending)
                {
                    _pending.TryGetValue(header.ClientTaskId, out pending);
                }

                // A late event of a task already answered (aborted, timed out) finds nobody.
                pending?.OnEvent(header.EngineId, header.Event, ref reader);

                // A resubmission aborted while the controller was still looking it up in its history was not a task there
                // yet: the abort went unheard, so it goes again now that the task has reached an engine.
                if (header.Event == TaskEventKind.Resubmitted && pending is { AbortRequested: true })
                {
                    Abort([pending]);
                }

                break;
            }

            case MessageKind.EngineSet:
            {
                Engines.Update(EngineSetMessage.ReadIds(ref reader));
                break;
            }

            case MessageKind.EngineNotice:
            {
                // Lost and re-admitted engines show in the engine set; a verdict that one is gone for good goes to whoever
                // started it (a cluster's supervisor), off this loop since ending a unit may take a while.
                var notice = EngineNoticeMessage.Read(ref reader);
                if (notice.Fate == EngineFate.Readmitted)
                {
                    DirectEngineBack(notice.EngineId);
                }
                else
                {
                    // What it held of tasks sent in one hop fails as the controller fails its own.
                    DirectEngineGone(notice.EngineId, notice.Reason, lost: true);
                }

                if (notice.Fate == EngineFate.Ended && EngineGone is { } gone)
                {
                    var verdict = new LostEngineVerdict(notice.EngineId, notice.LaunchId, notice.Reason);
                    ThreadPool.UnsafeQueueUserWorkItem(static s => s.Gone(s.Verdict), (Gone: gone, Verdict: verdict), preferLocal: false);
                }

                break;
            }

            case MessageKind.LeaseGrant:
                OnLeaseGrant(LeaseGrantMessage.Read(ref reader));
                break;
            case MessageKind.LeaseRevoke:
                OnLeaseRevoke(LeaseRevokeMessage.Read(ref reader).LeaseId);
                break;
            case MessageKind.ControllerStopping:
                OnControllerStopping();
                break;
            case MessageKind.CodeQueryReply:
                Reply(CodeQueryReplyMessage.Read(ref reader).RequestId, body);
                break;
            case MessageKind.ControlReply:
                Reply(ControlReplyMessage.Read(ref reader).RequestId, body);
                break;
            case MessageKind.HistoryReply:
                Reply(HistoryReplyMessage.Read(ref reader).RequestId, body);
                break;
            case MessageKind.DirectFlushed:
                // An engine's outcomes are in: passed on by the controller behind them (FlushOneHopAsync).
                Reply(DirectFlushedMessage.Read(ref reader).RequestId, body);
                break;

            default:
                throw new ProtocolViolationException($"The controller sent an unexpected message kind {kind}.");
        }
    }

    /// <summary>Completes a task with its result (at <paramref name="reader"/>), from the controller or from its engine in one hop.</summary>
    private static void CompleteFromResult(PendingTask pending, ref WireReader reader) => Complete(pending, ResultBody.Read(ref reader));

    private static void Complete(PendingTask pending, in ResultBody result, ControllerSession? session = null)
    {
        var header = result.Header;
        var started = new DateTimeOffset(header.StartedTicks, TimeSpan.Zero);
        var completed = new DateTimeOffset(header.CompletedTicks, TimeSpan.Zero);
        var output = new TaskOutputText(result.Stdout, result.Stderr, result.StdoutDropped, result.StderrDropped);
        if (header.Status == ResultStatus.Kept)
        {
            var payload = new WireReader(result.Payload);
            pending.CompleteKept(header.EngineId, started, completed, output, KeptReply.Read(ref payload));
            return;
        }

        var error = header.Status == ResultStatus.Ok ? null : TaskMessages.ReadError(result.Payload, header.EngineId, pending.AbortedBy);
        if (error is EngineLostException { EngineId: var lost })
        {
            // Heard before the caller sees it (the controller fails what the engine held before its notice of the loss).
            session?.HeardGone(lost);
        }
        else if (error is EngineNotFoundException { EngineId: var gone } && session?.GoneSince(gone, pending) == true)
        {
            // Submitted while the engine was registered, it reached the controller after the engine was removed (the notice
            // came first on this connection): for the caller that engine was lost under the task, as for the tasks it held.
            error = new EngineLostException(gone, "it was lost before the task reached it");
        }

        pending.Complete(header.EngineId, started, completed, output, result.Payload, error);
    }

    /// <summary>Hands a reply's whole body to the request waiting for it, if it still waits.</summary>
    private void Reply(ulong requestId, in ReadOnlySequence<byte> body)
    {
        if (_requests.TryGetValue(requestId, out var reply))
        {
            reply.TrySetResult(body.ToArray());
        }
    }
}
