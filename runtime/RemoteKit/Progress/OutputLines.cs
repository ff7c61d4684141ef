using System.Globalization;
using System.Text;

namespace RemoteKit;

/// <summary>
/// Writes work's live output for <see cref="ProgressDisplay"/>, as ipyparallel's <c>%px --stream</c> does: each whole line
/// prefixed with its stream and engine (<c>[stdout:0] text</c>), pieces of a line held until it ends, and a note where output
/// was dropped. With a bar, the bar's line is cleared first and the bar drawn again below the output.
/// </summary>
internal sealed class OutputLines(TextWriter output)
{
    private const string ClearLine = "\r\u001b[K";
    private readonly Dictionary<(ulong Task, OutputStream Stream), (int Engine, StringBuilder Text)> _partial = [];

    /// <summary>What every write to the display holds, so output and the bar never interleave.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Draws the bar again below new output; null when there is no bar.</summary>
    public Action? Bar { get; set; }

    /// <summary>Completes once all the output has been read (or reading stopped).</summary>
    public Task Copied { get; private set; } = Task.CompletedTask;

    public void Start(IAsyncEnumerable<TaskOutput> pieces, CancellationToken cancellationToken) => Copied = CopyAsync(pieces, cancellationToken);

    /// <summary>Writes what is left of lines that never ended.</summary>
    public void FlushPartialLines()
    {
        lock (Gate)
        {
            var text = new StringBuilder();
            foreach (var ((_, stream), (engine, partial)) in _partial)
            {
                if (partial.Length > 0)
                {
                    text.Append(Prefix(stream, engine)).Append(partial).AppendLine();
                }
            }

            _partial.Clear();
            Write(text);
        }
    }

    private async Task CopyAsync(IAsyncEnumerable<TaskOutput> pieces, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var piece in pieces.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Add(piece);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Add(TaskOutput piece)
    {
        lock (Gate)
        {
            var key = (piece.TaskId, piece.Stream);
            if (!_partial.TryGetValue(key, out var partial))
            {
                _partial[key] = partial = (piece.EngineId, new StringBuilder());
            }

            var text = new StringBuilder();
            if (piece.Dropped > 0)
            {
                text.Append(Prefix(piece.Stream, piece.EngineId))
                    .Append(CultureInfo.InvariantCulture, $"[{piece.Dropped:N0} characters not shown]").AppendLine();
            }

            var rest = piece.Text.AsSpan();
            for (var end = rest.IndexOf('\n'); end >= 0; end = rest.IndexOf('\n'))
            {
                var line = rest[..end].TrimEnd('\r');
                text.Append(Prefix(piece.Stream, piece.EngineId)).Append(partial.Text).Append(line).AppendLine();
                partial.Text.Clear();
                rest = rest[(end + 1)..];
            }

            partial.Text.Append(rest);
            Write(text);
        }
    }

    private void Write(StringBuilder text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (Bar is { } bar)
        {
            output.Write(ClearLine);
            output.Write(text.ToString());
            bar();
        }
        else
        {
            output.Write(text.ToString());
            output.Flush();
        }
    }

    private static string Prefix(OutputStream stream, int engine) =>
        string.Create(CultureInfo.InvariantCulture, $"[{(stream == OutputStream.Stderr ? "stderr" : "stdout")}:{engine}] ");
}
