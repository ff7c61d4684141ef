using System.Buffers;
using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>
/// The values a result's tasks published while they ran (<c>ctx.Publish(name, value)</c>; ipyparallel's <c>ar.data</c>): the
/// latest value of each name, and the updates as they arrive. Values travel as MemoryPack bytes with their type's name and
/// are decoded when read.
/// </summary>
public sealed class PublishedData
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PublishedValue> _latest = new(StringComparer.Ordinal);
    private readonly Func<Task> _completed;
    private TaskCompletionSource? _changed;
    private long _version;

    /// <param name="completed">The result's completion, asked for when a reader waits (a value may arrive before the result exists).</param>
    internal PublishedData(Func<Task> completed) => _completed = completed;

    /// <summary>The names published so far.</summary>
    public IReadOnlyCollection<string> Names
    {
        get
        {
            lock (_gate)
            {
                return [.. _latest.Keys];
            }
        }
    }

    /// <summary>The latest value published under <paramref name="name"/>, decoded by its type's name.</summary>
    /// <param name="name">The name.</param>
    /// <exception cref="KeyNotFoundException">Nothing was published under that name (yet).</exception>
    public object? this[string name] => Latest(name).Value;

    /// <summary>The latest value published under <paramref name="name"/>, as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">Nothing was published under that name (yet).</exception>
    /// <exception cref="InvalidCastException">The value is of another type.</exception>
    public T Get<T>(string name) => Latest(name).Get<T>();

    /// <summary>The latest value published under <paramref name="name"/>, if any.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="value">The value, when found.</param>
    /// <returns>Whether anything was published under that name.</returns>
    public bool TryGet<T>(string name, out T value)
    {
        PublishedValue? latest;
        lock (_gate)
        {
            _latest.TryGetValue(name, out latest);
        }

        value = latest is null ? default! : latest.Get<T>();
        return latest is not null;
    }

    /// <summary>
    /// Each value as it is published, until the result's tasks have finished. A reader that lags sees the latest value of
    /// each name rather than every one (values are sent at most once per engine flush interval anyway).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The updates, in the order they arrived.</returns>
    public async IAsyncEnumerable<PublishedValue> UpdatesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long seen = 0;
        var completed = _completed();
        while (true)
        {
            List<PublishedValue>? fresh = null;
            Task changed;
            bool done;
            lock (_gate)
            {
                foreach (var value in _latest.Values)
                {
                    if (value.Version > seen)
                    {
                        (fresh ??= []).Add(value);
                    }
                }

                seen = _version;
                done = completed.IsCompleted;
                changed = (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            if (fresh is not null)
            {
                foreach (var value in fresh.OrderBy(v => v.Version))
                {
                    yield return value;
                }
            }
            else if (done)
            {
                yield break;
            }
            else
            {
                await Task.WhenAny(changed, completed).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    internal void Add(int engineId, string name, string typeName, byte[] bytes)
    {
        lock (_gate)
        {
            _latest[name] = new PublishedValue(name, engineId, typeName, bytes, ++_version);
            Signal();
        }
    }

    private PublishedValue Latest(string name)
    {
        lock (_gate)
        {
            return _latest.TryGetValue(name, out var value)
                ? value
                : throw new KeyNotFoundException($"Nothing was published under '{name}'; published so far: [{string.Join(", ", _latest.Keys)}].");
        }
    }

    /// <summary>Wakes the readers waiting for an update. Called under the lock.</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }
}

/// <summary>A value a task published (<c>ctx.Publish(name, value)</c>).</summary>
public sealed class PublishedValue
{
    private readonly string _typeName;
    private readonly byte[] _bytes;

    internal PublishedValue(string name, int engineId, string typeName, byte[] bytes, long version)
    {
        Name = name;
        EngineId = engineId;
        _typeName = typeName;
        _bytes = bytes;
        Version = version;
    }

    /// <summary>The name it was published under.</summary>
    public string Name { get; }

    /// <summary>The engine whose task published it.</summary>
    public int EngineId { get; }

    /// <summary>The value, decoded by its type's name.</summary>
    /// <exception cref="TypeLoadException">This program does not have the value's type: read it with <see cref="Get{T}"/>.</exception>
    public object? Value => NamespaceCodec.DecodeUntyped(_typeName, new ReadOnlySequence<byte>(_bytes));

    internal long Version { get; }

    /// <summary>The value as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidCastException">The value is of another type.</exception>
    public T Get<T>() => NamespaceCodec.DecodeTyped<T>(_typeName, new ReadOnlySequence<byte>(_bytes))!;

    /// <inheritdoc />
    public override string ToString() => $"{Name} (engine {EngineId})";
}
