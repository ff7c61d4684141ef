namespace RemoteKit;

/// <summary>What is known about one task: where and when it ran and what it printed.</summary>
public sealed record TaskMetadata
{
    /// <summary>The engine that ran the task, or -1 if it never reached one.</summary>
    public required int EngineId { get; init; }

    /// <summary>
    /// The engines that held the task before <see cref="EngineId"/> and were lost (died, stopped answering or were
    /// recycled), in order; empty when it ran once. The task may have partly run on each of them.
    /// </summary>
    public IReadOnlyList<int> LostEngines { get; init; } = [];

    /// <summary>How many engines the task was sent to: <see cref="LostEngines"/> plus the last one.</summary>
    public int Attempts => LostEngines.Count + 1;

    /// <summary>When the client submitted the task.</summary>
    public required DateTimeOffset Submitted { get; init; }

    /// <summary>When the engine started running it.</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>When the engine finished it.</summary>
    public required DateTimeOffset Completed { get; init; }

    /// <summary>When the client received the result.</summary>
    public required DateTimeOffset Received { get; init; }

    /// <summary>Run time on the engine.</summary>
    public TimeSpan Elapsed => Completed - Started;

    /// <summary>
    /// What the task wrote to <see cref="Console.Out"/>: all of it, up to the engine's <c>TaskOutputLimit</c> (8 Mi characters
    /// by default); past that, the first and the last half of the limit, with a line between them saying how much was left out.
    /// </summary>
    public string Stdout { get; init; } = string.Empty;

    /// <summary>What the task wrote to <see cref="Console.Error"/>, kept as <see cref="Stdout"/> is.</summary>
    public string Stderr { get; init; } = string.Empty;

    /// <summary>Characters of <see cref="Console.Out"/> the engine did not keep (0 unless the task wrote more than its limit).</summary>
    public long StdoutDropped { get; init; }

    /// <summary>Characters of <see cref="Console.Error"/> the engine did not keep.</summary>
    public long StderrDropped { get; init; }
}
