using System.Buffers;
using RemoteKit.Controller.History;
using RemoteKit.Protocol;

namespace RemoteKit.Controller.Observing;

/// <summary>
/// Tasks sent to their engines in one hop, which the hub hears of only once they ended (<see cref="DirectOutcomesMessage"/>):
/// each is recorded as if it had passed through the hub, submitted when its engine took it, with its method, engine, status,
/// error, times and sizes; its arguments and result are kept as for any task when the outcome carried them whole.
/// </summary>
/// <remarks>
/// An engine's report is a batch, and it is handled as one, on the hub's thread that read it. Its tasks were never live
/// here and each has one whole record, which no other event of the monitor changes: so the records go to the history at
/// once, in one array, built in place, their bodies lent straight from the report (the history copies what it keeps);
/// the metrics are counted as they are read; and the monitor's own state (totals, the engine's counts, recent failures)
/// hears of the batch in one note carrying its counts and only its failures. The time they ended here is read once.
/// </remarks>
internal sealed partial class ClusterMonitor
{
    public void DirectTasksEnded(int engineId, ReadOnlySpan<DirectTaskReport> reports)
    {
        if (reports.Length == 0)
        {
            return;
        }

        var now = UtcTicks();

        // On the stack for a batch an engine sends, as the hub keeps the reports: a record holds references, and copying
        // it into a rented (long-lived) array marked the garbage collector's cards for each.
        var stack = default(OutcomeBatch<TaskChange>);
        var rented = _history is not null && reports.Length > DirectOutcomesMessage.MaxOutcomes ? ArrayPool<TaskChange>.Shared.Rent(reports.Length) : null;
        var records = _history is null ? default : rented is null ? ((Span<TaskChange>)stack)[..reports.Length] : rented.AsSpan(0, reports.Length);
        List<DirectFailure>? failures = null;
        long bytesIn = 0, bytesOut = 0;
        var completed = 0;
        var lastMethod = default(LastMethod);
        for (var i = 0; i < reports.Length; i++)
        {
            var (clientId, outcome) = reports[i];
            var (kind, method) = Describe(outcome.Task, ref lastMethod);
            var ended = OutcomeOf(kind, outcome.Result, outcome.ResultBytes, whole: outcome.Result.Length == outcome.ResultBytes);
            _telemetry.TaskSubmitted(method);
            Count(method, ended.Status, ended.Failure?.Type, now - outcome.ReceivedTicks);
            bytesIn += outcome.TaskBytes;
            bytesOut += outcome.ResultBytes;
            if (ended.Status == TaskHistoryStatus.Completed)
            {
                completed++;
            }
            else
            {
                (failures ??= []).Add(new DirectFailure(outcome.TaskId, method, ended.Failure));
            }

            if (!records.IsEmpty)
            {
                ref var record = ref records[i];
                record = TaskChange.Whole(
                    outcome.TaskId, ended.Status, clientId, method, engineId, outcome.ReceivedTicks,
                    ended.StartedTicks > 0 ? ended.StartedTicks : outcome.ReceivedTicks, now, outcome.TaskBytes, outcome.ResultBytes,
                    ended.Failure?.Type, ended.Failure?.Message);
                record.Result = ended.Result;
                // As the hub would have placed it: on this engine, no retries, no timeout (the client held those).
                record.Placement = new TaskPlacement(engineId, 0, 0, (byte)kind, outcome.TaskBytes, null);
                if (outcome.WholeTask && kind == TaskKind.Call && outcome.TaskBytes <= _historyOptions.MaxArgumentBytes)
                {
                    record.Body = outcome.Task.IsSingleSegment ? outcome.Task.First : outcome.Task.ToArray();
                }
            }
        }

        _telemetry.BytesReceived(bytesIn);
        _telemetry.BytesSent(bytesOut);
        if (!records.IsEmpty)
        {
            // The bodies are the report's, lent for the call: the history copies those it keeps before returning.
            _history!.RecordTasks(records, borrowedBodies: true);
            if (rented is not null)
            {
                // Only the part used holds references; the rest of a rented array was cleared when it was last returned.
                records.Clear();
                ArrayPool<TaskChange>.Shared.Return(rented);
            }
        }

        Post(new Note(NoteKind.DirectEnded, engineId, failures, A: completed, B: now));
    }

    /// <summary>
    /// A batch of one-hop tasks, under <see cref="_gate"/>: <paramref name="completed"/> that completed and the
    /// <paramref name="failures"/>, each counted as submitted, started and ended at once (the client's outstanding count and
    /// the queue come out as they were), in the totals and the engine's counts; the failures in the recent failures.
    /// </summary>
    private void DirectEnded(int engineId, long completed, List<DirectFailure>? failures, long atTicks)
    {
        var failed = failures?.Count ?? 0;
        _submitted += completed + failed;
        _completed += completed;
        if (_engines.TryGetValue(engineId, out var engine))
        {
            engine.Completed += completed;
            engine.Failed += failed;
        }

        foreach (var failure in failures ?? [])
        {
            Ended(failure.TaskId, failure.Method, engineId, atTicks, failure.Error, completed: false);
        }
    }

    /// <summary>A one-hop task that did not complete, for the recent failures.</summary>
    private sealed record DirectFailure(ulong TaskId, string Method, TaskError? Error);
}
