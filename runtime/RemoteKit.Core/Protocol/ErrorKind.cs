namespace RemoteKit.Protocol;

/// <summary>
/// What an error payload reports, as its first byte: the exception a task's own code threw, or a failure RemoteKit itself
/// decided (the controller or an engine). Every role decides by this code, never by a type name.
/// </summary>
internal enum ErrorKind : byte
{
    /// <summary>The task's code threw; the payload names the .NET type of what it threw.</summary>
    Thrown = 0,

    /// <summary>The task was aborted (by its caller, or because its client left) before or while it ran.</summary>
    Aborted = 1,

    /// <summary>The engine running the task was lost before the task finished.</summary>
    EngineLost = 2,

    /// <summary>The task named an engine that is not registered.</summary>
    EngineNotFound = 3,

    /// <summary>The task ran longer than its timeout.</summary>
    TimedOut = 4,

    /// <summary>
    /// The task was running on as many engines as the controller allows (<c>TaskEngineLossLimit</c>) when each of them was
    /// lost: it is taken to be what kills them, and is not run again.
    /// </summary>
    KilledEngines = 5,

    /// <summary>A task's dependency or input ended in a way its rules do not accept, or cannot be met (its engine is gone).</summary>
    DependencyFailed = 6,

    /// <summary>
    /// A resubmission (<see cref="ResubmitMessage"/>) named a task the history has no record of, or whose arguments it did
    /// not keep; the message says which and why.
    /// </summary>
    NotInHistory = 7,

    /// <summary>A resubmission named a task that cannot run again: not a call, or the controller keeps no history.</summary>
    NotResubmittable = 8,
}

/// <summary>The names RemoteKit's own failures go by in histories, logs and traces: the exception type a caller catches.</summary>
internal static class ErrorKinds
{
    /// <summary>The type name shown for a failure of <paramref name="kind"/> (not <see cref="ErrorKind.Thrown"/>).</summary>
    public static string TypeName(ErrorKind kind) => kind switch
    {
        ErrorKind.Aborted => "RemoteKit.TaskAbortedException",
        ErrorKind.EngineLost => "RemoteKit.EngineLostException",
        ErrorKind.EngineNotFound => "RemoteKit.EngineNotFoundException",
        ErrorKind.TimedOut => "RemoteKit.TaskTimeoutException",
        ErrorKind.KilledEngines => "RemoteKit.TaskKilledEnginesException",
        ErrorKind.DependencyFailed => "RemoteKit.DependencyFailedException",
        ErrorKind.NotInHistory => "System.Collections.Generic.KeyNotFoundException",
        ErrorKind.NotResubmittable => "System.InvalidOperationException",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A thrown exception names its own type."),
    };

    /// <summary>
    /// What a task that passed its timeout fails with, wherever the timeout was kept (the controller's sweep, or the client
    /// of a task sent in one hop).
    /// </summary>
    public static string TimedOutMessage(long timeoutMilliseconds) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The task did not finish within its timeout of {timeoutMilliseconds / 1000.0:0.###} s.");

    /// <summary>Reads a kind byte; an unknown one breaks the protocol.</summary>
    public static ErrorKind Parse(byte value) => value <= (byte)ErrorKind.NotResubmittable
        ? (ErrorKind)value
        : throw new ProtocolViolationException($"Unknown error kind {value}.");
}
