using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Tasks sent in one hop whose engine is gone: the client fails each once (<see cref="EngineLostException"/>, or
/// <see cref="TaskAbortedException"/> when its abort was asked for), and, since the engine can never report them, tells the
/// controller which it failed and why (<see cref="DirectLostMessage"/>, one message per loss), so the history records them
/// as the controller records a task of its own that lost its engine. The controller keeps one record per task: an outcome
/// the engine reported before, or reports after, does not make a second. A load-balanced task with retries left that was
/// placed on a lease is not failed: the copy of its Submit frame kept for this goes through the controller with one retry
/// spent (the lost attempt is reported all the same), and answers from the lost engine are no longer its own. It goes once
/// the controller has declared the engine lost, so the controller cannot place it on that engine again; when only the
/// direct connection closed, it waits for that verdict, at most <see cref="VerdictWait"/>.
/// </summary>
internal sealed partial class ControllerSession
{
    /// <summary>
    /// Copies of the Submit frames of load-balanced tasks with retries placed for leases, by task id (under the pending lock):
    /// what goes through the controller should their engine be lost.
    /// </summary>
    private readonly Dictionary<ulong, Retained> _leasedRetries = new();

    /// <summary>Leased tasks with retries whose engine's direct connection closed, waiting for the controller's verdict on it (under the pending lock).</summary>
    private readonly Dictionary<int, List<(PendingTask Task, Retained Frame)>> _awaitingVerdict = [];

    private ITimer? _verdictTimer;

    /// <summary>How long a leased task with retries waits for the controller's verdict on its engine before it goes again anyway.</summary>
    internal static readonly TimeSpan VerdictWait = TimeSpan.FromSeconds(10);

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
            if (lost)
            {
                RetryAwaitingVerdict(engine);
            }

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
            if (FailDirectCore(task, message, reason, lost) is { } one)
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
        var engine = task.DirectEngine;
        if (FailDirectCore(task, message, reason, verdict: false) is { } failed)
        {
            ReportLost(engine, reason, [failed]);
        }
    }

    /// <summary>
    /// Fails a task sent in one hop whose engine is gone, once, or, when it has retries left, sends it again through the
    /// controller (with <paramref name="verdict"/>, the controller's word that the engine is lost) or holds it for that word;
    /// what the controller is told of the lost attempt, or null when it had ended already.
    /// </summary>
    private DirectLostTask? FailDirectCore(PendingTask task, string message, string reason, bool verdict)
    {
        var aborted = task.AbortRequested;
        var engine = task.DirectEngine;
        var directTaskId = task.DirectTaskId;
        Retained? again = null;
        lock (_pending)
        {
            if (!_pending.ContainsKey(task.Id))
            {
                return null;
            }

            if (!aborted && _leasedRetries.Remove(task.Id, out var kept))
            {
                // From here on an answer from that engine is not the task's (checked under this lock).
                again = kept;
                task.LeaveOneHop();
                if (!verdict)
                {
                    if (!_awaitingVerdict.TryGetValue(engine, out var waiting))
                    {
                        _awaitingVerdict[engine] = waiting = [];
                    }

                    waiting.Add((task, kept));
                }
            }
            else
            {
                _pending.Remove(task.Id);
                ForgetLocked(task.Id);
            }
        }

        var (kind, method, bytes) = task.DirectBody;
        var lost = new DirectLostTask(
            directTaskId, task.Id, task.Submitted.UtcTicks, aborted ? ErrorKind.Aborted : ErrorKind.EngineLost, kind, method, bytes);
        if (again is { } retry)
        {
            task.EndLane();
            if (verdict)
            {
                RetryThroughController(task, retry);
            }
            else
            {
                lock (_pending)
                {
                    _verdictTimer ??= _time.CreateTimer(static s => ((ControllerSession)s!).RetryAwaitingVerdict(null), this, VerdictWait, Timeout.InfiniteTimeSpan);
                }
            }
        }
        else
        {
            task.Fail(aborted
                ? new TaskAbortedException(DirectLostMessage.AbortedError(task.DirectEngine, reason), null, task.AbortedBy)
                : new EngineLostException(task.DirectEngine, message, message));
        }

        return lost;
    }

    /// <summary>
    /// Keeps a copy of the Submit frame of a load-balanced task with retries placed for a lease (before it is rewritten for
    /// its engine), to send it through the controller should that engine be lost; forgotten once the task has its answer.
    /// </summary>
    private void KeepForRetry(PendingTask pending, OutgoingFrame frame, CodeBundle? bundle, TaskTarget target)
    {
        if (target.Retries <= 0)
        {
            return;
        }

        var bytes = frame.Memory.ToArray(); // no tail: a task with one does not go in one hop
        lock (_pending)
        {
            _leasedRetries[pending.Id] = new Retained(bytes, bundle);
        }
    }

    /// <summary>
    /// Sends the leased tasks that waited for the controller's verdict on <paramref name="engine"/> (every engine's, when the
    /// wait ran out: null) through the controller; one whose abort was asked for meanwhile fails as aborted.
    /// </summary>
    private void RetryAwaitingVerdict(int? engine)
    {
        List<(PendingTask Task, Retained Frame)> going = [];
        lock (_pending)
        {
            foreach (var key in engine is { } one ? [one] : _awaitingVerdict.Keys.ToArray())
            {
                if (_awaitingVerdict.Remove(key, out var waiting))
                {
                    going.AddRange(waiting.Where(w => _pending.ContainsKey(w.Task.Id)));
                }
            }

            if (_awaitingVerdict.Count == 0)
            {
                _verdictTimer?.Dispose();
                _verdictTimer = null;
            }
        }

        foreach (var (task, frame) in going)
        {
            if (!task.AbortRequested)
            {
                RetryThroughController(task, frame);
                continue;
            }

            lock (_pending)
            {
                _pending.Remove(task.Id);
            }

            task.Fail(new TaskAbortedException("The task was aborted before it ran again.", null, task.AbortedBy));
        }
    }

    /// <summary>Sends a leased task whose engine was lost through the controller, with one retry spent, as the controller retries its own.</summary>
    private void RetryThroughController(PendingTask task, Retained kept)
    {
        var bytes = kept.Frame;
        var retries = Frame.HeaderLength + SubmitMessage.RetriesOffset;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(retries), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(retries)) - 1);
        if (_reconnect is not null && task.MayRunAgain)
        {
            lock (_pending)
            {
                _retained[task.Id] = kept;
            }
        }

        var buffer = PooledBuffers.Rent(bytes.Length);
        bytes.CopyTo(buffer, 0);
        Outbox.Send(new OutgoingFrame(buffer, bytes.Length), kept.Bundle, task);
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
