namespace RemoteKit;

/// <summary>How <see cref="ProgressDisplay"/> shows progress.</summary>
public enum ProgressDisplayMode
{
    /// <summary>A live bar when writing to a terminal, plain lines when output is redirected.</summary>
    Auto,

    /// <summary>A live bar, redrawn in place.</summary>
    Bar,

    /// <summary>A plain line at each <see cref="ProgressDisplayOptions.LineInterval"/>.</summary>
    Lines,
}

/// <summary>Settings of <see cref="ProgressDisplay"/>.</summary>
public sealed class ProgressDisplayOptions
{
    /// <summary>Where to write; <see langword="null"/> is <see cref="Console.Out"/>.</summary>
    public TextWriter? Output { get; set; }

    /// <summary>Bar or lines; <see cref="ProgressDisplayMode.Auto"/> picks by whether <see cref="Console.Out"/> is a terminal.</summary>
    public ProgressDisplayMode Mode { get; set; }

    /// <summary>How often the bar is redrawn.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often a line is printed when output is redirected (a log should not fill with progress).</summary>
    public TimeSpan LineInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The bar's line width in columns; <see langword="null"/> is the terminal's width (80 when unknown).</summary>
    public int? Width { get; set; }

    /// <summary>
    /// What is counted, as printed (<c>12/40 tasks</c>); <see langword="null"/> (the default) means items for a map and tasks
    /// for anything else.
    /// </summary>
    public string? Unit { get; set; }

    /// <summary>
    /// Whether to show the work's output as it runs (ipyparallel's <c>%px --stream</c>), line by line above the bar or between
    /// the progress lines, each prefixed with its stream and engine (<c>[stdout:0] ...</c>). Off by default. The output is read
    /// from the result's <c>Output</c>, so nothing else should read it meanwhile.
    /// </summary>
    public bool ShowOutput { get; set; }

    /// <summary>The clock for rate and ETA, and for pacing.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
