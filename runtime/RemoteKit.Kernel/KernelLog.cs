using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Kernel;

/// <summary>The kernel's log messages (its own problems; cells' output goes to the notebook).</summary>
internal static partial class KernelLog
{
    [LoggerMessage(EventId = EventIds.KernelBadMessage, Level = LogLevel.Warning, Message = "Dropped a message on {Channel}: {Reason}")]
    public static partial void BadMessage(ILogger logger, string channel, string reason);

    [LoggerMessage(EventId = EventIds.KernelUnknownRequest, Level = LogLevel.Debug, Message = "No handler for a {Type}")]
    public static partial void UnknownRequest(ILogger logger, string type);

    [LoggerMessage(EventId = EventIds.KernelRequestFailed, Level = LogLevel.Error, Message = "Handling a {Type} failed")]
    public static partial void RequestFailed(ILogger logger, string type, Exception exception);
}

/// <summary>
/// The kernel's default logger: warnings and errors as lines on the process's real standard error (cells' output takes
/// over <see cref="Console.Error"/>), which Jupyter's server shows in its log.
/// </summary>
internal sealed class StandardErrorLogger : ILogger
{
    private static readonly TextWriter Output = new System.IO.StreamWriter(Console.OpenStandardError()) { AutoFlush = true };

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        lock (Output)
        {
            Output.WriteLine($"[RemoteKit kernel] {logLevel}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}
