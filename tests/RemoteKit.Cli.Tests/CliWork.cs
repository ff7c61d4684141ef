using RemoteKit;

namespace RemoteKit.Cli.Tests;

/// <summary>[Remote] methods the CLI tests use to find and hold engines.</summary>
public static partial class CliWork
{
    [Remote]
    public static int ProcessId() => Environment.ProcessId;

    [Remote]
    public static async Task<bool> WaitForFile(string path, CancellationToken ct)
    {
        while (!File.Exists(path))
        {
            await Task.Delay(50, ct);
        }

        return true;
    }

    /// <summary>The tutorial's SlowPower, with a shorter nap.</summary>
    [Remote]
    public static long SlowPower(long x, int i = 5)
    {
        Thread.Sleep(250);
        return (long)Math.Pow(x, i);
    }

    /// <summary>An environment variable of the engine (where a resource manager says it runs).</summary>
    [Remote]
    public static string Variable(string name) => Environment.GetEnvironmentVariable(name) ?? "";

    [Remote]
    public static string MachineName() => Environment.MachineName;
}
