using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Connections;

/// <summary>
/// Logs refused connections without letting a flood of them flood the log: the first refusal of each window is logged
/// in full, the rest are counted and summarised in one line when the window has passed (on a timer, so the summary does
/// not wait for the next refusal) or the listener stops. The
/// controller's listener uses it for every connection, an engine's direct path for its direct connections.
/// </summary>
/// <param name="logger">Where the lines go.</param>
/// <param name="window">How long after a line in full refusals are only counted.</param>
/// <param name="time">The clock.</param>
/// <param name="eventId">The event id of the lines.</param>
/// <param name="what">What was refused, singular: "connection", "direct connection".</param>
internal sealed class RefusalLog(ILogger logger, TimeSpan window, TimeProvider time, EventId eventId, string what)
{
    /// <summary>The controller's log of refused connections.</summary>
    public RefusalLog(ILogger logger, TimeSpan window, TimeProvider time)
        : this(logger, window, time, EventIds.HandshakeRefused, "connection")
    {
    }

    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _suppressed;
    private string? _lastPeer;
    private string? _lastReason;
    private ITimer? _summary;

    /// <summary>Records one refused connection.</summary>
    public void Refused(string peer, string reason)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now - _windowStart < window)
            {
                if (_suppressed++ == 0)
                {
                    // The summary is written when the window ends, whether or not another refusal comes.
                    _summary?.Dispose();
                    _summary = time.CreateTimer(static log => ((RefusalLog)log!).Flush(), this, _windowStart + window - now, Timeout.InfiniteTimeSpan);
                }

                _lastPeer = peer;
                _lastReason = reason;
                return;
            }

            FlushLocked(now);
            _windowStart = now;
        }

        logger.LogWarning(eventId, "Refused {What} from {Peer}: {Reason}", what, peer, reason);
    }

    /// <summary>Logs the summary of refusals not yet reported.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushLocked(time.GetUtcNow());
        }
    }

    private void FlushLocked(DateTimeOffset now)
    {
        _summary?.Dispose();
        _summary = null;
        if (_suppressed == 0)
        {
            return;
        }

        logger.LogWarning(
            eventId,
            "Refused {Count} more {What}s in the last {Seconds:N0} s; the latest from {Peer}: {Reason}",
            _suppressed, what, (now - _windowStart).TotalSeconds, _lastPeer, _lastReason);
        _suppressed = 0;
    }
}
