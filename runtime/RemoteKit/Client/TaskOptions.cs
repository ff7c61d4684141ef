namespace RemoteKit;

/// <summary>
/// How the tasks of a load-balanced view run: <c>client.LoadBalancedView(new TaskOptions { Retries = 2 })</c>, or
/// <c>lb.With(options)</c> for another view over the same engines.
/// </summary>
public sealed record TaskOptions
{
    /// <summary>The default: no retries, no timeout.</summary>
    public static TaskOptions Default { get; } = new();

    /// <summary>
    /// How many times a task whose engine is lost (its process died or it stopped answering heartbeats) runs again on
    /// another engine before it fails with <see cref="EngineLostException"/>. A retried task may have partly run on the
    /// lost engine; its result is delivered once. Must not be negative.
    /// </summary>
    public int Retries
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Retries cannot be negative.");
    }

    /// <summary>
    /// How long a task may take from submission (queueing at the controller included) before it fails with
    /// <see cref="TaskTimeoutException"/> and its engine is told to abort it; <see langword="null"/>: no limit. Checked once
    /// per controller heartbeat interval, so it may fire up to one interval late.
    /// </summary>
    public TimeSpan? Timeout
    {
        get;
        init => field = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout must be positive.");
    }

    internal int TimeoutMilliseconds => Timeout is { } t ? (int)Math.Clamp(Math.Ceiling(t.TotalMilliseconds), 1, int.MaxValue) : 0;
}
