using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Connections;

/// <summary>
/// The answering side of the controller's heartbeats, shared by engines and clients: every ping is answered on the read
/// loop (so a busy peer still looks alive), and a controller that has pinged before and then stays silent for longer than
/// its pings allow gets the connection closed, so nothing waits on a dead or unreachable controller.
/// </summary>
internal sealed class HeartbeatResponder
{
    private readonly IFrameChannel _channel;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _lastHeard;
    private long _silenceLimitMs;

    /// <summary>Answers on <paramref name="channel"/>; over TCP, the bytes of a large frame from the controller count as hearing it.</summary>
    public HeartbeatResponder(IFrameChannel channel, ILogger logger, TimeProvider? time = null)
    {
        _channel = channel;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _lastHeard = _time.GetTimestamp();
        if (channel is FrameConnection connection)
        {
            connection.Progress = Heard;
        }
    }

    /// <summary>Call for every frame from the controller.</summary>
    public void Heard() => Volatile.Write(ref _lastHeard, _time.GetTimestamp());

    /// <summary>Answers a <see cref="HeartbeatMessage"/> whose body <paramref name="reader"/> is at.</summary>
    public void Answer(ref WireReader reader)
    {
        Volatile.Write(ref _silenceLimitMs, (long)HeartbeatMessage.Read(ref reader).SilenceLimit.TotalMilliseconds);
        _channel.Send(Message.ToFrame(HeartbeatReplyMessage.OfThisProcess()));
    }

    /// <summary>
    /// Checks every <paramref name="checkEvery"/> until <paramref name="cancellationToken"/> is cancelled; closes the
    /// connection and returns true once the controller has been silent for longer than its heartbeats allow.
    /// </summary>
    public async Task<bool> WatchAsync(TimeSpan checkEvery, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(checkEvery, _time);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var limit = Volatile.Read(ref _silenceLimitMs);
            var silent = (long)_time.GetElapsedTime(Volatile.Read(ref _lastHeard)).TotalMilliseconds;
            if (limit > 0 && silent > limit)
            {
                _logger.LogWarning(EventIds.ControllerSilent, "The controller has sent nothing for {Silent} ms (limit {Limit} ms)", silent, limit);
                _channel.Close($"the controller sent nothing for {silent} ms");
                return true;
            }
        }

        return false;
    }
}
