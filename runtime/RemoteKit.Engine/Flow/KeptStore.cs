namespace RemoteKit.Engine.Flow;

/// <summary>
/// The results an engine keeps instead of sending (<c>RemoteRef&lt;T&gt;</c>), as the MemoryPack bytes the call returned, by
/// the controller's id of the task that made them; bounded by <see cref="EngineOptions.MaxKeptBytes"/>. Written by the task
/// loop, read and freed by the read loop too.
/// </summary>
internal sealed class KeptStore(long maxBytes)
{
    private readonly Dictionary<ulong, byte[]> _values = [];
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>The bytes kept now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>How many values are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="id"/>, or throws when it would pass the limit.</summary>
    public void Add(ulong id, byte[] value, int engineId)
    {
        lock (_gate)
        {
            if (_bytes + value.Length > maxBytes)
            {
                throw new InvalidOperationException(
                    $"Engine {engineId} keeps {Size(_bytes)} of results in {_values.Count} RemoteRefs; keeping {Size(value.Length)} more would pass its limit " +
                    $"of {Size(maxBytes)} (RemoteKit:Engine:MaxKeptBytes). Dispose the RemoteRefs you no longer need, or raise the limit.");
            }

            _bytes += value.Length - (_values.TryGetValue(id, out var old) ? old.Length : 0);
            _values[id] = value;
        }
    }

    public bool TryGet(ulong id, out byte[] value)
    {
        lock (_gate)
        {
            return _values.TryGetValue(id, out value!);
        }
    }

    /// <summary>Frees the values named, or all of them.</summary>
    public void Remove(IReadOnlyList<ulong> ids, bool all)
    {
        lock (_gate)
        {
            if (all)
            {
                _values.Clear();
                _bytes = 0;
                return;
            }

            foreach (var id in ids)
            {
                if (_values.Remove(id, out var value))
                {
                    _bytes -= value.Length;
                }
            }
        }
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
