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
        var pulled = PullFrom(targets, name, static (_, bytes) => MemoryPackSerializer.Deserialize<T[]>(bytes) ?? [], cancellationToken);
        var result = new AsyncResult<T[]>(this, pulled.Parts.ToArray(), Concat(pulled.Task));
        return result;

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
