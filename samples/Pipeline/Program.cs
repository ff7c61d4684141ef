using System.Diagnostics;
using RemoteKit;

// load -> transform x N -> reduce, twice: first with the data kept on the engines (RemoteRef: each transform takes the
// loaded value where it is, or has it sent engine to engine; only the sums come back), then the same pipeline pulling each
// result to this program and pushing it to the next task. Usage: dotnet run -- [engines] [MiB per part]
var engines = args.Length > 0 ? int.Parse(args[0]) : 2;
var mib = args.Length > 1 ? int.Parse(args[1]) : 64;

await using var cluster = await Cluster.StartAsync(engines);
var client = cluster.Client;
var lb = client.LoadBalancedView();
Console.WriteLine($"{engines} engines; each part {mib} MiB");

// Warm up both paths (code shipped, connections open).
await RunKeptAsync(1);
await RunThroughClientAsync(1);

var kept = await RunKeptAsync(mib);
var through = await RunThroughClientAsync(mib);
var moved = 3L * engines * mib;
Console.WriteLine($"kept on engines:     {kept.Seconds,6:0.000} s  total {kept.Total:N0}  (no part came to this program)");
Console.WriteLine($"through this program: {through.Seconds,5:0.000} s  total {through.Total:N0}  ({2 * moved:N0} MiB in and out of this program)");
Console.WriteLine($"keeping the data on the engines was {through.Seconds / kept.Seconds:0.0}x as fast");
return kept.Total == through.Total ? 0 : 1;

// One part per engine: loaded and kept there; transformed twice, each step kept (running where its input is); summed.
async Task<(double Seconds, double Total)> RunKeptAsync(int size)
{
    var clock = Stopwatch.StartNew();
    var keep = new TaskOptions { Keep = true };
    var loaded = await Task.WhenAll(client.Ids.Select(id => client[id].With(keep).ApplyAsync(Steps.Load, size, id).KeepAsync()));
    var scaled = await Task.WhenAll(loaded.Select(part => lb.ApplyAsync(Steps.Scale, part, 2.0).KeepAsync()));
    var shifted = await Task.WhenAll(scaled.Select(part => lb.ApplyAsync(Steps.Shift, part, 1.0).KeepAsync()));
    var sums = await Task.WhenAll(shifted.Select(part => lb.ApplyAsync(Steps.Sum, part).Task));
    var seconds = clock.Elapsed.TotalSeconds;
    foreach (var part in loaded.Concat(scaled).Concat(shifted))
    {
        await part.DisposeAsync();
    }

    return (seconds, sums.Sum());
}

// The same steps, each result brought back here and sent out again as the next task's argument.
async Task<(double Seconds, double Total)> RunThroughClientAsync(int size)
{
    var clock = Stopwatch.StartNew();
    var loaded = await Task.WhenAll(client.Ids.Select(id => client[id].ApplyAsync(Steps.Load, size, id).Task));
    var scaled = await Task.WhenAll(loaded.Select(part => lb.ApplyAsync(Steps.Scale, part, 2.0).Task));
    var shifted = await Task.WhenAll(scaled.Select(part => lb.ApplyAsync(Steps.Shift, part, 1.0).Task));
    var sums = await Task.WhenAll(shifted.Select(part => lb.ApplyAsync(Steps.Sum, part).Task));
    return (clock.Elapsed.TotalSeconds, sums.Sum());
}

/// <summary>The pipeline's steps.</summary>
public static partial class Steps
{
    /// <summary>Loads part <paramref name="part"/>: <paramref name="mib"/> MiB of doubles.</summary>
    [Remote]
    public static double[] Load(int mib, int part)
    {
        var data = new double[mib * 131_072];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (part * 0.5) + (i % 1000);
        }

        return data;
    }

    [Remote]
    public static double[] Scale(double[] data, double factor)
    {
        var result = new double[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            result[i] = data[i] * factor;
        }

        return result;
    }

    [Remote]
    public static double[] Shift(double[] data, double offset)
    {
        var result = new double[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            result[i] = data[i] + offset;
        }

        return result;
    }

    [Remote]
    public static double Sum(double[] data) => data.Sum();
}
