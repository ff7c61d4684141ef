namespace RemoteKit.Controller.History;

/// <summary>
/// What the history keeps of a task to run it again (<c>RemoteClient.ResubmitAsync</c>): where and how it was placed, and
/// its body (the arguments as the client sent them) when <see cref="TaskHistoryOptions.MaxArgumentBytes"/> let it be kept.
/// </summary>
public sealed record TaskArguments
{
    /// <summary>The engine the task named, or -1 when the controller chose one (load-balanced).</summary>
    public required int Target { get; init; }

    /// <summary>How many times a load-balanced task may move to another engine.</summary>
    public int Retries { get; init; }

    /// <summary>The task's time limit in milliseconds, or 0 for none.</summary>
    public int TimeoutMilliseconds { get; init; }

    /// <summary>The task body's first byte, its kind (a call, a map chunk, a push, ...).</summary>
    public required byte BodyKind { get; init; }

    /// <summary>The size of the task body, kept or not.</summary>
    public required long Size { get; init; }

    /// <summary>
    /// The task body (kind, method id, code bundle hash, arguments), or <see langword="null"/> when it was not kept: larger
    /// than <see cref="TaskHistoryOptions.MaxArgumentBytes"/>, that setting 0, or dropped by
    /// <see cref="TaskHistoryOptions.ArgumentBudgetBytes"/>.
    /// </summary>
    public byte[]? Body { get; init; }

    /// <summary>The task this one runs again, when it is a resubmission.</summary>
    public ulong? ResubmitOf { get; init; }
}
