namespace RemoteKit;

/// <summary>
/// Where a task goes (a named engine, or the load balancer), with the retries and timeout it travels with; for a view over a
/// subset with no retry policy beyond engine loss, the subset's engines (<see cref="Engines"/>), over which it may go on leases.
/// </summary>
internal readonly record struct TaskTarget(int Value, int Retries = 0, int TimeoutMilliseconds = 0)
{
    /// <summary>The engines of a balanced view over a subset whose tasks may go on leased slots of those engines; otherwise null.</summary>
    public IReadOnlyList<int>? Engines { get; init; }

    public static TaskTarget LoadBalanced => new(-1);

    public static TaskTarget Balanced(TaskOptions options) => new(-1, options.Retries, options.TimeoutMilliseconds);

    /// <summary>Load-balanced over the client's target set <paramref name="targetSet"/>, or over every engine when it is -1.</summary>
    public static TaskTarget Balanced(TaskOptions options, int targetSet) =>
        new(targetSet < 0 ? -1 : Protocol.SubmitMessage.TargetOfSet(targetSet), options.Retries, options.TimeoutMilliseconds);

    public static TaskTarget Engine(int id) => new(id);

    /// <summary>Engine <paramref name="id"/>, with the timeout of <paramref name="options"/> (a named engine's task is never moved: no retries).</summary>
    public static TaskTarget Engine(int id, TaskOptions options) => new(id, 0, options.TimeoutMilliseconds);
}

/// <summary>The result type of methods that return nothing (named apart from the test namespace RemoteKit.Unit.Tests).</summary>
internal readonly struct NoValue
{
}
