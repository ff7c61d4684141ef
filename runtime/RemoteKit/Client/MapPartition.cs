namespace RemoteKit;

/// <summary>How a map is cut into tasks.</summary>
internal static class MapPartition
{
    /// <summary>
    /// A direct map: contiguous chunks, one task per engine, in input order. Sizing the chunks needs the count, so the
    /// input is read here, at once (a load-balanced map reads it lazily).
    /// </summary>
    public static AsyncMapResult<T> Direct<T>(TaskSubmitter tasks, IEnumerable<RemoteCall<T>> calls, IReadOnlyList<int> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (targets.Count == 0)
        {
            throw new InvalidOperationException("The view has no engines to map over.");
        }

        var list = calls switch
        {
            IReadOnlyList<RemoteCall<T>> already => already,
            IMaterializableCalls<T> columns => columns.Materialize(),
            _ => calls.ToList(),
        };
        var chunks = Partition.Contiguous(list.Count, targets.Count)
            .Where(p => p.Length > 0)
            .Select(p => new MapChunk<T>(new ListSlice<RemoteCall<T>>(list, p.Start, p.Length), TaskTarget.Engine(targets[p.Part])));
        return AsyncMapResult<T>.Start(tasks, chunks, targets.Count, ordered: true, cancellationToken);
    }

    /// <summary>A load-balanced map: <paramref name="chunkSize"/> calls per task, read lazily, a window of chunks ahead.</summary>
    public static AsyncMapResult<T> Balanced<T>(TaskSubmitter tasks, IEnumerable<RemoteCall<T>> calls, int chunkSize, bool ordered, int engines, TaskTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var window = Math.Max(RemoteClientDefaults.MinMapWindow, engines * RemoteClientDefaults.MapChunksPerEngine);
        var chunks = calls.Chunk(chunkSize).Select(c => new MapChunk<T>(c, target));
        return AsyncMapResult<T>.Start(tasks, chunks, window, ordered, cancellationToken);
    }
}

/// <summary>Balanced contiguous partitions: with 10 items over 4 parts the sizes are 3, 3, 2, 2.</summary>
internal static class Partition
{
    public static IEnumerable<(int Part, int Start, int Length)> Contiguous(int count, int parts)
    {
        var start = 0;
        for (var p = 0; p < parts; p++)
        {
            var length = (count / parts) + (p < count % parts ? 1 : 0);
            yield return (p, start, length);
            start += length;
        }
    }
}

/// <summary>A read-only window over part of a list, without copying it.</summary>
internal sealed class ListSlice<T>(IReadOnlyList<T> source, int start, int count) : IReadOnlyList<T>
{
    /// <summary>The list this is a slice of.</summary>
    public IReadOnlyList<T> Source => source;

    /// <summary>Where in <see cref="Source"/> the slice starts.</summary>
    public int Start => start;

    public T this[int index] => (uint)index < (uint)count ? source[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => count;

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return source[start + i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
