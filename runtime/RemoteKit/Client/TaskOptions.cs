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

    /// <summary>
    /// What makes a task run again, while it has <see cref="Retries"/> left: its engine lost (the default), and with
    /// <see cref="RetryOn.Exception"/> also an exception thrown by the method (only those named in
    /// <see cref="RetryOnExceptions"/>, when any are). A task retried after an exception avoids the engines it already
    /// failed on while others can take it, as ipyparallel's scheduler does.
    /// </summary>
    public RetryOn RetryOn { get; init; } = RetryOn.EngineLost;

    /// <summary>
    /// The exceptions that make a task run again when <see cref="RetryOn"/> includes <see cref="RetryOn.Exception"/>, by full
    /// type name (<c>"System.IO.IOException"</c>); exactly that type, not its subclasses. Empty or <see langword="null"/>: any
    /// exception.
    /// </summary>
    public IReadOnlyList<string>? RetryOnExceptions { get; init; }

    /// <summary>Whether the controller must be told more than the retry count: retries on anything but engine loss.</summary>
    internal bool HasRetryPolicy => RetryOn != RetryOn.EngineLost && Retries > 0;

    internal int TimeoutMilliseconds => Timeout is { } t ? (int)Math.Clamp(Math.Ceiling(t.TotalMilliseconds), 1, int.MaxValue) : 0;
}

/// <summary>What makes a load-balanced task run again on another engine (<see cref="TaskOptions.RetryOn"/>).</summary>
[Flags]
public enum RetryOn
{
    /// <summary>Its engine was lost: the process died, or it stopped answering.</summary>
    EngineLost = 1,

    /// <summary>The method threw (one of <see cref="TaskOptions.RetryOnExceptions"/>, when any are named).</summary>
    Exception = 2,
}
