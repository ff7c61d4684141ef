using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace RemoteKit.Diagnostics;

/// <summary>
/// The one line per log entry that controller and engine processes write to standard error (the console logger, single
/// line, with <see cref="TimestampFormat"/>: <c>12:00:01 warn: RemoteKit.Engine.EngineService[1021] Lost the controller</c>),
/// and how the process that started them reads such a line back to log it as its own. Written and read by this one type.
/// </summary>
internal static partial class ChildLogFormat
{
    /// <summary>The timestamp in front of each line.</summary>
    public const string TimestampFormat = "HH:mm:ss ";

    /// <summary>Reads a log entry printed by a RemoteKit process; false for any other line (a crash report, a tool's output).</summary>
    public static bool TryParse(string line, out LogLevel level, out string category, out EventId eventId, out string message)
    {
        var match = EntryPattern().Match(line);
        if (!match.Success)
        {
            (level, category, eventId, message) = (LogLevel.None, string.Empty, default, line);
            return false;
        }

        level = match.Groups["level"].Value switch
        {
            "trce" => LogLevel.Trace,
            "dbug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warn" => LogLevel.Warning,
            "fail" => LogLevel.Error,
            _ => LogLevel.Critical,
        };
        category = match.Groups["category"].Value;
        _ = int.TryParse(match.Groups["id"].ValueSpan, CultureInfo.InvariantCulture, out var id);
        eventId = new EventId(id);
        message = match.Groups["message"].Value;
        return true;
    }

    // "[HH:mm:ss ]warn: RemoteKit.Engine.EngineService[1021] Lost the controller ..."
    [GeneratedRegex(@"^(?:\d\d:\d\d:\d\d )?(?<level>trce|dbug|info|warn|fail|crit): (?<category>[^\s\[]+)\[(?<id>\d+)\] ?(?<message>.*)$")]
    private static partial Regex EntryPattern();
}
