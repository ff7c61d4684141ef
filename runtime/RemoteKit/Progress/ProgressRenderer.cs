using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RemoteKit.Progress;

/// <summary>
/// Draws a result's progress until its completion task ends: on a terminal, a bar redrawn in place (done/total, rate, failures,
/// ETA); when output is redirected, a plain line at a steady interval. Either way it ends with a final line at the last count.
/// </summary>
/// <remarks>
/// A few lines of ANSI (carriage return and erase-to-end-of-line) do this without a terminal library, so the client package
/// takes no dependency for it.
/// </remarks>
internal static class ProgressRenderer
{
    private const int BarWidth = 30;

    /// <summary>How often the bar is redrawn on a terminal.</summary>
    public static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often a line is printed when output is redirected.</summary>
    public static readonly TimeSpan RedirectedInterval = TimeSpan.FromSeconds(1);

    /// <summary>Renders to the console, as a bar when standard output is a terminal.</summary>
    public static Task RenderToConsoleAsync(Func<TaskProgress> source, Task completion, CancellationToken cancellationToken) =>
        RenderAsync(source, completion, Console.Out, interactive: !Console.IsOutputRedirected, interval: null, cancellationToken);

    /// <summary>Renders <paramref name="source"/> to <paramref name="output"/> until <paramref name="completion"/> ends (in any state).</summary>
    /// <param name="source">Reads the current counts; called on the renderer's thread.</param>
    /// <param name="completion">The result's completion; its outcome is not observed here.</param>
    /// <param name="output">Where to draw.</param>
    /// <param name="interactive">Whether <paramref name="output"/> is a terminal (redraw a bar in place) or not (print lines).</param>
    /// <param name="interval">How often to draw; by default <see cref="TerminalInterval"/> or <see cref="RedirectedInterval"/>.</param>
    /// <param name="cancellationToken">Stops drawing (the final line is still written).</param>
    public static async Task RenderAsync(
        Func<TaskProgress> source, Task completion, TextWriter output, bool interactive, TimeSpan? interval, CancellationToken cancellationToken)
    {
        var every = interval ?? (interactive ? TerminalInterval : RedirectedInterval);
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(every);
        try
        {
            while (!completion.IsCompleted)
            {
                Draw(output, source(), clock.Elapsed, interactive, final: false);
                var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
                await Task.WhenAny(tick, completion).ConfigureAwait(false);
                if (tick.IsCanceled)
                {
                    break;
                }
            }
        }
        finally
        {
            Draw(output, source(), clock.Elapsed, interactive, final: true);
        }
    }

    /// <summary>One progress line, without the terminal's control characters.</summary>
    public static string Format(TaskProgress progress, TimeSpan elapsed, bool final)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{progress.Done}/{progress.Total} tasks");
        if (progress.Failed > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {progress.Failed} failed");
        }

        var seconds = elapsed.TotalSeconds;
        var rate = seconds > 0 ? progress.Done / seconds : 0;
        if (final)
        {
            text.Append(CultureInfo.InvariantCulture, $", {rate:F1}/s, in {FormatDuration(elapsed)}");
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $", {rate:F1}/s, ETA ");
        text.Append(rate > 0 ? FormatDuration(TimeSpan.FromSeconds((progress.Total - progress.Done) / rate)) : "--:--");
        return text.ToString();
    }

    private static void Draw(TextWriter output, TaskProgress progress, TimeSpan elapsed, bool interactive, bool final)
    {
        var line = Format(progress, elapsed, final);
        if (!interactive)
        {
            output.WriteLine(line);
            output.Flush();
            return;
        }

        var filled = progress.Total == 0 ? BarWidth : (int)((long)BarWidth * Math.Min(progress.Done, progress.Total) / progress.Total);
        var bar = new string('█', filled) + new string('░', BarWidth - filled);
        // Carriage return and erase-line redraw in place; green when all succeeded, red once any failed.
        var colour = progress.Failed > 0 ? "\e[31m" : "\e[32m";
        output.Write($"\r{colour}{bar}\e[0m {line}\e[K");
        if (final)
        {
            output.WriteLine();
        }

        output.Flush();
    }

    private static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : span.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
