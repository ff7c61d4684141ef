using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// Tasks sent in one hop (<see cref="DirectTaskMessage"/>): a client sends them on its direct connection to this engine's
/// process, the <see cref="DirectListener"/> hands them here, and they wait in the same queue as the controller's tasks, in
/// the order they arrived, and run the same way. Their results and task events go back on the connection they came on;
/// their outcomes go to the controller in batches (<see cref="DirectOutcomesMessage"/>), sent at most
/// <see cref="OutcomeDelay"/> after the first outcome of a batch (so a stream of short tasks costs the controller one frame
/// per batch, not one per task, and a long task behind short ones holds none of them back), when a batch is full, when a
/// task was aborted (the controller holds aborts to a deadline), and when a client asks (<see cref="DirectFlushMessage"/>:
/// before it reads the history). The controller also hears how many one-hop tasks wait or run here
/// (<see cref="DirectBacklogMessage"/>), for its balancer and queue status: with each batch of outcomes when the count
/// changed, and within <see cref="OutcomeDelay"/> of a task arriving while no batch is under way (so a burst is counted in
/// one report, and the count reaches the controller while a long task runs); never once per task.
/// </summary>
internal sealed partial class EngineSession
{
    /// <summary>The longest an outcome waits for others to share its batch.</summary>
    internal static readonly TimeSpan OutcomeDelay = TimeSpan.FromMilliseconds(2);

    private readonly Lock _outcomeGate = new();
    private FrameBuilder? _outcomes;
    private int _outcomeCount;
    private ITimer? _outcomeTimer;

    /// <summary>Tasks received in one hop and not yet ended (queued or running).</summary>
    private int _backlog;

    /// <summary>The count the controller was last told.</summary>
    private int _reportedBacklog;

    /// <summary>The timer is set to report the count (no batch of outcomes under way when it changed).</summary>
    private bool _backlogDue;

    /// <summary>A client sent in one hop a task of a kind that goes through the controller: it broke the protocol.</summary>
    internal static void ThrowUnlessCarried(in DirectTaskMessage task, in ReadOnlySequence<byte> taskBody)
    {
        if (taskBody.IsEmpty || !DirectTaskMessage.Carries((TaskKind)taskBody.FirstSpan[0]))
        {
            throw new ProtocolViolationException($"A client sent task {task.TaskId} in one hop, but tasks of kind {(taskBody.IsEmpty ? 0 : taskBody.FirstSpan[0])} go through the controller.");
        }
    }

    /// <summary>Queues a task a client sent on its direct connection <paramref name="from"/> (called on that connection's read loop).</summary>
    internal void EnqueueDirect(IFrameChannel from, Guid clientId, in DirectTaskMessage task, in ReadOnlySequence<byte> taskBody)
    {
        ThrowUnlessCarried(task, taskBody);
        Enqueue(from, task.TaskId, task.Trace, taskBody, new DirectOrigin(from, clientId, task.ClientTaskId, _time.GetUtcNow().UtcTicks));
    }

    /// <summary>
    /// Aborts a task sent in one hop, as the controller's <see cref="AbortTaskMessage"/> does; with a timeout above 0 the task
    /// passed it, and ends as timed out.
    /// </summary>
    internal void AbortDirect(ulong taskId, int timeoutMilliseconds = 0) => Abort(taskId, timeoutMilliseconds);

    /// <summary>
    /// Sends the result of a task sent in one hop to its client, after noting its outcome for the controller (sending gives
    /// the frame away); with <paramref name="flush"/>, or when the task was aborted, the outcomes noted so far go to the
    /// controller at once. A client whose connection is gone has failed the task already; the controller still hears of it.
    /// </summary>
    private void AnswerDirect(WorkItem item, FrameBuilder frame, bool flush)
    {
        var direct = item.Direct!;
        var result = frame.Finish();
        flush |= item.Cancellation.IsCancellationRequested;
        lock (_outcomeGate)
        {
            _backlog--;
            if (_outcomes is null && !flush)
            {
                // The first of a batch: the batch goes within the delay, whatever runs meanwhile.
                ArmOutcomeTimerLocked();
            }

            var batch = _outcomes ??= Message.Start(new DirectOutcomesMessage(0), 512);
            DirectOutcome.Write(
                batch, item.Id, direct.ClientTaskId, direct.ClientId, direct.ReceivedTicks, item.Body.Span,
                result.Memory[(Frame.HeaderLength + DirectResultMessage.HeaderSize)..]);
            if (++_outcomeCount >= DirectOutcomesMessage.MaxOutcomes || flush)
            {
                FlushOutcomesLocked();
            }
        }

        direct.Channel.Send(result);
    }

    /// <summary>
    /// A task arrived in one hop (called under the queue's lock, so it is counted before it can end): the controller hears
    /// the new count within the delay, with the batch of outcomes under way or on its own.
    /// </summary>
    private void DirectArrived()
    {
        lock (_outcomeGate)
        {
            _backlog++;
            if (_outcomes is null && !_backlogDue)
            {
                _backlogDue = true;
                ArmOutcomeTimerLocked();
            }
        }
    }

    private void ArmOutcomeTimerLocked()
    {
        _outcomeTimer ??= _time.CreateTimer(static s => ((EngineSession)s!).FlushOutcomes(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _outcomeTimer.Change(OutcomeDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Sends the outcomes noted so far to the controller, and the count of one-hop tasks held if it changed; then
    /// <paramref name="flushed"/>, if given, behind them on the same connection, for the controller to pass on to the client
    /// that asked.
    /// </summary>
    internal void FlushOutcomes(DirectFlushedMessage? flushed = null)
    {
        lock (_outcomeGate)
        {
            FlushOutcomesLocked();
            if (flushed is { } answer)
            {
                _channel.Send(Message.ToFrame(answer));
            }
        }
    }

    private void FlushOutcomesLocked()
    {
        if (_outcomes is { } batch)
        {
            DirectOutcomesMessage.SetCount(batch.At(Frame.HeaderLength, 4), _outcomeCount);
            _outcomes = null;
            _outcomeCount = 0;
            _channel.Send(batch.Finish());
        }

        // After the outcomes: the controller never counts an ended task as held.
        _backlogDue = false;
        if (_backlog != _reportedBacklog)
        {
            _reportedBacklog = _backlog;
            _channel.Send(Message.ToFrame(new DirectBacklogMessage(_backlog)));
        }
    }
}

/// <summary>Where a task sent in one hop came from: the client's direct connection, its direct id, its task id, and when it arrived (UTC ticks).</summary>
internal sealed record DirectOrigin(IFrameChannel Channel, Guid ClientId, ulong ClientTaskId, long ReceivedTicks);
