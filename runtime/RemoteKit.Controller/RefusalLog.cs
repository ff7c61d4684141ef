using Microsoft.Extensions.Logging;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// Logs refused connections without letting a flood of them flood the log: the first refusal of each window is logged
/// in full, the rest are counted and summarised in one line when the window has passed (or the controller stops).
/// </summary>
internal sealed class RefusalLog(ILogger logger, TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _suppressed;
    private string? _lastPeer;
    private string? _lastReason;

    /// <summary>Records one refused connection.</summary>
    public void Refused(string peer, string reason)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now - _windowStart < window)
            {
                _suppressed++;
                _lastPeer = peer;
                _lastReason = reason;
                return;
            }

            FlushLocked(now);
            _windowStart = now;
        }

        logger.LogWarning(EventIds.HandshakeRefused, "Refused connection from {Peer}: {Reason}", peer, reason);
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
        if (_suppressed == 0)
        {
            return;
        }

        logger.LogWarning(
            EventIds.HandshakeRefused,
            "Refused {Count} more connections in the last {Seconds:N0} s; the latest from {Peer}: {Reason}",
            _suppressed, (now - _windowStart).TotalSeconds, _lastPeer, _lastReason);
        _suppressed = 0;
    }
}
