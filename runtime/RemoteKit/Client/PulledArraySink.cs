using System.Buffers;
using System.Buffers.Binary;
using RemoteKit.Buffers;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// A pull of an array of primitives (<c>Pull&lt;double[]&gt;</c>) waiting for its value on an engine's direct connection:
/// once the value's frame starts to arrive, the array is made at its size and the frame's bytes are read from the socket
/// straight into it (<see cref="FrameConnection.LargeFrameSinks"/>), with no buffer in between and its memory filled while
/// the rest is still on its way. A value of another shape, or one that came before the sink could be offered, takes the usual
/// way through <see cref="DirectInbox"/>.
/// </summary>
internal sealed class PulledArraySink(Type arrayType, int elementSize)
{
    private readonly TaskCompletionSource<Array> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The array, once all its bytes arrived; an <see cref="IOException"/> if the connection failed first.</summary>
    public Task<Array> Arrived => _arrived.Task;

    /// <summary>A sink for <typeparamref name="T"/> if it is an array of primitives, else null.</summary>
    public static PulledArraySink? For<T>() => ArrayBytes.ElementSize(typeof(T)) is { } size ? new PulledArraySink(typeof(T), size) : null;

    /// <summary>
    /// Where the rest of a value goes, from its first bytes (<paramref name="valueStart"/>: MemoryPack's element count, then
    /// the elements) and its length; null when the value is not an array of this sink's element size.
    /// </summary>
    public LargeFrameSink? Take(int valueHeaderOffset, ReadOnlySequence<byte> valueStart, int valueLength)
    {
        if (valueStart.Length < sizeof(int))
        {
            return null;
        }

        Span<byte> header = stackalloc byte[sizeof(int)];
        valueStart.Slice(0, sizeof(int)).CopyTo(header);
        var count = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (count <= 0 || (long)count * elementSize != valueLength - sizeof(int))
        {
            return null;
        }

        // Every byte of it is read from the socket next (a failed read drops it), so its memory is not cleared first.
        var array = ArrayBytes.NewUncleared(arrayType, count);
        return new LargeFrameSink(valueHeaderOffset + sizeof(int), ArrayBytes.Of(array), failure =>
        {
            if (failure is null)
            {
                _arrived.TrySetResult(array);
            }
            else
            {
                _arrived.TrySetException(new IOException(failure));
            }
        });
    }
}
