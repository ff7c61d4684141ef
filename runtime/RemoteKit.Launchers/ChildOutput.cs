using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Launchers;

/// <summary>
/// Reads what a child process prints and logs it through the caller's <see cref="ILoggerFactory"/> instead of the
/// caller's console. RemoteKit processes log one line per entry (<c>warn: Category[id] message</c>); such a line keeps
/// its level, category and event id. Any other line (a crash report, a tool's message) is logged under
/// <paramref name="fallbackCategory"/>: at Warning from standard error, at Information from standard output.
/// </summary>
/// <param name="loggers">Where lines go.</param>
/// <param name="source">Names the process in every message; <c>{pid}</c> in it becomes the process id (<c>engine process {pid}</c>).</param>
/// <param name="fallbackCategory">The category of lines that are not log entries.</param>
internal sealed partial class ChildOutput(ILoggerFactory loggers, string source, string fallbackCategory)
{
    private readonly TaskCompletionSource<string?> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _completion = Task.CompletedTask;

    /// <summary>When set, the first line of standard output is not logged but handed to <see cref="FirstLine"/>.</summary>
    public bool CaptureFirstLine { get; init; }

    /// <summary>
    /// When set, every later line of standard output is offered to it first; a line it takes (returns true for) is not
    /// logged (a controller's announcement of where it listens).
    /// </summary>
    public Func<string, bool>? Intercept { get; init; }

    /// <summary>The first line of standard output (with <see cref="CaptureFirstLine"/>), or <see langword="null"/> at its end.</summary>
    public Task<string?> FirstLine => _firstLine.Task;

    /// <summary>Names the process in messages.</summary>
    public string Source { get; set; } = source;

    /// <summary>Completes when both streams have ended.</summary>
    public Task Completion => _completion;

    /// <summary>Starts reading the process's redirected standard output and error.</summary>
    public void Attach(Process process)
    {
        Source = Source.Replace("{pid}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        _completion = Task.WhenAll(
            Task.Run(() => PumpAsync(process.StandardOutput, fromError: false)),
            Task.Run(() => PumpAsync(process.StandardError, fromError: true)));
    }

    /// <summary>Logs one line as the process printed it.</summary>
    public void Write(string line, bool fromError)
    {
        if (line.Length == 0)
        {
            return;
        }

        if (ChildLogFormat.TryParse(line, out var level, out var category, out var id, out var message))
        {
            Log(loggers.CreateLogger(category), level, id, message);
        }
        else
        {
            Log(loggers.CreateLogger(fallbackCategory), fromError ? LogLevel.Warning : LogLevel.Information, EventIds.ChildOutput, line);
        }
    }

    private void Log(ILogger logger, LogLevel level, EventId id, string message)
    {
        if (logger.IsEnabled(level))
        {
            var source = Source;
            logger.Log(level, id, new ForwardedLine(source, message), null, static (s, _) => s.ToString());
        }
    }

    private async Task PumpAsync(StreamReader reader, bool fromError)
    {
        try
        {
            if (!fromError && CaptureFirstLine)
            {
                _firstLine.TrySetResult(await reader.ReadLineAsync().ConfigureAwait(false));
            }

            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (!fromError && Intercept is { } intercept && intercept(line))
                {
                    continue;
                }

                Write(line, fromError);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process is gone and its pipe with it.
        }
        finally
        {
            if (!fromError)
            {
                _firstLine.TrySetResult(null);
            }
        }
    }

    /// <summary>A forwarded line as structured state: the process it came from and the message.</summary>
    private sealed class ForwardedLine(string source, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 3;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("Process", source),
            1 => new("Message", message),
            2 => new("{OriginalFormat}", "{Process}: {Message}"),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"{source}: {message}";
    }
}
