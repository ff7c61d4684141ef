using System.Diagnostics;

namespace RemoteKit.Benchmarks;

/// <summary>The remote side of the dataflow figures.</summary>
public static partial class Bench
{
    /// <summary>An array of <paramref name="mib"/> MiB of doubles.</summary>
    /// <param name="mib">Its size in MiB.</param>
    /// <returns>The array.</returns>
    [Remote]
    public static double[] MakeData(int mib)
    {
        var data = new double[mib * 131_072];
        data.AsSpan().Fill(1.5);
        return data;
    }

    /// <summary>Returns its input: a step of a pipeline that measures moving the data, not the work.</summary>
    /// <param name="data">Any array.</param>
    /// <returns><paramref name="data"/>.</returns>
    [Remote]
    public static double[] Pass(double[] data) => data;
}

/// <summary>
/// Dataflow figures (issue 23): a 100 MiB value through three dependent tasks on alternating engines, kept on the engines
/// (each step's input goes engine to engine) beside the same steps pulled to the client and pushed again; and a chain of
/// tasks each depending on the one before.
/// </summary>
internal static class DataflowWorkloads
{
    public const int ChainMib = 100;

    /// <summary>Three steps, each on the other engine, the value kept on engines: MiB moved per second.</summary>
    public static async Task<double> KeptChainAsync(RemoteClient client)
    {
        var (a, b) = (client[client.Ids[0]], client[client.Ids[^1]]);
        await using var made = await a.With(new TaskOptions { Keep = true }).ApplyAsync(Bench.MakeData, ChainMib).KeepAsync();
        var clock = Stopwatch.StartNew();
        await using var one = await b.ApplyAsync(Bench.Pass, made).KeepAsync();
        await using var two = await a.ApplyAsync(Bench.Pass, one).KeepAsync();
        await using var three = await b.ApplyAsync(Bench.Pass, two).KeepAsync();
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(three.Size == made.Size && three.EngineId == b.EngineId, "the kept chain ended in the wrong place");
        return 3 * ChainMib / elapsed;
    }

    /// <summary>The same three steps, each result pulled to the client and pushed to the next engine as an argument.</summary>
    public static async Task<double> ThroughClientAsync(RemoteClient client)
    {
        var (a, b) = (client[client.Ids[0]], client[client.Ids[^1]]);
        var made = await a.ApplyAsync(Bench.MakeData, ChainMib);
        var clock = Stopwatch.StartNew();
        var one = await b.ApplyAsync(Bench.Pass, made);
        var two = await a.ApplyAsync(Bench.Pass, one);
        var three = await b.ApplyAsync(Bench.Pass, two);
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(three.Length == made.Length, "the chain through the client lost data");
        return 3 * ChainMib / elapsed;
    }

    /// <summary><paramref name="count"/> tasks submitted at once, each to run after the one before: tasks per second.</summary>
    public static async Task<double> DependentAsync(LoadBalancedView view, int count)
    {
        var clock = Stopwatch.StartNew();
        var previous = view.ApplyAsync(Bench.Noop, 0);
        for (var i = 1; i < count; i++)
        {
            previous = view.With(new TaskOptions { After = [previous] }).ApplyAsync(Bench.Noop, i);
        }

        var last = await previous;
        var elapsed = clock.Elapsed.TotalSeconds;
        Check(last == count - 1, "the dependent chain returned a wrong result");
        return count / elapsed;
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException(what);
        }
    }
}
