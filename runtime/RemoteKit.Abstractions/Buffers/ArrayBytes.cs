using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RemoteKit.Buffers;

/// <summary>
/// Part of an array of primitives as <see cref="Memory{T}"/> of bytes, so a large array goes to a socket from where it lies
/// instead of being copied into a buffer first. The array is pinned only while a write uses it.
/// </summary>
internal sealed unsafe class ArrayBytes : MemoryManager<byte>
{
    private readonly Array _array;
    private readonly int _offset;
    private readonly int _length;

    private ArrayBytes(Array array, int byteOffset, int byteLength)
    {
        _array = array;
        _offset = byteOffset;
        _length = byteLength;
    }

    /// <summary>
    /// The bytes of elements <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> of
    /// <paramref name="array"/>, if it is a one-dimensional array of a primitive type (whose bytes are what MemoryPack
    /// writes for it, in machine order); otherwise <see langword="false"/>.
    /// </summary>
    public static bool TryLend(Array array, int start, int count, out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        if (ElementSize(array.GetType()) is not { } size)
        {
            return false;
        }

        var byteLength = checked((long)count * size);
        if (start < 0 || count < 0 || start + (long)count > array.Length || byteLength > int.MaxValue)
        {
            return false;
        }

        bytes = new ArrayBytes(array, checked(start * size), (int)byteLength).Memory;
        return true;
    }

    /// <summary>All the bytes of <paramref name="array"/>, an array of primitives (<see cref="ElementSize"/>), to write into.</summary>
    public static Memory<byte> Of(Array array) =>
        new ArrayBytes(array, 0, checked(array.Length * (ElementSize(array.GetType()) ?? throw new ArgumentException("Not an array of primitives.", nameof(array))))).Memory;

    /// <summary>
    /// The size of an element of <paramref name="arrayType"/> if it is a one-dimensional array of a primitive type other than
    /// pointers, whose bytes are what MemoryPack writes for its elements; otherwise null.
    /// </summary>
    public static int? ElementSize(Type arrayType)
    {
        if (!arrayType.IsSZArray || arrayType.GetElementType() is not { IsPrimitive: true } element || element == typeof(IntPtr) || element == typeof(UIntPtr))
        {
            return null;
        }

        return element == typeof(bool) ? 1 : element == typeof(char) ? 2 : Marshal.SizeOf(element);
    }

    /// <summary>
    /// A new array of <paramref name="count"/> elements of <paramref name="arrayType"/>, an array of primitives
    /// (<see cref="ElementSize"/>), whose memory is not cleared first: for an array every byte of which is written next.
    /// </summary>
    public static Array NewUncleared(Type arrayType, int count) => Type.GetTypeCode(arrayType.GetElementType()) switch
    {
        TypeCode.Boolean => GC.AllocateUninitializedArray<bool>(count),
        TypeCode.Byte => GC.AllocateUninitializedArray<byte>(count),
        TypeCode.SByte => GC.AllocateUninitializedArray<sbyte>(count),
        TypeCode.Char => GC.AllocateUninitializedArray<char>(count),
        TypeCode.Int16 => GC.AllocateUninitializedArray<short>(count),
        TypeCode.UInt16 => GC.AllocateUninitializedArray<ushort>(count),
        TypeCode.Int32 => GC.AllocateUninitializedArray<int>(count),
        TypeCode.UInt32 => GC.AllocateUninitializedArray<uint>(count),
        TypeCode.Int64 => GC.AllocateUninitializedArray<long>(count),
        TypeCode.UInt64 => GC.AllocateUninitializedArray<ulong>(count),
        TypeCode.Single => GC.AllocateUninitializedArray<float>(count),
        TypeCode.Double => GC.AllocateUninitializedArray<double>(count),
        _ => Array.CreateInstanceFromArrayType(arrayType, count),
    };

    public override Span<byte> GetSpan() =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_array), _offset), _length);

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        var handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
        var first = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
        return new MemoryHandle(first + _offset + elementIndex, handle);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
