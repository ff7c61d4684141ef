using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using RemoteKit.Diagnostics;

namespace RemoteKit.Unit.Tests.Diagnostics;

/// <summary>
/// What a controller or engine process prints (the console logger as the host configures it) is what the process that
/// started it reads back, so a child's warning arrives in the parent's log as a warning of the same category and event.
/// </summary>
public sealed class ChildLogFormatTests
{
    [Theory]
    [InlineData(LogLevel.Warning)]
    [InlineData(LogLevel.Error)]
    [InlineData(LogLevel.Information)]
    public void A_line_the_host_prints_reads_back_with_its_level_category_event_and_message(LogLevel level)
    {
        var line = Print(level, "RemoteKit.Engine.EngineService", EventIds.ControllerLost, "Lost the controller [at 10.0.0.1:4000]");

        Assert.True(ChildLogFormat.TryParse(line, out var readLevel, out var category, out var id, out var message), line);
        Assert.Equal((level, "RemoteKit.Engine.EngineService", EventIds.ControllerLost.Id, "Lost the controller [at 10.0.0.1:4000]"), (readLevel, category, id.Id, message));
    }

    [Fact]
    public void Any_other_line_is_not_a_log_entry()
    {
        Assert.False(ChildLogFormat.TryParse("Unhandled exception. System.InvalidOperationException: boom", out _, out _, out _, out _));
    }

    /// <summary>One entry through the same console formatter and options as RoleHost.</summary>
    private static string Print(LogLevel level, string category, EventId id, string message)
    {
        using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = ChildLogFormat.TimestampFormat;
            }))
            .BuildServiceProvider();
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);
        using var text = new StringWriter();
        formatter.Write(new LogEntry<string>(level, category, id, message, null, static (s, _) => s), new LoggerExternalScopeProvider(), text);
        return text.ToString().TrimEnd('\r', '\n');
    }
}
