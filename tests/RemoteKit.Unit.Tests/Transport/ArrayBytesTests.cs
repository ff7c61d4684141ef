using System.Buffers.Binary;
using MemoryPack;
using RemoteKit.Buffers;
using Xunit;

namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>
/// Large arrays of primitives are sent from their own memory and pulled arrays filled in place: the bytes lent or written
/// must be exactly MemoryPack's bytes for those elements, after its element count.
/// </summary>
public sealed class ArrayBytesTests
{
    public static TheoryData<Array> Arrays => new()
    {
        new[] { 1.5, -2.25, double.NaN, 1e300 },
        new[] { 1, -7, int.MaxValue },
        new[] { true, false, true },
        new[] { 'a', 'é', '\uffff' },
        new byte[] { 0, 255, 7 },
        new[] { 3L, long.MinValue, 9L },
        new[] { 0.5f, -1f, 2e30f },
    };

    [Theory]
    [MemberData(nameof(Arrays))]
    public void A_lent_array_is_the_bytes_MemoryPack_writes_after_its_count(Array array)
    {
        var packed = MemoryPackSerializer.Serialize(array.GetType(), array);
        Assert.Equal(array.Length, BinaryPrimitives.ReadInt32LittleEndian(packed));

        Assert.True(ArrayBytes.TryLend(array, 0, array.Length, out var lent));
        Assert.Equal(packed[sizeof(int)..], lent.ToArray());

        // A slice: the elements it covers, at their place in the array.
        var size = lent.Length / array.Length;
        Assert.True(ArrayBytes.TryLend(array, 1, 2, out var slice));
        Assert.Equal(packed[(sizeof(int) + size)..(sizeof(int) + (3 * size))], slice.ToArray());
    }

    [Fact]
    public void Bytes_written_into_an_array_of_primitives_are_its_elements()
    {
        var array = new double[3];
        var source = new[] { 1.0, 2.5, -3.0 };
        MemoryPackSerializer.Serialize(source).AsSpan(sizeof(int)).CopyTo(ArrayBytes.Of(array).Span);
        Assert.Equal(source, array);
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void A_new_array_to_pull_into_has_the_pulled_type_and_length_and_holds_the_bytes_written_into_it(Array array)
    {
        var made = ArrayBytes.NewUncleared(array.GetType(), array.Length);
        Assert.Equal((array.GetType(), array.Length), (made.GetType(), made.Length));

        var packed = MemoryPackSerializer.Serialize(array.GetType(), array);
        packed.AsSpan(sizeof(int)).CopyTo(ArrayBytes.Of(made).Span);
        Assert.Equal(array, made);
    }

    [Fact]
    public void Arrays_whose_bytes_are_not_their_elements_are_not_lent()
    {
        Assert.False(ArrayBytes.TryLend(new[] { "a" }, 0, 1, out _));
        Assert.False(ArrayBytes.TryLend(new[] { 1m }, 0, 1, out _));
        Assert.False(ArrayBytes.TryLend(new[] { DateTime.UnixEpoch }, 0, 1, out _));
        Assert.False(ArrayBytes.TryLend(new[] { IntPtr.Zero }, 0, 1, out _));
        Assert.False(ArrayBytes.TryLend(new int[2, 2], 0, 4, out _));
        Assert.False(ArrayBytes.TryLend(new int[3], 2, 2, out _));
        Assert.Null(ArrayBytes.ElementSize(typeof(List<int>)));
        Assert.Equal(8, ArrayBytes.ElementSize(typeof(double[])));
    }
}
