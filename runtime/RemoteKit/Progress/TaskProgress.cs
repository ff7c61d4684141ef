namespace RemoteKit;

/// <summary>How far a piece of work has come: the counts a result reports and an <see cref="IProgress{T}"/> receives.</summary>
/// <param name="Completed">Tasks (or map items) that finished successfully.</param>
/// <param name="Failed">Tasks that finished with an error.</param>
/// <param name="Total">All the tasks of the work.</param>
public readonly record struct TaskProgress(int Completed, int Failed, int Total)
{
    /// <summary>Tasks finished either way.</summary>
    public int Done => Completed + Failed;

    /// <summary>Whether every task has finished.</summary>
    public bool IsFinished => Done >= Total;
}
