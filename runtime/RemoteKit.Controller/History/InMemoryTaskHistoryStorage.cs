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
/// </remarks>
internal sealed class InMemoryTaskHistoryStorage : ITaskHistoryStorage
{
    private const int InitialCapacity = 1024;

    private readonly Lock _gate = new();
    private readonly TaskHistoryOptions _options;
    private readonly TaskBodyArena _bodies = new();
    private readonly int _maxCapacity;
    private Slot[] _ring;

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
        _ring = new Slot[Math.Min(InitialCapacity, _maxCapacity)];
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
            return IsStored(taskId) ? _ring[Index(taskId)].Change.Result : null;
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

            ref readonly var slot = ref _ring[Index(taskId)];
            return slot.Change.Placement?.ToArguments(slot.Body.Exists ? TaskBodyArena.ToArray(slot.Body) : null);
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

        ref var slot = ref _ring[Index(id)];
        var oldResult = 0L;
        if (slot.Stored)
        {
            oldResult = slot.Change.Result?.LongLength ?? 0;
            slot.Change.Absorb(change);
        }
        else
        {
            slot.Change = change;
            slot.Stored = true;
            _count++;
        }

        if (change.Result is { } result)
        {
            _resultBytes += result.LongLength - oldResult;
            _resultFloor = Math.Min(_resultFloor, id);
        }

        // The body goes to the arena; the change keeps none.
        if (change.Body is { } body)
        {
            ReleaseBody(ref slot);
            slot.Body = _bodies.Add(body.Span);
            slot.Change.Body = null;
            _argumentBytes += body.Length;
            _argumentFloor = Math.Min(_argumentFloor, id);
        }
    }

    /// <summary>Drops the record of the lowest task id, with its result and body.</summary>
    private void DropLowest()
    {
        ref var slot = ref _ring[Index(_low)];
        _resultBytes -= slot.Change.Result?.LongLength ?? 0;
        ReleaseBody(ref slot);
        slot = default;
        if (--_count == 0)
        {
            return;
        }

        do
        {
            _low++;
        }
        while (!_ring[Index(_low)].Stored);
    }

    /// <summary>Drops the result of the lowest task id at or above <paramref name="floor"/> that has one.</summary>
    /// <returns>The new floor: the task id after the one dropped.</returns>
    private ulong DropLowestResult(ulong floor)
    {
        for (var id = Math.Max(floor, _low); id <= _high; id++)
        {
            ref var slot = ref _ring[Index(id)];
            if (slot.Stored && slot.Change.Result is { } result)
            {
                _resultBytes -= result.LongLength;
                slot.Change.Result = null;
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
            ref var slot = ref _ring[Index(id)];
            if (slot.Stored && slot.Body.Exists)
            {
                ReleaseBody(ref slot);
                return id + 1;
            }
        }

        _argumentBytes = 0;
        return _high + 1;
    }

    private void ReleaseBody(ref Slot slot)
    {
        if (slot.Body.Exists)
        {
            _argumentBytes -= slot.Body.Length;
            _bodies.Release(slot.Body);
            slot.Body = default;
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
        var ring = new Slot[capacity];
        for (var id = _low; _count > 0; id++)
        {
            ref var slot = ref _ring[Index(id)];
            if (slot.Stored)
            {
                ring[(int)(id % (ulong)capacity)] = slot;
            }

            if (id == _high)
            {
                break;
            }
        }

        _ring = ring;
    }

    private void AddIfMatches(List<TaskHistoryRecord> matches, ulong id, TaskHistoryQuery query)
    {
        ref readonly var slot = ref _ring[Index(id)];
        if (slot.Stored && RecordAt(id) is var record && query.Matches(record))
        {
            matches.Add(record);
        }
    }

    private bool IsStored(ulong taskId) => _count > 0 && taskId >= _low && taskId <= _high && _ring[Index(taskId)].Stored;

    private TaskHistoryRecord RecordAt(ulong taskId)
    {
        ref readonly var slot = ref _ring[Index(taskId)];
        return slot.Change.ToRecord(hasArguments: slot.Body.Exists);
    }

    private int Index(ulong taskId) => (int)(taskId % (ulong)_ring.Length);

    /// <summary>One place of the ring: the record of the task id it stands for, when one is stored, and its body.</summary>
    private struct Slot
    {
        public TaskChange Change;
        public KeptBody Body;
        public bool Stored;
    }
}
