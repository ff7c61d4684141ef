using System.Buffers;

namespace RemoteKit.Transport;

/// <summary>
/// Offers a large incoming frame to its receiver before its bytes arrive: given the frame's kind, the first bytes of its body
/// that are already here, and the body's whole length, the receiver may return where the rest goes
/// (<see cref="LargeFrameSink"/>), or <see langword="null"/> for the usual pooled array and frame handler.
/// </summary>
internal delegate LargeFrameSink? LargeFrameSinkProvider(byte kind, ReadOnlySequence<byte> bodyStart, int bodyLength);

/// <summary>
/// Where a large frame's body goes instead of a pooled array (<see cref="FrameConnection.LargeFrameSinks"/>): its first
/// <see cref="BodyHeaderLength"/> bytes were read by whoever made the sink, the rest is read from the socket straight into
/// <see cref="Destination"/>, and <see cref="Complete"/> says how that ended. The frame's handler never sees it.
/// </summary>
internal sealed class LargeFrameSink(int bodyHeaderLength, Memory<byte> destination, Action<string?> completed)
{
    private int _completed;

    /// <summary>The body's first bytes, taken from what had arrived when the sink was made.</summary>
    public int BodyHeaderLength { get; } = bodyHeaderLength;

    /// <summary>Exactly the rest of the body.</summary>
    public Memory<byte> Destination { get; } = destination;

    /// <summary>The body arrived whole (<paramref name="failure"/> null), or could not (the reason); only the first call counts.</summary>
    public void Complete(string? failure)
    {
        if (Interlocked.Exchange(ref _completed, 1) == 0)
        {
            completed(failure);
        }
    }
}
