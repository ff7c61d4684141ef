using System.Globalization;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Unit.Tests.Diagnostics;

/// <summary>The startup trace logs nothing until the process is usable, then every phase so far in one line, then one line a phase.</summary>
public sealed class StartupTraceTests
{
    [Fact]
    public void Phases_are_logged_together_once_usable_then_one_by_one_each_only_the_first_time()
    {
        var logger = new RecordingLogger();
        StartupTrace.Mark("unit: before attach");
        StartupTrace.Attach(logger, "unit");
        StartupTrace.Mark("unit: configured");
        Assert.Empty(logger.Entries);

        StartupTrace.Mark("unit: usable", usable: true);
        StartupTrace.Mark("unit: later");
        StartupTrace.Mark("unit: later");

        Assert.Equal(2, logger.Entries.Count);
        Assert.All(logger.Entries, e => Assert.Equal((LogLevel.Information, EventIds.StartupTrace.Id), (e.Level, e.EventId.Id)));
        var summary = logger.Entries[0].Message;
        Assert.StartsWith($"startup trace of unit process {Environment.ProcessId} (ms from process start):", summary, StringComparison.Ordinal);
        Assert.True(
            summary.IndexOf("unit: before attach", StringComparison.Ordinal) < summary.IndexOf("unit: configured", StringComparison.Ordinal)
            && summary.IndexOf("unit: configured", StringComparison.Ordinal) < summary.IndexOf("unit: usable", StringComparison.Ordinal),
            summary);
        Assert.DoesNotContain("unit: later", summary, StringComparison.Ordinal);
        Assert.EndsWith(" unit: later " + At("unit: later"), logger.Entries[1].Message, StringComparison.Ordinal);
        Assert.Single(StartupTrace.Recorded, p => p.Phase == "unit: later");
    }

    private static string At(string phase) =>
        StartupTrace.Recorded.Single(p => p.Phase == phase).Milliseconds.ToString("F0", CultureInfo.InvariantCulture);
}
