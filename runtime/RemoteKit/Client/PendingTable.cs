using System.Diagnostics.CodeAnalysis;

namespace RemoteKit;

/// <summary>
/// The session's tasks awaiting their results, by client task id: what a <see cref="Dictionary{TKey, TValue}"/> would
/// hold, for ids handed out in sequence (<see cref="ControllerSession.NextId"/>). A task lives in the slot its id names in a
/// ring (the id modulo its size), so that adding, finding and removing one, once per task each in a burst, is an array
/// access rather than a hash lookup; a task whose slot is held by an older one still waiting goes to a dictionary beside
/// it. The ring doubles while it is more than half full, up to <see cref="MaxSlots"/>. Not thread-safe: the session
/// locks it. Removing while enumerating <see cref="Values"/> is allowed, as with a dictionary.
/// </summary>
/// <remarks>
/// Measured before (perf, a burst of tiny load-balanced tasks): the dictionary's lookups and inserts were the client's
/// largest symbols, about 7 % of its samples.
/// </remarks>
internal sealed class PendingTable
{
    /// <summary>The largest ring: 1 Mi slots (8 MiB); beyond it, tasks wait in the dictionary.</summary>
    internal const int MaxSlots = 1 << 20;

    private const int InitialSlots = 1024;

    private PendingTask?[] _slots = new PendingTask?[InitialSlots];
    private readonly Dictionary<ulong, PendingTask> _others = [];
    private int _inSlots;

    /// <summary>How many tasks wait.</summary>
    public int Count => _inSlots + _others.Count;

    /// <summary>The slots in the ring now (for tests).</summary>
    internal int Slots => _slots.Length;

    /// <summary>The tasks waiting, in no particular order.</summary>
    public IEnumerable<PendingTask> Values
    {
        get
        {
            var slots = _slots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] is { } task)
                {
                    yield return task;
                }
            }

            foreach (var task in _others.Values)
            {
                yield return task;
            }
        }
    }

    /// <summary>The task with <paramref name="id"/>; throws <see cref="KeyNotFoundException"/> when none waits.</summary>
    public PendingTask this[ulong id] => TryGetValue(id, out var task) ? task : throw new KeyNotFoundException($"No task {id} is pending.");

    /// <summary>Adds a task under its id; throws <see cref="ArgumentException"/> when one with that id waits already.</summary>
    public void Add(ulong id, PendingTask task)
    {
        if (ContainsKey(id))
        {
            throw new ArgumentException($"Task {id} is pending already.", nameof(id));
        }

        if (_inSlots >= _slots.Length / 2 && _slots.Length < MaxSlots)
        {
            Grow();
        }

        ref var slot = ref _slots[Index(id, _slots.Length)];
        if (slot is null)
        {
            slot = task;
            _inSlots++;
        }
        else
        {
            _others.Add(id, task);
        }
    }

    public bool ContainsKey(ulong id) => TryGetValue(id, out _);

    public bool TryGetValue(ulong id, [NotNullWhen(true)] out PendingTask? task)
    {
        task = _slots[Index(id, _slots.Length)];
        if (task is not null && task.Id == id)
        {
            return true;
        }

        return _others.TryGetValue(id, out task);
    }

    public bool Remove(ulong id) => Remove(id, out _);

    public bool Remove(ulong id, [NotNullWhen(true)] out PendingTask? task)
    {
        ref var slot = ref _slots[Index(id, _slots.Length)];
        if (slot is not null && slot.Id == id)
        {
            task = slot;
            slot = null;
            _inSlots--;
            return true;
        }

        return _others.Remove(id, out task);
    }

    public void Clear()
    {
        Array.Clear(_slots);
        _inSlots = 0;
        _others.Clear();
    }

    private static int Index(ulong id, int length) => (int)(id & (ulong)(length - 1));

    /// <summary>Doubles the ring; tasks waiting beside it move in where their new slot is free.</summary>
    private void Grow()
    {
        var slots = new PendingTask?[_slots.Length * 2];

        // Tasks in different slots of the old ring land in different slots of the new one (the new index modulo the old
        // length is the old index).
        foreach (var task in _slots)
        {
            if (task is not null)
            {
                slots[Index(task.Id, slots.Length)] = task;
            }
        }

        _slots = slots;
        if (_others.Count == 0)
        {
            return;
        }

        List<ulong>? moved = null;
        foreach (var (id, task) in _others)
        {
            ref var slot = ref slots[Index(id, slots.Length)];
            if (slot is null)
            {
                slot = task;
                _inSlots++;
                (moved ??= []).Add(id);
            }
        }

        foreach (var id in moved ?? [])
        {
            _others.Remove(id);
        }
    }
}
