using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RemoteKit;

/// <summary>
/// Writes <c>[i32 k]</c> and the k columns of a columns task (<c>([i32 length][n values])*k</c>, each column the n values as
/// a raw little-endian array) into space taken from the writer once: each column is handed out as a span of its element
/// type, to be filled item by item.
/// </summary>
/// <remarks>
/// The space is advanced past when it is taken, so the columns are filled after the writer has counted them; the spans stay
/// valid until the writer is next asked for memory, which holds for every <see cref="IBufferWriter{T}"/> RemoteKit writes
/// frames with.
/// </remarks>
internal ref struct ColumnWriter
{
    private readonly Span<byte> _columns;
    private readonly int _count;
    private int _at;

    private ColumnWriter(Span<byte> columns, int count)
    {
        _columns = columns;
        _count = count;
        _at = 4;
    }

    /// <summary>Takes room for <paramref name="columns"/> columns of <paramref name="count"/> items that take <paramref name="itemBytes"/> over all columns.</summary>
    public static ColumnWriter Begin(IBufferWriter<byte> w, int count, int columns, int itemBytes)
    {
        var length = checked(4 + (columns * 4) + (count * itemBytes));
        var reserved = w.GetSpan(length)[..length];
        w.Advance(length);
        BinaryPrimitives.WriteInt32LittleEndian(reserved, columns);
        return new ColumnWriter(reserved, count);
    }

    /// <summary>The next column, <c>[i32 length]</c> written.</summary>
    /// <typeparam name="T">An unmanaged element type (the caller checks).</typeparam>
    public Span<T> Next<T>()
    {
        var bytes = _count * Unsafe.SizeOf<T>();
        BinaryPrimitives.WriteInt32LittleEndian(_columns.Slice(_at, 4), bytes);
        var column = MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref _columns[_at + 4]), _count);
        _at += 4 + bytes;
        return column;
    }
}
