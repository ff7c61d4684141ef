using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Tasks for one named engine sent in one hop: straight to the engine's process on the client's direct connection
/// (<see cref="DirectPaths"/>) instead of through the controller, numbered from blocks of task ids the controller grants,
/// answered on that connection; the engine tells the controller how they ended. A task goes so when it is an ordinary call,
/// batch, columns, push, pull or script (with a timeout, the client keeps it: <see cref="OneHopTimedOut"/>), its code is
/// known to the controller, the engine is not lost, its
/// direct connection is open and ids are at hand. Each engine has a lane that keeps its tasks in submission order: while
/// tasks sent through the controller to that engine are pending, the ones that could go in one hop go through the
/// controller too; while tasks sent in one hop are pending, any other waits here until they are answered.
/// </summary>
internal sealed partial class ControllerSession
{
    private readonly Lock _hopGate = new();
    private readonly Dictionary<int, Lane> _lanes = [];
    private readonly HashSet<int> _lostEngines = [];
    private long _directSent;
    private readonly ConcurrentDictionary<ulong, byte> _unconfirmedNames = new();

    /// <summary>
    /// How many names <see cref="_unconfirmedNames"/> holds: read for every task, where the dictionary's own
    /// <c>IsEmpty</c> takes all its locks when it is empty.
    /// </summary>
    private int _unconfirmedCount;

    /// <summary>The client's direct connections to engines; while null, every task goes through the controller.</summary>
    internal DirectPaths? Direct { get; set; }

    /// <summary>How many tasks went to their engines in one hop (tests).</summary>
    internal long DirectTasksSent => Interlocked.Read(ref _directSent);

    /// <summary>
    /// Places a task for engine <c>target</c> in that engine's lane: sends it in one hop when it may go so, holds it behind
    /// tasks sent so, or counts it as going through the controller (false: the caller sends it there).
    /// </summary>
    private bool RouteToEngine(PendingTask pending, OutgoingFrame frame, int bodyAt, CodeBundle? bundle, TaskTarget target)
    {
        var engine = target.Value;
        pending.TimeoutMilliseconds = target.TimeoutMilliseconds;
        var eligible = target is { Retries: 0 } && frame.Tail.IsEmpty && frame.Length > bodyAt &&
            DirectTaskMessage.Carries((TaskKind)frame.Buffer[frame.Offset + bodyAt]) && NameKnown(frame.Memory.Span[bodyAt..]);
        lock (_hopGate)
        {
            var lane = LaneLocked(engine);
            if (lane.Held is { Count: > 0 } || (!eligible && lane.Direct > 0))
            {
                // Behind tasks sent in one hop: it goes through the controller once they are answered.
                Track(pending);
                (lane.Held ??= new Queue<HeldTask>()).Enqueue(new HeldTask(pending, frame, bundle));
                return true;
            }

            if (eligible && lane.Hub == 0 && !_lostEngines.Contains(engine) && Array.IndexOf(Engines.Ids, engine) >= 0 && Outbox.Clear(bundle) &&
                Direct?.Ready(engine) is { Connection: { } connection } && TakeDirectIdLocked(out var taskId))
            {
                Track(pending);
                pending.NoteDirectBody(frame.Memory.Span[bodyAt..]);
                pending.Join(lane, taskId);
                ArmOneHopDeadline(pending, taskId);
                lane.Direct++;
                DirectTaskMessage.RewriteSubmit(frame.Buffer.AsSpan(frame.Offset, frame.Length), taskId);
                Interlocked.Increment(ref _directSent);
                if (!connection.Send(frame))
                {
                    // Closed since Ready: the connection's end may have been handled before this task was counted.
                    var reason = $"its direct connection closed: {connection.CloseReason}";
                    FailDirect(pending, DirectLostMessage.LostError(engine, reason), reason);
                }

                return true;
            }

            lane.Hub++;
            pending.Join(lane);
            return false;
        }
    }

    /// <summary>A task of <paramref name="lane"/> ended: the lane stops counting it, and once no task sent in one hop is pending, what waited behind them goes.</summary>
    internal void TaskEnded(Lane lane, PendingTask task)
    {
        lock (_hopGate)
        {
            if (task.DirectTaskId != 0)
            {
                lane.Direct--;
                lane.Answered++;
            }
            else
            {
                lane.Hub--;
            }

            if (lane.Direct > 0 || lane.Held is not { Count: > 0 } held)
            {
                return;
            }

            // In order, under the lane's lock: a task submitted from now on finds them counted, and goes behind them.
            while (held.TryDequeue(out var waiting))
            {
                if (waiting.Task.Completion.IsCompleted)
                {
                    // Aborted or failed while it waited.
                    waiting.Frame.Return();
                    continue;
                }

                lane.Hub++;
                waiting.Task.Join(lane);
                Outbox.Send(waiting.Frame, waiting.Bundle, waiting.Task);
            }
        }
    }

    /// <summary>Handles a frame an engine sent on its direct connection: a result or a task event of a task sent in one hop.</summary>
    internal void OnDirectFrame(int engine, byte kind, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.DirectResult:
            {
                var id = DirectResultMessage.Read(ref reader).ClientTaskId;
                PendingTask? pending;
                lock (_pending)
                {
                    // Only a task still waiting for this engine's answer takes it: one failed for the engine's loss stays failed.
                    if (_pending.TryGetValue(id, out pending) && pending.DirectEngine == engine)
                    {
                        _pending.Remove(id);
                        ForgetLocked(id);
                    }
                    else
                    {
                        pending = null;
                    }
                }

                if (pending is not null)
                {
                    RefillAfterFrames();
                    CompleteFromResult(pending, ref reader);
                }

                break;
            }

            case MessageKind.DirectFlushed:
                Reply(DirectFlushedMessage.Read(ref reader).RequestId, body);
                break;

            case MessageKind.DirectTaskEvent:
            {
                var header = DirectTaskEventMessage.Read(ref reader);
                PendingTask? pending;
                lock (_pending)
                {
                    _pending.TryGetValue(header.ClientTaskId, out pending);
                }

                if (pending is { DirectEngine: var on } && on == engine)
                {
                    pending.OnEvent(header.EngineId, header.Event, ref reader);
                }

                break;
            }

            default:
                throw new ProtocolViolationException($"Engine {engine} sent an unexpected message kind {kind} on its direct connection.");
        }
    }

    /// <summary>
    /// Makes sure the controller has heard how this client's one-hop tasks that answered since the last call ended, before
    /// the history is read: asks each engine that answered one to send its outcomes now, and waits for its word (a few
    /// seconds at most: an engine that does not answer is about to be declared lost).
    /// </summary>
    private async Task FlushOneHopAsync(CancellationToken cancellationToken)
    {
        List<Task>? waits = null;
        lock (_hopGate)
        {
            foreach (var lane in _lanes.Values)
            {
                if (lane.Answered == 0 || Direct?.Ready(lane.EngineId, open: false)?.Connection is not { } connection)
                {
                    continue;
                }

                lane.Answered = 0;
                var id = NextId();
                var reply = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                _requests[id] = reply;
                connection.Send(Message.ToFrame(new DirectFlushMessage(id, lane.EngineId)));
                (waits ??= []).Add(WaitFlushedAsync(id, reply.Task));
            }
        }

        if (waits is not null)
        {
            await Task.WhenAll(waits).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        async Task WaitFlushedAsync(ulong id, Task<byte[]> flushed)
        {
            try
            {
                await ((Task)flushed).WaitAsync(FlushPatience).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                _requests.TryRemove(id, out _);
            }
        }
    }

    /// <summary>How long a history read waits for an engine to send its outcomes.</summary>
    private static readonly TimeSpan FlushPatience = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the controller has read the name of the method a task body calls, if it calls one: the engine's report of a
    /// one-hop task may reach it before a name sent just ahead of the task, and the history would miss the name.
    /// </summary>
    private bool NameKnown(ReadOnlySpan<byte> taskBody) =>
        Volatile.Read(ref _unconfirmedCount) == 0 || taskBody.Length < 9 || (TaskKind)taskBody[0] is not (TaskKind.Call or TaskKind.Batch or TaskKind.Columns) ||
        !_unconfirmedNames.ContainsKey(BinaryPrimitives.ReadUInt64LittleEndian(taskBody[1..]));

    /// <summary>Marks a method's name as not yet read by the controller.</summary>
    private void MarkNameUnconfirmed(ulong methodId)
    {
        if (_unconfirmedNames.TryAdd(methodId, 0))
        {
            Interlocked.Increment(ref _unconfirmedCount);
        }
    }

    private void NameConfirmed(ulong methodId)
    {
        if (_unconfirmedNames.TryRemove(methodId, out _))
        {
            Interlocked.Decrement(ref _unconfirmedCount);
        }
    }

    /// <summary>Once a request sent after a method's name is answered, the controller has read the name.</summary>
    private async Task ConfirmNameAsync(ulong methodId)
    {
        await Task.Yield();
        try
        {
            await RequestAsync(
                0, static (id, _) => Message.ToFrame(new CodeQueryMessage(id, new byte[CodeBundle.HashLength])), ordered: false, CancellationToken.None).ConfigureAwait(false);
            NameConfirmed(methodId);
        }
        catch (RemoteKitConnectionException)
        {
            // Its tasks keep going through the controller.
        }
    }

    /// <summary>The controller re-admitted <paramref name="engine"/>: its tasks may go in one hop again.</summary>
    internal void DirectEngineBack(int engine)
    {
        lock (_hopGate)
        {
            _lostEngines.Remove(engine);
            _goneAt.Remove(engine);
        }
    }

    /// <summary>Aborts tasks sent in one hop (the engine answers, as the controller would) and tasks still held in a lane; returns the others.</summary>
    private List<PendingTask> AbortOneHop(IReadOnlyList<PendingTask> tasks)
    {
        List<PendingTask> viaController = new(tasks.Count);
        foreach (var task in tasks)
        {
            if (task.DirectTaskId != 0)
            {
                // The controller arms its abort deadline, and recycles the engine if it never reports the task.
                Direct?.Ready(task.DirectEngine, open: false)?.Connection?.Send(Message.ToFrame(new DirectAbortMessage(task.DirectEngine, task.DirectTaskId)));
                Send(Message.ToFrame(new DirectAbortedMessage(task.DirectEngine, task.DirectTaskId)));
            }
            else if (!DropHeld(task) && !DropLeaseQueued(task))
            {
                viaController.Add(task);
            }
        }

        return viaController;
    }

    /// <summary>Takes a task out of the lane it waits in, failing it as aborted; false when it waits in none.</summary>
    private bool DropHeld(PendingTask task)
    {
        HeldTask dropped = default;
        lock (_hopGate)
        {
            foreach (var lane in _lanes.Values)
            {
                if (lane.Held is not { Count: > 0 } held)
                {
                    continue;
                }

                var kept = new Queue<HeldTask>(held.Count);
                foreach (var waiting in held)
                {
                    if (waiting.Task == task)
                    {
                        dropped = waiting;
                    }
                    else
                    {
                        kept.Enqueue(waiting);
                    }
                }

                if (dropped.Task is not null)
                {
                    lane.Held = kept;
                    break;
                }
            }
        }

        if (dropped.Task is null)
        {
            return false;
        }

        dropped.Frame.Return();
        lock (_pending)
        {
            _pending.Remove(task.Id);
            ForgetLocked(task.Id);
        }

        task.Fail(new TaskAbortedException("The task was aborted before it ran.", null, task.AbortedBy));
        return true;
    }

    /// <summary>How many tasks this client sent <paramref name="engine"/> in one hop are still pending.</summary>
    private int DirectPendingOn(int engine)
    {
        lock (_hopGate)
        {
            return _lanes.TryGetValue(engine, out var lane) ? lane.Direct : 0;
        }
    }

    private Lane LaneLocked(int engine)
    {
        if (!_lanes.TryGetValue(engine, out var lane))
        {
            lane = new Lane(this, engine);
            _lanes.Add(engine, lane);
        }

        return lane;
    }

    /// <summary>What a pending task sent to one engine is counted in until it ends: an engine's lane, or a lease.</summary>
    internal interface ITaskLane
    {
        /// <summary>The engine.</summary>
        int EngineId { get; }

        /// <summary>The task ended (called once).</summary>
        void TaskEnded(PendingTask task);
    }

    /// <summary>One engine's tasks: how many are pending through the controller and in one hop, and those waiting behind the latter.</summary>
    internal sealed class Lane(ControllerSession session, int engineId) : ITaskLane
    {
        public int EngineId { get; } = engineId;

        public int Hub { get; set; }

        public int Direct { get; set; }

        /// <summary>How many of its one-hop tasks ended since the history was last read.</summary>
        public int Answered { get; set; }

        public Queue<HeldTask>? Held { get; set; }

        public void TaskEnded(PendingTask task) => session.TaskEnded(this, task);
    }

    /// <summary>A task waiting in its lane for the tasks sent in one hop ahead of it, with its Submit frame.</summary>
    internal readonly record struct HeldTask(PendingTask Task, OutgoingFrame Frame, CodeBundle? Bundle);
}
