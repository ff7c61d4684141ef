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

    /// <summary>
    /// Tasks that must finish before these run (ipyparallel's <c>after</c>): the controller holds each task until they have,
    /// then checks their outcomes against <see cref="DependsOn"/>. Results of this client only. Honoured by engine views too.
    /// </summary>
    public IReadOnlyList<AsyncResult>? After { get; init; }

    /// <summary>
    /// Tasks that these must run after, on the same engine (ipyparallel's <c>follow</c>): when that engine is gone, the task
    /// fails with <see cref="DependencyFailedException"/>. Results of this client only.
    /// </summary>
    public IReadOnlyList<AsyncResult>? Follow { get; init; }

    /// <summary>Which outcome of <see cref="After"/> and <see cref="Follow"/> lets a task run; the others fail it with <see cref="DependencyFailedException"/>.</summary>
    public DependencyOutcome DependsOn { get; init; } = DependencyOutcome.Success;

    /// <summary>How long a task may wait for its dependencies before it fails with <see cref="DependencyFailedException"/>; <see langword="null"/>: no limit.</summary>
    public TimeSpan? DependencyTimeout
    {
        get;
        init => field = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A dependency timeout must be positive.");
    }

    /// <summary>
    /// Keep each task's result on its engine instead of sending it back: get the <see cref="RemoteRef{T}"/> with
    /// <see cref="AsyncResult{T}.KeepAsync"/>, and pass it to later tasks.
    /// </summary>
    public bool Keep { get; init; }

    /// <summary>Where a task whose arguments include kept values (<see cref="RemoteRef{T}"/>) runs.</summary>
    public DataLocality Locality { get; init; } = DataLocality.PreferHolder;

    /// <summary>Whether tasks need the dataflow form (dependencies, or keeping).</summary>
    internal bool HasFlow => After is { Count: > 0 } || Follow is { Count: > 0 } || Keep;

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

/// <summary>Which outcome of its dependencies lets a task run (<see cref="TaskOptions.DependsOn"/>).</summary>
public enum DependencyOutcome
{
    /// <summary>They all succeeded (the default).</summary>
    Success,

    /// <summary>They all failed: a task that cleans up or reports.</summary>
    Failure,

    /// <summary>They finished, however.</summary>
    Any,
}

/// <summary>Where a task that takes kept values runs (<see cref="TaskOptions.Locality"/>).</summary>
public enum DataLocality
{
    /// <summary>On the engine keeping its largest input when that engine has room; otherwise the least-loaded engine, and the value moves there.</summary>
    PreferHolder,

    /// <summary>On the least-loaded engine; values kept elsewhere move there, engine to engine.</summary>
    LeastLoaded,
}
