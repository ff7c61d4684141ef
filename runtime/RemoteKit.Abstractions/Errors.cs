namespace RemoteKit;

/// <summary>
/// The base of the errors RemoteKit raises about the cluster itself: a lost connection, a lost or unknown engine, a task
/// past its timeout, code that could not be shipped. An exception thrown by a [Remote] method arrives as a
/// <see cref="RemoteException"/>, which derives from it too. An aborted or cancelled task ends with an
/// <see cref="OperationCanceledException"/> (<see cref="TaskAbortedException"/>) instead.
/// </summary>
public class RemoteKitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public RemoteKitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteKitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The connection to the controller was lost or could not be used; every task still pending on it fails with this.</summary>
public sealed class RemoteKitConnectionException : RemoteKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public RemoteKitConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RemoteKitConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The engine running (or holding) a task was lost before the task finished: its process died or its connection to the
/// controller closed. The task may have partly run. Other engines are not affected.
/// </summary>
public sealed class EngineLostException : RemoteKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="engineId">The engine that was lost.</param>
    /// <param name="reason">Why the controller considers it lost, e.g. that its connection closed.</param>
    public EngineLostException(int engineId, string reason)
        : this(engineId, reason, $"Engine {engineId} was lost before the task finished ({reason}).")
    {
    }

    internal EngineLostException(int engineId, string reason, string message)
        : base(message)
    {
        EngineId = engineId;
        Reason = reason;
    }

    /// <summary>The engine that was lost.</summary>
    public int EngineId { get; }

    /// <summary>Why the engine is considered lost, as the controller reported it.</summary>
    public string Reason { get; }
}

/// <summary>
/// A task was sent to an engine id that the controller does not know: the engine never existed, or it left the cluster
/// after the view naming it was made.
/// </summary>
public sealed class EngineNotFoundException : RemoteKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="engineId">The engine id that was asked for.</param>
    public EngineNotFoundException(int engineId)
        : this(engineId, $"There is no engine {engineId}.")
    {
    }

    internal EngineNotFoundException(int engineId, string message)
        : base(message)
    {
        EngineId = engineId;
    }

    /// <summary>The engine id that was asked for.</summary>
    public int EngineId { get; }
}

/// <summary>A task did not finish within the timeout it was given; it was stopped and will not deliver a result.</summary>
public sealed class TaskTimeoutException : RemoteKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="engineId">The engine that ran the task, or -1 if it never reached one.</param>
    /// <param name="message">What happened, with the timeout.</param>
    public TaskTimeoutException(int engineId, string message)
        : base(message)
    {
        EngineId = engineId;
    }

    /// <summary>The engine that ran the task, or -1 if it never reached one.</summary>
    public int EngineId { get; }
}

/// <summary>
/// A task was running on as many engines as the controller allows (<c>RemoteKit:Controller:TaskEngineLossLimit</c>, 2 by
/// default) when each of them was lost: it is taken to be what kills them (it crashes the process, exhausts its memory),
/// and fails instead of running again, whatever retries it had left, so that it cannot take the whole cluster down.
/// </summary>
public sealed class TaskKilledEnginesException : RemoteKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="engineId">The last engine lost while running the task.</param>
    /// <param name="message">What happened, naming every engine lost.</param>
    public TaskKilledEnginesException(int engineId, string message)
        : base(message)
    {
        EngineId = engineId;
    }

    /// <summary>The last engine lost while running the task.</summary>
    public int EngineId { get; }
}

/// <summary>
/// A task did not run because of its dependencies (<c>TaskOptions.After</c>, <c>Follow</c>, <c>DependsOn</c>) or inputs: one
/// ended in a way its rules do not accept (by default, it failed: the message names it and its error), one cannot be met
/// (the engine it follows is gone, or an input is no longer kept), or it waited longer than its <c>DependencyTimeout</c>.
/// </summary>
public sealed class DependencyFailedException : RemoteKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the dependency and its error.</param>
    public DependencyFailedException(string message)
        : base(message)
    {
    }
}
