using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Launchers;

/// <summary>
/// How often a supervised process may be started again: at most <paramref name="max"/> restarts within
/// <paramref name="window"/>; one that keeps dying sooner is given up on (the controller supervisors of the embedded
/// cluster and of <c>remotekit cluster start</c>).
/// </summary>
internal sealed class RestartBudget(int max, TimeSpan window, TimeProvider? time = null)
{
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The restarts allowed within <see cref="Window"/>.</summary>
    public int Max { get; } = max;

    /// <summary>The period <see cref="Max"/> counts over.</summary>
    public TimeSpan Window { get; } = window;

    /// <summary>Takes one restart from the budget; false when <see cref="Max"/> were taken within the last <see cref="Window"/>.</summary>
    public bool TryTake()
    {
        var now = _time.GetUtcNow();
        while (_recent.Count > 0 && now - _recent.Peek() > Window)
        {
            _recent.Dequeue();
        }

        if (_recent.Count >= Max)
        {
            return false;
        }

        _recent.Enqueue(now);
        return true;
    }

    /// <summary>The budget for a controller: five restarts a minute.</summary>
    public static RestartBudget ForController() => new(5, TimeSpan.FromMinutes(1));
}

/// <summary>What the controller supervisors (the embedded cluster's and <c>remotekit cluster start</c>'s) log.</summary>
internal static partial class ControllerRestartLog
{
    [LoggerMessage(EventId = EventIds.ControllerRestarted, Level = LogLevel.Warning,
        Message = "The controller ({Controller}) died with exit code {ExitCode}; starting it again on the same address and key, restored: engines and clients come back to it")]
    public static partial void Restarting(ILogger logger, string controller, string exitCode);

    [LoggerMessage(EventId = EventIds.ControllerRestartsExhausted, Level = LogLevel.Error,
        Message = "The controller died {Count} times within {Seconds} s; it is not started again, and the cluster ends")]
    public static partial void GaveUp(ILogger logger, int count, double seconds);
}
