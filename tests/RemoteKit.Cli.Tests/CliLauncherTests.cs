using System.Text.Json;
using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary>
/// <c>remotekit cluster start --engines slurm|pbs|mpi|ssh</c> against the real resource managers that
/// <c>../shared/clusters/setup-*.sh</c> bring up (<c>.ci/run</c> runs them): four engines each, the tutorial's map,
/// where each engine ran, and nothing left after <c>cluster stop</c>.
/// </summary>
[Collection(ResourceManagers.Collection)]
public sealed class CliLauncherTests
{
    [Fact]
    public async Task Slurm_launcher_runs_one_engine_per_node_and_cluster_engines_adds_a_job_and_stop_leaves_no_job_and_no_engine()
    {
        ResourceManagers.RequireSlurm();
        await using var cli = await RunClusterAsync("slurm", ["--engines", "slurm", "--job-line", "--nodes=4", "--walltime", "30m"], async (owner, client, job) =>
        {
            Assert.Equal(["n1", "n2", "n3", "n4"], (await client[..].ApplyAsync(CliWork.Variable, "SLURMD_NODENAME")).Order());
            Assert.NotNull(job);
            Assert.All(await client[..].ApplyAsync(CliWork.Variable, "SLURM_JOB_ID"), id => Assert.Equal(job, id));

            // More engines in a second job, with the cluster's launcher and settings except the one given here.
            var added = await owner.RunAsync("cluster", "engines", "-n", "2", "--profile", "slurm", "--job-line", "--nodes=2");
            Assert.True(added.ExitCode == 0, added.ToString());
            Assert.Contains("Added 2 engines to cluster 'slurm' (slurm launcher): ids 4, 5.", added.Out);
            await client.WaitForEnginesAsync(6, Patience.Long);
            var second = await client[4..6].ApplyAsync(CliWork.Variable, "SLURM_JOB_ID");
            Assert.Single(second.Distinct());
            Assert.NotEqual(job, second[0]);
        });
    }

    [Fact]
    public async Task Status_with_ssh_reaches_the_controller_through_a_tunnel_and_a_bad_login_says_what_ssh_said()
    {
        var config = ResourceManagers.RequireSsh();
        await using var cli = new Cli();
        Assert.Equal(0, (await cli.RunAsync("profile", "create", "tunnel")).ExitCode);
        var started = await cli.RunAsync("cluster", "start", "-n", "2", "--profile", "tunnel", "--daemonize");
        Assert.True(started.ExitCode == 0, started.ToString());
        try
        {
            var status = await cli.RunAsync("status", "--profile", "tunnel", "--ssh", "rk-host2", "--ssh-config", config);
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.Matches(@"(?m)^Controller:\s+127\.0\.0\.1:\d+", status.Out);
            int controllerPort;
            await using (var direct = await cli.ConnectAsync("tunnel"))
            {
                controllerPort = direct.ConnectionInfo.Port;
            }

            Assert.DoesNotContain($"127.0.0.1:{controllerPort} ", status.Out, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^Engines:\s+2$", status.Out);

            var refused = await cli.RunAsync("status", "--profile", "tunnel", "--ssh", "rk-nobody@rk-host2", "--ssh-config", config);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("ssh exited with code 255", refused.Err, StringComparison.Ordinal);

            // An engine that reaches the controller through the tunnel joins; its ssh is its child, and goes with it.
            await using var client = await cli.ConnectAsync("tunnel");
            using var engine = System.Diagnostics.Process.Start(EngineStart(cli, "--profile", "tunnel", "--ssh", "rk-host2", "--ssh-config", config))!;
            try
            {
                await client.WaitForEnginesAsync(3, Patience.Long);
                var ssh = Assert.Single(ChildrenOf(engine.Id), c => c.CommandLine.StartsWith("ssh", StringComparison.Ordinal));
                Assert.Contains("-L 127.0.0.1:", ssh.CommandLine, StringComparison.Ordinal);
                Assert.Contains(" rk-host2 sleep 15", ssh.CommandLine, StringComparison.Ordinal);
                Assert.Equal(16L, await client[client.Ids[^1]].ApplyAsync(Work.Power, 2, 4));

                Signals.Send("TERM", engine.Id);
                await engine.WaitForExitAsync().WaitAsync(Patience.Long);
                Assert.True(await Processes.ExitsAsync(ssh.Pid), $"the engine's tunnel (process {ssh.Pid}) outlived it");
            }
            finally
            {
                if (!engine.HasExited)
                {
                    engine.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            await cli.RunAsync("cluster", "stop", "--profile", "tunnel");
        }
    }

    private static System.Diagnostics.ProcessStartInfo EngineStart(Cli cli, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "RemoteKit.Cli.dll"), "engine", .. args])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in cli.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>The processes whose parent is <paramref name="pid"/>, with their command lines (from /proc).</summary>
    private static List<(int Pid, string CommandLine)> ChildrenOf(int pid)
    {
        var children = new List<(int, string)>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == pid)
                {
                    children.Add((child, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim()));
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return children;
    }

    [Fact]
    public async Task Pbs_launcher_runs_an_array_of_four_jobs_and_stop_leaves_no_job_and_no_engine()
    {
        ResourceManagers.RequirePbs();
        await using var cli = await RunClusterAsync("pbs", ["--engines", "pbs", "--walltime", "30m"], async (_, client, job) =>
        {
            Assert.All(await client[..].ApplyAsync(CliWork.Variable, "PBS_JOBID"), id => Assert.NotEqual("", id));
            Assert.NotNull(job);
            Assert.All(await client[..].ApplyAsync(CliWork.Variable, "SLURM_ARRAY_JOB_ID"), id => Assert.Equal(job, id));
            Assert.Equal(["1", "2", "3", "4"], (await client[..].ApplyAsync(CliWork.Variable, "SLURM_ARRAY_TASK_ID")).Order());
            Assert.All(await client[..].ApplyAsync(CliWork.Variable, "SLURMD_NODENAME"), node => Assert.Matches("^n[1-4]$", node));
        });
    }

    [Fact]
    public async Task Mpi_launcher_runs_four_ranks_and_stop_leaves_no_engine()
    {
        var mpirun = ResourceManagers.RequireMpi();
        await using var cli = await RunClusterAsync("mpi", ["--engines", "mpi", "--mpiexec", mpirun, "--mpiexec-args", string.Join(' ', ResourceManagers.MpiArguments)], async (_, client, job) =>
        {
            Assert.Null(job);
            Assert.Equal(["0", "1", "2", "3"], (await client[..].ApplyAsync(CliWork.Variable, "OMPI_COMM_WORLD_RANK")).Order());
        });
    }

    [Fact]
    public async Task Ssh_launcher_runs_two_engines_on_each_host_and_stop_leaves_no_engine_and_no_copied_key()
    {
        var config = ResourceManagers.RequireSsh();
        await using var cli = await RunClusterAsync("ssh", ["--engines", "ssh", "--hosts", "rk-host1:2,rk-host2:2", "--ssh-config", config], async (_, client, _) =>
        {
            var hosts = new[] { Environment.MachineName, Environment.MachineName, "rk-host2", "rk-host2" };
            Assert.Equal(hosts.Order(StringComparer.Ordinal), (await client[..].ApplyAsync(CliWork.MachineName)).Order(StringComparer.Ordinal));
            var servers = (await client[..].ApplyAsync(CliWork.Variable, "SSH_CONNECTION")).Select(c => c.Split(' ')[2]);
            Assert.Equal(["127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.2"], servers.Order(StringComparer.Ordinal));
        });

        // rk-host2 has a private ~/.remotekit: the engine connection file was copied there, and 'cluster stop' removed it.
        Assert.Equal("", await ResourceManagers.SshAsync(config, "rk-host2", "ls ~/.remotekit/security | grep remotekit-ssh- || true"));
    }

    [Fact]
    public async Task Ssh_engines_with_engine_ssh_reach_the_controller_through_a_tunnel_from_their_host()
    {
        var config = ResourceManagers.RequireSsh();
        await using var cli = await RunClusterAsync(
            "etun", ["--engines", "ssh", "--hosts", "rk-host2:4", "--ssh-config", config, "--engine-ssh", "rk-host1", "--engine-ssh-config", config], async (_, client, _) =>
            {
                Assert.All(await client[..].ApplyAsync(CliWork.MachineName), host => Assert.Equal("rk-host2", host));

                // On rk-host2, each engine process runs its tunnel through rk-host1.
                var tunnels = await ResourceManagers.SshAsync(config, "rk-host2", "pgrep -af 'rk-host1 slee[p] 15' || true");
                Assert.Equal(4, tunnels.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("-L 127.0.0.1:", StringComparison.Ordinal)));
            });

        // Stopped engines leave no tunnel: each ssh ends with its connection (and its short remote sleep); pidwait waits there
        // for them to exit. (The pattern's brackets keep it from matching the command lines that carry it.)
        Assert.Equal("gone", await ResourceManagers.SshAsync(
            config, "rk-host2", "timeout 60 pidwait -f 'rk-host1 slee[p] 15'; pgrep -af 'rk-host1 slee[p] 15' || echo gone"));
    }

    [Fact]
    public async Task Waiting_for_a_pending_job_shows_its_state_and_the_timeout_says_what_to_check_and_cancels_the_job()
    {
        ResourceManagers.RequireSlurm();
        await using var cli = new Cli();
        await cli.RunAsync("profile", "create", "pending");
        var run = await cli.RunAsync(
            "cluster", "start", "-n", "1", "--profile", "pending", "--daemonize", "--engines", "slurm", "--job-line", "--begin=now+1hour", "--engine-timeout", "15s");

        Assert.Equal(1, run.ExitCode);
        var job = Assert.Single(System.Text.RegularExpressions.Regex.Matches(run.Out, @"job (\d+): \S+ PENDING \(BeginTime\)").Select(m => m.Groups[1].Value).Distinct());
        Assert.Contains("Waiting for engines: 0 of 1 registered", run.Out);
        Assert.Contains("Only 0 of 1 engines registered within 00:00:15", run.Err);
        Assert.Contains("check that this address reaches this machine from where engines run", run.Err);
        Assert.Contains("--location", run.Err);

        // The job's script and output live in the folder the message names.
        var folder = System.Text.RegularExpressions.Regex.Match(run.Err, @"Engine output: (/\S+),").Groups[1].Value;
        Assert.True(Directory.Exists(folder), $"the message names '{folder}' for engine output, which does not exist:\n{run.Err}");
        Assert.Equal("", await ResourceManagers.SqueueAfterStopAsync(job));
    }

    /// <summary>
    /// Starts a 4-engine cluster with the profile <paramref name="profileName"/> and the given launcher arguments, runs the
    /// tutorial's map, lets <paramref name="placement"/> check where engines run (it gets the job id, if any), stops the
    /// cluster, and checks that its job and its engine processes are gone.
    /// </summary>
    private static async Task<Cli> RunClusterAsync(string profileName, string[] launch, Func<Cli, RemoteClient, string?, Task> placement)
    {
        var cli = new Cli();
        try
        {
            await cli.StartClusterAsync(profileName, 4, ["--engine-timeout", "5m", .. launch]);
            var job = RecordedJobs(cli, profileName).SingleOrDefault();

            int[] pids;
            await using (var client = await cli.ConnectAsync(profileName))
            {
                Assert.Equal([0, 1, 2, 3], client.Ids);
                var powers = await client[..].MapAsync(CliWork.SlowPower, Enumerable.Range(0, 10).Select(x => (long)x));
                Assert.Equal([0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049], powers);
                await placement(cli, client, job);
                pids = await client[..].ApplyAsync(CliWork.ProcessId);
            }

            // The key is in no command line of this machine (engines, mpiexec, ssh, sbatch alike) and in no job script or log.
            var key = ConnectionInfo.Load(cli.Profile(profileName).ClientConnectionFile).Key;
            Assert.DoesNotContain(CommandLines(), line => line.Contains(key, StringComparison.Ordinal));
            Assert.DoesNotContain(Directory.EnumerateFiles(cli.Profile(profileName).LogDirectory), file => File.ReadAllText(file).Contains(key, StringComparison.Ordinal));

            var jobs = RecordedJobs(cli, profileName);
            var stopped = await cli.RunAsync("cluster", "stop", "--profile", profileName);
            Assert.True(stopped.ExitCode == 0, stopped.ToString());
            foreach (var each in jobs)
            {
                Assert.Equal("", await ResourceManagers.SqueueAfterStopAsync(each));
            }

            foreach (var pid in pids)
            {
                Assert.True(await Processes.ExitsAsync(pid), $"engine process {pid} outlived 'cluster stop'");
            }
        }
        catch
        {
            await cli.DisposeAsync();
            throw;
        }

        return cli;
    }

    private static IEnumerable<string> CommandLines()
    {
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            string line;
            try
            {
                line = File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // ended meanwhile
            }

            yield return line;
        }
    }

    /// <summary>The batch jobs a cluster recorded: its own, then those of 'cluster engines'.</summary>
    private static IReadOnlyList<string> RecordedJobs(Cli cli, string profile)
    {
        var run = cli.Profile(profile).RunDirectory;
        var files = new[] { Path.Combine(run, "cluster.json") }.Concat(Directory.EnumerateFiles(run, "added-*.json").Order());
        var jobs = new List<string>();
        foreach (var file in files)
        {
            using var state = JsonDocument.Parse(File.ReadAllText(file));
            jobs.AddRange(state.RootElement.GetProperty("units").EnumerateArray()
                .Select(u => u.TryGetProperty("job", out var job) ? job.GetString() : null)
                .OfType<string>());
        }

        return jobs;
    }
}
