using RemoteKit.Protocol;

namespace RemoteKit.Engine;

/// <summary>
/// Aborts of the engine's tasks, from the controller (<see cref="AbortTaskMessage"/>) or from the client that sent a task in
/// one hop (<see cref="DirectAbortMessage"/>, which may say the task passed its timeout).
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>
    /// Aborts a task: skipped if queued (answered now), its token cancelled if running. With <paramref name="timedOutAfter"/>
    /// above 0 (a task sent in one hop that passed its timeout) it ends as timed out, and if it was running the controller
    /// hears of it, so that its tasks queued behind it here run elsewhere.
    /// </summary>
    private void Abort(ulong id, int timedOutAfter = 0)
    {
        lock (_gate)
        {
            if (_running?.Id == id)
            {
                if (timedOutAfter > 0 && _running.Direct is not null && _running.TimedOutAfter == 0)
                {
                    _running.TimedOutAfter = timedOutAfter;
                    _channel.Send(Message.ToFrame(new DirectTimedOutMessage(id)));
                }

                // Its callbacks (the task's own among them) run on the thread pool, not here under the lock: the caller may be
                // a connection's read loop on the socket thread.
                _ = _running.Cancellation.CancelAsync();
            }
            else if (_queued.Remove(id, out var queued))
            {
                // Still waiting in the local queue: answer now, and skip it when its turn comes.
                _aborted.Add(id);
                var frame = queued.Direct is { } direct ? Message.Start(new DirectResultMessage(direct.ClientTaskId), 128) : Message.Start(new EngineResultMessage(id), 128);
                var (kind, message) = timedOutAfter > 0 && queued.Direct is not null
                    ? (ErrorKind.TimedOut, ErrorKinds.TimedOutMessage(timedOutAfter))
                    : (ErrorKind.Aborted, "The task was aborted before it ran.");
                ResultBody.WriteError(frame, _engineId, kind, message, _time.GetUtcNow().UtcTicks);
                if (queued.Direct is not null)
                {
                    AnswerDirect(queued, frame, flush: true);
                }
                else
                {
                    _channel.Send(frame.Finish());
                }
            }
        }
    }
}
