namespace RemoteKit;

public sealed partial class RemoteClient
{
    internal AsyncMapResult<T> MapDirect<T>(IEnumerable<RemoteCall<T>> calls, IReadOnlyList<int> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        if (targets.Count == 0)
        {
            throw new InvalidOperationException("The view has no engines to map over.");
        }

        var list = calls as IReadOnlyList<RemoteCall<T>> ?? calls.ToList();
        var chunks = Partition.Contiguous(list.Count, targets.Count)
            .Where(r => r.Length > 0)
            .Select(r => (Calls: (IReadOnlyList<RemoteCall<T>>)new ArraySegmentList<RemoteCall<T>>(list, r.Start, r.Length), Engine: targets[r.Part]))
            .ToArray();
        return new AsyncMapResult<T>(this, chunks.Select(c => c.Calls), i => TaskTarget.Engine(chunks[i].Engine), Math.Max(1, chunks.Length), ordered: true, cancellationToken);
    }

    internal AsyncMapResult<T> MapBalanced<T>(IEnumerable<RemoteCall<T>> calls, int chunkSize, bool ordered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var window = Math.Max(16, _ids.Length * 8);
        return new AsyncMapResult<T>(this, calls.Chunk(chunkSize), _ => TaskTarget.LoadBalanced, window, ordered, cancellationToken);
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
internal sealed class ArraySegmentList<T>(IReadOnlyList<T> source, int start, int count) : IReadOnlyList<T>
{
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
