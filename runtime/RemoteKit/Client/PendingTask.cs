using System.Buffers;
using MemoryPack;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>A task on the wire waiting for its result. Completed on the client's read loop; continuations run elsewhere.</summary>
internal abstract class PendingTask
{
    protected PendingTask(ulong id, ResultEvents? events)
    {
        Id = id;
        Events = events ?? new ResultEvents();
    }

    public ulong Id { get; }

    /// <summary>Where what the task sends while it runs goes: shared by every task of one result.</summary>
    public ResultEvents Events { get; }

    public DateTimeOffset Submitted { get; } = DateTimeOffset.UtcNow;

    /// <summary>The task's engine, times and output, once it finished; made when first read (most never are).</summary>
    public TaskMetadata? Metadata
    {
        get
        {
            if (Volatile.Read(ref _metadata) is { } made)
            {
                return made;
            }

            if (!Volatile.Read(ref _ended))
            {
                return null;
            }

            // Two readers at once may both make it: equal records, either one kept.
            var metadata = new TaskMetadata
            {
                EngineId = _endedOn,
                LostEngines = LostEngines,
                Submitted = Submitted,
                Started = new DateTimeOffset(_startedTicks, TimeSpan.Zero),
                Completed = new DateTimeOffset(_completedTicks, TimeSpan.Zero),
                Received = new DateTimeOffset(_receivedTicks, TimeSpan.Zero),
                Stdout = _output.Stdout ?? string.Empty,
                Stderr = _output.Stderr ?? string.Empty,
                StdoutDropped = _output.StdoutDropped,
                StderrDropped = _output.StderrDropped,
            };
            return Interlocked.CompareExchange(ref _metadata, metadata, null) ?? metadata;
        }
    }

    // What the metadata is made from, kept in the task itself: a burst's tasks allocated a metadata record each, read by few.
    private TaskMetadata? _metadata;
    private bool _ended;
    private int _endedOn;
    private long _startedTicks;
    private long _completedTicks;
    private long _receivedTicks;
    private TaskOutputText _output;

    public abstract Task Completion { get; }

    /// <summary>The token whose cancellation aborted this task, carried by the <see cref="TaskAbortedException"/> it ends with.</summary>
    public CancellationToken AbortedBy { get; set; }

    /// <summary>What its engine kept instead of sending the value (<see cref="ResultStatus.Kept"/>), once it finished so.</summary>
    public KeptReply? Kept { get; private set; }

    /// <summary>Whether the caller asked for the value to be kept on the engine (<c>KeepAsync</c>).</summary>
    public bool KeepRequested { get; set; }

    /// <summary>Set while the task waits to be sent (for results it takes); cancelled by an abort meanwhile.</summary>
    public CancellationTokenSource? Unsent { get; set; }

    /// <summary>Completes when the task has been sent to the controller (at once, unless it waited for results it takes).</summary>
    public Task Sent { get; set; } = Task.CompletedTask;

    /// <summary>Completes the task whose engine kept its value: awaiting the value itself fails, saying where it is.</summary>
    public void CompleteKept(int engineId, DateTimeOffset started, DateTimeOffset completed, in TaskOutputText output, KeptReply kept)
    {
        Kept = kept;
        Complete(engineId, started, completed, output, default, new InvalidOperationException(
            $"The result was kept on engine {engineId} (TaskOptions.Keep, or KeepAsync) instead of sent back: its RemoteRef comes from KeepAsync(), " +
            "and the value from RemoteRef.GetAsync()."));
    }

    /// <summary>The engines lost while they held this task (it ran again elsewhere), in order.</summary>
    public IReadOnlyList<int> LostEngines { get; set; } = [];

    /// <summary>The engine lost while it held this task sent in one hop, before the task went through the controller; or -1.</summary>
    public int LostInOneHop { get; private set; } = -1;

    /// <summary>Whether an abort of this task was sent (<see cref="ControllerSession.Abort"/>).</summary>
    public bool AbortRequested { get; set; }

    private TaskCompletionSource<ulong>? _resubmittedAs;

    /// <summary>Makes this a resubmission (<see cref="ControllerSession.Resubmit"/>), whose controller task id the controller tells.</summary>
    public void ExpectResubmission() => _resubmittedAs = new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The controller's task id of a resubmission, once the controller told it (when the task reached an engine); null when
    /// the task ended without it, or is no resubmission.
    /// </summary>
    public async Task<ulong?> ControllerTaskIdAsync()
    {
        if (_resubmittedAs is not { } told)
        {
            return null;
        }

        // The id arrives ahead of the result, on the same receive loop: a finished task that had one has it set.
        await Task.WhenAny(told.Task, Completion).ConfigureAwait(false);
        return told.Task.IsCompletedSuccessfully ? told.Task.Result : null;
    }

    /// <summary>Handles an event the task sent while it runs (its body at <paramref name="reader"/>). Called on the receive loop.</summary>
    public void OnEvent(int engineId, TaskEventKind kind, ref WireReader reader)
    {
        switch (kind)
        {
            case TaskEventKind.Output:
                Events.AddOutput(engineId, Id, OutputEvent.Read(ref reader));
                break;
            case TaskEventKind.Progress:
                Events.AddProgress(ProgressEvent.ReadValue(ref reader));
                break;
            case TaskEventKind.Data:
            {
                var data = DataEvent.Read(ref reader);
                Events.AddData(engineId, data.Name, data.TypeName, reader.Rest);
                break;
            }

            case TaskEventKind.Resubmitted:
                _resubmittedAs?.TrySetResult(ResubmittedEvent.Read(ref reader).TaskId);
                break;

            case TaskEventKind.StreamItems:
            {
                var batch = StreamItemsEvent.Read(ref reader);
                OnItems(batch, reader.Rest);
                break;
            }
        }
    }

    /// <summary>A batch of a stream's items; only a stream task takes them.</summary>
    protected virtual void OnItems(StreamItemsEvent batch, in ReadOnlySequence<byte> items) =>
        throw new ProtocolViolationException($"The controller sent stream items for task {Id}, which is not a stream.");

    /// <summary>Completes the task with its result: the payload to decode, or the error it failed with.</summary>
    public void Complete(int engineId, DateTimeOffset started, DateTimeOffset completed, in TaskOutputText output, ReadOnlySequence<byte> payload, Exception? error)
    {
        _endedOn = engineId;
        _startedTicks = started.UtcTicks;
        _completedTicks = completed.UtcTicks;
        _receivedTicks = DateTimeOffset.UtcNow.UtcTicks;
        _output = output;
        Volatile.Write(ref _ended, true);
        Events.TaskEnded(engineId, Id);
        if (error is not null)
        {
            Fail(error);
            return;
        }

        try
        {
            // Its lane first counts it as answered: a caller that reads the history as soon as it has the value makes the
            // client ask that engine for its outcomes.
            Ended();
            SetResult(payload);
        }
        catch (Exception e)
        {
            Fail(Unreadable(e, engineId));
        }
    }

    /// <summary>What a caller sees when a result arrived but could not be decoded here (e.g. a destination too short).</summary>
    public static RemoteException Unreadable(Exception e, int engineId) =>
        new(e.GetType().FullName!, "The result could not be read on the client: " + e.Message, e.StackTrace, engineId);

    /// <summary>Fails the task (once: a task already ended stays as it ended).</summary>
    public void Fail(Exception error)
    {
        Ended();
        FailCore(error);
    }

    /// <summary>Fails the task's completion.</summary>
    protected abstract void FailCore(Exception error);

    private ControllerSession.ITaskLane? _lane;

    /// <summary>The engine whose one-hop task this is (sent on its direct connection), or -1 for a task sent through the controller.</summary>
    public int DirectEngine { get; private set; } = -1;

    /// <summary>The controller's task id of a task sent in one hop (from the client's block), or 0.</summary>
    public ulong DirectTaskId { get; private set; }

    /// <summary>
    /// Whether the task went, or may go, in one hop (then the controller never holds it, and a task depending on it is
    /// judged by the client once it ended): an engine view's one-hop task, or a load-balanced one placed for a lease.
    /// </summary>
    public bool OneHop => DirectTaskId != 0 || ForLease;

    /// <summary>How many engines the controller had said were lost or ended when the task was submitted (its session's count).</summary>
    internal long GoneNoticesSeen { get; set; }

    /// <summary>A load-balanced task placed for a lease (sent on one, or waiting for one; it may still go through the controller).</summary>
    public bool ForLease { get; set; }

    /// <summary>
    /// What the client tells the controller of a task sent in one hop when it fails it for its engine's loss
    /// (<see cref="DirectLostTask"/>): its task body's kind, method id (0 when the kind names none) and size.
    /// </summary>
    public (TaskKind Kind, ulong MethodId, int Bytes) DirectBody { get; private set; }

    /// <summary>Notes the kind, method id and size of the task body of a task going in one hop.</summary>
    internal void NoteDirectBody(ReadOnlySpan<byte> body)
    {
        var kind = body.IsEmpty ? default : (TaskKind)body[0];
        var method = DirectLostTask.NamesMethod(kind) && body.Length >= 1 + sizeof(ulong)
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(body[1..])
            : 0;
        DirectBody = (kind, method, body.Length);
    }

    /// <summary>
    /// Counts this task among those pending on an engine's lane (<see cref="ControllerSession"/>'s ordering of tasks for one
    /// engine) or lease, as a task sent in one hop (<paramref name="directTaskId"/> not 0) or through the controller.
    /// </summary>
    internal void Join(ControllerSession.ITaskLane lane, ulong directTaskId = 0)
    {
        if (directTaskId != 0)
        {
            DirectEngine = lane.EngineId;
            DirectTaskId = directTaskId;
        }

        _lane = lane;
    }

    /// <summary>
    /// The engine of the task's one-hop attempt was lost and the task runs again through the controller: answers from that
    /// engine are no longer its own (call under the session's pending lock, then <see cref="EndLane"/> outside it).
    /// </summary>
    internal void LeaveOneHop()
    {
        LostInOneHop = DirectEngine;
        LostEngines = [DirectEngine];
        DirectEngine = -1;
        DirectTaskId = 0;
        ForLease = false;
    }

    /// <summary>Its lane (the lease it was sent on) stops counting it, as when it ends; once.</summary>
    internal void EndLane() => Ended();

    /// <summary>The task ended (or left its one hop): its deadline is dropped and its lane stops counting it (once).</summary>
    private void Ended()
    {
        Interlocked.Exchange(ref _deadline, null)?.Dispose();
        Interlocked.Exchange(ref _lane, null)?.TaskEnded(this);
    }

    /// <summary>The lane or lease the task is counted on, while it is.</summary>
    internal ControllerSession.ITaskLane? Lane => Volatile.Read(ref _lane);

    /// <summary>Its <see cref="TaskOptions.Timeout"/> in milliseconds, or 0 for none.</summary>
    public int TimeoutMilliseconds { get; set; }

    private ITimer? _deadline;

    /// <summary>Keeps the timer that fails the task sent in one hop once its timeout passes; dropped when the task ends.</summary>
    internal void ArmDeadline(ITimer deadline) => Interlocked.Exchange(ref _deadline, deadline)?.Dispose();

    /// <summary>Whether the task may be sent again to a controller that replaced a lost one (streams may have yielded items: never).</summary>
    public virtual bool MayRunAgain => true;

    protected abstract void SetResult(ReadOnlySequence<byte> payload);
}

/// <summary>A pending task whose payload decodes to <typeparamref name="T"/>.</summary>
internal sealed class PendingTask<T> : PendingTask
{
    private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<ReadOnlySequence<byte>, T> _decode;

    public PendingTask(ulong id, Func<ReadOnlySequence<byte>, T> decode, ResultEvents? events = null)
        : base(id, events) => _decode = decode;

    public Task<T> Task => _tcs.Task;

    public override Task Completion => _tcs.Task;

    protected override void FailCore(Exception error) => _tcs.TrySetException(error);

    protected override void SetResult(ReadOnlySequence<byte> payload) => _tcs.TrySetResult(_decode(payload));
}

/// <summary>Decoders for results.</summary>
internal static class Decoders<T>
{
    public static readonly Func<ReadOnlySequence<byte>, T> MemoryPack = typeof(T) == typeof(NoValue)
        ? static _ => default!
        : static payload => MemoryPackSerializer.Deserialize<T>(payload)!;
}
