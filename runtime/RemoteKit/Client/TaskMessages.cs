using System.Buffers;
using MemoryPack;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// The task bodies the client writes after a Submit header, and the result payloads it reads back, with the layouts of
/// <c>RemoteKit.Protocol</c> (<see cref="CallTask"/>, <see cref="BatchTask"/>, <see cref="PushTask"/>, ...).
/// </summary>
internal static class TaskMessages
{
    public static void WriteCall(FrameBuilder w, RemoteCall call, CodeBundle bundle)
    {
        new CallTask(call.Method.Id, bundle.Hash).Write(w);
        WriteArguments(w, call);
    }

    /// <summary>
    /// A call in a flow task: the header with its dependencies and the offsets of the kept values it takes (known once its
    /// arguments are written), then the call, with a gap for each kept value.
    /// </summary>
    public static void WriteFlowCall(FrameBuilder w, RemoteCall call, CodeBundle bundle, FlowTask header)
    {
        var inner = new ArrayBufferWriter<byte>(256);
        new CallTask(call.Method.Id, bundle.Hash).Write(inner);
        var argumentsAt = inner.WrittenCount;
        using (var state = MemoryPackWriterOptionalStatePool.Rent(null))
        {
            var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref inner, state);
            call.WriteArguments(ref writer);
            writer.Flush();
        }

        var inputs = call is IFlowCall flow ? flow.Inputs.Select(i => new FlowInput(argumentsAt + i.Offset, i.Kept.TaskId)).ToArray() : [];
        (header with { Inputs = inputs }).Write(w);
        w.Write(inner.WrittenSpan);
    }

    /// <summary>A call of a method returning a stream, with the window its engine may run ahead of the caller.</summary>
    public static void WriteStream(FrameBuilder w, RemoteCall call, CodeBundle bundle, StreamOptions options)
    {
        new StreamTask(call.Method.Id, bundle.Hash, options.MaxBufferedItems, options.MaxBufferedBytes).Write(w);
        WriteArguments(w, call);
    }

    /// <summary>Many calls of one method in one task; each call's arguments are a length-prefixed blob.</summary>
    public static void WriteBatch<T>(FrameBuilder w, IReadOnlyList<RemoteCall<T>> calls, CodeBundle bundle)
    {
        var first = calls[0];
        new BatchTask(first.Method.Id, bundle.Hash, calls.Count).Write(w);
        foreach (var call in calls)
        {
            if (call.Method.Id != first.Method.Id)
            {
                throw first.Mixed(call);
            }

            w.WriteBlob(call, static (w, call) => WriteArguments(w, call));
        }
    }

    /// <summary>Sets variables; each value is written by <see cref="NamespaceCodec"/> under its type name.</summary>
    public static void WritePush(FrameBuilder w, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        PushTask.WriteHeader(w, values.Count);
        foreach (var (name, value) in values)
        {
            PushTask.WriteEntry(w, name, NamespaceCodec.TypeNameOf(value), (name, value), static (w, v) => NamespaceCodec.WriteValue(w, v.name, v.value));
        }
    }

    /// <summary>Sets one variable to a slice of an array, written as the <c>T[]</c> it becomes on the engine.</summary>
    public static void WritePushSlice<T>(FrameBuilder w, string name, ArraySegment<T> slice)
    {
        PushTask.WriteHeader(w, 1);
        PushTask.WriteEntry(w, name, NamespaceCodec.ArrayTypeName<T>(), slice, static (w, s) => NamespaceCodec.WriteArray(w, s));
    }

    public static void WritePull(FrameBuilder w, string name)
    {
        new PullTask([name]).Write(w);
    }

    public static void WriteExecute(FrameBuilder w, string code)
    {
        new ExecuteTask(code).Write(w);
    }

    /// <summary>Reads the reply to a pull of one name: the value's type name and its bytes, handed to <paramref name="decode"/>.</summary>
    public static T ReadPull<T>(ReadOnlySequence<byte> payload, Func<string, ReadOnlySequence<byte>, T> decode)
    {
        var reader = new WireReader(payload);
        var n = PullReply.ReadCount(ref reader);
        if (n != 1)
        {
            throw new ProtocolViolationException($"A pull of one name returned {n} values.");
        }

        var (typeName, value) = PullReply.ReadEntry(ref reader);
        return decode(typeName, value);
    }

    /// <summary>Reads a batch result (<see cref="BatchReply"/>): each call's value, or its error.</summary>
    public static (T[] Values, Exception?[]? Errors) ReadBatch<T>(ReadOnlySequence<byte> payload)
    {
        var reader = new WireReader(payload);
        var (engineId, n) = BatchReply.ReadHeader(ref reader);
        var values = new T[n];
        Exception?[]? errors = null;
        for (var i = 0; i < n; i++)
        {
            var (status, value, error) = BatchReply.ReadItem(ref reader);
            if (status == ResultStatus.Ok)
            {
                values[i] = MemoryPackSerializer.Deserialize<T>(value)!;
            }
            else
            {
                errors ??= new Exception?[n];
                errors[i] = ToException(error, engineId, default);
            }
        }

        return (values, errors);
    }

    /// <summary>Reads the payload of a failed task (<see cref="ErrorPayload"/>) as the exception the caller sees.</summary>
    public static Exception ReadError(ReadOnlySequence<byte> payload, int engineId, CancellationToken abortedBy)
    {
        var reader = new WireReader(payload);
        return ReadError(ref reader, engineId, abortedBy);
    }

    /// <summary>Reads an error payload (<see cref="ErrorPayload"/>) as the exception the caller sees.</summary>
    public static Exception ReadError(ref WireReader reader, int engineId, CancellationToken abortedBy) =>
        ToException(ErrorPayload.Read(ref reader), engineId, abortedBy);

    internal static Exception ToException(in ErrorPayload error, int engineId, CancellationToken abortedBy) =>
        RemoteErrors.FromResult(error, engineId, abortedBy);

    private static void WriteArguments(FrameBuilder w, RemoteCall call)
    {
        if (call is IFlowCall)
        {
            // Its arguments have gaps for kept values that only a flow task fills in.
            throw new ArgumentException(
                $"A call of {call.Method.Name} that takes other tasks' results runs only through ApplyAsync or Apply of a load-balanced view or an " +
                "engine view; maps, streams and direct views take values.", nameof(call));
        }

        using var state = MemoryPackWriterOptionalStatePool.Rent(null);
        var writer = new MemoryPackWriter<FrameBuilder>(ref w, state);
        call.WriteArguments(ref writer);
        writer.Flush();
    }
}
