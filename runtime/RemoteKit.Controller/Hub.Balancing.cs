using RemoteKit.Protocol;

namespace RemoteKit.Controller;

/// <summary>
/// The load balancer: which engine takes a task (room under its limit, the view's subset, away from engines it threw on,
/// its largest kept input's engine first), and the queues of tasks waiting for one.
/// </summary>
internal sealed partial class Hub
{
    private EngineState? PickEngineLocked(TaskRecord? record = null)
    {
        var allowed = record?.Allowed;
        var avoid = record?.FailedOn is { } failed && AnyOtherAllowedLocked(failed, allowed) ? failed : null;
        if (record?.Flow is { PreferredEngine: >= 0 } flow && avoid is null && _engines.TryGetValue(flow.PreferredEngine, out var holder) &&
            (allowed is null || allowed.Contains(holder.Id)) && HasRoomLocked(holder))
        {
            // Its largest input is kept there: no data moves.
            return holder;
        }

        EngineState? best = null;
        foreach (var engine in _engineList)
        {
            if ((allowed is null || allowed.Contains(engine.Id)) && (avoid is null || !avoid.Contains(engine.Id)) && HasRoomLocked(engine) && (best is null || LoadOf(engine) < LoadOf(best)))
            {
                best = engine;
            }
        }

        return best;
    }

    /// <summary>
    /// Whether an engine the task may use, other than those it threw on, is registered: a task that threw avoids the engines it
    /// failed on while there is another.
    /// </summary>
    private bool AnyOtherAllowedLocked(List<int> failed, HashSet<int>? allowed)
    {
        foreach (var engine in _engineList)
        {
            if (!failed.Contains(engine.Id) && (allowed is null || allowed.Contains(engine.Id)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the balancer may send the engine another task now: slots leased to a client, and the one-hop tasks it says it
    /// holds, count as its tasks (<see cref="LoadOf"/>). An engine with an abort it has not answered yet, of the controller's
    /// task or of one a client sent it in one hop (aborted, or past its timeout), gets nothing new: it may be stuck.
    /// </summary>
    private bool HasRoomLocked(EngineState engine) =>
        LoadOf(engine) < LimitOf(engine) && engine.AbortsPending == 0 && engine.DirectAborts.Count == 0 && !engine.Leaving;

    private void DrainBalancedLocked()
    {
        // Tasks that lost their engine go first; then new ones, in order.
        if (DrainLocked(_retrying, static r => r.Finished))
        {
            DrainLocked(_balanced, static r => r.Cancelled);
        }

        // What still waits takes leased capacity back.
        RevokeForWaitingLocked();
    }

    /// <summary>
    /// Sends queued tasks to free engines, dropping those <paramref name="gone"/> says are over; false once no engine is free.
    /// A task limited to some engines (a view over a subset) that none of them can take now waits without holding up the
    /// tasks behind it, and keeps its place; one none of whose engines is registered any more fails.
    /// </summary>
    private bool DrainLocked(Queue<TaskRecord> queue, Func<TaskRecord, bool> gone)
    {
        List<TaskRecord>? waiting = null;
        var anyFree = true;
        while (queue.Count > 0)
        {
            var next = queue.Peek();
            if (gone(next))
            {
                queue.Dequeue();
                continue;
            }

            var engine = PickEngineLocked(next);
            if (engine is null)
            {
                if (next.Allowed is null && next.FailedOn is null)
                {
                    anyFree = false;
                    break;
                }

                if (next.Allowed is not null && !AnyAllowedLocked(next))
                {
                    queue.Dequeue();
                    continue;
                }

                if (PickEngineLocked() is null)
                {
                    anyFree = false;
                    break;
                }

                (waiting ??= []).Add(queue.Dequeue());
                continue;
            }

            queue.Dequeue();
            SendToEngineLocked(engine, next);
        }

        if (waiting is not null)
        {
            // Back at the head of the queue, in their order.
            foreach (var rest in queue)
            {
                waiting.Add(rest);
            }

            queue.Clear();
            foreach (var record in waiting)
            {
                queue.Enqueue(record);
            }
        }

        return anyFree;
    }

    /// <summary>
    /// Whether a task limited to some engines still has one registered; if not, it fails with EngineNotFoundException (it
    /// was already removed from the queue, or never queued).
    /// </summary>
    private bool AnyAllowedLocked(TaskRecord record)
    {
        foreach (var id in record.Allowed!)
        {
            if (_engines.ContainsKey(id))
            {
                return true;
            }
        }

        FinishLocked(record);
        FailLocked(record, -1, ErrorKind.EngineNotFound,
            $"None of the engines the view may use ([{string.Join(", ", record.Allowed.Order())}]) is registered; the registered engines are [{string.Join(", ", _engines.Keys)}].");
        return false;
    }
}
