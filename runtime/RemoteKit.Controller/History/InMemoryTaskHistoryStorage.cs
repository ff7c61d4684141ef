namespace RemoteKit.Controller.History;

/// <summary>History storage in memory, for embedded clusters: the same limits as SQLite, gone when the controller stops.</summary>
internal sealed class InMemoryTaskHistoryStorage(TaskHistoryOptions options) : ITaskHistoryStorage
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<ulong, TaskChange> _records = [];
    private readonly SortedDictionary<ulong, byte[]> _results = [];
    private long _resultBytes;

    public ulong LastTaskId => 0;

    public void Write(IReadOnlyCollection<TaskChange> changes)
    {
        lock (_gate)
        {
            foreach (var change in changes)
            {
                if (_records.TryGetValue(change.TaskId, out var stored))
                {
                    stored.Absorb(change);
                }
                else
                {
                    _records.Add(change.TaskId, change);
                }

                if (change.Result is { } result)
                {
                    _resultBytes += result.Length - (_results.TryGetValue(change.TaskId, out var old) ? old.Length : 0);
                    _results[change.TaskId] = result;
                    change.Result = null;
                }
            }

            while (_records.Count > options.MaxRecords)
            {
                var oldest = _records.Keys.First();
                _records.Remove(oldest);
                RemoveResult(oldest);
            }

            while (_resultBytes > options.ResultBudgetBytes)
            {
                RemoveResult(_results.Keys.First());
            }
        }
    }

    public IReadOnlyList<TaskHistoryRecord> Query(TaskHistoryQuery query)
    {
        lock (_gate)
        {
            var matches = _records.Values.Select(ToRecord).Where(query.Matches);
            if (query.MaxRecords is { } max)
            {
                var newest = matches.Reverse().Take(max).ToList();
                newest.Reverse();
                return newest;
            }

            return matches.ToList();
        }
    }

    public TaskHistoryRecord? Get(ulong taskId)
    {
        lock (_gate)
        {
            return _records.TryGetValue(taskId, out var change) ? ToRecord(change) : null;
        }
    }

    public byte[]? GetResult(ulong taskId)
    {
        lock (_gate)
        {
            return _results.GetValueOrDefault(taskId);
        }
    }

    public void Dispose()
    {
    }

    private TaskHistoryRecord ToRecord(TaskChange change) => change.ToRecord(_results.ContainsKey(change.TaskId));

    private void RemoveResult(ulong taskId)
    {
        if (_results.Remove(taskId, out var result))
        {
            _resultBytes -= result.Length;
        }
    }
}
