using System.Buffers.Binary;
using System.Buffers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MemoryPack;
using RemoteKit.Buffers;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// How namespace values travel: MemoryPack bytes under the value's type name, so the other side can rebuild the value.
/// The one place the client knows MemoryPack's layout of <c>T[]</c> (<c>[i32 count][elements]</c>), which gather reads
/// without building each engine's array.
/// </summary>
internal static class NamespaceCodec
{
    public static string TypeNameOf(object? value) => TypeNames.Of(value?.GetType() ?? typeof(object));

    public static string ArrayTypeName<T>() => TypeNames.Of(typeof(T[]));

    /// <summary>Writes a pushed value; a value MemoryPack cannot serialize is refused with the variable's name.</summary>
    public static void WriteValue(FrameBuilder w, string name, object? value)
    {
        if (value is null)
        {
            MemoryPackSerializer.Serialize<string?, FrameBuilder>(in w, null);
            return;
        }

        var type = value.GetType();
        try
        {
            MemoryPackSerializer.Serialize(type, w, value);
        }
        catch (MemoryPackSerializationException e)
        {
            throw new ArgumentException(
                $"The variable '{name}' holds a {type.FullName}, which MemoryPack cannot serialize. Mark the type [MemoryPackable] " +
                "(and partial), or push a value of a type MemoryPack knows.",
                nameof(value),
                e);
        }
    }

    /// <summary>Writes a slice exactly as MemoryPack writes the <c>T[]</c> it holds, without copying it into an array first.</summary>
    public static void WriteArray<T>(FrameBuilder w, ArraySegment<T> slice)
    {
        using var state = MemoryPackWriterOptionalStatePool.Rent(null);
        var writer = new MemoryPackWriter<FrameBuilder>(ref w, state);
        writer.WriteSpan((ReadOnlySpan<T?>)slice.AsSpan()!);
        writer.Flush();
    }

    /// <summary>Decodes a pulled value as <typeparamref name="T"/>, refusing a value of another type instead of misreading its bytes.</summary>
    public static T? DecodeTyped<T>(string typeName, ReadOnlySequence<byte> bytes)
    {
        CheckType(typeName, typeof(T));
        return MemoryPackSerializer.Deserialize<T>(bytes);
    }

    /// <summary>Decodes a value pulled without a static type, using the type name that travels with it.</summary>
    public static object? DecodeUntyped(string typeName, ReadOnlySequence<byte> bytes)
    {
        var type = TypeNames.Resolve(typeName)
            ?? throw new TypeLoadException($"The pulled value is a '{typeName}', a type this program does not have; pull it with Pull<T>.");
        return MemoryPackSerializer.Deserialize(type, bytes);
    }

    /// <summary>Joins the <c>T[]</c> pulled from each engine into one array, in engine order.</summary>
    public static async Task<T[]> ConcatAsync<T>(Task<T[][]> parts)
    {
        var chunks = await parts.ConfigureAwait(false);
        var all = new T[chunks.Sum(c => c.Length)];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(all, at);
            at += chunk.Length;
        }

        return all;
    }

    /// <summary>Joins raw chunks of unmanaged elements into one array: each engine's bytes are copied once.</summary>
    public static async Task<T[]> ConcatRawAsync<T>(Task<RawChunk[]> parts)
    {
        var chunks = await parts.ConfigureAwait(false);
        var total = chunks.Sum(c => c.Count);
        var all = GC.AllocateUninitializedArray<T>(total);
        var bytes = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(all)), checked(total * Unsafe.SizeOf<T>()));
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.Bytes.CopyTo(bytes[at..]);
            at += chunk.Bytes.Length;
            chunk.Return();
        }

        return all;
    }

    /// <summary>The variables of a push: a dictionary, pairs, or an object whose public properties are the variables.</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> VariablesOf(object values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var variables = values switch
        {
            IReadOnlyDictionary<string, object?> d => d.ToList(),
            IDictionary<string, object?> d => d.ToList(),
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToList(),
            _ => values.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(values)))
                .ToList(),
        };
        foreach (var (name, _) in variables)
        {
            ValidateName(name);
        }

        return variables;
    }

    public static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A namespace variable needs a non-empty name.", nameof(name));
        }
    }

    /// <summary>A frame size to start from for pushing <paramref name="values"/>: large primitive arrays are sized exactly.</summary>
    public static int SizeHint(IReadOnlyList<KeyValuePair<string, object?>> values) => (int)Math.Min(
        int.MaxValue / 2,
        values.Sum(v => v.Value is Array a && a.GetType().GetElementType() is { IsPrimitive: true } ? Buffer.ByteLength(a) + 256L : 256L));

    public static int SizeHint<T>(int length) =>
        RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? 64 + (length * 16) : (int)Math.Min(int.MaxValue - 1024, 68L + ((long)length * Unsafe.SizeOf<T>()));

    internal static void CheckType(string typeName, Type expected)
    {
        if (expected == typeof(object) || typeName == TypeNames.Of(expected))
        {
            return;
        }

        var actual = TypeNames.Resolve(typeName);
        if (actual is not null && !expected.IsAssignableFrom(actual))
        {
            throw new InvalidCastException($"The engine's variable holds a {actual.FullName}, which cannot be read as {expected.FullName}.");
        }
    }

    /// <summary>
    /// Copies the <c>T[]</c> a pull returned straight from the received frame into <paramref name="destination"/>, with no
    /// array in between; returns how many elements it holds.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than the variable.</exception>
    public static int ReadInto<T>(string name, string typeName, ReadOnlySequence<byte> bytes, Span<T> destination)
        where T : unmanaged
    {
        CheckType(typeName, typeof(T[]));
        Span<byte> header = stackalloc byte[sizeof(int)];
        bytes.Slice(0, sizeof(int)).CopyTo(header);
        var count = Math.Max(0, BinaryPrimitives.ReadInt32LittleEndian(header));
        if (count > destination.Length)
        {
            throw new ArgumentException($"The engine's '{name}' holds {count:N0} elements; the destination has room for {destination.Length:N0}.", nameof(destination));
        }

        bytes.Slice(sizeof(int), (long)count * Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(destination));
        return count;
    }

    /// <summary>
    /// One engine's <c>T[]</c> of unmanaged elements as raw bytes in a pooled buffer: a share of the buffer it arrived in
    /// (<see cref="Keep{T}"/>), or a copy (<see cref="Read{T}"/>) when that buffer is freed once read.
    /// </summary>
    internal readonly struct RawChunk(byte[]? rented, SharedBuffer? shared, ReadOnlyMemory<byte> bytes, int count)
    {
        public int Count => count;

        public ReadOnlySpan<byte> Bytes => bytes.Span;

        /// <summary>Copies the elements out of <paramref name="bytes"/> (MemoryPack's element count, then the elements).</summary>
        public static RawChunk Read<T>(string typeName, ReadOnlySequence<byte> bytes)
        {
            var (count, length) = Header<T>(typeName, bytes);
            if (count == 0)
            {
                return default;
            }

            var rented = PooledBuffers.Rent(length);
            bytes.Slice(sizeof(int), length).CopyTo(rented);
            return new RawChunk(rented, null, rented.AsMemory(0, length), count);
        }

        /// <summary>
        /// Keeps the elements where they arrived: <paramref name="bytes"/> lie in <paramref name="owner"/>'s buffer, which
        /// this chunk shares until <see cref="Return"/>. Saves a copy of the whole value on a large gather.
        /// </summary>
        public static RawChunk Keep<T>(string typeName, ReadOnlyMemory<byte> bytes, SharedBuffer owner)
        {
            var (count, length) = Header<T>(typeName, new ReadOnlySequence<byte>(bytes));
            return count == 0 ? default : new RawChunk(null, owner.Share(), bytes.Slice(sizeof(int), length), count);
        }

        public void Return()
        {
            shared?.Release();
            if (rented is not null)
            {
                PooledBuffers.Return(rented);
            }
        }

        private static (int Count, int Length) Header<T>(string typeName, ReadOnlySequence<byte> bytes)
        {
            CheckType(typeName, typeof(T[]));
            Span<byte> header = stackalloc byte[sizeof(int)];
            bytes.Slice(0, sizeof(int)).CopyTo(header);
            var count = BinaryPrimitives.ReadInt32LittleEndian(header);
            if (count <= 0)
            {
                return (0, 0);
            }

            var length = checked(count * Unsafe.SizeOf<T>());
            if (bytes.Length - sizeof(int) < length)
            {
                throw new InvalidDataException($"The engine's array says it holds {count:N0} elements; only {bytes.Length - sizeof(int):N0} bytes of them arrived.");
            }

            return (count, length);
        }
    }
}
