using System.Buffers;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// Where a running task's reports and published values go: implemented by the engine, which paces them (the latest value
/// wins) and sends them to the caller while the task runs. The contract only serializes values into <see cref="LatestValue"/>s.
/// </summary>
internal interface ITaskEventSink
{
    /// <summary>The task's <see cref="IProgress{T}"/> has a new latest value.</summary>
    void ProgressChanged(LatestValue value);

    /// <summary>The task published a new latest value under <paramref name="name"/>.</summary>
    void DataChanged(string name, LatestValue value);
}

/// <summary>
/// The latest value reported or published, kept as the bytes it was serialized to when it was reported (so a value changed
/// afterwards is sent as it was), in a buffer reused by the next one.
/// </summary>
internal sealed class LatestValue
{
    private readonly ArrayBufferWriter<byte> _bytes = new(64);
    private readonly Lock _gate = new();

    /// <summary>The name of the value's type, as namespace values carry it.</summary>
    public string TypeName { get; private set; } = "";

    /// <summary>Keeps <paramref name="value"/>, serialized as <typeparamref name="T"/>.</summary>
    public void Set<T>(T value)
    {
        lock (_gate)
        {
            _bytes.ResetWrittenCount();
            MemoryPackSerializer.Serialize(_bytes, value);
        }
    }

    /// <summary>Keeps <paramref name="value"/>, serialized as its own type, which travels by name.</summary>
    public void SetNamed<T>(T value)
    {
        var type = value?.GetType() ?? typeof(T);
        lock (_gate)
        {
            _bytes.ResetWrittenCount();
            MemoryPackSerializer.Serialize(type, _bytes, value);
            TypeName = TypeNames.Of(type);
        }
    }

    /// <summary>Writes the bytes of the value kept now, after what <paramref name="header"/> writes from its type name.</summary>
    public void WriteTo(IBufferWriter<byte> w, Action<IBufferWriter<byte>, string>? header = null)
    {
        lock (_gate)
        {
            header?.Invoke(w, TypeName);
            w.Write(_bytes.WrittenSpan);
        }
    }

    /// <summary>The size of the value kept now.</summary>
    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _bytes.WrittenCount;
            }
        }
    }
}

/// <summary>An <see cref="IProgress{T}"/> injected into a [Remote] method: each report replaces the latest, which the engine sends in its time.</summary>
/// <typeparam name="T">The value reported.</typeparam>
internal sealed class RemoteProgress<T>(ITaskEventSink sink) : IProgress<T>
{
    private readonly LatestValue _latest = new();

    public void Report(T value)
    {
        _latest.Set(value);
        sink.ProgressChanged(_latest);
    }
}

/// <summary>The <see cref="IProgress{T}"/> of a task whose reports go nowhere (a call run as part of a map).</summary>
/// <typeparam name="T">The value reported.</typeparam>
internal sealed class NoProgress<T> : IProgress<T>
{
    public static readonly NoProgress<T> Instance = new();

    public void Report(T value)
    {
    }
}

/// <summary>
/// Where a stream task's items go: implemented by the engine over its connection. The engine keeps the window: it lets the
/// pump send while the caller has not consumed more than the window behind what was sent.
/// </summary>
internal interface IStreamSink
{
    /// <summary>The window in items the caller asked for.</summary>
    int WindowItems { get; }

    /// <summary>Whether a batch may be sent now: the items and bytes sent but not consumed are within the window.</summary>
    bool HasRoom { get; }

    /// <summary>Completes once <see cref="HasRoom"/> may have become true (the caller consumed more), or the token fires.</summary>
    ValueTask WaitForRoomAsync(CancellationToken cancellationToken);

    /// <summary>Starts a batch of <paramref name="count"/> items starting at item <paramref name="first"/>; the pump writes the items into what this returns.</summary>
    IBufferWriter<byte> BeginBatch(long first, int count);

    /// <summary>Sends the batch begun last.</summary>
    void EndBatch();

    /// <summary>Calls <paramref name="flusher"/> periodically while the stream runs, so items wait no longer than the engine's flush interval.</summary>
    void Start(IStreamFlusher flusher);
}

/// <summary>A pump whose pending items the engine's timer can send while its producer is busy computing the next one.</summary>
internal interface IStreamFlusher
{
    /// <summary>Sends the items gathered so far if the producer is busy and the window has room; does nothing otherwise.</summary>
    void FlushIfIdle();
}
