using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace RemoteKit.Protocol;

/// <summary>
/// The trace context field that Submit and Dispatch headers end with: W3C trace context (<c>traceparent</c> and
/// <c>tracestate</c>) as a small binary field, so a task's spans on the client, the controller and the engine form one trace.
/// </summary>
/// <remarks>
/// Layout (little-endian), readable without knowing anything else about the frame:
/// <list type="bullet">
/// <item><c>[u8 0]</c>: no context (one byte).</item>
/// <item><c>[u8 1][16 trace-id][8 parent-id][u8 trace-flags][u16 n][n bytes tracestate, UTF-8]</c>: the fields of
/// <c>traceparent</c> version 00 in binary, then <c>tracestate</c> (n = 0 when empty). 28 + n bytes.</item>
/// </list>
/// A <c>tracestate</c> longer than <see cref="MaxTraceStateBytes"/> is dropped, as W3C allows for an oversized one.
/// </remarks>
internal static class TraceField
{
    /// <summary>The encoded length of "no context".</summary>
    public const int EmptyLength = 1;

    /// <summary>The encoded length of a context with an empty <c>tracestate</c>.</summary>
    public const int FixedLength = 1 + 16 + 8 + 1 + 2;

    /// <summary>The longest <c>tracestate</c> carried (W3C: 32 members of at most 512 characters in all).</summary>
    public const int MaxTraceStateBytes = 512;

    private const byte NoContext = 0;
    private const byte Version1 = 1;

    /// <summary>The encoded length of <paramref name="context"/>.</summary>
    /// <param name="context">The context; <see langword="default"/> encodes as "no context".</param>
    /// <returns>The number of bytes <see cref="Write(in ActivityContext, Span{byte})"/> writes.</returns>
    public static int GetLength(in ActivityContext context) =>
        context == default ? EmptyLength : FixedLength + TraceStateLength(context.TraceState);

    /// <summary>Encodes <paramref name="context"/> into <paramref name="destination"/>.</summary>
    /// <param name="context">The context, usually <c>Activity.Current?.Context ?? default</c>.</param>
    /// <param name="destination">At least <see cref="GetLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static int Write(in ActivityContext context, Span<byte> destination)
    {
        var length = GetLength(context);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The trace context needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        if (length == EmptyLength)
        {
            destination[0] = NoContext;
            return EmptyLength;
        }

        destination[0] = Version1;
        context.TraceId.CopyTo(destination.Slice(1, 16));
        context.SpanId.CopyTo(destination.Slice(17, 8));
        destination[25] = (byte)context.TraceFlags;
        var stateLength = length - FixedLength;
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(26, 2), (ushort)stateLength);
        if (stateLength > 0)
        {
            Encoding.UTF8.GetBytes(context.TraceState, destination.Slice(FixedLength, stateLength));
        }

        return length;
    }

    /// <summary>Encodes <paramref name="context"/> into a buffer writer (a frame being built).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="context">The context; <see langword="default"/> encodes as "no context".</param>
    public static void Write(IBufferWriter<byte> writer, in ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetLength(context);
        Write(context, writer.GetSpan(length));
        writer.Advance(length);
    }

    /// <summary>Decodes a context written by <see cref="Write(in ActivityContext, Span{byte})"/>.</summary>
    /// <param name="source">The bytes, starting at the field.</param>
    /// <param name="context">The context, marked remote; <see langword="default"/> for "no context".</param>
    /// <param name="consumed">How many bytes the field took.</param>
    /// <returns><see langword="false"/> when the bytes are truncated or not a trace context field.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, out ActivityContext context, out int consumed)
    {
        context = default;
        consumed = 0;
        if (source.IsEmpty)
        {
            return false;
        }

        if (source[0] == NoContext)
        {
            consumed = EmptyLength;
            return true;
        }

        if (source[0] != Version1 || source.Length < FixedLength)
        {
            return false;
        }

        var stateLength = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(26, 2));
        if (stateLength > MaxTraceStateBytes || source.Length < FixedLength + stateLength)
        {
            return false;
        }

        // All-zero ids are invalid in W3C trace context.
        if (!source.Slice(1, 16).ContainsAnyExcept((byte)0) || !source.Slice(17, 8).ContainsAnyExcept((byte)0))
        {
            return false;
        }

        var traceId = ActivityTraceId.CreateFromBytes(source.Slice(1, 16));
        var spanId = ActivitySpanId.CreateFromBytes(source.Slice(17, 8));

        var state = stateLength == 0 ? null : Encoding.UTF8.GetString(source.Slice(FixedLength, stateLength));
        context = new ActivityContext(traceId, spanId, (ActivityTraceFlags)source[25], state, isRemote: true);
        consumed = FixedLength + stateLength;
        return true;
    }

    /// <summary>Decodes a context from a frame being read, advancing past it.</summary>
    /// <param name="reader">The reader, positioned at the field.</param>
    /// <param name="context">The context, marked remote; <see langword="default"/> for "no context".</param>
    /// <returns><see langword="false"/> (and the reader unmoved) when the bytes are truncated or not a trace context field.</returns>
    public static bool TryRead(ref SequenceReader<byte> reader, out ActivityContext context)
    {
        Span<byte> head = stackalloc byte[FixedLength];
        var available = (int)Math.Min(reader.Remaining, FixedLength);
        if (!reader.TryCopyTo(head[..available]))
        {
            context = default;
            return false;
        }

        if (available > 0 && head[0] == NoContext)
        {
            context = default;
            reader.Advance(EmptyLength);
            return true;
        }

        if (available < FixedLength)
        {
            context = default;
            return false;
        }

        var total = FixedLength + BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(26, 2));
        if (total > FixedLength + MaxTraceStateBytes || reader.Remaining < total)
        {
            context = default;
            return false;
        }

        Span<byte> field = stackalloc byte[total];
        reader.TryCopyTo(field);
        if (!TryRead(field, out context, out var consumed))
        {
            return false;
        }

        reader.Advance(consumed);
        return true;
    }

    /// <summary>
    /// Replaces the parent span id of an encoded context in place, so a controller that forwards a frame without copying
    /// it can make its own span the engine's parent. The field keeps its length.
    /// </summary>
    /// <param name="encoded">The field, as written by <see cref="Write(in ActivityContext, Span{byte})"/>.</param>
    /// <param name="spanId">The new parent span id (the forwarding process's span).</param>
    /// <returns><see langword="false"/> when the field holds no context (nothing to rewrite) or is not a trace context field.</returns>
    public static bool TryRewriteSpanId(Span<byte> encoded, ActivitySpanId spanId)
    {
        if (encoded.Length < FixedLength || encoded[0] != Version1 || spanId == default)
        {
            return false;
        }

        spanId.CopyTo(encoded.Slice(17, 8));
        return true;
    }

    private static int TraceStateLength(string? traceState)
    {
        if (string.IsNullOrEmpty(traceState))
        {
            return 0;
        }

        var bytes = Encoding.UTF8.GetByteCount(traceState);
        return bytes <= MaxTraceStateBytes ? bytes : 0;
    }

    /// <summary>Reads the field at <paramref name="r"/>; a malformed one breaks the protocol.</summary>
    public static ActivityContext Read(ref WireReader r)
    {
        var rest = r.Rest;
        if (rest.FirstSpan is [0, ..])
        {
            r.ReadU8();
            return default;
        }

        Span<byte> head = stackalloc byte[TraceField.FixedLength + TraceField.MaxTraceStateBytes];
        var available = (int)Math.Min(rest.Length, head.Length);
        rest.Slice(0, available).CopyTo(head);
        if (!TraceField.TryRead(head[..available], out var context, out var consumed))
        {
            throw new ProtocolViolationException("A task header carries a malformed trace context.");
        }

        r.ReadSequence(consumed);
        return context;
    }
}
