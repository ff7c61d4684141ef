using RemoteKit;

namespace RemoteKit.Packaging.Tests;

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

    /// <summary>Where this engine runs: the variables a resource manager sets, the host name and the process id.</summary>
    [Remote]
    public static Dictionary<string, string> Placement()
    {
        var placement = new Dictionary<string, string>
        {
            ["host"] = Environment.MachineName,
            ["pid"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var name in new[] { "SLURMD_NODENAME", "SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "PBS_JOBID", "OMPI_COMM_WORLD_RANK", "SSH_CONNECTION" })
        {
            placement[name] = Environment.GetEnvironmentVariable(name) ?? "";
        }

        return placement;
    }
}
