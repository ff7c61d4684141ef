using System.Buffers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MemoryPack;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

public sealed partial class RemoteClient
{
    internal AsyncResult PushTo(IReadOnlyList<int> targets, IReadOnlyList<KeyValuePair<string, object?>> values, CancellationToken cancellationToken, bool single = false)
    {
        foreach (var (name, _) in values)
        {
            ValidateName(name);
        }

        var parts = new PendingTask<Unit>[targets.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = SubmitRaw(TaskTarget.Engine(targets[i]), Decoders<Unit>.MemoryPack, null, w =>
            {
                w.WriteU8((byte)TaskKind.Push);
                w.WriteI32(values.Count);
                foreach (var (name, value) in values)
                {
                    WriteVariable(w, name, value);
                }
            }, values.Sum(v => SizeHint(v.Value)));
        }

        return Track(parts, single ? parts[0].Task : RemoteClient.Gather(parts), cancellationToken);
    }

    internal AsyncResult<T[]> PullFrom<T>(IReadOnlyList<int> targets, string name, Func<string, ReadOnlySequence<byte>, T> decode, CancellationToken cancellationToken)
    {
        var parts = PullParts(targets, name, decode);
        var result = new AsyncResult<T[]>(this, parts, RemoteClient.Gather(parts));
        RegisterAbort(result, cancellationToken);
        return result;
    }

    internal AsyncResult<T> PullOne<T>(int engine, string name, Func<string, ReadOnlySequence<byte>, T> decode, CancellationToken cancellationToken)
    {
        var parts = PullParts([engine], name, decode);
        var result = new AsyncResult<T>(this, parts, parts[0].Task);
        RegisterAbort(result, cancellationToken);
        return result;
    }

    private PendingTask<T>[] PullParts<T>(IReadOnlyList<int> targets, string name, Func<string, ReadOnlySequence<byte>, T> decode)
    {
        ValidateName(name);
        var parts = new PendingTask<T>[targets.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = SubmitRaw(TaskTarget.Engine(targets[i]), payload => DecodePull(payload, decode), null, w =>
            {
                w.WriteU8((byte)TaskKind.Pull);
                w.WriteI32(1);
                w.WriteString(name);
            });
        }

        return parts;
    }

    internal AsyncResult ScatterTo<T>(IReadOnlyList<int> targets, string name, IEnumerable<T> items, CancellationToken cancellationToken)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(items);
        var all = items as T[] ?? items.ToArray();
        var typeName = TypeNames.Of(typeof(T[]));
        var parts = new List<PendingTask<Unit>>();
        foreach (var (part, start, length) in Partition.Contiguous(all.Length, targets.Count))
        {
            var slice = new ArraySegment<T>(all, start, length);
            parts.Add(SubmitRaw(TaskTarget.Engine(targets[part]), Decoders<Unit>.MemoryPack, null, w =>
            {
                w.WriteU8((byte)TaskKind.Push);
                w.WriteI32(1);
                w.WriteString(name);
                w.WriteString(typeName);
                var at = w.Reserve(4);
                var before = w.Position;
                WriteArray(w, slice);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(w.At(at, 4), w.Position - before);
            }, EstimateArrayBytes<T>(length) + 64));
        }

        var array = parts.ToArray();
        return Track(array, RemoteClient.Gather(array), cancellationToken);
    }

    internal AsyncResult<T[]> GatherFrom<T>(IReadOnlyList<int> targets, string name, CancellationToken cancellationToken)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Unmanaged elements: keep each engine's raw bytes in a pooled buffer and copy them once into the result.
            var raw = PullFrom(targets, name, static (typeName, bytes) => RawChunk.Read<T>(typeName, bytes), cancellationToken);
            return new AsyncResult<T[]>(this, raw.Parts.ToArray(), ConcatRaw(raw.Task));
        }

        var pulled = PullFrom(targets, name, static (typeName, bytes) => DecodeTyped<T[]>(typeName, bytes) ?? [], cancellationToken);
        return new AsyncResult<T[]>(this, pulled.Parts.ToArray(), Concat(pulled.Task));

        static async Task<T[]> Concat(Task<T[][]> parts)
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

        static async Task<T[]> ConcatRaw(Task<RawChunk[]> parts)
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
    }

    /// <summary>Decodes a pulled value as <typeparamref name="T"/>, refusing a value of another type instead of misreading its bytes.</summary>
    internal static T? DecodeTyped<T>(string typeName, ReadOnlySequence<byte> bytes)
    {
        CheckType(typeName, typeof(T));
        return MemoryPackSerializer.Deserialize<T>(bytes);
    }

    private static void CheckType(string typeName, Type expected)
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

    /// <summary>One engine's <c>T[]</c> of unmanaged elements as raw bytes in a pooled buffer.</summary>
    private readonly struct RawChunk(byte[]? rented, int length, int count)
    {
        public int Count => count;

        public ReadOnlySpan<byte> Bytes => rented.AsSpan(0, length);

        public static RawChunk Read<T>(string typeName, ReadOnlySequence<byte> bytes)
        {
            CheckType(typeName, typeof(T[]));
            var reader = new WireReader(bytes);
            var count = reader.ReadI32();
            if (count <= 0)
            {
                return new RawChunk(null, 0, 0);
            }

            var length = checked(count * Unsafe.SizeOf<T>());
            var body = reader.ReadSequence(length);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            body.CopyTo(rented);
            return new RawChunk(rented, length, count);
        }

        public void Return()
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal AsyncResult ExecuteOn(IReadOnlyList<int> targets, string code, CancellationToken cancellationToken, bool single = false)
    {
        ArgumentNullException.ThrowIfNull(code);
        var parts = new PendingTask<Unit>[targets.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = SubmitRaw(TaskTarget.Engine(targets[i]), Decoders<Unit>.MemoryPack, null, w =>
            {
                w.WriteU8((byte)TaskKind.Execute);
                w.WriteString(code);
            }, code.Length * 3);
        }

        return Track(parts, single ? parts[0].Task : RemoteClient.Gather(parts), cancellationToken);
    }

    /// <summary>Decodes a value pulled without a static type, using the type name that travels with it.</summary>
    internal static object? DecodeUntyped(string typeName, ReadOnlySequence<byte> bytes)
    {
        var type = TypeNames.Resolve(typeName)
            ?? throw new TypeLoadException($"The pulled value is a '{typeName}', a type this program does not have; pull it with Pull<T>.");
        return MemoryPackSerializer.Deserialize(type, bytes);
    }

    internal static IReadOnlyList<KeyValuePair<string, object?>> VariablesOf(object values) => values switch
    {
        IReadOnlyDictionary<string, object?> d => d.ToList(),
        IDictionary<string, object?> d => d.ToList(),
        IEnumerable<KeyValuePair<string, object?>> pairs => pairs.ToList(),
        _ => values.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(values)))
            .ToList(),
    };

    private AsyncResult Track(PendingTask[] parts, Task completion, CancellationToken cancellationToken)
    {
        var result = new AsyncResult(this, parts, completion);
        RegisterAbort(result, cancellationToken);
        return result;
    }

    private static T DecodePull<T>(ReadOnlySequence<byte> payload, Func<string, ReadOnlySequence<byte>, T> decode)
    {
        var reader = new WireReader(payload);
        var n = reader.ReadI32();
        if (n != 1)
        {
            throw new ProtocolViolationException($"A pull of one name returned {n} values.");
        }

        var typeName = reader.ReadRequiredString();
        return decode(typeName, reader.ReadBlob());
    }

    private static void WriteVariable(FrameBuilder w, string name, object? value)
    {
        var type = value?.GetType() ?? typeof(object);
        w.WriteString(name);
        w.WriteString(TypeNames.Of(type));
        var at = w.Reserve(4);
        var before = w.Position;
        if (value is not null)
        {
            MemoryPackSerializer.Serialize(type, w, value);
        }
        else
        {
            MemoryPackSerializer.Serialize<string?, FrameBuilder>(in w, null);
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(w.At(at, 4), w.Position - before);
    }

    /// <summary>
    /// Writes a slice as MemoryPack writes a <c>T[]</c>: for unmanaged element types the bytes go straight from the source
    /// array into the frame, with no intermediate array.
    /// </summary>
    private static void WriteArray<T>(FrameBuilder w, ArraySegment<T> slice)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            var span = (ReadOnlySpan<T>)slice.AsSpan();
            var bytes = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span)), checked(span.Length * Unsafe.SizeOf<T>()));
            w.WriteI32(slice.Count);
            var written = 0;
            while (written < bytes.Length)
            {
                var target = w.GetSpan(Math.Min(bytes.Length - written, 1 << 20));
                var n = Math.Min(target.Length, bytes.Length - written);
                bytes.Slice(written, n).CopyTo(target);
                w.Advance(n);
                written += n;
            }
        }
        else
        {
            MemoryPackSerializer.Serialize(w, slice.ToArray());
        }
    }

    private static int EstimateArrayBytes<T>(int length) =>
        RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? 64 + (length * 16) : (int)Math.Min(int.MaxValue - 1024, 4L + ((long)length * Unsafe.SizeOf<T>()));

    private static int SizeHint(object? value) => value is Array a && a.GetType().GetElementType() is { IsPrimitive: true }
        ? (int)Math.Min(int.MaxValue / 2, Buffer.ByteLength(a) + 256L)
        : 256;

    private static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A namespace variable needs a non-empty name.", nameof(name));
        }
    }
}
