using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace RemoteKit.Diagnostics;

/// <summary>
/// When each startup phase of this process happened, in milliseconds from the process's start as the operating system
/// recorded it (so the runtime's own start is included). Phases are always recorded (a timestamp each); with
/// <c>RemoteKit:Diagnostics:StartupTrace=true</c> (or <c>REMOTEKIT__DIAGNOSTICS__STARTUPTRACE=true</c>) a controller or
/// engine process logs them, as one line under <see cref="Category"/> once it is usable, then one line per later phase.
/// </summary>
/// <remarks>The operating system keeps a process's start in clock ticks: times are good to about 10 ms.</remarks>
internal static class StartupTrace
{
    /// <summary>The configuration key that turns the log lines on.</summary>
    public const string Setting = Configuration.SettingKeys.Diagnostics.StartupTrace;

    /// <summary>The log category of the trace's lines.</summary>
    public const string Category = "RemoteKit.StartupTrace";

    private static readonly long Origin = Stopwatch.GetTimestamp();
    private static readonly double OriginSinceProcessStart = SinceProcessStart();
    private static readonly List<(string Phase, double Milliseconds)> Phases = [];
    private static ILogger? _logger;
    private static string _process = string.Empty;
    private static bool _reported;

    /// <summary>Milliseconds from this process's start until now.</summary>
    public static double Now => OriginSinceProcessStart + Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;

    /// <summary>The phases recorded so far, in order.</summary>
    public static IReadOnlyList<(string Phase, double Milliseconds)> Recorded
    {
        get
        {
            lock (Phases)
            {
                return [.. Phases];
            }
        }
    }

    /// <summary>Records that <paramref name="phase"/> has been reached (only its first time counts).</summary>
    /// <param name="phase">What the process has just done, in a few words (<c>host built</c>, <c>registered</c>).</param>
    /// <param name="usable">Whether the process can now do its job: the trace is logged from here on.</param>
    public static void Mark(string phase, bool usable = false)
    {
        var now = Now;
        string? line = null;
        ILogger? logger;
        lock (Phases)
        {
            if (Phases.Exists(p => p.Phase == phase))
            {
                return;
            }

            Phases.Add((phase, now));
            logger = _logger;
            if (logger is not null && _reported)
            {
                line = Format([(phase, now)]);
            }
            else if (logger is not null && usable)
            {
                _reported = true;
                line = Format(Phases);
            }
        }

        if (line is not null)
        {
            Log(logger!, line);
        }
    }

    /// <summary>Turns the log lines on for this process: phases are logged through <paramref name="logger"/>.</summary>
    /// <param name="logger">Where the lines go.</param>
    /// <param name="role">The process's role (<c>controller</c>, <c>engine</c>), named in every line.</param>
    public static void Attach(ILogger logger, string role)
    {
        lock (Phases)
        {
            _logger = logger;
            _process = string.Create(CultureInfo.InvariantCulture, $"{role} process {Environment.ProcessId}");
        }
    }

    private static string Format(IEnumerable<(string Phase, double Milliseconds)> phases)
    {
        var line = new StringBuilder("startup trace of ").Append(_process).Append(" (ms from process start):");
        foreach (var (phase, ms) in phases)
        {
            line.Append(CultureInfo.InvariantCulture, $" {phase} {ms:F0};");
        }

        return line.ToString(0, line.Length - 1);
    }

    private static void Log(ILogger logger, string line) => logger.LogInformation(EventIds.StartupTrace, "{StartupTrace}", line);

    private static double SinceProcessStart()
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            return Math.Max(0, (DateTime.Now - self.StartTime).TotalMilliseconds);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            // No start time to read (a sandbox without /proc): times count from the first phase instead.
            return 0;
        }
    }
}
