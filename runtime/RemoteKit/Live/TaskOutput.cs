namespace RemoteKit;

/// <summary>Which of a task's output streams a <see cref="TaskOutput"/> was written to.</summary>
public enum OutputStream
{
    /// <summary><see cref="Console.Out"/>.</summary>
    Stdout,

    /// <summary><see cref="Console.Error"/>.</summary>
    Stderr,
}

/// <summary>
/// A piece of what a task printed, as it reaches the caller while the task runs (<c>ar.Output</c>): pieces of one task
/// arrive in the order written.
/// </summary>
/// <param name="EngineId">The engine running the task.</param>
/// <param name="TaskId">The task, unique among this client's tasks (a map or a direct view runs several).</param>
/// <param name="Stream">Where the task wrote it.</param>
/// <param name="Text">The text; empty for a piece that only reports <paramref name="Dropped"/> characters at a task's end.</param>
/// <param name="Dropped">
/// Characters of this task's <paramref name="Stream"/> written just before <paramref name="Text"/> that the live stream does
/// not carry: the engine sends at most <c>RemoteKit:Engine:LiveOutputRate</c> characters a second, and a result buffers a bounded
/// amount for a reader that lags (<see cref="AsyncResult.Output"/>). <c>Metadata.Stdout</c> and <c>Stderr</c> still hold them,
/// up to the engine's <c>TaskOutputLimit</c>.
/// </param>
public sealed record TaskOutput(int EngineId, ulong TaskId, OutputStream Stream, string Text, long Dropped = 0);

/// <summary>How far ahead of its caller a stream may run (<c>view.StreamAsync</c>).</summary>
public sealed record StreamOptions
{
    /// <summary>The defaults: 65,536 items and 4 MiB.</summary>
    public static readonly StreamOptions Default = new();

    /// <summary>
    /// Items the engine may send beyond what the caller has consumed. The engine stops asking the method for items (an async
    /// iterator is not resumed) once this many are on their way or waiting at the caller.
    /// </summary>
    public int MaxBufferedItems { get; init; } = 65_536;

    /// <summary>The same bound in bytes of serialized items (a batch is always let through when nothing is outstanding).</summary>
    public int MaxBufferedBytes { get; init; } = 4 * 1024 * 1024;
}
