using System.Globalization;
using System.Text;

namespace RemoteKit;

/// <summary>
/// Shows the progress of running work (ipyparallel's <c>wait_interactive</c>): on a terminal a live bar with done/total,
/// rate, failures and ETA; when output is redirected a plain line at a steady interval; in both cases a final line with
/// the totals once the work completes.
/// </summary>
/// <remarks>
/// Plain ANSI rather than a console library: one line redrawn with a carriage return needs no more, and the client
/// library stays free of a dependency that would take over the user's console.
/// </remarks>
public static class ProgressDisplay
{
    private const string ClearToEnd = "\u001b[K";
    private const string Red = "\u001b[31m";
    private const string Reset = "\u001b[0m";

    /// <summary>
    /// Makes the options used when a caller passes none (<c>ar.WaitInteractive()</c>); <see langword="null"/> (the default)
    /// means the console defaults. An extension point for hosts with a display of their own: the notebook kernel draws the
    /// bar as one output line redrawn in place.
    /// </summary>
    public static Func<ProgressDisplayOptions>? DefaultOptionsFactory { get; set; }

    /// <summary>Shows progress until <paramref name="completion"/> completes, then writes the final line.</summary>
    /// <param name="progress">Reads the current counts; called on the display's schedule, so it must be cheap and thread-safe.</param>
    /// <param name="completion">Completes (successfully or not) when the work does; its outcome is not observed here.</param>
    /// <param name="options">Where and how to show it; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops showing progress (not the work).</param>
    /// <returns>A task completing after the final line is written.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static Task ShowAsync(
        Func<TaskProgress> progress,
        Task completion,
        ProgressDisplayOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ShowAsync(progress, completion, options, "tasks", cancellationToken);

    /// <summary>As the public <c>ShowAsync</c>, counting <paramref name="unit"/> unless the options name what is counted.</summary>
    internal static Task ShowAsync(
        Func<TaskProgress> progress,
        Task completion,
        ProgressDisplayOptions? options,
        string unit,
        CancellationToken cancellationToken) =>
        ShowAsync(progress, completion, options, unit, output: null, cancellationToken);

    /// <summary>
    /// As the public <c>ShowAsync</c>, and when the options ask for it (<see cref="ProgressDisplayOptions.ShowOutput"/>), the
    /// work's output as it arrives, line by line above the bar, each line prefixed with its stream and engine.
    /// </summary>
    internal static async Task ShowAsync(
        Func<TaskProgress> progress,
        Task completion,
        ProgressDisplayOptions? options,
        string unit,
        Func<CancellationToken, IAsyncEnumerable<TaskOutput>>? output,
        CancellationToken cancellationToken)
    {
        options ??= DefaultOptionsFactory?.Invoke() ?? new ProgressDisplayOptions();
        if (output is null || !options.ShowOutput)
        {
            await ShowProgressAsync(progress, completion, options, unit, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var lines = new OutputLines(options.Output ?? Console.Out);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lines.Start(output(stop.Token), stop.Token);
        try
        {
            await ShowProgressAsync(progress, completion, options, unit, lines, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await lines.Copied.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task ShowProgressAsync(
        Func<TaskProgress> progress,
        Task completion,
        ProgressDisplayOptions options,
        string unit,
        OutputLines? lines,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(completion);
        unit = options.Unit ?? unit;
        var output = options.Output ?? Console.Out;
        var bar = options.Mode switch
        {
            ProgressDisplayMode.Bar => true,
            ProgressDisplayMode.Lines => false,
            _ => IsTerminal(output),
        };
        var clock = options.TimeProvider;
        var started = clock.GetTimestamp();
        var interval = bar ? options.RefreshInterval : options.LineInterval;
        var width = options.Width ?? (bar ? TerminalWidth() : 0);
        var gate = lines?.Gate ?? new Lock();
        if (bar && lines is not null)
        {
            // Output lines clear the bar's line, and the bar is drawn again below them.
            lines.Bar = () => DrawBar(output, progress(), clock.GetElapsedTime(started), unit, width);
        }

        try
        {
            if (bar)
            {
                lock (gate)
                {
                    DrawBar(output, progress(), TimeSpan.Zero, unit, width);
                }
            }

            while (!completion.IsCompleted)
            {
                await Task.WhenAny(completion, Task.Delay(interval, clock, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (completion.IsCompleted)
                {
                    break;
                }

                var now = progress();
                var elapsed = clock.GetElapsedTime(started);
                lock (gate)
                {
                    if (bar)
                    {
                        DrawBar(output, now, elapsed, unit, width);
                    }
                    else
                    {
                        output.WriteLine(FormatLine(now, elapsed, unit));
                        output.Flush();
                    }
                }
            }

            if (lines is not null)
            {
                // Every line of output before the final line.
                await lines.Copied.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                cancellationToken.ThrowIfCancellationRequested();
                lines.Bar = null;
                lines.FlushPartialLines();
            }
        }
        catch (OperationCanceledException) when (bar)
        {
            lock (gate)
            {
                output.WriteLine();
            }

            throw;
        }

        var final = progress();
        var total = clock.GetElapsedTime(started);
        lock (gate)
        {
            if (bar)
            {
                DrawBar(output, final, total, unit, width);
                output.WriteLine();
            }

            output.WriteLine(FormatFinal(final, total, unit));
            output.Flush();
        }
    }

    /// <summary>Shows progress until <paramref name="completion"/> completes, blocking the calling thread.</summary>
    /// <param name="progress">Reads the current counts.</param>
    /// <param name="completion">Completes when the work does.</param>
    /// <param name="options">Where and how to show it; <see langword="null"/> for the defaults.</param>
    public static void Show(Func<TaskProgress> progress, Task completion, ProgressDisplayOptions? options = null) =>
        ShowAsync(progress, completion, options).GetAwaiter().GetResult();

    /// <summary>A periodic line: <c>12/40 tasks done (30%), 1 failed, 9.6/s, ETA 0:03</c>.</summary>
    internal static string FormatLine(TaskProgress p, TimeSpan elapsed, string unit)
    {
        var rate = Rate(p, elapsed);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Done}/{p.Total} {unit} done ({Percent(p)}%), {p.Failed} failed, {rate:F1}/s, ETA {Eta(p, rate)}");
    }

    /// <summary>The last line: <c>40/40 tasks done, 4 failed, in 4.1 s (9.8/s)</c>.</summary>
    internal static string FormatFinal(TaskProgress p, TimeSpan elapsed, string unit) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Done}/{p.Total} {unit} done, {p.Failed} failed, in {elapsed.TotalSeconds:F1} s ({Rate(p, elapsed):F1}/s)");

    private static void DrawBar(TextWriter output, TaskProgress p, TimeSpan elapsed, string unit, int width)
    {
        var rate = Rate(p, elapsed);
        var failed = p.Failed > 0 ? $"  {Red}{p.Failed} failed{Reset}" : string.Empty;
        var text = string.Create(CultureInfo.InvariantCulture, $" {p.Done}/{p.Total} {unit} {Percent(p),3}%  {rate:F1}/s  ETA {Eta(p, rate)}");
        // Sized for the longest text this work can show, so the bar keeps its width as counts grow.
        var widest = string.Create(CultureInfo.InvariantCulture, $" {p.Total}/{p.Total} {unit} 100%  99999.9/s  ETA 0:00:00  {p.Total} failed").Length;
        var cells = Math.Clamp(width - widest - 2, 10, 40);
        var filled = p.Total <= 0 ? cells : (int)Math.Min(cells, (long)cells * p.Done / p.Total);
        var line = new StringBuilder(cells + text.Length + 32)
            .Append('\r')
            .Append('[')
            .Append('█', filled)
            .Append('░', cells - filled)
            .Append(']')
            .Append(text)
            .Append(failed)
            .Append(ClearToEnd);
        output.Write(line.ToString());
        output.Flush();
    }

    private static int Percent(TaskProgress p) => p.Total <= 0 ? 100 : (int)(100L * p.Done / p.Total);

    private static double Rate(TaskProgress p, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? p.Done / elapsed.TotalSeconds : 0;

    private static string Eta(TaskProgress p, double rate)
    {
        var remaining = p.Total - p.Done;
        if (remaining <= 0)
        {
            return "0:00";
        }

        if (rate <= 0)
        {
            return "-:--";
        }

        var eta = TimeSpan.FromSeconds(Math.Ceiling(Math.Min(remaining / rate, TimeSpan.FromDays(1).TotalSeconds)));
        return eta.TotalHours >= 1
            ? eta.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : eta.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }

    private static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out)
        && !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
