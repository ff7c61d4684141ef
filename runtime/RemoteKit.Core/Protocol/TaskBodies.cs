using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>
/// The task bodies a Submit carries and a Dispatch forwards unchanged. Each starts with its <see cref="TaskKind"/> byte.
/// Readers work on the body as one block of memory: the engine always holds a task in one array.
/// </summary>
internal static class TaskBody
{
    /// <summary>The task's kind; <paramref name="r"/> is left at the kind's own layout.</summary>
    public static TaskKind ReadKind(ref WireReader r) => (TaskKind)r.ReadU8();

    /// <summary>The unread rest of a reader over one block of memory, as that memory (method arguments run from it).</summary>
    public static ReadOnlyMemory<byte> RestAsMemory(in WireReader r) => AsMemory(r.Rest);

    /// <summary>A slice of a reader over one block of memory, as that memory.</summary>
    public static ReadOnlyMemory<byte> AsMemory(in ReadOnlySequence<byte> bytes) => bytes.IsSingleSegment ? bytes.First : bytes.ToArray();
}

/// <summary>
/// <c>[u8 Call][u64 method id][32 bundle hash]</c>, then the method's MemoryPack arguments to the end; the result payload is
/// the MemoryPack value (empty for a method without one).
/// </summary>
internal readonly record struct CallTask(ulong MethodId, byte[] BundleHash)
{
    /// <summary>Writes the header; the caller writes the arguments after it.</summary>
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Call);
        w.WriteU64(MethodId);
        w.Write(BundleHash);
    }

    /// <summary>Reads the header after the kind byte; <paramref name="r"/> is left at the arguments.</summary>
    public static CallTask Read(ref WireReader r) => new(r.ReadU64(), r.ReadHash());
}

/// <summary>
/// <c>[u8 Batch][u64 method id][32 bundle hash][i32 n][blob arguments]*n</c>: many calls of one method in one task. The reply
/// is a <see cref="BatchReply"/>.
/// </summary>
internal readonly record struct BatchTask(ulong MethodId, byte[] BundleHash, int Count)
{
    /// <summary>Writes the header; the caller writes <see cref="Count"/> argument blobs after it.</summary>
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Batch);
        w.WriteU64(MethodId);
        w.Write(BundleHash);
        w.WriteI32(Count);
    }

    /// <summary>Reads the header after the kind byte; <paramref name="r"/> is left at the first argument blob.</summary>
    public static BatchTask Read(ref WireReader r) => new(r.ReadU64(), r.ReadHash(), r.ReadCount(4));
}

/// <summary>
/// The result payload of a <see cref="BatchTask"/>: <c>[i32 engine][i32 n]</c>, then per call <c>[u8 status]</c> followed by
/// <c>[blob value]</c> for <see cref="ResultStatus.Ok"/> or an <see cref="ErrorPayload"/> for <see cref="ResultStatus.Error"/>.
/// The engine id lets the client name the engine in each call's error.
/// </summary>
internal static class BatchReply
{
    public static void WriteHeader(IBufferWriter<byte> w, int engineId, int count)
    {
        w.WriteI32(engineId);
        w.WriteI32(count);
    }

    public static (int EngineId, int Count) ReadHeader(ref WireReader r) => (r.ReadI32(), r.ReadCount(1));

    /// <summary>Starts an Ok item whose value is written straight into the frame; end it with <see cref="Item.Succeed"/> or <see cref="Item.Fail"/>.</summary>
    public static Item BeginItem(FrameBuilder w)
    {
        var at = w.Position;
        w.WriteU8((byte)ResultStatus.Ok);
        return new Item(at, LengthPrefix.Begin(w));
    }

    /// <summary>Reads one item: its value when Ok, its error when not.</summary>
    public static (ResultStatus Status, ReadOnlySequence<byte> Value, ErrorPayload Error) ReadItem(ref WireReader r)
    {
        var status = (ResultStatus)r.ReadU8();
        return status switch
        {
            ResultStatus.Ok => (status, r.ReadBlob(), default),
            ResultStatus.Error => (status, default, ErrorPayload.Read(ref r)),
            _ => throw new ProtocolViolationException($"Unknown result status {(byte)status} in a batch reply."),
        };
    }

    /// <summary>The first failed call of a whole payload, if any (what a task's history records).</summary>
    /// <remarks>
    /// The controller asks this of every batch task it records, so a payload in one piece is scanned by its length prefixes
    /// without reading the values (about 5 ns an item, against 40 for the reader); the reader reads the error it finds, and
    /// anything the scan does not expect (a payload in pieces, a status or length out of place) is read, and refused, item
    /// by item.
    /// </remarks>
    public static ErrorPayload? FirstFailure(in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            var at = FirstErrorAt(payload.FirstSpan);
            if (at == NoFailure)
            {
                return null;
            }

            if (at >= 0)
            {
                var error = new WireReader(payload.Slice(at + 1));
                return ErrorPayload.Read(ref error);
            }
        }

        var r = new WireReader(payload);
        var (_, count) = ReadHeader(ref r);
        for (var i = 0; i < count; i++)
        {
            var (status, _, error) = ReadItem(ref r);
            if (status == ResultStatus.Error)
            {
                return error;
            }
        }

        return null;
    }

    private const int NoFailure = -1;
    private const int NotScanned = -2;

    /// <summary>
    /// Where the first failed item's status byte is in a whole payload; <see cref="NoFailure"/> when every item succeeded;
    /// <see cref="NotScanned"/> when the bytes are not what a well-formed payload holds (the reader then says why).
    /// </summary>
    private static int FirstErrorAt(ReadOnlySpan<byte> payload)
    {
        const int HeaderSize = 4 + 4;
        if (payload.Length < HeaderSize)
        {
            return NotScanned;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        if (count < 0 || count > payload.Length - HeaderSize)
        {
            return NotScanned;
        }

        var at = HeaderSize;
        for (var i = 0; i < count; i++)
        {
            if (at >= payload.Length)
            {
                return NotScanned;
            }

            switch ((ResultStatus)payload[at])
            {
                case ResultStatus.Error:
                    return at;
                case ResultStatus.Ok when payload.Length - at >= 1 + 4:
                    var length = BinaryPrimitives.ReadInt32LittleEndian(payload[(at + 1)..]);
                    if (length < 0 || length > payload.Length - at - 1 - 4)
                    {
                        return NotScanned;
                    }

                    at += 1 + 4 + length;
                    break;
                default:
                    return NotScanned;
            }
        }

        return NoFailure;
    }

    /// <summary>The first failed item of a batch or columns task's payload, if any; null for any other task kind.</summary>
    public static ErrorPayload? FirstFailure(TaskKind kind, in ReadOnlySequence<byte> payload) => kind switch
    {
        TaskKind.Batch => FirstFailure(payload),
        TaskKind.Columns => ColumnsReply.FirstFailure(payload),
        _ => null,
    };

    /// <summary>One call's entry being written.</summary>
    internal readonly struct Item(int start, LengthPrefix value)
    {
        public void Succeed(FrameBuilder w) => value.End(w);

        /// <summary>Replaces whatever the call wrote with its error.</summary>
        public void Fail(FrameBuilder w, Exception error)
        {
            w.Truncate(start);
            w.WriteU8((byte)ResultStatus.Error);
            ErrorPayload.Of(error).Write(w);
        }
    }
}

/// <summary>
/// <c>[u8 Columns][u64 method id][32 bundle hash][i32 n][i32 k]([i32 length][n values])*k</c>: n calls of one method whose
/// arguments and result are unmanaged, one column per parameter, each the n values as a raw little-endian array (what
/// <c>MemoryMarshal.AsBytes</c> gives). The reply is a <see cref="ColumnsReply"/>.
/// </summary>
internal readonly record struct ColumnsTask(ulong MethodId, byte[] BundleHash, int Count, int Columns)
{
    /// <summary>Writes the header up to n; the calls then write k and the columns (<see cref="ColumnWriter"/>).</summary>
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Columns);
        w.WriteU64(MethodId);
        w.Write(BundleHash);
        w.WriteI32(Count);
    }

    /// <summary>Reads the header after the kind byte; <paramref name="r"/> is left at the first column.</summary>
    public static ColumnsTask Read(ref WireReader r)
    {
        var methodId = r.ReadU64();
        var hash = r.ReadHash();
        var count = r.ReadCount(1);
        var columns = r.ReadCount(4);
        return columns > 0 ? new(methodId, hash, count, columns) : throw new ProtocolViolationException("A columns task has no columns.");
    }

    /// <summary>Reads the next column's bytes.</summary>
    public static ReadOnlySequence<byte> ReadColumn(ref WireReader r) => r.ReadBlob();
}

/// <summary>
/// The result payload of a <see cref="ColumnsTask"/>: <c>[i32 engine][i32 n][i32 length][n results]</c>, the results a raw
/// little-endian array, then <c>[i32 f]([i32 index][ErrorPayload])*f</c> for the items that failed, in index order (a failed
/// item's slot holds the default value).
/// </summary>
internal static class ColumnsReply
{
    /// <summary>Writes the header and reserves the results; returns where they start.</summary>
    public static int BeginResults(FrameBuilder w, int engineId, int count, int resultBytes)
    {
        w.WriteI32(engineId);
        w.WriteI32(count);
        var length = checked(count * resultBytes);
        w.WriteI32(length);
        return w.Reserve(length);
    }

    public static void WriteFailures(IBufferWriter<byte> w, IReadOnlyList<(int Index, Exception Error)>? failures)
    {
        w.WriteI32(failures?.Count ?? 0);
        foreach (var (index, error) in failures ?? [])
        {
            w.WriteI32(index);
            ErrorPayload.Of(error).Write(w);
        }
    }

    /// <summary>Reads the header and the results' bytes; <paramref name="r"/> is left at the failures.</summary>
    public static (int EngineId, int Count, ReadOnlySequence<byte> Results) ReadResults(ref WireReader r) => (r.ReadI32(), r.ReadCount(0), r.ReadBlob());

    /// <summary>Reads the results as an array of <typeparamref name="T"/>, refusing bytes that are not n of them.</summary>
    /// <typeparam name="T">An unmanaged result type (the caller checks).</typeparam>
    public static T[] ToArray<T>(int count, in ReadOnlySequence<byte> results)
    {
        if (results.Length != (long)count * Unsafe.SizeOf<T>())
        {
            throw new ProtocolViolationException($"A columns reply holds {results.Length} bytes for {count} results of {Unsafe.SizeOf<T>()} bytes.");
        }

        var values = new T[count];
        results.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetArrayDataReference(values)), (int)results.Length));
        return values;
    }

    public static int ReadFailureCount(ref WireReader r) => r.ReadCount(16);

    public static (int Index, ErrorPayload Error) ReadFailure(ref WireReader r, int count)
    {
        var index = r.ReadI32();
        return (uint)index < (uint)count
            ? (index, ErrorPayload.Read(ref r))
            : throw new ProtocolViolationException($"A columns reply names item {index} of {count} as failed.");
    }

    /// <summary>The first failure of a whole payload, if any (what a task's history records).</summary>
    public static ErrorPayload? FirstFailure(in ReadOnlySequence<byte> payload)
    {
        var r = new WireReader(payload);
        var (_, count, _) = ReadResults(ref r);
        return ReadFailureCount(ref r) > 0 ? ReadFailure(ref r, count).Error : null;
    }
}

/// <summary>
/// <c>[u8 Push][i32 n]([string name][string type][blob value])*n</c>: sets namespace variables; each value is MemoryPack
/// bytes of the named type. The result payload is empty.
/// </summary>
internal static class PushTask
{
    public static void WriteHeader(IBufferWriter<byte> w, int count)
    {
        w.WriteU8((byte)TaskKind.Push);
        w.WriteI32(count);
    }

    /// <summary>Writes one variable; its value is written straight into the frame by <paramref name="writeValue"/>.</summary>
    public static void WriteEntry<TState>(FrameBuilder w, string name, string typeName, TState state, Action<FrameBuilder, TState> writeValue)
    {
        w.WriteString(name);
        w.WriteString(typeName);
        w.WriteBlob(state, writeValue);
    }

    /// <summary>Reads the count after the kind byte.</summary>
    public static int ReadCount(ref WireReader r) => r.ReadCount(12);

    public static (string Name, string TypeName, ReadOnlySequence<byte> Value) ReadEntry(ref WireReader r) =>
        (r.ReadRequiredString(), r.ReadRequiredString(), r.ReadBlob());
}

/// <summary><c>[u8 Pull][i32 n][string name]*n</c>: reads namespace variables; the reply is a <see cref="PullReply"/>.</summary>
internal readonly record struct PullTask(IReadOnlyList<string> Names)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Pull);
        w.WriteI32(Names.Count);
        foreach (var name in Names)
        {
            w.WriteString(name);
        }
    }

    /// <summary>Reads the names after the kind byte.</summary>
    public static PullTask Read(ref WireReader r)
    {
        var names = new string[r.ReadCount(4)];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = r.ReadRequiredString();
        }

        return new PullTask(names);
    }
}

/// <summary>The result payload of a <see cref="PullTask"/>: <c>[i32 n]([string type][blob value])*n</c>, in the order asked.</summary>
internal static class PullReply
{
    public static void WriteHeader(IBufferWriter<byte> w, int count) => w.WriteI32(count);

    /// <summary>Writes one value straight into the frame.</summary>
    public static void WriteEntry<TState>(FrameBuilder w, string typeName, TState state, Action<FrameBuilder, TState> writeValue)
    {
        w.WriteString(typeName);
        w.WriteBlob(state, writeValue);
    }

    public static int ReadCount(ref WireReader r) => r.ReadCount(8);

    public static (string TypeName, ReadOnlySequence<byte> Value) ReadEntry(ref WireReader r) => (r.ReadRequiredString(), r.ReadBlob());
}

/// <summary><c>[u8 Execute][string code]</c>: a C# script run against the namespace. The result payload is empty.</summary>
internal readonly record struct ExecuteTask(string Code)
{
    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)TaskKind.Execute);
        w.WriteString(Code);
    }

    /// <summary>Reads the code after the kind byte.</summary>
    public static ExecuteTask Read(ref WireReader r) => new(r.ReadRequiredString());
}

/// <summary>
/// An error: <c>[u8 kind][string type][string message][string stack trace]</c> (each string may be null). The
/// <see cref="ErrorKind"/> says what failed; only a <see cref="ErrorKind.Thrown"/> error carries a type on the wire, and
/// RemoteKit's own failures read back with the type name <see cref="ErrorKinds.TypeName"/> gives them.
/// </summary>
internal readonly record struct ErrorPayload(ErrorKind Kind, string? Type, string? Message, string? StackTrace)
{
    /// <summary>What a task's code threw.</summary>
    public static ErrorPayload Of(Exception e) => new(ErrorKind.Thrown, e.GetType().FullName, e.Message, e.StackTrace);

    /// <summary>A failure RemoteKit decided, with what to tell the caller.</summary>
    public static ErrorPayload Of(ErrorKind kind, string message) => new(kind, ErrorKinds.TypeName(kind), message, null);

    public void Write(IBufferWriter<byte> w)
    {
        w.WriteU8((byte)Kind);
        w.WriteString(Kind == ErrorKind.Thrown ? Type : null);
        w.WriteString(Message);
        w.WriteString(StackTrace);
    }

    public static ErrorPayload Read(ref WireReader r)
    {
        var kind = ErrorKinds.Parse(r.ReadU8());
        var type = r.ReadString();
        return new(kind, kind == ErrorKind.Thrown ? type : ErrorKinds.TypeName(kind), r.ReadString(), r.ReadString());
    }
}
