namespace RemoteKit;

/// <summary>
/// An exception thrown by a [Remote] method on an engine (or by the engine while running it), carried back to the caller.
/// </summary>
public sealed class RemoteException : RemoteKitException
{
    /// <summary>Creates a remote exception.</summary>
    /// <param name="remoteType">The full name of the exception type thrown on the engine.</param>
    /// <param name="message">The remote exception's message.</param>
    /// <param name="remoteStackTrace">The stack trace on the engine.</param>
    /// <param name="engineId">The engine that ran the task, or -1 if none did.</param>
    public RemoteException(string remoteType, string message, string? remoteStackTrace, int engineId)
        : base($"{remoteType} on engine {engineId}: {message}")
    {
        RemoteType = remoteType;
        RemoteMessage = message;
        RemoteStackTrace = remoteStackTrace;
        EngineId = engineId;
    }

    /// <summary>The full name of the exception type thrown on the engine, e.g. <c>System.InvalidOperationException</c>.</summary>
    public string RemoteType { get; }

    /// <summary>The message of the remote exception.</summary>
    public string RemoteMessage { get; }

    /// <summary>The stack trace on the engine.</summary>
    public string? RemoteStackTrace { get; }

    /// <summary>The engine that ran the task, or -1 if the task never reached one.</summary>
    public int EngineId { get; }

    /// <inheritdoc />
    public override string? StackTrace =>
        RemoteStackTrace is null ? base.StackTrace : RemoteStackTrace + Environment.NewLine + "--- end of remote stack trace ---" + Environment.NewLine + base.StackTrace;
}

/// <summary>
/// A task was aborted by its client (<c>AsyncResult.Abort</c>, or a cancelled token passed when it was submitted) before
/// or while it ran. When a token caused it, <see cref="OperationCanceledException.CancellationToken"/> is that token.
/// </summary>
public sealed class TaskAbortedException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="inner">The cancellation seen by the task, if it was running.</param>
    public TaskAbortedException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception for an abort caused by <paramref name="token"/>.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="inner">The cancellation seen by the task, if it was running.</param>
    /// <param name="token">The token whose cancellation aborted the task.</param>
    public TaskAbortedException(string message, Exception? inner, CancellationToken token)
        : base(message, inner, token)
    {
    }
}
