using System.Buffers;
using System.Buffers.Binary;
using MemoryPack;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// The layouts of the task bodies the client writes after a Submit header, and of the result payloads it reads back
/// (see <see cref="TaskKind"/>). With <see cref="ControllerSession"/>, the only place the client knows the wire format.
/// </summary>
internal static class TaskMessages
{
    public static void WriteCall(FrameBuilder w, RemoteCall call, CodeBundle bundle)
    {
        w.WriteU8((byte)TaskKind.Call);
        w.WriteU64(call.Method.Id);
        w.Write(bundle.Hash);
        WriteArguments(w, call);
    }

    /// <summary>Many calls of one method in one task; each call's arguments are a length-prefixed blob.</summary>
    public static void WriteBatch<T>(FrameBuilder w, IReadOnlyList<RemoteCall<T>> calls, CodeBundle bundle)
    {
        var first = calls[0];
        w.WriteU8((byte)TaskKind.Batch);
        w.WriteU64(first.Method.Id);
        w.Write(bundle.Hash);
        w.WriteI32(calls.Count);
        foreach (var call in calls)
        {
            if (call.Method.Id != first.Method.Id)
            {
                throw new ArgumentException($"A map chunk mixes {first.Method.Name} and {call.Method.Name}; map calls of one method.");
            }

            WriteLengthPrefixed(w, call, static (w, call) => WriteArguments(w, call));
        }
    }

    /// <summary>Sets variables; each value is written by <see cref="NamespaceCodec"/> under its type name.</summary>
    public static void WritePush(FrameBuilder w, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        w.WriteU8((byte)TaskKind.Push);
        w.WriteI32(values.Count);
        foreach (var (name, value) in values)
        {
            w.WriteString(name);
            w.WriteString(NamespaceCodec.TypeNameOf(value));
            WriteLengthPrefixed(w, (name, value), static (w, v) => NamespaceCodec.WriteValue(w, v.name, v.value));
        }
    }

    /// <summary>Sets one variable to a slice of an array, written as the <c>T[]</c> it becomes on the engine.</summary>
    public static void WritePushSlice<T>(FrameBuilder w, string name, ArraySegment<T> slice)
    {
        w.WriteU8((byte)TaskKind.Push);
        w.WriteI32(1);
        w.WriteString(name);
        w.WriteString(NamespaceCodec.ArrayTypeName<T>());
        WriteLengthPrefixed(w, slice, static (w, s) => NamespaceCodec.WriteArray(w, s));
    }

    public static void WritePull(FrameBuilder w, string name)
    {
        w.WriteU8((byte)TaskKind.Pull);
        w.WriteI32(1);
        w.WriteString(name);
    }

    public static void WriteExecute(FrameBuilder w, string code)
    {
        w.WriteU8((byte)TaskKind.Execute);
        w.WriteString(code);
    }

    /// <summary>Reads the reply to a pull of one name: the value's type name and its bytes, handed to <paramref name="decode"/>.</summary>
    public static T ReadPull<T>(ReadOnlySequence<byte> payload, Func<string, ReadOnlySequence<byte>, T> decode)
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

    /// <summary>Reads a batch result: <c>[i32 engine][i32 n]</c>, then per item a status and the value or the error.</summary>
    public static (T[] Values, Exception?[]? Errors) ReadBatch<T>(ReadOnlySequence<byte> payload)
    {
        var reader = new WireReader(payload);
        var engineId = reader.ReadI32();
        var n = reader.ReadI32();
        var values = new T[n];
        Exception?[]? errors = null;
        for (var i = 0; i < n; i++)
        {
            if (reader.ReadU8() == (byte)ResultStatus.Ok)
            {
                values[i] = MemoryPackSerializer.Deserialize<T>(reader.ReadBlob())!;
            }
            else
            {
                errors ??= new Exception?[n];
                errors[i] = ReadError(ref reader, engineId, default);
            }
        }

        return (values, errors);
    }

    /// <summary>Reads the payload of a failed task: <c>[string type][string message][string stack]</c>.</summary>
    public static Exception ReadError(ReadOnlySequence<byte> payload, int engineId, CancellationToken abortedBy)
    {
        var reader = new WireReader(payload);
        return ReadError(ref reader, engineId, abortedBy);
    }

    private static Exception ReadError(ref WireReader reader, int engineId, CancellationToken abortedBy) =>
        RemoteErrors.FromResult(reader.ReadString() ?? "System.Exception", reader.ReadString() ?? string.Empty, reader.ReadString(), engineId, abortedBy);

    private static void WriteArguments(FrameBuilder w, RemoteCall call)
    {
        using var state = MemoryPackWriterOptionalStatePool.Rent(null);
        var writer = new MemoryPackWriter<FrameBuilder>(ref w, state);
        call.WriteArguments(ref writer);
        writer.Flush();
    }

    /// <summary>Writes <c>[i32 length][bytes]</c>, the bytes straight into the frame and the length filled in after.</summary>
    private static void WriteLengthPrefixed<TState>(FrameBuilder w, TState state, Action<FrameBuilder, TState> write)
    {
        var at = w.Reserve(4);
        var before = w.Position;
        write(w, state);
        BinaryPrimitives.WriteInt32LittleEndian(w.At(at, 4), w.Position - before);
    }
}
