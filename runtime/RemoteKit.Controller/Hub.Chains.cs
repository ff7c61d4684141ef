using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// Chains of dependent tasks sent to the engine of their unfinished dependencies at once (<see cref="ChainMessage"/>), so
/// they run at the engine's pace; taken back to wait again when they move.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>Tasks just sent to engines whose dependants may follow them there.</summary>
    private readonly Queue<TaskRecord> _chaining = new();
    private bool _chainingNow;

    /// <summary>
    /// Sends a task whose unfinished dependencies are all on one engine to that engine at once, behind them, with the
    /// condition the engine checks when it comes up (<see cref="ChainMessage"/>): so a chain of dependent tasks runs at the
    /// engine's pace. Only where the task may run there anyway (its engine, subset, followed engine, room), never for a task
    /// taking kept values (their engines are chosen for locality), nor for one with a dependency timeout.
    /// </summary>
    private bool TryChainLocked(TaskRecord record)
    {
        var flow = record.Flow!;
        // A dependency timeout is the controller's to keep, so such a task waits here.
        if (record.Chained || record.Finished || record.Cancelled || record.Engine is not null || flow.Inputs.Length > 0 || record.FailedOn is not null ||
            flow.DependencyDeadline != long.MaxValue)
        {
            return false;
        }

        EngineState? engine = null;
        List<ulong>? after = null;
        foreach (var dependency in flow.Request.Dependencies)
        {
            if (!record.Client.Tasks.TryGetValue(dependency.ClientTaskId, out var pending) || pending == record)
            {
                // Finished, and accepted when this task arrived.
                continue;
            }

            if (pending.Engine is not { } on || pending.Finished || (engine is not null && on != engine))
            {
                return false;
            }

            engine = on;
            (after ??= []).Add(pending.Id);
        }

        if (engine is null || !_engines.TryGetValue(engine.Id, out var registered) || registered != engine || !HasRoomLocked(engine) ||
            (flow.FollowEngine >= 0 && flow.FollowEngine != engine.Id) ||
            (record.Target >= 0 ? record.Target != engine.Id : record.Allowed is { } allowed && !allowed.Contains(engine.Id)))
        {
            return false;
        }

        record.Chained = true;
        _waiting.Remove(record);
        engine.Channel.Send(Message.ToFrame(new ChainMessage(record.Id, flow.Request.Rule, after!)));
        SendToEngineLocked(engine, record);
        return true;
    }

    /// <summary>After a task went to an engine, the tasks waiting for it that can now follow it there (a loop, not recursion).</summary>
    private void ChainDependantsLocked(TaskRecord sent)
    {
        if (sent.Client.Dependents.Count == 0 || !sent.Client.Dependents.ContainsKey(sent.ClientTaskId))
        {
            return;
        }

        _chaining.Enqueue(sent);
        if (_chainingNow)
        {
            return;
        }

        _chainingNow = true;
        try
        {
            while (_chaining.TryDequeue(out var next))
            {
                if (!next.Client.Dependents.TryGetValue(next.ClientTaskId, out var dependants))
                {
                    continue;
                }

                foreach (var dependant in dependants.ToArray())
                {
                    TryChainLocked(dependant);
                }
            }
        }
        finally
        {
            _chainingNow = false;
        }
    }

    /// <summary>
    /// Queues a task taken back from an engine (lost, or queued behind an aborted task) to run elsewhere; a chained task
    /// first waits for its dependencies again, as the hub judges them.
    /// </summary>
    private void RequeueLocked(TaskRecord record)
    {
        if (!record.Chained)
        {
            _retrying.Enqueue(record);
            return;
        }

        record.Chained = false;
        record.Engine = null;
        var flow = record.Flow!;
        foreach (var dependency in flow.Request.Dependencies)
        {
            if (record.Client.Dependents.TryGetValue(dependency.ClientTaskId, out var list))
            {
                list.Remove(record);
            }
        }

        flow.Unmet = 0;
        if (ResolveFlowLocked(record))
        {
            _retrying.Enqueue(record);
        }
    }
}
