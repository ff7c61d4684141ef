using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Tasks sent in one hop whose engine is gone: the client fails each once (<see cref="EngineLostException"/>, or
/// <see cref="TaskAbortedException"/> when its abort was asked for), and, since the engine can never report them, tells the
/// controller which it failed and why (<see cref="DirectLostMessage"/>, one message per loss), so the history records them
/// as the controller records a task of its own that lost its engine. The controller keeps one record per task: an outcome
/// the engine reported before, or reports after, does not make a second.
/// </summary>
internal sealed partial class ControllerSession
{
    /// <summary>How many times this client heard an engine was gone (lost, ended, or its direct connection closed); each task notes the count it was submitted at.</summary>
    private long _goneNotices;

    /// <summary>When (by <see cref="_goneNotices"/>) this client first heard each engine was gone, until it is re-admitted.</summary>
    private readonly Dictionary<int, long> _goneAt = [];

    /// <summary>Notes that <paramref name="engine"/> is gone, if this is the first this client hears of it.</summary>
    private void HeardGone(int engine)
    {
        lock (_hopGate)
        {
            if (!_goneAt.ContainsKey(engine))
            {
                _goneAt[engine] = Interlocked.Increment(ref _goneNotices);
            }
        }
    }

    /// <summary>Whether this client first heard <paramref name="engine"/> was gone after <paramref name="task"/> was submitted.</summary>
    private bool GoneSince(int engine, PendingTask task)
    {
        lock (_hopGate)
        {
            return _goneAt.TryGetValue(engine, out var at) && at > task.GoneNoticesSeen;
        }
    }

    /// <summary>
    /// Fails every task sent in one hop to <paramref name="engine"/> and still pending, with the error the controller gives
    /// for a lost engine, and reports them to the controller in one message; answers arriving later are ignored. With
    /// <paramref name="lost"/> (the controller's verdict), no task goes to it in one hop until it is re-admitted.
    /// </summary>
    internal void DirectEngineGone(int engine, string reason, bool lost)
    {
        lock (_hopGate)
        {
            if (lost)
            {
                _lostEngines.Add(engine);
            }

            // The first word of it (the direct connection's end often comes before the controller's notice): a task
            // submitted after that is one the caller made knowing the engine was gone.
            _goneAt.TryAdd(engine, Interlocked.Increment(ref _goneNotices));

            var leased = DropLeasesOnLocked(engine);
            if (!leased && (!_lanes.TryGetValue(engine, out var lane) || lane.Direct == 0))
            {
                return;
            }
        }

        List<PendingTask> failing = [];
        lock (_pending)
        {
            foreach (var task in _pending.Values)
            {
                if (task.DirectEngine == engine)
                {
                    failing.Add(task);
                }
            }
        }

        var message = DirectLostMessage.LostError(engine, reason);
        List<DirectLostTask>? failed = null;
        foreach (var task in failing)
        {
            if (FailDirectCore(task, message, reason) is { } one)
            {
                (failed ??= []).Add(one);
            }
        }

        if (failed is not null)
        {
            ReportLost(engine, reason, failed);
        }
    }

    /// <summary>
    /// Fails a task sent in one hop whose engine is gone (its direct connection closed as it was sent), and reports it to the
    /// controller: aborted when its abort was asked for (the engine may have been recycled for ignoring it), else lost.
    /// </summary>
    private void FailDirect(PendingTask task, string message, string reason)
    {
        if (FailDirectCore(task, message, reason) is { } failed)
        {
            ReportLost(task.DirectEngine, reason, [failed]);
        }
    }

    /// <summary>Fails a task sent in one hop whose engine is gone, once; what the controller is told of it, or null when it had ended already.</summary>
    private DirectLostTask? FailDirectCore(PendingTask task, string message, string reason)
    {
        lock (_pending)
        {
            if (!_pending.Remove(task.Id))
            {
                return null;
            }
        }

        var aborted = task.AbortRequested;
        task.Fail(aborted
            ? new TaskAbortedException(DirectLostMessage.AbortedError(task.DirectEngine, reason), null, task.AbortedBy)
            : new EngineLostException(task.DirectEngine, message, message));
        var (kind, method, bytes) = task.DirectBody;
        return new DirectLostTask(
            task.DirectTaskId, task.Id, task.Submitted.UtcTicks, aborted ? ErrorKind.Aborted : ErrorKind.EngineLost, kind, method, bytes);
    }

    /// <summary>Tells the controller which one-hop tasks on <paramref name="engine"/> the client failed, in as few messages as it takes.</summary>
    private void ReportLost(int engine, string reason, List<DirectLostTask> failed)
    {
        for (var at = 0; at < failed.Count; at += DirectLostMessage.MaxTasks)
        {
            var part = at == 0 && failed.Count <= DirectLostMessage.MaxTasks ? failed : failed.GetRange(at, Math.Min(DirectLostMessage.MaxTasks, failed.Count - at));
            Send(Message.ToFrame(new DirectLostMessage(engine, reason, part)));
        }
    }

    /// <summary>
    /// Notes the task body of a load-balanced task placed on a lease, from its DirectTask frame (whose body follows the
    /// header and trace context), for the report of its loss.
    /// </summary>
    private static void NoteLeasedBody(PendingTask pending, OutgoingFrame frame)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(frame.Memory[Frame.HeaderLength..]));
        DirectTaskMessage.Read(ref reader);
        pending.NoteDirectBody(reader.Rest.FirstSpan);
    }
}
