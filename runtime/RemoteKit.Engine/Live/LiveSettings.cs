namespace RemoteKit.Engine;

/// <summary>How an engine sends what its tasks print, report and publish while they run (from <see cref="EngineOptions"/>).</summary>
/// <param name="Interval">The least time between two sends of a task's output, of its progress, and of its published values; the first after a pause goes at once.</param>
/// <param name="BatchChars">Output pending this long is sent without waiting for the interval.</param>
/// <param name="RateChars">Live output an engine sends per second, at most; what a task prints beyond it is dropped from the live stream (not from its result).</param>
/// <param name="KeptChars">Output kept per stream for the task's result (<c>Metadata.Stdout</c>, <c>Stderr</c>): the first and the last half of it past this.</param>
/// <param name="StreamFlushInterval">How long a stream's items wait, at most, while its producer is busy computing the next one.</param>
internal sealed record LiveSettings(TimeSpan Interval, int BatchChars, int RateChars, int KeptChars, TimeSpan StreamFlushInterval)
{
    public static readonly LiveSettings Default = From(new EngineOptions());

    /// <summary>Live output waiting to be sent, at most; beyond it, new output is dropped from the live stream.</summary>
    public int PendingChars => Math.Max(4 * BatchChars, 256 * 1024);

    public static LiveSettings From(EngineOptions options) => new(
        options.LiveOutputInterval > TimeSpan.Zero ? options.LiveOutputInterval : TimeSpan.FromMilliseconds(50),
        Math.Max(1, options.LiveOutputBatch),
        Math.Max(1, options.LiveOutputRate),
        Math.Max(2, options.TaskOutputLimit),
        options.StreamFlushInterval > TimeSpan.Zero ? options.StreamFlushInterval : TimeSpan.FromMilliseconds(10));
}

/// <summary>
/// An engine's budget of live output (a token bucket of characters, refilled at <see cref="LiveSettings.RateChars"/> per
/// second, holding up to a quarter second's worth): shared by the tasks an engine runs one after another, so no task can make
/// it send faster.
/// </summary>
internal sealed class LiveOutputBudget(LiveSettings settings, TimeProvider time)
{
    private readonly long _capacity = Math.Max(settings.BatchChars, settings.RateChars / 4);
    private long _tokens = Math.Max(settings.BatchChars, settings.RateChars / 4);
    private long _refilled = time.GetTimestamp();
    private readonly Lock _gate = new();

    /// <summary>Takes up to <paramref name="wanted"/> characters from the budget; returns how many it may send now. Callers hold their own lock.</summary>
    public int Take(int wanted)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(_refilled, now);
            var refill = (long)(elapsed.TotalSeconds * settings.RateChars);
            if (refill > 0)
            {
                _tokens = Math.Min(_capacity, _tokens + refill);
                _refilled = now;
            }

            var granted = (int)Math.Min(wanted, _tokens);
            _tokens -= granted;
            return granted;
        }
    }

    /// <summary>How long until <paramref name="chars"/> characters are in the budget (zero if they are).</summary>
    public TimeSpan UntilAvailable(int chars)
    {
        lock (_gate)
        {
            var missing = Math.Min(chars, _capacity) - _tokens;
            return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)missing / settings.RateChars);
        }
    }
}
