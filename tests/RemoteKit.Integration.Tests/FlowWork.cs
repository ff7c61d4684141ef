using RemoteKit;

namespace RemoteKit.Integration.Tests;

/// <summary>The [Remote] methods of the dataflow tests: values made, transformed and reduced on engines.</summary>
public static partial class FlowWork
{
    /// <summary>An array of <paramref name="mib"/> MiB of doubles, each <paramref name="seed"/> plus its index.</summary>
    [Remote]
    public static double[] Make(int mib, double seed)
    {
        var data = new double[mib * 131_072];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = seed + i;
        }

        return data;
    }

    [Remote]
    public static double[] Scale(double[] data, double factor)
    {
        var scaled = new double[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            scaled[i] = data[i] * factor;
        }

        return scaled;
    }

    [Remote]
    public static double Sum(double[] data) => data.Sum();

    /// <summary>The engine it ran on, and how many items its input had.</summary>
    [Remote]
    public static int[] WhereAndHowMany(double[] data, RemoteContext ctx) => [ctx.EngineId, data.Length];

    [Remote]
    public static int Add(int a, int b) => a + b;

    [Remote]
    public static int Fail(string message) => throw new InvalidDataException(message);

    /// <summary>Sleeps, then says which engine it ran on.</summary>
    [Remote]
    public static int Nap(int milliseconds, RemoteContext ctx)
    {
        Thread.Sleep(milliseconds);
        return ctx.EngineId;
    }
}

/// <summary>The [Remote] method of the chained-dispatch chaos test.</summary>
public static partial class FlowChaosWork
{
    /// <summary>The first time (no <paramref name="held"/> file yet): says where it runs and holds until aborted or killed. Later: returns at once.</summary>
    [Remote]
    public static int HoldOnce(string held, RemoteContext ctx)
    {
        if (!File.Exists(held))
        {
            File.WriteAllText(held + ".pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(held, "held");
            ctx.CancellationToken.WaitHandle.WaitOne();
        }

        return ctx.EngineId;
    }
}
