using RemoteKit.Launchers;
using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>
/// Slurm (with PBS wrappers), Open MPI and two sshd hosts, as <c>../shared/clusters/setup-*.sh</c> leave them (state under
/// <c>$RK_CLUSTERS</c>, else <c>/tmp/rk-clusters</c>). Tests that need them fail, saying which script to run, when they are missing.
/// </summary>
internal static class ResourceManagers
{
    public const string Collection = "resource managers";

    public const string MpiRun = "/usr/bin/mpirun.openmpi";

    /// <summary>What setup-mpi.sh's mpi.env sets, as mpirun arguments: root, more ranks than cores, loopback only.</summary>
    public static readonly string[] MpiArguments =
        ["--allow-run-as-root", "--oversubscribe", "--mca", "btl", "self,vader,tcp", "--mca", "pml", "ob1", "--mca", "btl_tcp_if_include", "lo", "--mca", "oob_tcp_if_include", "lo"];

    public static string SshConfig => Path.Combine(State, "ssh", "ssh_config");

    private static string State => Environment.GetEnvironmentVariable("RK_CLUSTERS") is { Length: > 0 } state ? state : "/tmp/rk-clusters";

    /// <summary>Fails the test unless <paramref name="launcher"/>'s resource manager is set up.</summary>
    public static void Require(EngineLauncherKind launcher)
    {
        var (ready, script) = launcher switch
        {
            EngineLauncherKind.Slurm => (Directory.Exists(Path.Combine(State, "slurm")), "setup-slurm.sh"),
            EngineLauncherKind.Pbs => (Directory.Exists(Path.Combine(State, "slurm")) && File.Exists("/usr/bin/qsub"), "setup-slurm.sh (WITH_PBS=1)"),
            EngineLauncherKind.Mpi => (File.Exists(MpiRun), "setup-mpi.sh"),
            _ => (File.Exists(SshConfig), "setup-ssh.sh"),
        };
        Assert.True(ready, $"The {launcher} test environment is missing: run ../shared/clusters/{script} first (.ci/run does).");
    }

    /// <summary>
    /// Waits until Slurm has forgotten a job or lists it no more (squeue shows pending, running and completing jobs); false
    /// if it is still listed after <paramref name="limit"/>. A cancelled job stays listed while completing (PBS's <c>qstat</c>
    /// already calls it finished then), so this polls squeue, which has no event to wait on.
    /// </summary>
    public static async Task<bool> JobGoneAsync(string job, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var result = await ChildProcess.RunAsync(new ProcessCommand("squeue", ["-h", "-j", job]));
            var gone = result.Succeeded ? result.Output.Trim().Length == 0 : result.Error.Contains("Invalid job id", StringComparison.Ordinal);
            if (gone || DateTime.UtcNow > deadline)
            {
                return gone;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}

[CollectionDefinition(ResourceManagers.Collection)]
public sealed class ResourceManagersCollection
{
}
