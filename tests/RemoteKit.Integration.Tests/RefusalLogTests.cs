using Microsoft.Extensions.Logging;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Transport;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>A flood of refused connections (say, a wrong key in a loop) writes a few summary lines, not one line each.</summary>
public sealed class RefusalLogTests
{
    [Fact]
    public void A_flood_of_refusals_is_summarised_once_per_window_and_nothing_is_lost()
    {
        var clock = new ManualClock();
        var logger = new RecordingLogger();
        var log = new RefusalLog(logger, TimeSpan.FromSeconds(10), clock);

        // 25,000 refusals over 15 s, as in the flood the issue measured.
        for (var i = 0; i < 25_000; i++)
        {
            clock.Now = DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(15.0 * i / 25_000);
            log.Refused($"127.0.0.1:{40000 + (i % 1000)}", "authentication failed: the key does not match");
        }

        log.Flush();

        Assert.InRange(logger.Lines.Count, 2, 4);
        Assert.Contains("key does not match", logger.Lines[0]);
        var inFull = logger.Lines.Count(l => l.StartsWith("Refused connection from", StringComparison.Ordinal));
        var summarised = logger.Lines.Where(l => l.Contains(" more connections ", StringComparison.Ordinal))
            .Sum(l => int.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        var reported = inFull + summarised;
        Assert.Equal(25_000, reported);
    }

    [Fact]
    public void Refusals_far_apart_are_each_logged_in_full()
    {
        var clock = new ManualClock();
        var logger = new RecordingLogger();
        var log = new RefusalLog(logger, TimeSpan.FromSeconds(10), clock);
        for (var i = 0; i < 3; i++)
        {
            clock.Now = DateTimeOffset.UnixEpoch + TimeSpan.FromMinutes(i);
            log.Refused("10.0.0.9:5000", "handshake timed out");
        }

        log.Flush();
        Assert.Equal(3, logger.Lines.Count);
        Assert.All(logger.Lines, l => Assert.Equal("Refused connection from 10.0.0.9:5000: handshake timed out", l));
    }

    [Fact]
    public void An_engines_refused_direct_connections_are_summarised_the_same_way_under_their_own_name()
    {
        var clock = new ManualClock();
        var logger = new RecordingLogger();
        var log = new RefusalLog(logger, TimeSpan.FromSeconds(10), clock, EventIds.DirectRefused, "direct connection");
        for (var i = 0; i < 1_000; i++)
        {
            log.Refused("10.0.0.7:6000", "authentication failed: the key does not match");
        }

        log.Flush();

        Assert.Equal(
            [
                "Refused direct connection from 10.0.0.7:6000: authentication failed: the key does not match",
                "Refused 999 more direct connections in the last 0 s; the latest from 10.0.0.7:6000: authentication failed: the key does not match",
            ],
            logger.Lines);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
