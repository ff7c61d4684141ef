namespace RemoteKit;

/// <summary>How far a result has got: tasks finished successfully, tasks failed, and tasks in all.</summary>
/// <param name="Completed">Tasks that finished with a result.</param>
/// <param name="Failed">Tasks that finished with an error (failed, aborted, lost or timed out).</param>
/// <param name="Total">Tasks in the result.</param>
public readonly record struct TaskProgress(int Completed, int Failed, int Total)
{
    /// <summary>Tasks finished either way.</summary>
    public int Done => Completed + Failed;

    /// <summary>Whether every task has finished.</summary>
    public bool IsDone => Done >= Total;
}
