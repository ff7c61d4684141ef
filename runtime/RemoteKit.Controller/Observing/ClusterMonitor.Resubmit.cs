using System.Buffers;
using RemoteKit.Controller.History;
using RemoteKit.Protocol;

namespace RemoteKit.Controller.Observing;

/// <summary>What the history keeps of each task to run it again, and finding it when a client resubmits one.</summary>
internal sealed partial class ClusterMonitor
{
    private static readonly string MaxArgumentBytesKey = TaskHistoryOptions.Section + ":" + nameof(TaskHistoryOptions.MaxArgumentBytes);
    private static readonly string ArgumentBudgetBytesKey = TaskHistoryOptions.Section + ":" + nameof(TaskHistoryOptions.ArgumentBudgetBytes);

    // Bytes of task bodies copied for tasks still live (under _liveBodiesGate): bounded by the argument budget, so a flood
    // of queued calls does not hold a second copy of each beside the hub's.
    private long _liveArgumentBytes;

    // The copies, in reused chunks rather than an array each (they live as long as their task, often past a collection);
    // a batch releases those of the tasks it handed the history, which copies what it keeps during the call.
    private readonly TaskBodyArena _liveBodies = new();
    private readonly Lock _liveBodiesGate = new();
    private readonly List<KeptBody> _released = [];

    public async Task<ResubmitPlan> PlanResubmitAsync(ulong taskId)
    {
        if (_history is null)
        {
            return ResubmitPlan.Refuse(
                ErrorKind.NotResubmittable,
                $"This controller keeps no task history ({TaskHistoryOptions.Section}:{nameof(TaskHistoryOptions.Enabled)} is false), so it cannot run task {taskId} again.");
        }

        // A task still running is known here only; a finished one, by the history.
        Drain();
        TaskArguments? arguments;
        var known = true;
        lock (_gate)
        {
            arguments = _live.TryGetValue(taskId, out var live) ? live.Arguments : null;
        }

        try
        {
            if (arguments is null)
            {
                arguments = await _history.GetArgumentsAsync(taskId).ConfigureAwait(false);
                known = arguments is not null || await _history.GetAsync(taskId).ConfigureAwait(false) is not null;
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            return ResubmitPlan.Refuse(ErrorKind.NotResubmittable, $"The task history could not be read, so task {taskId} cannot run again: {e.Message}");
        }

        if (arguments is null)
        {
            return ResubmitPlan.Refuse(
                ErrorKind.NotInHistory,
                known
                    ? $"Task {taskId} was recorded without what it takes to run it again (by an earlier RemoteKit)."
                    : $"There is no record of task {taskId} in the controller's history (never submitted, or dropped by {TaskHistoryOptions.Section}:{nameof(TaskHistoryOptions.MaxRecords)}).");
        }

        if (arguments.BodyKind != (byte)TaskKind.Call)
        {
            return ResubmitPlan.Refuse(
                ErrorKind.NotResubmittable,
                $"Task {taskId} is {KindName(arguments.BodyKind)}; only a call of one [Remote] method (Apply, ApplyAsync) can be resubmitted.");
        }

        if (arguments.Body is not { } body)
        {
            var max = _historyOptions.MaxArgumentBytes;
            var why = max == 0
                ? $"the history keeps none ({MaxArgumentBytesKey} is 0)"
                : arguments.Size > max
                    ? $"at {arguments.Size} bytes they are larger than {MaxArgumentBytesKey} = {max} bytes"
                    : $"they were dropped to stay within {ArgumentBudgetBytesKey} = {_historyOptions.ArgumentBudgetBytes} bytes";
            return ResubmitPlan.Refuse(ErrorKind.NotInHistory, $"The arguments of task {taskId} were not kept, so it cannot run again: {why}.");
        }

        return new ResubmitPlan(body, arguments.Target, arguments.Retries, arguments.TimeoutMilliseconds);
    }

    /// <summary>
    /// What the history keeps to run a task again: its placement always, its body (copied) when it is a call within
    /// <see cref="TaskHistoryOptions.MaxArgumentBytes"/> and the bodies of live tasks stay within
    /// <see cref="TaskHistoryOptions.ArgumentBudgetBytes"/>. A task in a target set runs again load-balanced over any engine.
    /// </summary>
    private TaskPlacement PlacementOf(
        TaskKind kind, in SubmitMessage submit, in ReadOnlySequence<byte> taskBody, ulong resubmitOf, out KeptBody body)
    {
        body = default;
        if (kind == TaskKind.Call && taskBody.Length <= _historyOptions.MaxArgumentBytes)
        {
            lock (_liveBodiesGate)
            {
                if (_liveArgumentBytes + taskBody.Length <= _historyOptions.ArgumentBudgetBytes)
                {
                    _liveArgumentBytes += taskBody.Length;
                    body = _liveBodies.Add(taskBody);
                }
            }
        }

        return new TaskPlacement(
            Target: submit.Target >= 0 ? submit.Target : -1,
            Retries: submit.Target < 0 ? Math.Max(0, submit.Retries) : 0,
            TimeoutMilliseconds: Math.Max(0, submit.TimeoutMilliseconds),
            BodyKind: (byte)kind,
            Size: taskBody.Length,
            ResubmitOf: resubmitOf == 0 ? null : resubmitOf);
    }

    /// <summary>A finished task's copied body, which the history took in the batch just recorded: its space is reused.</summary>
    private void ReleaseLiveBodies()
    {
        if (_released.Count == 0)
        {
            return;
        }

        lock (_liveBodiesGate)
        {
            foreach (var body in _released)
            {
                // No longer counted against the live bound either.
                _liveArgumentBytes -= body.Length;
                _liveBodies.Release(body);
            }
        }

        _released.Clear();
    }

    private static string KindName(byte kind) => (TaskKind)kind switch
    {
        TaskKind.Batch or TaskKind.Columns => "a chunk of a map",
        TaskKind.Push or TaskKind.DirectPush => "a push",
        TaskKind.Pull or TaskKind.DirectPull => "a pull",
        TaskKind.Execute => "an execute",
        TaskKind.Stream => "a stream",
        TaskKind.DirectEndpoint => "a direct-path set-up",
        _ => $"a task of kind {kind}",
    };
}
