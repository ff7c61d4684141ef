using RemoteKit.Buffers;
// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so (HubTests).
namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary><see cref="LargeBufferPool"/>: reuse while busy, nothing held once idle, and the way buffers find their pool.</summary>
public sealed class LargeBufferPoolTests
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(15);

    [Fact]
    public void Arrays_are_reused_while_busy_and_all_given_back_once_idle()
    {
        var clock = new ManualClock();
        var pool = new LargeBufferPool(Idle, 1L << 30, time: clock);
        var a = pool.Rent(3 * MiB);
        var b = pool.Rent(5 * MiB);
        Assert.Equal(a.Length + b.Length, pool.AllocatedBytes);

        pool.Return(a);
        Assert.Equal(1, clock.TimersCreated);
        clock.Advance(TimeSpan.FromSeconds(10));
        pool.Return(b);
        Assert.Equal(0, pool.Trim());
        Assert.Equal(a.Length + b.Length, pool.RetainedBytes);

        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(a.Length, pool.Trim());
        Assert.Equal(b.Length, pool.RetainedBytes);

        // Still warm: handed out again without allocating.
        Assert.Same(b, pool.Rent(4 * MiB));
        Assert.Equal(a.Length + b.Length, pool.AllocatedBytes);
        pool.Return(b);

        clock.Advance(Idle);
        Assert.Equal(b.Length, pool.Trim());
        Assert.Equal(0, pool.RetainedBytes);
        Assert.Equal(0, pool.RetainedArrays);

        // The timer went with the last array; the next array to wait arms a new one.
        pool.Return(a);
        Assert.Equal(2, clock.TimersCreated);
    }

    [Fact]
    public void A_small_request_does_not_tie_up_a_much_larger_array()
    {
        var pool = new LargeBufferPool(Idle, 1L << 30, time: new ManualClock());
        var big = pool.Rent(64 * MiB);
        pool.Return(big);

        Assert.NotSame(big, pool.Rent(2 * MiB));
        Assert.False(pool.TryRentPooled(32 * MiB - 1, out _));
        Assert.True(pool.TryRentPooled(32 * MiB, out var taken));
        Assert.Same(big, taken);
    }

    [Fact]
    public void A_full_pool_drops_what_is_returned()
    {
        var pool = new LargeBufferPool(Idle, 10 * MiB, time: new ManualClock());
        var a = pool.Rent(6 * MiB);
        var b = pool.Rent(6 * MiB);
        pool.Return(a);
        pool.Return(b);

        Assert.Equal(a.Length, pool.RetainedBytes);
        Assert.Equal(1, pool.RetainedArrays);
    }

    [Fact]
    public void Buffers_of_any_size_go_back_to_the_pool_their_length_belongs_to()
    {
        // An odd size, as a large frame's array has: the shared ArrayPool would refuse it.
        const int odd = 37 * MiB + 123;
        var large = PooledBuffers.Rent(odd);
        Assert.InRange(large.Length, odd, odd + 64 * 1024);
        new OutgoingFrame(large, 10).Return();
        Assert.Same(large, PooledBuffers.Rent(odd));
        PooledBuffers.Return(large);

        var small = PooledBuffers.Rent(LargeBufferPool.SharedPoolMaxLength);
        Assert.Equal(LargeBufferPool.SharedPoolMaxLength, small.Length);
        new OutgoingFrame(small, 10).Return();
        new OutgoingFrame([], 0).Return();
    }

    [Fact]
    public void A_writer_that_grows_past_half_a_mebibyte_moves_to_the_large_pool()
    {
        using var writer = new PooledBufferWriter(16);
        writer.GetSpan(MiB).Fill(1);
        writer.Advance(MiB);
        Assert.True(writer.Buffer.Length > LargeBufferPool.SharedPoolMaxLength);
        Assert.Equal(MiB, writer.WrittenSpan.Count((byte)1));
    }

    /// <summary>A clock that moves only when told, and whose timers never fire: the test trims by calling Trim.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _timestamp = 1;

        public int TimersCreated { get; private set; }

        public override long GetTimestamp() => Volatile.Read(ref _timestamp);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, (long)(by.TotalSeconds * TimestampFrequency));

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return new NeverFires();
        }

        private sealed class NeverFires : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
