using Xunit;

namespace RemoteKit.Testing;

/// <summary>
/// Slurm (with PBS wrappers), Open MPI and two sshd hosts, as <c>../shared/clusters/setup-*.sh</c> leave them, and Grid
/// Engine as <c>tests/clusters/setup-sge.sh</c> does (their state
/// is under <c>$RK_CLUSTERS</c>, by default <c>/tmp/rk-clusters</c>). A test that needs one fails, saying which script to
/// run, when it is missing.
/// </summary>
public static class ResourceManagers
{
    /// <summary>
    /// The test collection of the tests that use them (each test project defines it: xunit finds collection definitions in
    /// the test assembly only).
    /// </summary>
    public const string Collection = "resource managers";

    public const string MpiRun = "/usr/bin/mpirun.openmpi";

    /// <summary>Open MPI's own launcher flags for root on a small machine (what setup-mpi.sh puts in mpi.env): more ranks than cores, loopback only.</summary>
    public static readonly string[] MpiArguments =
        ["--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader,tcp", "--mca", "pml", "ob1", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo"];

    /// <summary>The ssh_config that names the test hosts rk-host1 and rk-host2.</summary>
    public static string SshConfig => Path.Combine(Root, "ssh", "ssh_config");

    private static string Root => Environment.GetEnvironmentVariable("RK_CLUSTERS") is { Length: > 0 } root ? root : "/tmp/rk-clusters";

    public static void RequireSlurm() => Require(OnPath("sbatch") && Directory.Exists(Path.Combine(Root, "slurm")), "Slurm", "setup-slurm.sh");

    public static void RequirePbs() => Require(OnPath("qsub") && Directory.Exists(Path.Combine(Root, "slurm")), "the PBS commands", "setup-slurm.sh (with WITH_PBS=1)");

    /// <summary>The folder of the test Grid Engine's qsub, qstat and qdel (setup-sge.sh keeps them off PATH, where Slurm's PBS wrappers are).</summary>
    public static string SgeCommands => Path.Combine(Root, "sge", "bin");

    /// <summary>Fails the test unless setup-sge.sh has started Grid Engine; returns <see cref="SgeCommands"/>.</summary>
    public static string RequireSge()
    {
        Require(File.Exists(Path.Combine(SgeCommands, "qsub")) && File.Exists(Path.Combine(Root, "sge", "run", "qmaster.pid")), "Grid Engine", "../tests/clusters/setup-sge.sh");
        return SgeCommands;
    }

    /// <summary>
    /// Whether Grid Engine lists no task of <paramref name="job"/> any more within <paramref name="limit"/>. A deleted task
    /// stays listed (state <c>dr</c>) until its execd reports it ended, which has no event to wait on, so this polls qstat.
    /// </summary>
    public static async Task<bool> SgeJobGoneAsync(string job, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var run = await Processes.RunAsync(Path.Combine(SgeCommands, "qstat"), ["-u", "*", "-g", "d"]);
            Assert.True(run.ExitCode == 0, run.ToString());
            var listed = run.Out.Split('\n').Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var id, ..] && id == job);
            if (!listed)
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    public static string RequireMpi()
    {
        Require(File.Exists(MpiRun), "Open MPI", "setup-mpi.sh");
        return MpiRun;
    }

    public static string RequireSsh()
    {
        Require(File.Exists(SshConfig), "the test SSH hosts", "setup-ssh.sh");
        return SshConfig;
    }

    /// <summary>
    /// What <c>squeue</c> lists for a job once it has left the queue (nothing), or after <paramref name="limit"/> (by default
    /// <see cref="Patience.Long"/>) of waiting for that. A cancelled job stays listed while completing (PBS's <c>qstat</c>
    /// already calls it finished then), so this polls squeue, which has no event to wait on.
    /// </summary>
    public static async Task<string> SqueueAfterStopAsync(string job, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Patience.Long);
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

    /// <summary>Whether Slurm has forgotten <paramref name="job"/>, or lists it no more, within <paramref name="limit"/>.</summary>
    public static async Task<bool> JobGoneAsync(string job, TimeSpan limit) => (await SqueueAfterStopAsync(job, limit)).Length == 0;

    /// <summary>Runs a command on a test SSH host and returns its output.</summary>
    public static async Task<string> SshAsync(string config, string host, string command)
    {
        var run = await Processes.RunAsync("ssh", ["-F", config, host, command]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Out.Trim();
    }

    private static void Require(bool present, string what, string script) =>
        Assert.True(present, $"{what} is not set up on this machine: run {(script.StartsWith("../tests/", StringComparison.Ordinal) ? script[3..] : "../shared/clusters/" + script)} first (.ci/run does).");

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
