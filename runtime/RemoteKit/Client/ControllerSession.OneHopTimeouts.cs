using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>
/// Timeouts of tasks sent in one hop. The controller never holds such a task, so its sweep cannot time it out: the client
/// does, with a timer started when the task leaves for its engine (as the controller's deadline starts when a task reaches
/// it). When it passes, the task fails with <see cref="TaskTimeoutException"/>, as through the controller; the engine is
/// told to abort it, naming the timeout (it ends there as timed out, which the history records, and if it was running the
/// engine has the controller move the tasks queued behind it elsewhere); the controller arms the abort grace, after which
/// an engine that ignored the abort is recycled; and the task's lease goes back, so nothing else waits on that engine.
/// A task with a timeout goes only on a lease with no other task, and that lease takes no other until it ends: none of
/// this client's tasks waits behind it.
/// </summary>
internal sealed partial class ControllerSession
{
    /// <summary>Starts the timer of a task with a timeout about to be sent in one hop as <paramref name="directTaskId"/>.</summary>
    private void ArmOneHopDeadline(PendingTask pending, ulong directTaskId)
    {
        if (pending.TimeoutMilliseconds <= 0)
        {
            return;
        }

        pending.ArmDeadline(_time.CreateTimer(
            static state =>
            {
                var (session, task, id) = ((ControllerSession, PendingTask, ulong))state!;
                session.OneHopTimedOut(task, id);
            },
            (this, pending, directTaskId),
            TimeSpan.FromMilliseconds(pending.TimeoutMilliseconds),
            Timeout.InfiniteTimeSpan));
    }

    /// <summary>
    /// The timeout of a task sent in one hop as <paramref name="directTaskId"/> passed: unless it was answered (or left its
    /// one hop) meanwhile, it fails as timed out, once.
    /// </summary>
    private void OneHopTimedOut(PendingTask task, ulong directTaskId)
    {
        int engine;
        lock (_pending)
        {
            if (task.DirectTaskId != directTaskId || !_pending.TryGetValue(task.Id, out var current) || current != task)
            {
                return;
            }

            _pending.Remove(task.Id);
            ForgetLocked(task.Id);
            engine = task.DirectEngine;
        }

        lock (_hopGate)
        {
            if (task.Lane is Lease lease)
            {
                // Its engine may be stuck with it: the lease takes nothing more, and goes back once the task is failed below.
                lease.Revoking = true;
            }
        }

        Direct?.Ready(engine, open: false)?.Connection?.Send(Message.ToFrame(new DirectAbortMessage(engine, directTaskId, task.TimeoutMilliseconds)));
        Send(Message.ToFrame(new DirectAbortedMessage(engine, directTaskId)));
        task.Fail(new TaskTimeoutException(engine, ErrorKinds.TimedOutMessage(task.TimeoutMilliseconds)));
    }
}
