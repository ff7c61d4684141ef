using System.Text;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>Turns the failures that results carry into the exceptions callers catch.</summary>
internal static class RemoteErrors
{
    private const int QuotedMessageLength = 200;

    /// <summary>
    /// The exception for an error result. The controller's and engines' own failures become the typed exceptions by their
    /// <see cref="ErrorKind"/> (an abort an <see cref="OperationCanceledException"/> carrying <paramref name="abortedBy"/>),
    /// and anything a [Remote] method threw becomes a <see cref="RemoteException"/>.
    /// </summary>
    public static Exception FromResult(in ErrorPayload error, int engineId, CancellationToken abortedBy)
    {
        var message = error.Message ?? string.Empty;
        return error.Kind switch
        {
            ErrorKind.EngineLost => new EngineLostException(engineId, message, message),
            ErrorKind.EngineNotFound => new EngineNotFoundException(engineId, message),
            ErrorKind.TimedOut => new TaskTimeoutException(engineId, message),
            ErrorKind.KilledEngines => new TaskKilledEnginesException(engineId, message),
            ErrorKind.DependencyFailed => new DependencyFailedException(message),
            ErrorKind.Aborted => new TaskAbortedException(message, null, abortedBy),
            ErrorKind.NotInHistory => new KeyNotFoundException(message),
            ErrorKind.NotResubmittable => new InvalidOperationException(message),
            _ => new RemoteException(error.Type ?? "System.Exception", message, error.StackTrace, engineId),
        };
    }

    /// <summary>
    /// Several failures as one <see cref="AggregateException"/> whose message quotes a few of them and counts the rest, so
    /// that thousands of failed items do not make a message of megabytes.
    /// </summary>
    public static AggregateException Aggregate(string summary, IReadOnlyList<Exception> errors) => new SummarizedAggregateException(summary, errors);

    /// <summary>
    /// The failure of work made of several tasks: an abort or cancellation wins (the caller asked for it, so an await
    /// throws <see cref="OperationCanceledException"/>); otherwise every failure, summarized.
    /// </summary>
    public static Exception Combine(string summary, IReadOnlyList<Exception> errors) =>
        errors.OfType<OperationCanceledException>().FirstOrDefault() ?? (Exception)Aggregate(summary, errors);

    private static string Summarize(string summary, IReadOnlyList<Exception> errors)
    {
        var text = new StringBuilder(summary);
        var quoted = errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).Take(RemoteClientDefaults.FailuresQuoted).ToList();
        for (var i = 0; i < quoted.Count; i++)
        {
            text.Append(i == 0 ? " " : "; ").Append(Shorten(quoted[i]));
        }

        var rest = errors.Count - errors.Count(e => quoted.Contains(e.Message, StringComparer.Ordinal));
        if (rest > 0)
        {
            text.Append($"; and {rest} more, each in {nameof(AggregateException.InnerExceptions)}.");
        }

        return text.ToString();
    }

    private static string Shorten(string message) =>
        message.Length <= QuotedMessageLength ? message : string.Concat(message.AsSpan(0, QuotedMessageLength), "…");

    /// <summary>An aggregate whose message and text stay short however many failures it holds.</summary>
    private sealed class SummarizedAggregateException(string summary, IReadOnlyList<Exception> errors)
        : AggregateException(summary, errors)
    {
        private readonly string _message = Summarize(summary, errors);

        public override string Message => _message;

        public override string ToString()
        {
            var text = new StringBuilder(GetType().BaseType!.FullName).Append(": ").Append(_message);
            if (StackTrace is { } stack)
            {
                text.AppendLine().Append(stack);
            }

            var shown = Math.Min(InnerExceptions.Count, RemoteClientDefaults.FailuresQuoted);
            for (var i = 0; i < shown; i++)
            {
                text.AppendLine().Append($"---> (Inner Exception #{i}) ").Append(InnerExceptions[i]).Append("<---");
            }

            if (InnerExceptions.Count > shown)
            {
                text.AppendLine().Append($"(and {InnerExceptions.Count - shown} more inner exceptions)");
            }

            return text.ToString();
        }
    }
}
