namespace RemoteKit.Kernel.Cells;

/// <summary>
/// A cell's error as Jupyter shows it (<c>ename</c>, <c>evalue</c>, <c>traceback</c>): compiler messages with the cell's
/// lines and columns, a remote exception with its engine and remote stack, an interrupted cell as
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal static class ErrorReport
{
    private const string Red = "\u001b[0;31m";
    private const string Reset = "\u001b[0m";

    public static (string Name, string Value, IReadOnlyList<string> Traceback) Describe(Exception error, bool interrupted)
    {
        if (error is AggregateException { InnerExceptions.Count: 1 } single && single.InnerException is { } only)
        {
            error = only;
        }

        switch (error)
        {
            case CellCompilationException compile:
                return ("CompilationError", compile.Message, compile.Diagnostics.Select(d => (d.IsError ? Red : "") + d.Text + (d.IsError ? Reset : "")).ToList());
            case var _ when interrupted || IsCancellation(error):
                return (
                    nameof(OperationCanceledException),
                    interrupted ? "The cell was interrupted: " + error.Message : error.Message,
                    [Red + nameof(OperationCanceledException) + Reset + ": " + (interrupted ? "the cell was interrupted; its tasks were aborted. " : "") + error.Message]);
            case RemoteException remote:
                return (nameof(RemoteException), remote.Message, Remote(remote));
            case AggregateException aggregate:
            {
                var lines = new List<string> { Red + nameof(AggregateException) + Reset + ": " + aggregate.Message };
                foreach (var inner in aggregate.InnerExceptions)
                {
                    lines.Add("");
                    lines.AddRange(inner is RemoteException r ? Remote(r) : Local(inner));
                }

                return (nameof(AggregateException), aggregate.Message, lines);
            }

            default:
                return (error.GetType().Name, error.Message, Local(error));
        }
    }

    private static bool IsCancellation(Exception error) =>
        error is OperationCanceledException || (error is AggregateException a && a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsCancellation));

    private static List<string> Remote(RemoteException remote)
    {
        var lines = new List<string> { $"{Red}RemoteException{Reset}: {remote.RemoteType} on engine {remote.EngineId}: {remote.RemoteMessage}" };
        if (!string.IsNullOrWhiteSpace(remote.RemoteStackTrace))
        {
            lines.Add($"--- stack trace on engine {remote.EngineId} ---");
            lines.AddRange(remote.RemoteStackTrace.Split('\n').Select(l => l.TrimEnd('\r')));
        }

        return lines;
    }

    private static List<string> Local(Exception error)
    {
        var lines = new List<string> { $"{Red}{error.GetType().FullName}{Reset}: {error.Message}" };
        if (error.StackTrace is { } stack)
        {
            // The kernel's own frames (running the submission) say nothing about the cell.
            lines.AddRange(stack.Split('\n').Select(l => l.TrimEnd('\r'))
                .TakeWhile(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal) && !l.Contains("RemoteKit.Kernel.", StringComparison.Ordinal))
                .Where(l => !l.Contains("--- End of stack trace from previous location ---", StringComparison.Ordinal)));
        }

        if (error.InnerException is { } inner)
        {
            lines.Add("--- inner exception ---");
            lines.AddRange(inner is RemoteException r ? Remote(r) : Local(inner));
        }

        return lines;
    }
}
