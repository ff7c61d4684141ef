using System.Buffers;
using System.Runtime.CompilerServices;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Map chunks sent as columns (<see cref="ColumnsTask"/>): when a method is columnar and its call type holds only unmanaged
/// values, a chunk's arguments go as one raw array per parameter, read straight from the calls, and come back as one raw
/// result array with the failed items listed after it (<see cref="ColumnsReply"/>).
/// </summary>
internal static class ColumnarMap
{
    /// <summary>Whether a chunk that starts with <paramref name="first"/> goes as columns: decided by its method and call type, not per item.</summary>
    public static bool Fits(RemoteCall first, TaskSubmitter tasks) => first.Method.IsColumnar && first.HasColumns && !tasks.PerCallMaps;

    public static void Write<T>(FrameBuilder w, IReadOnlyList<RemoteCall<T>> calls, CodeBundle bundle)
    {
        var first = calls[0];
        new ColumnsTask(first.Method.Id, bundle.Hash, calls.Count, 0).Write(w);
        if (calls is ListSlice<RemoteCall<T>> { Source: IColumnCallList columns } slice)
        {
            // A direct map over the input's own arrays: copy this chunk's slice of each.
            columns.WriteColumns(w, slice.Start, slice.Count);
        }
        else
        {
            first.WriteColumns(w, calls);
        }
    }

    /// <summary>Bytes a chunk's body takes, near enough to size its frame once.</summary>
    public static int SizeHint<T>(IReadOnlyList<RemoteCall<T>> calls) => 64 + (calls.Count * 16);

    /// <summary>Reads a columns reply: every item's value, and the error of each item that failed (named by its engine).</summary>
    public static (T[] Values, Exception?[]? Errors) Read<T>(ReadOnlySequence<byte> payload)
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            throw new InvalidOperationException($"A columns reply holds unmanaged values; {typeof(T)} is not one.");
        }

        var reader = new WireReader(payload);
        var (engineId, count, results) = ColumnsReply.ReadResults(ref reader);
        var values = ColumnsReply.ToArray<T>(count, results);
        Exception?[]? errors = null;
        var failures = ColumnsReply.ReadFailureCount(ref reader);
        for (var i = 0; i < failures; i++)
        {
            var (index, error) = ColumnsReply.ReadFailure(ref reader, count);
            errors ??= new Exception?[count];
            errors[index] = TaskMessages.ToException(error, engineId, default);
        }

        reader.ExpectEnd();
        return (values, errors);
    }
}
