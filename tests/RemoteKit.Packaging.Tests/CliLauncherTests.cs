using System.Text.Json;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>
/// <c>remotekit cluster start --engines slurm|pbs|mpi|ssh</c> against the real resource managers that
/// <c>../shared/clusters/setup-*.sh</c> bring up (<c>.ci/run</c> runs them): four engines each, the tutorial's map,
/// where each engine ran, and nothing left after <c>cluster stop</c>.
/// </summary>
[Collection(ResourceManagers.Collection)]
public sealed class CliLauncherTests
{
    [Fact]
    public async Task Slurm_launcher_runs_one_engine_per_node_and_stop_leaves_no_job_and_no_engine()
    {
        ResourceManagers.RequireSlurm();
        var placements = await RunClusterAsync("slurm", ["--engines", "slurm", "--job-line", "--nodes=4", "--walltime", "30m"], (cli, job) =>
        {
            Assert.NotNull(job);
            return Task.CompletedTask;
        });

        Assert.Equal(["n1", "n2", "n3", "n4"], placements.Select(p => p["SLURMD_NODENAME"]).Order());
        Assert.Single(placements.Select(p => p["SLURM_JOB_ID"]).Distinct());
    }

    [Fact]
    public async Task Pbs_launcher_runs_an_array_of_four_jobs_and_stop_leaves_no_job_and_no_engine()
    {
        ResourceManagers.RequirePbs();
        var placements = await RunClusterAsync("pbs", ["--engines", "pbs", "--walltime", "30m"], (_, job) =>
        {
            Assert.NotNull(job);
            return Task.CompletedTask;
        });

        Assert.All(placements, p => Assert.NotEqual("", p["PBS_JOBID"]));
        Assert.Equal(["1", "2", "3", "4"], placements.Select(p => p["SLURM_ARRAY_TASK_ID"]).Order());
        Assert.All(placements, p => Assert.StartsWith("n", p["SLURMD_NODENAME"]));
    }

    [Fact]
    public async Task Mpi_launcher_runs_four_ranks_and_stop_leaves_no_engine()
    {
        var mpirun = ResourceManagers.RequireMpi();
        var placements = await RunClusterAsync("mpi", ["--engines", "mpi", "--mpiexec", mpirun, "--mpiexec-args", ResourceManagers.MpiArguments], (_, _) => Task.CompletedTask);

        Assert.Equal(["0", "1", "2", "3"], placements.Select(p => p["OMPI_COMM_WORLD_RANK"]).Order());
    }

    [Fact]
    public async Task Ssh_launcher_runs_two_engines_on_each_host_and_stop_leaves_no_engine_and_no_copied_key()
    {
        var config = ResourceManagers.RequireSsh();
        var placements = await RunClusterAsync("ssh", ["--engines", "ssh", "--hosts", "rk-host1:2,rk-host2:2", "--ssh-config", config], async (cli, _) =>
        {
            // rk-host2 has a private ~/.remotekit: the engine connection file was copied there, and is removed on stop.
            Assert.Equal("", await ResourceManagers.SshAsync(config, "rk-host2", "ls ~/.remotekit/security 2>/dev/null | grep remotekit-ssh || true"));
        });

        var hosts = new[] { Environment.MachineName, Environment.MachineName, "rk-host2", "rk-host2" };
        Assert.Equal(hosts.Order(StringComparer.Ordinal), placements.Select(p => p["host"]).Order(StringComparer.Ordinal));
        Assert.Equal(["127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2"], placements.Select(p => p["SSH_CONNECTION"].Split(' ')[2]).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Starts a 4-engine cluster with the profile <paramref name="profileName"/> and the given launcher arguments, checks
    /// the tutorial's map, collects where each engine ran, stops the cluster, and checks that its job and its engine
    /// processes are gone; <paramref name="afterStop"/> checks more (it gets the job id, if any).
    /// </summary>
    private static async Task<IReadOnlyList<Dictionary<string, string>>> RunClusterAsync(string profileName, string[] launch, Func<Cli, string?, Task> afterStop)
    {
        await using var cli = new Cli();
        await cli.RunAsync("profile", "create", profileName);
        var started = await cli.RunAsync(["cluster", "start", "-n", "4", "--profile", profileName, "--daemonize", "--engine-timeout", "5m", .. launch]);
        Assert.True(started.ExitCode == 0, started.ToString());
        var job = RecordedJob(cli, profileName);

        Dictionary<string, string>[] placements;
        await using (var client = await cli.ConnectAsync(profileName))
        {
            Assert.Equal([0, 1, 2, 3], client.Ids);
            var powers = await client[..].MapAsync(CliWork.SlowPower, Enumerable.Range(0, 10).Select(x => (long)x));
            Assert.Equal([0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049], powers);
            placements = await client[..].ApplyAsync(CliWork.Placement);
        }

        var stopped = await cli.RunAsync("cluster", "stop", "--profile", profileName);
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        if (job is not null)
        {
            Assert.Equal("", await ResourceManagers.SqueueAsync(job));
        }

        foreach (var pid in placements.Select(p => int.Parse(p["pid"], System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.True(await Processes.ExitsAsync(pid), $"engine process {pid} outlived 'cluster stop'");
        }

        await afterStop(cli, job);
        return placements;
    }

    private static string? RecordedJob(Cli cli, string profile)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(cli.Profile(profile).RunDirectory, "cluster.json")));
        return state.RootElement.GetProperty("units").EnumerateArray()
            .Select(u => u.TryGetProperty("job", out var job) ? job.GetString() : null)
            .FirstOrDefault(j => j is not null);
    }
}
