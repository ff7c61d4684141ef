using System.Buffers;
using System.Collections.Concurrent;
using RemoteKit.Controller.History;
using RemoteKit.Protocol;

namespace RemoteKit.Controller.Observing;

/// <summary>
/// Tasks sent to their engines in one hop, which the hub hears of only once they ended (<see cref="DirectOutcomesMessage"/>):
/// each is recorded as if it had passed through the hub, submitted when its engine took it, with its method, engine, status,
/// error, times and sizes; its arguments and result are kept as for any task when the outcome carried them whole.
/// </summary>
/// <remarks>
/// An engine's report is a batch, and it is handled as one: its tasks were never live here, so each becomes its history
/// change at once, the batch goes to the feed as one note (in a reused array), the time they ended here is read once, and
/// the byte counters take the batch's sums.
/// </remarks>
internal sealed partial class ClusterMonitor
{
    // Spare batches for one-hop reports: a steady flow of them allocates none.
    private const int MaxSpareDirectBatches = 32;
    private readonly ConcurrentQueue<DirectBatch> _spareDirect = new();

    public void DirectTasksEnded(int engineId, ReadOnlySpan<DirectTaskReport> reports)
    {
        if (reports.Length == 0)
        {
            return;
        }

        var now = UtcTicks();
        var batch = RentDirectBatch(reports.Length);
        long bytesIn = 0, bytesOut = 0;
        for (var i = 0; i < reports.Length; i++)
        {
            var (clientId, outcome) = reports[i];
            var (kind, method) = Describe(outcome.Task);
            KeptBody body = default;
            TaskPlacement? placement = _history is null
                ? null
                : outcome.WholeTask
                    ? PlacementOf(kind, new SubmitMessage(outcome.ClientTaskId, engineId), outcome.Task, 0, out body)
                    : new TaskPlacement(engineId, 0, 0, (byte)kind, outcome.TaskBytes, null);
            var ended = OutcomeOf(kind, outcome.Result, outcome.ResultBytes, whole: outcome.Result.Length == outcome.ResultBytes);

            _telemetry.TaskSubmitted(method);
            Count(method, ended.Status, ended.Failure?.Type, now - outcome.ReceivedTicks);
            bytesIn += outcome.TaskBytes;
            bytesOut += outcome.ResultBytes;

            var change = TaskChange.Whole(
                outcome.TaskId, ended.Status, clientId, method, engineId, At(outcome.ReceivedTicks), At(ended.StartedTicks > 0 ? ended.StartedTicks : outcome.ReceivedTicks),
                At(now), 1, outcome.TaskBytes, outcome.ResultBytes, ended.Failure?.Type, ended.Failure?.Message);
            change.Result = ended.Result;
            change.Placement = placement;
            change.Body = body.Exists ? TaskBodyArena.Memory(body) : default(ReadOnlyMemory<byte>?);
            batch.Items[i] = new DirectEnd(change, ended.Failure, body);
        }

        batch.Count = reports.Length;
        batch.EngineId = engineId;
        _telemetry.BytesReceived(bytesIn);
        _telemetry.BytesSent(bytesOut);
        Post(new Note(NoteKind.DirectEnded, Ref: batch));
    }

    /// <summary>A batch of one-hop tasks, under <see cref="_gate"/>: counted as submitted, started and ended at once.</summary>
    private void DirectEnded(DirectBatch batch)
    {
        _engines.TryGetValue(batch.EngineId, out var engine);
        foreach (ref readonly var ended in batch.Items.AsSpan(0, batch.Count))
        {
            // Submitted and ended in one step: the client's outstanding count and the queue come out as they were.
            var change = ended.Change;
            var completed = change.Status == TaskHistoryStatus.Completed;
            _submitted++;
            engine?.Count(completed);
            Ended(change.TaskId, change.Method, batch.EngineId, change.CompletedAt!.Value.UtcTicks, ended.Failure, completed);
            if (_history is not null)
            {
                _records.Add(change);
                if (ended.Body.Exists)
                {
                    _released.Add(ended.Body);
                }
            }
        }

        batch.Items.AsSpan(0, batch.Count).Clear();
        batch.Count = 0;
        if (_spareDirect.Count < MaxSpareDirectBatches)
        {
            _spareDirect.Enqueue(batch);
        }
    }

    private DirectBatch RentDirectBatch(int count) =>
        _spareDirect.TryDequeue(out var spare) && spare.Items.Length >= count
            ? spare
            : new DirectBatch(Math.Max(count, DirectOutcomesMessage.MaxOutcomes));

    /// <summary>One-hop tasks that ended, as their engine reported them: the first <see cref="Count"/> of <see cref="Items"/>.</summary>
    private sealed class DirectBatch(int capacity)
    {
        public DirectEnd[] Items { get; } = new DirectEnd[capacity];

        public int Count { get; set; }

        public int EngineId { get; set; }
    }

    /// <summary>A one-hop task's whole change for the history, its error for the recent failures, and its copied body.</summary>
    private readonly record struct DirectEnd(TaskChange Change, TaskError? Failure, KeptBody Body);
}
