using System.Buffers;

namespace RemoteKit.Controller.History;

/// <summary>
/// The task bodies the in-memory history keeps, copied into shared chunks rather than kept as an array each. A body lives
/// as long as its record, a hundred thousand tasks by default, and that many small arrays living that long cost every
/// garbage collection on the way (each is copied into an older generation before it dies, and the oldest pile up for a
/// full collection); a few chunks, reused once empty, cost next to nothing. Bodies go roughly in the order they came (the
/// lowest task ids first), so chunks empty in turn. Not thread-safe: its owner's lock guards it (the in-memory storage's;
/// the monitor's, which keeps live tasks' bodies in one until the history has them).
/// </summary>
internal sealed class TaskBodyArena
{
    /// <summary>The size of a shared chunk: under the large object heap's threshold.</summary>
    internal const int ChunkSize = 64 * 1024;

    /// <summary>A body larger than this gets a chunk of its own, so a large one never leaves most of a shared chunk unused.</summary>
    internal const int LargestShared = ChunkSize / 8;

    // Empty chunks kept for reuse: enough for the bodies of a batch or two, so a steady flow allocates none.
    private const int MaxFreeChunks = 32;

    private readonly Stack<Chunk> _free = new();
    private Chunk? _current;

    /// <summary>Copies <paramref name="body"/> in.</summary>
    /// <returns>Where it is, for <see cref="ToArray"/> and <see cref="Release"/>.</returns>
    public KeptBody Add(ReadOnlySpan<byte> body)
    {
        var kept = Reserve(body.Length);
        body.CopyTo(kept.Chunk!.Bytes.AsSpan(kept.Offset));
        return kept;
    }

    /// <summary>Copies <paramref name="body"/> in, from however many segments it spans.</summary>
    /// <returns>Where it is, for <see cref="ToArray"/> and <see cref="Release"/>.</returns>
    public KeptBody Add(in ReadOnlySequence<byte> body)
    {
        var kept = Reserve(checked((int)body.Length));
        body.CopyTo(kept.Chunk!.Bytes.AsSpan(kept.Offset));
        return kept;
    }

    /// <summary>The bytes of a body kept here: valid until it is released.</summary>
    /// <param name="body">The body.</param>
    /// <returns>Its bytes, in their chunk.</returns>
    public static ReadOnlyMemory<byte> Memory(in KeptBody body) => body.Chunk!.Bytes.AsMemory(body.Offset, body.Length);

    private KeptBody Reserve(int length)
    {
        Chunk chunk;
        if (length > LargestShared)
        {
            chunk = new Chunk(length);
        }
        else
        {
            if (_current is null || _current.Used + length > ChunkSize)
            {
                var full = _current;
                _current = _free.TryPop(out var reused) ? reused : new Chunk(ChunkSize);
                if (full is { Live: 0 })
                {
                    Recycle(full);
                }
            }

            chunk = _current;
        }

        var offset = chunk.Used;
        chunk.Used += length;
        chunk.Live++;
        return new KeptBody(chunk, offset, length);
    }

    /// <summary>A copy of a body kept here.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The copy.</returns>
    public static byte[] ToArray(in KeptBody body) => body.Chunk!.Bytes.AsSpan(body.Offset, body.Length).ToArray();

    /// <summary>Lets a body go; its chunk is reused once every body in it has gone.</summary>
    /// <param name="body">The body.</param>
    public void Release(in KeptBody body)
    {
        var chunk = body.Chunk!;
        if (--chunk.Live == 0 && chunk != _current)
        {
            Recycle(chunk);
        }
    }

    private void Recycle(Chunk chunk)
    {
        if (chunk.Bytes.Length == ChunkSize && _free.Count < MaxFreeChunks)
        {
            chunk.Used = 0;
            _free.Push(chunk);
        }
    }

    /// <summary>Bodies one after another, and how many of them are still kept.</summary>
    internal sealed class Chunk(int size)
    {
        public byte[] Bytes { get; } = new byte[size];

        public int Used { get; set; }

        public int Live { get; set; }
    }
}

/// <summary>Where a body kept in a <see cref="TaskBodyArena"/> is; <see cref="Chunk"/> is null when there is none.</summary>
/// <param name="Chunk">Its chunk.</param>
/// <param name="Offset">Where it starts there.</param>
/// <param name="Length">Its size.</param>
internal readonly record struct KeptBody(TaskBodyArena.Chunk? Chunk, int Offset, int Length)
{
    /// <summary>Whether a body is kept.</summary>
    public bool Exists => Chunk is not null;
}
