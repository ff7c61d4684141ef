using System.Buffers;

namespace RemoteKit.Buffers;

/// <summary>
/// Pools arrays longer than <see cref="ArrayPool{T}.Shared"/>'s buffers up to 512 KiB (large frames, big results), and gives
/// them back to the GC once idle. The shared pool keeps its big arrays for as long as no full GC trims them, so one 256 MiB
/// push left the controller holding 256 MiB for good; here an array unused for <see cref="IdleAfter"/> is dropped.
/// Accepts any array of that size, whoever allocated it, so buffers can move between connections and pools freely.
/// </summary>
internal sealed class LargeBufferPool
{
    /// <summary>Arrays up to this length belong to <see cref="ArrayPool{T}.Shared"/>; longer ones to this pool.</summary>
    public const int SharedPoolMaxLength = 512 * 1024;

    private const int Granularity = 64 * 1024;

    /// <summary>Trimmed bytes from which the trim asks for an aggressive GC, so an idle process actually shrinks.</summary>
    private const long CollectAfterTrimmedBytes = 64L * 1024 * 1024;

    private readonly TimeProvider _time;
    private readonly long _maxRetainedBytes;
    private readonly int _maxRetainedArrays;
    private readonly List<(byte[] Array, long ReturnedAt)> _free = [];
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private long _retainedBytes;
    private long _allocatedBytes;

    public LargeBufferPool(TimeSpan idleAfter, long maxRetainedBytes, int maxRetainedArrays = 64, TimeProvider? time = null)
    {
        IdleAfter = idleAfter;
        _maxRetainedBytes = maxRetainedBytes;
        _maxRetainedArrays = maxRetainedArrays;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The process-wide pool: idle arrays go after 15 s, and at most 1 GiB waits in it.</summary>
    public static LargeBufferPool Shared { get; } = new(TimeSpan.FromSeconds(15), 1L << 30);

    /// <summary>How long a returned array may wait unused before <see cref="Trim"/> drops it (a timer trims every half of it).</summary>
    public TimeSpan IdleAfter { get; }

    /// <summary>Bytes in arrays waiting in the pool.</summary>
    public long RetainedBytes => Volatile.Read(ref _retainedBytes);

    /// <summary>Arrays waiting in the pool.</summary>
    public int RetainedArrays
    {
        get
        {
            lock (_gate)
            {
                return _free.Count;
            }
        }
    }

    /// <summary>Bytes this pool has allocated since it was made (pooled arrays handed out again are not counted).</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    /// <summary>Rents an array of at least <paramref name="minimumLength"/> bytes (more than 512 KiB), reusing an idle one if it fits.</summary>
    public byte[] Rent(int minimumLength) =>
        TryRentPooled(minimumLength, out var array) ? array : Allocate(minimumLength);

    /// <summary>
    /// Takes a pooled array of at least <paramref name="minimumLength"/> bytes and at most twice that, if one waits here;
    /// never allocates.
    /// </summary>
    public bool TryRentPooled(int minimumLength, out byte[] array)
    {
        lock (_gate)
        {
            var best = -1;
            for (var i = 0; i < _free.Count; i++)
            {
                var length = _free[i].Array.Length;
                if (length >= minimumLength && length / 2 <= minimumLength && (best < 0 || length < _free[best].Array.Length))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                array = [];
                return false;
            }

            array = _free[best].Array;
            _free.RemoveAt(best);
            _retainedBytes -= array.Length;
            return true;
        }
    }

    /// <summary>Whether <paramref name="array"/> is among the arrays the pool holds now (for tests of who gives arrays back).</summary>
    internal bool Holds(byte[] array)
    {
        lock (_gate)
        {
            return _free.Exists(f => ReferenceEquals(f.Array, array));
        }
    }

    /// <summary>Gives an array back; it is dropped instead when the pool is full.</summary>
    public void Return(byte[] array)
    {
        lock (_gate)
        {
            if (_free.Count >= _maxRetainedArrays || _retainedBytes + array.Length > _maxRetainedBytes)
            {
                return;
            }

            _free.Add((array, _time.GetTimestamp()));
            _retainedBytes += array.Length;
            _timer ??= _time.CreateTimer(static s => ((LargeBufferPool)s!).Trim(), this, IdleAfter / 2, IdleAfter / 2);
        }
    }

    /// <summary>Drops every array idle for <see cref="IdleAfter"/> or longer; returns the bytes dropped.</summary>
    public long Trim()
    {
        long trimmed = 0;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _free.RemoveAll(entry =>
            {
                if (_time.GetElapsedTime(entry.ReturnedAt, now) < IdleAfter)
                {
                    return false;
                }

                trimmed += entry.Array.Length;
                return true;
            });
            _retainedBytes -= trimmed;
            if (_free.Count == 0)
            {
                // No timer while the pool is empty: an idle process wakes up for nothing.
                _timer?.Dispose();
                _timer = null;
            }
        }

        if (trimmed >= CollectAfterTrimmedBytes)
        {
            // Dropped arrays live on the large object heap: an idle process may run no full GC for hours, and even after
            // one the freed regions stay committed (measured: a dropped 256 MiB array kept RSS at 290 MB through forced
            // full GCs). Only an aggressive GC gives them back to the OS. It blocks and compacts, so it runs at most once
            // per idle period, and only after a large transfer (64 MiB or more went idle).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return trimmed;
    }

    private byte[] Allocate(int minimumLength)
    {
        // Rounded up so frames of nearly the same size reuse each other's arrays.
        var length = (int)Math.Min(Array.MaxLength, ((long)minimumLength + Granularity - 1) / Granularity * Granularity);
        Interlocked.Add(ref _allocatedBytes, length);

        // Uninitialized: large arrays come from freshly mapped (already zero) memory, and every caller overwrites what it
        // reads. On huge pages where allowed: the first fill of a new 100 MiB frame is bound by its page faults.
        return HugePages.AllocateArray(length);
    }
}

/// <summary>
/// Rents and returns pooled byte arrays of any size: up to <see cref="SmallMaxLength"/> from a pool of RemoteKit's own, up to
/// 512 KiB from <see cref="ArrayPool{T}.Shared"/>, larger from <see cref="LargeBufferPool.Shared"/>. Everything that returns a
/// frame's or a message's buffer goes through here, so an array always goes back to the pool its length belongs to.
/// </summary>
/// <remarks>
/// Small arrays (task bodies, results, control messages) have a pool of their own because a burst holds hundreds of them at
/// once: an engine holds the bodies of the tasks its leases queued, and the results waiting for its writer. The shared pool
/// keeps about 32 arrays of a size per core and allocates past that, which in a burst of tiny tasks was every body and every
/// result (measured: half of an engine's allocated bytes). This one keeps up to <see cref="SmallArraysPerSize"/> of each size,
/// at most about 2 MiB in all.
/// </remarks>
internal static class PooledBuffers
{
    /// <summary>Arrays up to this length come from the small-array pool.</summary>
    public const int SmallMaxLength = 1024;

    /// <summary>How many arrays of each size the small-array pool keeps.</summary>
    public const int SmallArraysPerSize = 1024;

    private static readonly ArrayPool<byte> Small = ArrayPool<byte>.Create(SmallMaxLength, SmallArraysPerSize);

    /// <summary>Rents an array of at least <paramref name="minimumLength"/> bytes.</summary>
    public static byte[] Rent(int minimumLength) => minimumLength switch
    {
        <= SmallMaxLength => Small.Rent(minimumLength),
        <= LargeBufferPool.SharedPoolMaxLength => ArrayPool<byte>.Shared.Rent(minimumLength),
        _ => LargeBufferPool.Shared.Rent(minimumLength),
    };

    /// <summary>Returns an array rented from any of the pools (an empty array is ignored).</summary>
    public static void Return(byte[] array)
    {
        switch (array.Length)
        {
            case 0:
                break;
            case <= SmallMaxLength:
                Small.Return(array);
                break;
            case <= LargeBufferPool.SharedPoolMaxLength:
                ArrayPool<byte>.Shared.Return(array);
                break;
            default:
                LargeBufferPool.Shared.Return(array);
                break;
        }
    }
}
