using RemoteKit;

/// <summary>The functions of the ipyparallel tutorial, as [Remote] methods.</summary>
public static partial class Work
{
    /// <summary>ipyparallel's <c>slow_power</c>: sleeps a second, then raises x to the i-th power.</summary>
    [Remote]
    public static long SlowPower(long x, int i = 5)
    {
        Thread.Sleep(1000);
        return (long)Math.Pow(x, i);
    }

    /// <summary>Reads <c>i</c> from the engine's namespace (set with <c>view["i"] = 10</c>).</summary>
    [Remote]
    public static long PowerOfGlobal(long x, [Global] int i) => (long)Math.Pow(x, i);

    /// <summary>Async, with the engine context and cancellation injected.</summary>
    [Remote]
    public static async Task<string> WhoAmI(RemoteContext ctx, CancellationToken ct)
    {
        await Task.Delay(10, ct);
        return $"engine {ctx.EngineId} of {ctx.EngineCount}";
    }

    /// <summary>Run for its effects with <c>view.Execute(Work.Setup)</c>.</summary>
    [Remote]
    public static void Setup(RemoteContext ctx)
    {
        ctx.Namespace.Set("greeting", $"hello from engine {ctx.EngineId}");
        Console.WriteLine($"setup done on engine {ctx.EngineId}");
    }
}
