using System.Buffers;
using System.Diagnostics;
using RemoteKit.Diagnostics;
using RemoteKit.Transport;

namespace RemoteKit.Protocol;

/// <summary>Reads the trace context field (<see cref="TraceContextCodec"/>) that Submit and Dispatch headers end with.</summary>
internal static class TraceField
{
    public static ActivityContext Read(ref WireReader r)
    {
        var rest = r.Rest;
        if (rest.FirstSpan is [0, ..])
        {
            r.ReadU8();
            return default;
        }

        Span<byte> head = stackalloc byte[TraceContextCodec.FixedLength + TraceContextCodec.MaxTraceStateBytes];
        var available = (int)Math.Min(rest.Length, head.Length);
        rest.Slice(0, available).CopyTo(head);
        if (!TraceContextCodec.TryRead(head[..available], out var context, out var consumed))
        {
            throw new ProtocolViolationException("A task header carries a malformed trace context.");
        }

        r.ReadSequence(consumed);
        return context;
    }
}
