using System.Buffers;

namespace RemoteKit.Buffers;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over one rented array (<see cref="PooledBuffers"/>) that grows by renting a larger one.
/// Not sealed so that a frame builder is one object, not a wrapper around one: several are made for every task.
/// </summary>
internal class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 256) => _buffer = PooledBuffers.Rent(initialCapacity);

    public int WrittenCount => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public byte[] Buffer => _buffer;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Reserves <paramref name="count"/> bytes to be filled in later (e.g. a length prefix).</summary>
    public int Reserve(int count)
    {
        Ensure(count);
        var at = _written;
        _written += count;
        return at;
    }

    public Span<byte> At(int offset, int count) => _buffer.AsSpan(offset, count);

    /// <summary>Drops everything written after <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _written = Math.Min(_written, length);

    /// <summary>Hands the buffer over to a new owner; this writer becomes empty.</summary>
    public byte[] Detach(out int length)
    {
        var buffer = _buffer;
        length = _written;
        _buffer = [];
        _written = 0;
        return buffer;
    }

    public void Dispose()
    {
        PooledBuffers.Return(_buffer);
        _buffer = [];
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        var needed = (long)_written + sizeHint;
        var size = Math.Max(needed, Math.Max(256L, (long)_buffer.Length * 2));
        if (size > Array.MaxLength)
        {
            size = needed <= Array.MaxLength ? Array.MaxLength : throw new InvalidOperationException("Message too large to buffer.");
        }

        var next = PooledBuffers.Rent((int)size);
        _buffer.AsSpan(0, _written).CopyTo(next);
        PooledBuffers.Return(_buffer);

        _buffer = next;
    }
}

/// <summary>
/// A pooled array with several owners (e.g. a task's frame and the namespace variables that keep slices of it): it goes back
/// to its pool (<see cref="PooledBuffers"/>) when the last owner releases it.
/// </summary>
internal sealed class SharedBuffer(byte[] array)
{
    private int _owners = 1;

    public byte[] Array => array;

    /// <summary>Adds an owner; each owner calls <see cref="Release"/> once.</summary>
    public SharedBuffer Share()
    {
        Interlocked.Increment(ref _owners);
        return this;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _owners) == 0)
        {
            PooledBuffers.Return(array);
        }
    }
}
