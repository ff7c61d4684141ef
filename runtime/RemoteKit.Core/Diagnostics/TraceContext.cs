using System.Diagnostics;

namespace RemoteKit.Diagnostics;

/// <summary>
/// A W3C trace context (<c>traceparent</c> and <c>tracestate</c>) small enough to ride in every task frame: 26 bytes in binary
/// form (<see cref="BinarySize"/>), or the standard 55-character <c>traceparent</c> string.
/// </summary>
/// <remarks>
/// Binary layout, the W3C "binary trace context" draft's fixed part: version byte (0), trace id (16 bytes), span id (8 bytes),
/// trace flags (1 byte). The optional <c>tracestate</c> travels beside it as a string because it is free text.
/// </remarks>
/// <param name="TraceId">The trace the task belongs to.</param>
/// <param name="SpanId">The span on the sending side that becomes the receiver's parent.</param>
/// <param name="Flags">The trace flags (sampled or not).</param>
/// <param name="TraceState">The vendor <c>tracestate</c>, or <see langword="null"/>.</param>
public readonly record struct TraceContext(ActivityTraceId TraceId, ActivitySpanId SpanId, ActivityTraceFlags Flags, string? TraceState = null)
{
    /// <summary>Bytes in the binary form written by <see cref="TryWriteTo"/>.</summary>
    public const int BinarySize = 26;

    private const byte Version = 0;

    /// <summary>The context of <paramref name="activity"/> (by default <see cref="Activity.Current"/>), or null when there is none.</summary>
    /// <param name="activity">The span to carry; <see cref="Activity.Current"/> when omitted.</param>
    public static TraceContext? Capture(Activity? activity = null)
    {
        activity ??= Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return null;
        }

        return new TraceContext(activity.TraceId, activity.SpanId, activity.ActivityTraceFlags, activity.TraceStateString);
    }

    /// <summary>The context as the parent of a span started on the receiving side.</summary>
    public ActivityContext ToActivityContext() => new(TraceId, SpanId, Flags, TraceState, isRemote: true);

    /// <summary>The <c>traceparent</c> header value: <c>00-{trace id}-{span id}-{flags}</c>.</summary>
    public string ToTraceParent() => $"00-{TraceId.ToHexString()}-{SpanId.ToHexString()}-{(byte)Flags:x2}";

    /// <summary>Parses a <c>traceparent</c> value (and an optional <c>tracestate</c>).</summary>
    /// <param name="traceParent">The <c>traceparent</c> value.</param>
    /// <param name="traceState">The <c>tracestate</c> value, if any.</param>
    /// <param name="context">The parsed context.</param>
    /// <returns>Whether <paramref name="traceParent"/> was a valid version-00 value.</returns>
    public static bool TryParse(string? traceParent, string? traceState, out TraceContext context)
    {
        context = default;
        if (!ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parsed))
        {
            return false;
        }

        context = new TraceContext(parsed.TraceId, parsed.SpanId, parsed.TraceFlags, parsed.TraceState);
        return true;
    }

    /// <summary>Writes the fixed binary form (without <see cref="TraceState"/>).</summary>
    /// <param name="destination">At least <see cref="BinarySize"/> bytes.</param>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    public bool TryWriteTo(Span<byte> destination)
    {
        if (destination.Length < BinarySize)
        {
            return false;
        }

        destination[0] = Version;
        TraceId.CopyTo(destination.Slice(1, 16));
        SpanId.CopyTo(destination.Slice(17, 8));
        destination[25] = (byte)Flags;
        return true;
    }

    /// <summary>Reads the fixed binary form written by <see cref="TryWriteTo"/>.</summary>
    /// <param name="source">The bytes; only the first <see cref="BinarySize"/> are read.</param>
    /// <param name="traceState">The <c>tracestate</c> that travelled beside it, if any.</param>
    /// <param name="context">The context read.</param>
    /// <returns>False when <paramref name="source"/> is short, of another version, or carries an all-zero (invalid) id.</returns>
    public static bool TryRead(ReadOnlySpan<byte> source, string? traceState, out TraceContext context)
    {
        context = default;
        if (source.Length < BinarySize || source[0] != Version)
        {
            return false;
        }

        var traceBytes = source.Slice(1, 16);
        var spanBytes = source.Slice(17, 8);
        if (!traceBytes.ContainsAnyExcept((byte)0) || !spanBytes.ContainsAnyExcept((byte)0))
        {
            return false;
        }

        context = new TraceContext(
            ActivityTraceId.CreateFromBytes(traceBytes),
            ActivitySpanId.CreateFromBytes(spanBytes),
            (ActivityTraceFlags)source[25],
            traceState);
        return true;
    }
}
