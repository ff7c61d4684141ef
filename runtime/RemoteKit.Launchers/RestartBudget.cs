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
