namespace RemoteKit.Engine;

/// <summary>
/// The scripts an engine process loaded (from the script server, or compiled in the process), by their text and the
/// variables declared before them: the most recently used <see cref="Capacity"/> are kept, so running a script again is a
/// lookup, and the least recently used beyond that are unloaded (<see cref="LoadedScript.Unload"/>). A script unloaded and
/// then run again is looked up among the compiler's emitted scripts (or compiled again) and loaded anew.
/// </summary>
internal sealed class LoadedScripts(int capacity = LoadedScripts.DefaultCapacity)
{
    /// <summary>How many scripts a process keeps loaded unless told otherwise.</summary>
    public const int DefaultCapacity = 128;

    private readonly Dictionary<string, LinkedListNode<(string Key, LoadedScript Script)>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, LoadedScript Script)> _recent = new();
    private readonly Lock _lock = new();
    private long _unloaded;

    /// <summary>What a loaded script is kept under: its text, and the variables (name and type) declared before it.</summary>
    public static string Key(string code, IReadOnlyList<ScriptVariableCandidate> candidates) =>
        code + "\0" + string.Join("\0", candidates.Select(c => c.Name + "\0" + c.TypeName));

    /// <summary>How many scripts are kept at most.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "At least one script must be kept.");

    /// <summary>How many scripts are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>How many scripts were let go since the process started.</summary>
    public long Unloaded => Interlocked.Read(ref _unloaded);

    /// <summary>The script kept under <paramref name="key"/>, now the most recently used.</summary>
    public bool TryGet(string key, out LoadedScript script)
    {
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                script = node.Value.Script;
                return true;
            }
        }

        script = null!;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="script"/> under <paramref name="key"/> and returns it; when another caller kept one under the same
    /// key first, unloads <paramref name="script"/> and returns that one. Unloads the least recently used beyond capacity.
    /// </summary>
    public LoadedScript Add(string key, LoadedScript script)
    {
        LoadedScript? dropped;
        LoadedScript kept;
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var known))
            {
                kept = known.Value.Script;
                dropped = script;
            }
            else
            {
                _byKey.Add(key, _recent.AddFirst((key, script)));
                kept = script;
                dropped = null;
                if (_byKey.Count > Capacity)
                {
                    var oldest = _recent.Last!;
                    _recent.RemoveLast();
                    _byKey.Remove(oldest.Value.Key);
                    dropped = oldest.Value.Script;
                }
            }
        }

        if (dropped is not null)
        {
            Interlocked.Increment(ref _unloaded);
            dropped.Unload();
        }

        return kept;
    }
}
