using RemoteKit.Launchers;
using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>
/// Cluster.StartAsync with each launcher from code (ClusterOptions), against the real resource managers: four engines,
/// the tutorial's map, where they ran, and nothing left once the cluster is disposed.
/// </summary>
[Collection(ResourceManagers.Collection)]
public sealed class EmbeddedLauncherTests
{
    [Fact]
    public async Task Slurm_job_array_from_code_runs_four_array_tasks_and_disposing_cancels_the_job()
    {
        var options = new ClusterOptions { Launcher = EngineLauncherKind.Slurm, Slurm = { JobArray = true, Walltime = TimeSpan.FromMinutes(30) } };
        await RunAsync(options, async client =>
        {
            Assert.Equal(["1", "2", "3", "4"], (await client[..].ApplyAsync(LauncherWork.Variable, "SLURM_ARRAY_TASK_ID")).Order());
            Assert.All(await client[..].ApplyAsync(LauncherWork.Variable, "SLURMD_NODENAME"), node => Assert.Matches("^n[1-4]$", node));
            return Assert.Single((await client[..].ApplyAsync(LauncherWork.Variable, "SLURM_ARRAY_JOB_ID")).Distinct());
        });
    }

    [Fact]
    public async Task Pbs_from_code_runs_an_array_job_and_disposing_deletes_it()
    {
        var options = new ClusterOptions { Launcher = EngineLauncherKind.Pbs, Pbs = { Walltime = TimeSpan.FromMinutes(30) } };
        await RunAsync(options, async client =>
        {
            Assert.All(await client[..].ApplyAsync(LauncherWork.Variable, "PBS_JOBID"), id => Assert.NotEqual("", id));
            return Assert.Single((await client[..].ApplyAsync(LauncherWork.Variable, "SLURM_ARRAY_JOB_ID")).Distinct());
        });
    }

    [Fact]
    public async Task Mpi_from_code_runs_four_ranks_of_one_mpiexec()
    {
        var options = new ClusterOptions { Launcher = EngineLauncherKind.Mpi, Mpi = { Command = ResourceManagers.MpiRun, Arguments = ResourceManagers.MpiArguments } };
        await RunAsync(options, async client =>
        {
            Assert.Equal(["0", "1", "2", "3"], (await client[..].ApplyAsync(LauncherWork.Variable, "OMPI_COMM_WORLD_RANK")).Order());
            return null;
        });
    }

    [Fact]
    public async Task Ssh_from_code_runs_two_engines_on_each_host_with_the_connection_file_copied_to_the_second()
    {
        var options = new ClusterOptions { Launcher = EngineLauncherKind.Ssh, Ssh = { Hosts = ["rk-host1:2", "rk-host2:2"], ConfigFile = ResourceManagers.SshConfig } };
        await RunAsync(options, async client =>
        {
            var hosts = new[] { Environment.MachineName, Environment.MachineName, "rk-host2", "rk-host2" }.Order(StringComparer.Ordinal);
            Assert.Equal(hosts, (await client[..].ApplyAsync(LauncherWork.MachineName)).Order(StringComparer.Ordinal));
            return null;
        });
    }

    [Fact]
    public async Task Engines_that_cannot_reach_the_controller_fail_the_start_with_the_address_to_check()
    {
        ResourceManagers.RequireMpi();
        var options = new ClusterOptions
        {
            Launcher = EngineLauncherKind.Mpi,
            Mpi = { Command = ResourceManagers.MpiRun, Arguments = ResourceManagers.MpiArguments },
            Location = "192.0.2.1", // TEST-NET-1: reaches nothing
            EngineTimeout = TimeSpan.FromSeconds(10),
            JobPollInterval = TimeSpan.FromSeconds(1),
        };

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Cluster.StartAsync(engines: 2, options));
        Assert.Contains("Only 0 of 2 engines registered", error.Message);
        Assert.Contains("Engines connect to 192.0.2.1:", error.Message);
        Assert.Contains("ClusterOptions.Location", error.Message);

        // mpiexec's ranks log through this program: the message sends the reader there, not to a folder that is not there.
        Assert.Contains("Engine output: this program's log", error.Message);
    }

    /// <summary>
    /// Starts 4 engines with <paramref name="options"/>, runs the tutorial's map, lets <paramref name="placement"/> check
    /// where they run (it returns their batch job id, if any), disposes the cluster, and checks that the job and every
    /// engine process are gone.
    /// </summary>
    private static async Task RunAsync(ClusterOptions options, Func<RemoteClient, Task<string?>> placement)
    {
        Require(options.Launcher);
        options.EngineTimeout = TimeSpan.FromMinutes(5);
        var cluster = await Cluster.StartAsync(engines: 4, options);
        string? job;
        int[] pids;
        try
        {
            var client = cluster.Client;
            Assert.Equal([0, 1, 2, 3], client.Ids);
            var powers = await client[..].MapAsync(Work.SlowPower, Enumerable.Range(0, 10).Select(x => (long)x));
            Assert.Equal([0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049], powers);
            job = await placement(client);
            pids = await client[..].ApplyAsync(Work.ProcessId);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        if (job is not null)
        {
            Assert.True(await ResourceManagers.JobGoneAsync(job, Patience.Long), $"job {job} is still in squeue a minute after the cluster was disposed");
        }

        foreach (var pid in pids)
        {
            Assert.True(await ChildProcess.WaitGoneAsync(pid, Patience.Long), $"engine process {pid} outlived the cluster");
        }
    }

    /// <summary>Fails the test unless <paramref name="launcher"/>'s resource manager is set up.</summary>
    private static void Require(EngineLauncherKind launcher)
    {
        switch (launcher)
        {
            case EngineLauncherKind.Slurm:
                ResourceManagers.RequireSlurm();
                break;
            case EngineLauncherKind.Pbs:
                ResourceManagers.RequirePbs();
                break;
            case EngineLauncherKind.Mpi:
                ResourceManagers.RequireMpi();
                break;
            default:
                ResourceManagers.RequireSsh();
                break;
        }
    }
}
