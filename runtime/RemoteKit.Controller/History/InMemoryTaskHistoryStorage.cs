namespace RemoteKit.Controller.History;

/// <summary>
/// History storage in memory, for embedded clusters: the same limits as SQLite, dropping the same records first (the
/// lowest task ids, and their results and bodies lowest first within the budgets), gone when the controller stops.
/// </summary>
/// <remarks>
/// A controller numbers its tasks densely and in order, so records are <see cref="TaskChange"/> values in a ring indexed by
/// task id: storing a task, absorbing a later change of it and dropping the oldest cost the same at any size, no object is
/// kept per task besides its result (bodies are copied into a <see cref="TaskBodyArena"/>), and records are built only
/// when asked for. The ring grows as tasks
/// arrive to a little more than <see cref="TaskHistoryOptions.MaxRecords"/> ids, so tasks finishing out of order still fit;
/// one finishing more than a whole ring below the newest stored is dropped at once, as the lowest it would go first anyway
/// (SQLite keeps it while fewer than the limit are stored, which needs that many tasks live in between).
/// <para>
/// What dropping a record needs (whether it is stored, holds a result, its body) is in a second, small ring of
/// <see cref="Mark"/>s: a record about a ring's length below the newest is long out of the processor's caches, and
/// reading and clearing it for every task stored took a third of the history's time (about 190 bytes a record, 0.05 µs
/// a one-hop task). A dropped record is left as it is until its place is taken: it holds no result (dropping one clears
/// it) and no body (those are in the arena), only its strings.
/// </para>
/// </remarks>
internal sealed class InMemoryTaskHistoryStorage : ITaskHistoryStorage
{
    private const int InitialCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly TaskHistoryOptions _options;
    private readonly TaskBodyArena _bodies = new();
    private readonly int _maxCapacity;
    // Records by task id: a place holds one while its mark says it is stored.
    private TaskChange[] _ring;
    private Mark[] _marks;

    // Every stored task id is within [_low, _high], _low and _high stored, when _count > 0.
    private ulong _low;
    private ulong _high;
    private int _count;

    // Bytes kept, and the lowest task id that may hold a result or body: the budgets drop upward from there.
    private long _resultBytes;
    private ulong _resultFloor = ulong.MaxValue;
    private long _argumentBytes;
    private ulong _argumentFloor = ulong.MaxValue;

    public InMemoryTaskHistoryStorage(TaskHistoryOptions options)
    {
        _options = options;
        _maxCapacity = (int)Math.Min(Array.MaxLength, options.MaxRecords + Math.Max(64L, options.MaxRecords / 8));
        _ring = new TaskChange[Math.Min(InitialCapacity, _maxCapacity)];
        _marks = new Mark[_ring.Length];
    }

    public ulong LastTaskId => 0;

    /// <summary>How many records are stored.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Write(ReadOnlySpan<TaskChange> changes)
    {
        lock (_gate)
        {
            foreach (ref readonly var change in changes)
            {
                Store(change);
            }

            while (_count > _options.MaxRecords)
            {
                DropLowest();
            }

            while (_resultBytes > _options.ResultBudgetBytes)
            {
                _resultFloor = DropLowestResult(_resultFloor);
            }

            while (_argumentBytes > _options.ArgumentBudgetBytes)
            {
                _argumentFloor = DropLowestBody(_argumentFloor);
            }
        }
    }

    public IReadOnlyList<TaskHistoryRecord> Query(TaskHistoryQuery query)
    {
        lock (_gate)
        {
            var matches = new List<TaskHistoryRecord>();
            if (_count == 0)
            {
                return matches;
            }

            if (query.MaxRecords is { } max)
            {
                // The newest matches, read from the top down, then put in order.
                for (var id = _high; matches.Count < max; id--)
                {
                    AddIfMatches(matches, id, query);
                    if (id == _low)
                    {
                        break;
                    }
                }

                matches.Reverse();
                return matches;
            }

            for (var id = _low; ; id++)
            {
                AddIfMatches(matches, id, query);
                if (id == _high)
                {
                    return matches;
                }
            }
        }
    }

    public TaskHistoryRecord? Get(ulong taskId)
    {
        lock (_gate)
        {
            return IsStored(taskId) ? RecordAt(taskId) : null;
        }
    }

    public byte[]? GetResult(ulong taskId)
    {
        lock (_gate)
        {
            return IsStored(taskId) ? _ring[Index(taskId)].Result : null;
        }
    }

    public TaskArguments? GetArguments(ulong taskId)
    {
        lock (_gate)
        {
            if (!IsStored(taskId))
            {
                return null;
            }

            var index = Index(taskId);
            ref readonly var body = ref _marks[index].Body;
            return _ring[index].Placement?.ToArguments(body.Exists ? TaskBodyArena.ToArray(body) : null);
        }
    }

    public void Dispose()
    {
    }

    private void Store(in TaskChange change)
    {
        var id = change.TaskId;
        if (_count == 0)
        {
            _low = _high = id;
        }
        else if (id > _high)
        {
            if (id - _low >= (ulong)_ring.Length)
            {
                Grow(id - _low + 1);
            }

            // Past the largest ring: the lowest go now rather than at the end of the batch.
            while (_count > 0 && id - _low >= (ulong)_ring.Length)
            {
                DropLowest();
            }

            _low = _count == 0 ? id : _low;
            _high = id;
        }
        else if (id < _low)
        {
            if (_high - id >= (ulong)_ring.Length)
            {
                Grow(_high - id + 1);
                if (_high - id >= (ulong)_ring.Length)
                {
                    return;
                }
            }

            _low = id;
        }

        var index = Index(id);
        ref var record = ref _ring[index];
        ref var mark = ref _marks[index];
        var oldResult = 0L;
        if (mark.Stored)
        {
            oldResult = record.Result?.LongLength ?? 0;
            record.Absorb(change);
        }
        else
        {
            // Whatever a dropped record left here is overwritten whole.
            record = change;
            mark.Stored = true;
            _count++;
        }

        if (change.Result is { } result)
        {
            _resultBytes += result.LongLength - oldResult;
            _resultFloor = Math.Min(_resultFloor, id);
            mark.HasResult = true;
        }

        // The body goes to the arena; the change keeps none.
        if (change.Body is { } body)
        {
            ReleaseBody(ref mark);
            mark.Body = _bodies.Add(body.Span);
            record.Body = null;
            _argumentBytes += body.Length;
            _argumentFloor = Math.Min(_argumentFloor, id);
        }
    }

    /// <summary>Drops the record of the lowest task id, with its result and body; the record itself is only marked gone.</summary>
    private void DropLowest()
    {
        var index = Index(_low);
        ref var mark = ref _marks[index];
        if (mark.HasResult)
        {
            DropResult(ref _ring[index]);
        }

        ReleaseBody(ref mark);
        mark = default;
        if (--_count == 0)
        {
            return;
        }

        do
        {
            _low++;
        }
        while (!_marks[Index(_low)].Stored);
    }

    /// <summary>Drops the result of the lowest task id at or above <paramref name="floor"/> that has one.</summary>
    /// <returns>The new floor: the task id after the one dropped.</returns>
    private ulong DropLowestResult(ulong floor)
    {
        for (var id = Math.Max(floor, _low); id <= _high; id++)
        {
            var index = Index(id);
            ref var mark = ref _marks[index];
            if (mark.Stored && mark.HasResult)
            {
                DropResult(ref _ring[index]);
                mark.HasResult = false;
                return id + 1;
            }
        }

        // Nothing left to drop: the count was off (it cannot be), so start again from nothing rather than loop.
        _resultBytes = 0;
        return _high + 1;
    }

    /// <summary>Drops the body of the lowest task id at or above <paramref name="floor"/> that has one.</summary>
    /// <returns>The new floor: the task id after the one dropped.</returns>
    private ulong DropLowestBody(ulong floor)
    {
        for (var id = Math.Max(floor, _low); id <= _high; id++)
        {
            ref var mark = ref _marks[Index(id)];
            if (mark.Stored && mark.Body.Exists)
            {
                ReleaseBody(ref mark);
                return id + 1;
            }
        }

        _argumentBytes = 0;
        return _high + 1;
    }

    private void DropResult(ref TaskChange record)
    {
        _resultBytes -= record.Result?.LongLength ?? 0;
        record.Result = null;
    }

    private void ReleaseBody(ref Mark mark)
    {
        if (mark.Body.Exists)
        {
            _argumentBytes -= mark.Body.Length;
            _bodies.Release(mark.Body);
            mark.Body = default;
        }
    }

    /// <summary>Makes the ring span at least <paramref name="span"/> ids, up to its largest.</summary>
    private void Grow(ulong span)
    {
        if (_ring.Length == _maxCapacity)
        {
            return;
        }

        var capacity = (int)Math.Min((ulong)_maxCapacity, Math.Max(span, 2UL * (ulong)_ring.Length));
        var ring = new TaskChange[capacity];
        var marks = new Mark[capacity];
        for (var id = _low; _count > 0; id++)
        {
            var index = Index(id);
            if (_marks[index].Stored)
            {
                var to = (int)(id % (ulong)capacity);
                ring[to] = _ring[index];
                marks[to] = _marks[index];
            }

            if (id == _high)
            {
                break;
            }
        }

        _ring = ring;
        _marks = marks;
    }

    private void AddIfMatches(List<TaskHistoryRecord> matches, ulong id, TaskHistoryQuery query)
    {
        if (_marks[Index(id)].Stored && RecordAt(id) is var record && query.Matches(record))
        {
            matches.Add(record);
        }
    }

    private bool IsStored(ulong taskId) => _count > 0 && taskId >= _low && taskId <= _high && _marks[Index(taskId)].Stored;

    private TaskHistoryRecord RecordAt(ulong taskId)
    {
        var index = Index(taskId);
        return _ring[index].ToRecord(hasArguments: _marks[index].Body.Exists);
    }

    private int Index(ulong taskId) => (int)(taskId % (ulong)_ring.Length);

    /// <summary>A place of the ring's state: whether a record is stored there, whether it holds a result, and its body.</summary>
    private struct Mark
    {
        public KeptBody Body;
        public bool Stored;
        public bool HasResult;
    }
}
