using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary>
/// The resource managers on this machine that <c>../shared/clusters/setup-*.sh</c> bring up (their state is under
/// <c>$RK_CLUSTERS</c>, by default <c>/tmp/rk-clusters</c>). A test that needs one fails with what to run when it is missing.
/// </summary>
internal static class ResourceManagers
{
    public const string Collection = "resource managers";

    /// <summary>Open MPI's own launcher flags for root on a small machine (what setup-mpi.sh puts in mpi.env).</summary>
    public const string MpiArguments = "--allow-run-as-root --oversubscribe --mca btl self,vader,tcp --mca pml ob1 --mca btl_tcp_if_include lo --mca oob_tcp_if_include lo";

    private static string Root => Environment.GetEnvironmentVariable("RK_CLUSTERS") is { Length: > 0 } root ? root : "/tmp/rk-clusters";

    public static void RequireSlurm() => Require(OnPath("sbatch") && Directory.Exists(Path.Combine(Root, "slurm")), "Slurm", "setup-slurm.sh");

    public static void RequirePbs() => Require(OnPath("qsub") && Directory.Exists(Path.Combine(Root, "slurm")), "the PBS commands", "setup-slurm.sh (with WITH_PBS=1)");

    public static string RequireMpi()
    {
        Require(File.Exists("/usr/bin/mpirun.openmpi"), "Open MPI", "setup-mpi.sh");
        return "/usr/bin/mpirun.openmpi";
    }

    public static string RequireSsh()
    {
        var config = Path.Combine(Root, "ssh", "ssh_config");
        Require(File.Exists(config), "the test SSH hosts", "setup-ssh.sh");
        return config;
    }

    /// <summary>
    /// What <c>squeue</c> lists for a job once it has left the queue (nothing), or after a minute of waiting for that. A
    /// cancelled job stays listed while completing (PBS's <c>qstat</c> already calls it finished then), so this polls
    /// squeue, which has no event to wait on.
    /// </summary>
    public static async Task<string> SqueueAfterStopAsync(string job)
    {
        var deadline = DateTime.UtcNow + Patience.Long;
        while (true)
        {
            var run = await Processes.RunAsync("squeue", ["-h", "-j", job]);
            var listed = run.ExitCode == 0 ? run.Out.Trim() : run.Err.Contains("Invalid job id", StringComparison.Ordinal) ? "" : throw new InvalidOperationException(run.ToString());
            if (listed.Length == 0 || DateTime.UtcNow > deadline)
            {
                return listed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Runs a command on a test SSH host and returns its output.</summary>
    public static async Task<string> SshAsync(string config, string host, string command)
    {
        var run = await Processes.RunAsync("ssh", ["-F", config, host, command]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Out.Trim();
    }

    private static void Require(bool present, string what, string script) =>
        Assert.True(present, $"{what} is not set up on this machine: run ../shared/clusters/{script} first (.ci/run does).");

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}

[CollectionDefinition(ResourceManagers.Collection)]
public sealed class ResourceManagersCollection
{
}
