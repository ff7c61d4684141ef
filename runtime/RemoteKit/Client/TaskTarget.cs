namespace RemoteKit;

/// <summary>Where a task goes: a named engine, or the load balancer.</summary>
internal readonly record struct TaskTarget(int Value)
{
    public static TaskTarget LoadBalanced => new(-1);

    public static TaskTarget Engine(int id) => new(id);
}

/// <summary>The result type of methods that return nothing.</summary>
internal readonly struct Unit
{
}
