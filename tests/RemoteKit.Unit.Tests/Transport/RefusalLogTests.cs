using Microsoft.Extensions.Time.Testing;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;

namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>A flood of refused connections (say, a wrong key in a loop) writes a few summary lines, not one line each.</summary>
public sealed class RefusalLogTests
{
    [Fact]
    public void A_flood_of_refusals_is_summarised_once_per_window_and_nothing_is_lost()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logger = new RecordingLogger();
        var log = new RefusalLog(logger, TimeSpan.FromSeconds(10), clock);

        // 25,000 refusals over 15 s, as in the flood the issue measured.
        for (var i = 0; i < 25_000; i++)
        {
            clock.SetUtcNow(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(15.0 * i / 25_000));
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
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logger = new RecordingLogger();
        var log = new RefusalLog(logger, TimeSpan.FromSeconds(10), clock);
        for (var i = 0; i < 3; i++)
        {
            clock.SetUtcNow(DateTimeOffset.UnixEpoch + TimeSpan.FromMinutes(i));
            log.Refused("10.0.0.9:5000", "handshake timed out");
        }

        log.Flush();
        Assert.Equal(3, logger.Lines.Count);
        Assert.All(logger.Lines, l => Assert.Equal("Refused connection from 10.0.0.9:5000: handshake timed out", l));
    }

    [Fact]
    public void An_engines_refused_direct_connections_are_summarised_the_same_way_under_their_own_name()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
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

    [Fact]
    public void The_summary_of_a_window_is_written_when_it_ends_though_no_refusal_follows()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var logger = new RecordingLogger();
        var log = new RefusalLog(logger, TimeSpan.FromSeconds(10), clock);
        for (var i = 0; i < 50; i++)
        {
            log.Refused("10.0.0.8:7000", "handshake timed out");
        }

        Assert.Single(logger.Lines);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Single(logger.Lines);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Refused 49 more connections in the last 10 s; the latest from 10.0.0.8:7000: handshake timed out", logger.Lines[^1]);

        // Nothing is summarised twice when the listener stops.
        log.Flush();
        Assert.Equal(2, logger.Lines.Count);
    }
}
