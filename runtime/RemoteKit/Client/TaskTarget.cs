namespace RemoteKit;

/// <summary>Where a task goes (a named engine, or the load balancer), with the retries and timeout it travels with.</summary>
internal readonly record struct TaskTarget(int Value, int Retries = 0, int TimeoutMilliseconds = 0)
{
    public static TaskTarget LoadBalanced => new(-1);

    public static TaskTarget Balanced(TaskOptions options) => new(-1, options.Retries, options.TimeoutMilliseconds);

    public static TaskTarget Engine(int id) => new(id);
}

/// <summary>The result type of methods that return nothing (named apart from the test namespace RemoteKit.Unit.Tests).</summary>
internal readonly struct NoValue
{
}
