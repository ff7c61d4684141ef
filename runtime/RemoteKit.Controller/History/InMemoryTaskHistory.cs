using System.Buffers;
using RemoteKit.Diagnostics;

namespace RemoteKit.Controller.History;

/// <summary>The task history of an embedded cluster: records in a dictionary, the oldest dropped past the limit.</summary>
internal sealed class InMemoryTaskHistory(TaskHistoryOptions options) : ITaskHistory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, (TaskHistoryRecord Record, byte[]? Result)> _records = [];
    private readonly Queue<ulong> _order = new();
    private ulong _highest;

    public ulong HighestTaskId
    {
        get
        {
            lock (_gate)
            {
                return _highest;
            }
        }
    }

    public long DroppedRecords => 0;

    public void Record(TaskHistoryRecord record) => Store(record, null);

    public void Record(TaskHistoryRecord record, in ReadOnlySequence<byte> result) => Store(record, TaskHistory.KeptResult(options, result));

    private void Store(TaskHistoryRecord record, byte[]? result)
    {
        lock (_gate)
        {
            if (_records.TryGetValue(record.TaskId, out var existing))
            {
                _records[record.TaskId] = (record, result ?? existing.Result);
                return;
            }

            _records.Add(record.TaskId, (record, result));
            _order.Enqueue(record.TaskId);
            _highest = Math.Max(_highest, record.TaskId);
            while (_records.Count > options.MaxRecords)
            {
                _records.Remove(_order.Dequeue());
            }
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<IReadOnlyList<TaskHistoryRecord>> QueryAsync(TaskHistoryQuery query, CancellationToken cancellationToken = default)
    {
        List<TaskHistoryRecord> matches;
        lock (_gate)
        {
            matches = [.. _records.Values.Select(e => e.Record).Where(query.Matches)];
        }

        matches.Sort((a, b) => a.TaskId.CompareTo(b.TaskId));
        if (query.Limit is { } limit && matches.Count > limit)
        {
            matches.RemoveRange(0, matches.Count - limit);
        }

        return ValueTask.FromResult<IReadOnlyList<TaskHistoryRecord>>(matches);
    }

    public ValueTask<byte[]?> GetResultAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_records.TryGetValue(taskId, out var entry) ? entry.Result : null);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
