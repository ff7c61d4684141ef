namespace RemoteKit.Controller.History;

/// <summary>History storage in memory, for embedded clusters: the same limits as SQLite, gone when the controller stops.</summary>
/// <remarks>
/// Records are kept in hash tables with their arrival order beside them, so storing one costs the same at any size; the
/// oldest stored go first. Queries, which are rare, sort by task id.
/// </remarks>
internal sealed class InMemoryTaskHistoryStorage(TaskHistoryOptions options) : ITaskHistoryStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, TaskChange> _records = [];
    private readonly Queue<ulong> _recordOrder = new();
    private readonly Dictionary<ulong, byte[]> _results = [];
    private readonly Queue<ulong> _resultOrder = new();
    private long _resultBytes;
    private readonly Dictionary<ulong, byte[]> _arguments = [];
    private readonly Queue<ulong> _argumentOrder = new();
    private long _argumentBytes;

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
                    _recordOrder.Enqueue(change.TaskId);
                }

                if (change.Result is { } result)
                {
                    if (_results.TryGetValue(change.TaskId, out var old))
                    {
                        _resultBytes -= old.Length;
                    }
                    else
                    {
                        _resultOrder.Enqueue(change.TaskId);
                    }

                    _resultBytes += result.Length;
                    _results[change.TaskId] = result;
                    change.Result = null;
                }

                if (change.Arguments is { Body: { } body } arguments)
                {
                    if (_arguments.TryGetValue(change.TaskId, out var old))
                    {
                        _argumentBytes -= old.Length;
                    }
                    else
                    {
                        _argumentOrder.Enqueue(change.TaskId);
                    }

                    _argumentBytes += body.Length;
                    _arguments[change.TaskId] = body;
                    // The record keeps how to run the task; the body lives here, within the budget.
                    _records[change.TaskId].Arguments = arguments with { Body = null };
                }
            }

            while (_records.Count > options.MaxRecords)
            {
                var oldest = _recordOrder.Dequeue();
                _records.Remove(oldest);
                RemoveResult(oldest);
                RemoveArguments(oldest);
            }

            while (_resultBytes > options.ResultBudgetBytes && _resultOrder.TryDequeue(out var oldest))
            {
                RemoveResult(oldest);
            }

            while (_argumentBytes > options.ArgumentBudgetBytes && _argumentOrder.TryDequeue(out var oldest))
            {
                RemoveArguments(oldest);
            }

            while (_argumentOrder.TryPeek(out var head) && !_arguments.ContainsKey(head))
            {
                _argumentOrder.Dequeue();
            }

            // Results that left with their records: their places in the queue go as soon as they reach its head.
            while (_resultOrder.TryPeek(out var head) && !_results.ContainsKey(head))
            {
                _resultOrder.Dequeue();
            }
        }
    }

    public IReadOnlyList<TaskHistoryRecord> Query(TaskHistoryQuery query)
    {
        lock (_gate)
        {
            var matches = _records.Values.OrderBy(r => r.TaskId).Select(ToRecord).Where(query.Matches);
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

    public TaskArguments? GetArguments(ulong taskId)
    {
        lock (_gate)
        {
            return _records.TryGetValue(taskId, out var change) && change.Arguments is { } arguments
                ? arguments with { Body = _arguments.GetValueOrDefault(taskId) }
                : null;
        }
    }

    public void Dispose()
    {
    }

    private TaskHistoryRecord ToRecord(TaskChange change) => change.ToRecord(_results.ContainsKey(change.TaskId), _arguments.ContainsKey(change.TaskId));

    private void RemoveArguments(ulong taskId)
    {
        if (_arguments.Remove(taskId, out var body))
        {
            _argumentBytes -= body.Length;
        }
    }

    private void RemoveResult(ulong taskId)
    {
        if (_results.Remove(taskId, out var result))
        {
            _resultBytes -= result.Length;
        }
    }
}
