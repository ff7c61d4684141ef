using System.Text.Json;
using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary>
/// <c>remotekit cluster start --controller ssh|slurm|pbs</c> against the real SSH hosts and Slurm (with its PBS wrappers):
/// the controller runs where it was placed, its connection files are written here, clients and engines use them unchanged,
/// a controller that dies comes back, and <c>cluster stop</c> leaves no controller behind.
/// </summary>
[Collection(ResourceManagers.Collection)]
public sealed class CliPlacedControllerTests
{
    [Fact]
    public async Task A_controller_placed_on_an_ssh_host_serves_ssh_engines_and_clients_comes_back_when_killed_and_stop_leaves_nothing()
    {
        var config = ResourceManagers.RequireSsh();
        await using var cli = new Cli();
        var started = await cli.StartClusterAsync(
            "psh", 2, "--controller", "ssh", "--controller-host", "rk-host2", "--controller-ssh-config", config, "--engines", "ssh", "--hosts", "rk-host1:2", "--ssh-config", config);
        var profile = cli.Profile("psh");
        var first = ControllerUnit(cli, "psh");
        Assert.Equal("rk-host2", first.GetProperty("host").GetString());
        var firstPid = first.GetProperty("remotePid").GetInt32();
        Assert.Contains($"its controller as process {firstPid} on rk-host2", started.Out, StringComparison.Ordinal);

        // It runs on rk-host2 (in that host's namespace), and the profile here names the address ssh reaches it by, with no process id of this machine.
        Assert.Contains("controller --announce --supervised", await ResourceManagers.SshAsync(config, "rk-host2", $"tr '\\0' ' ' < /proc/{firstPid}/cmdline"));
        Assert.Equal(
            await ResourceManagers.SshAsync(config, "rk-host2", "readlink /proc/self/ns/uts"),
            await ResourceManagers.SshAsync(config, "rk-host2", $"readlink /proc/{firstPid}/ns/uts"));
        Assert.NotEqual(new FileInfo("/proc/self/ns/uts").LinkTarget, await ResourceManagers.SshAsync(config, "rk-host2", $"readlink /proc/{firstPid}/ns/uts"));
        var before = ConnectionInfo.Load(profile.ClientConnectionFile);
        Assert.Equal("127.0.0.2", before.Host);
        Assert.Null(before.ControllerPid);
        Assert.NotNull(before.TlsFingerprint);
        Assert.Equal(before, ConnectionInfo.Load(profile.EngineConnectionFile));

        var status = await cli.RunAsync("status", "--profile", "psh");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches($@"(?m)^Controller:\s+127\.0\.0\.2:{before.Port} ", status.Out);
        Assert.Matches(@"(?m)^Engines:\s+2$", status.Out);

        // The key went to rk-host2 through the SSH session's input: it is in no command line and no log here.
        Assert.DoesNotContain(CommandLines(), line => line.Contains(before.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFiles(profile.LogDirectory), file => File.ReadAllText(file).Contains(before.Key, StringComparison.Ordinal));

        await using (var client = await cli.ConnectAsync("psh"))
        {
            Assert.Equal([0, 1], client.Ids);
            long[] powers = await client[..].ApplyAsync(Work.Power, 3, 4);
            Assert.Equal([81L, 81L], powers);
            var engines = await client[..].ApplyAsync(CliWork.ProcessId);

            // Killed, it is started again on rk-host2 with the same port and key; the engines and this client come back to it.
            await ResourceManagers.SshAsync(config, "rk-host2", $"kill -KILL {firstPid}");
            // Retries: a task sent while the connection dies is sent again, and on a loaded machine a reconnection during the new
            // controller's start can break once more.
            var balanced = client.LoadBalancedView(new TaskOptions { Retries = 3 });
            await WithClusterLogAsync(profile, async () => Assert.Equal(32L, await balanced.ApplyAsync(Work.Power, 2, 5).Task.WaitAsync(Patience.Long)));
            await client.WaitForEnginesAsync(2, Patience.Long);
            Assert.Equal([0, 1], client.Ids);
            Assert.Equal(engines, await client[..].ApplyAsync(CliWork.ProcessId).Task.WaitAsync(Patience.Long));
        }

        var secondPid = await Events.FileSaysAsync(ClusterStateFile(cli, "psh"), () => ControllerUnit(cli, "psh").GetProperty("remotePid").GetInt32() is var pid && pid != firstPid ? pid : (int?)null);
        var after = ConnectionInfo.Load(profile.ClientConnectionFile);
        Assert.Equal((before.Host, before.Port, before.Key, before.TlsFingerprint), (after.Host, after.Port, after.Key, after.TlsFingerprint));

        var stopped = await cli.RunAsync("cluster", "stop", "--profile", "psh");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal("", await ResourceManagers.SshAsync(config, "rk-host2", $"ps -o pid= -p {firstPid},{secondPid} || true"));
        Assert.False(File.Exists(profile.ClientConnectionFile), "the client connection file outlived 'cluster stop'");
        Assert.False(File.Exists(profile.EngineConnectionFile), "the engine connection file outlived 'cluster stop'");
        Assert.False(File.Exists(Path.Combine(profile.RunDirectory, "cluster.json")), "the cluster's state outlived 'cluster stop'");
    }

    [Fact]
    public async Task A_controller_in_a_slurm_job_serves_local_engines_and_clients_comes_back_as_a_new_job_and_stop_cancels_it_after_its_cluster_process_was_killed()
    {
        ResourceManagers.RequireSlurm();
        await using var cli = new Cli();
        var started = await cli.StartClusterAsync("pslurm", 2, "--controller", "slurm", "--walltime", "30m");
        var profile = cli.Profile("pslurm");
        var job = ControllerUnit(cli, "pslurm").GetProperty("job").GetString()!;
        Assert.Contains($"its controller as Slurm job {job}", started.Out, StringComparison.Ordinal);
        var listed = await Processes.RunAsync("squeue", ["-h", "-j", job, "-o", "%j %T"]);
        Assert.Equal("remotekit-pslurm-controller RUNNING", listed.Out.Trim());

        // The node's host name is the address in the profile here.
        var info = ConnectionInfo.Load(profile.ClientConnectionFile);
        Assert.Equal(System.Net.Dns.GetHostName(), info.Host);
        Assert.Null(info.ControllerPid);
        var script = File.ReadAllText(Assert.Single(Directory.EnumerateFiles(profile.LogDirectory, "*.sbatch")));
        Assert.Contains("#SBATCH --job-name=remotekit-pslurm-controller\n", script, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --time=0:30:00\n", script, StringComparison.Ordinal);
        Assert.Contains(" controller --announce\n", script, StringComparison.Ordinal);
        var output = File.ReadAllLines(Assert.Single(Directory.EnumerateFiles(profile.LogDirectory, "*.out")));
        var node = Assert.Single(output, l => l.StartsWith("remotekit-controller-node ", StringComparison.Ordinal))["remotekit-controller-node ".Length..];
        using var announced = JsonDocument.Parse(Assert.Single(output, l => l.StartsWith("remotekit-controller {", StringComparison.Ordinal))["remotekit-controller ".Length..]);
        Assert.Equal(info.Port, announced.RootElement.GetProperty("port").GetInt32());
        Assert.False(announced.RootElement.TryGetProperty("key", out _), "the controller printed its key");

        // The job got the key in its environment: it is not in its script, its output or any command line.
        Assert.DoesNotContain(Directory.EnumerateFiles(profile.LogDirectory), file => File.ReadAllText(file).Contains(info.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(CommandLines(), line => line.Contains(info.Key, StringComparison.Ordinal));

        await using (var client = await cli.ConnectAsync("pslurm"))
        {
            Assert.Equal([0, 1], client.Ids);
            long[] powers = await client[..].ApplyAsync(Work.Power, 4, 5);
            Assert.Equal([1024L, 1024L], powers);

            // Killed (the test's nodes are this machine), the controller comes back as a new job on the same node, same port and key.
            using (var controller = Processes.TryGet(announced.RootElement.GetProperty("pid").GetInt32()))
            {
                controller!.Kill();
            }

            var balanced = client.LoadBalancedView(new TaskOptions { Retries = 3 });
            await WithClusterLogAsync(profile, async () => Assert.Equal(9L, await balanced.ApplyAsync(Work.Power, 3, 2).Task.WaitAsync(Patience.Long)));
            await client.WaitForEnginesAsync(2, Patience.Long);
            Assert.Equal([0, 1], client.Ids);
        }

        var second = await Events.FileSaysAsync(ClusterStateFile(cli, "pslurm"), () => ControllerUnit(cli, "pslurm").GetProperty("job").GetString() is { } j && j != job ? int.Parse(j, System.Globalization.CultureInfo.InvariantCulture) : (int?)null);
        Assert.Equal("", await ResourceManagers.SqueueAfterStopAsync(job));
        job = second.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var restarted = Directory.EnumerateFiles(profile.LogDirectory, "*.sbatch").Select(File.ReadAllText).Where(t => t != script);
        Assert.Contains($"#SBATCH --nodelist={node}\n", Assert.Single(restarted), StringComparison.Ordinal);
        var after = ConnectionInfo.Load(profile.ClientConnectionFile);
        Assert.Equal((info.Host, info.Port, info.Key), (after.Host, after.Port, after.Key));

        // The cluster process dies; its job does not. A new cluster is refused until 'cluster stop' has ended it.
        var clusterPid = cli.RecordedPids("pslurm")[0];
        using (var cluster = Processes.TryGet(clusterPid))
        {
            cluster!.Kill();
        }

        Assert.True(await Processes.ExitsAsync(clusterPid), $"the cluster process {clusterPid} outlived SIGKILL");
        Assert.Equal("RUNNING", (await Processes.RunAsync("squeue", ["-h", "-j", job, "-o", "%T"])).Out.Trim());
        var refused = await cli.RunAsync("cluster", "start", "-n", "1", "--profile", "pslurm", "--daemonize");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"left its controller running (Slurm job {job})", refused.Err, StringComparison.Ordinal);

        var stopped = await cli.RunAsync("cluster", "stop", "--profile", "pslurm");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal("", await ResourceManagers.SqueueAfterStopAsync(job));
        Assert.False(File.Exists(profile.ClientConnectionFile), "the client connection file outlived 'cluster stop'");
    }

    [Fact]
    public async Task A_controller_in_a_pbs_job_serves_engines_and_clients_and_stop_ends_its_job()
    {
        ResourceManagers.RequirePbs();
        await using var cli = new Cli();
        await cli.StartClusterAsync("ppbs", 1, "--controller", "pbs", "--walltime", "30m");
        var profile = cli.Profile("ppbs");
        var job = ControllerUnit(cli, "ppbs").GetProperty("job").GetString()!;
        Assert.Equal("RUNNING", (await Processes.RunAsync("squeue", ["-h", "-j", job, "-o", "%T"])).Out.Trim());
        Assert.Contains(Directory.EnumerateFiles(profile.LogDirectory), f => f.EndsWith(".pbs", StringComparison.Ordinal));
        await using (var client = await cli.ConnectAsync("ppbs"))
        {
            Assert.Equal(125L, await client[0].ApplyAsync(Work.Power, 5, 3));
        }

        var stopped = await cli.RunAsync("cluster", "stop", "--profile", "ppbs");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        Assert.Equal("", await ResourceManagers.SqueueAfterStopAsync(job));
        Assert.False(File.Exists(profile.ClientConnectionFile), "the client connection file outlived 'cluster stop'");
    }

    [Fact]
    public async Task Placing_the_controller_without_what_it_needs_says_what_is_missing()
    {
        await using var cli = new Cli();
        var noHost = await cli.RunAsync("cluster", "start", "-n", "1", "--controller", "ssh");
        Assert.Equal(2, noHost.ExitCode);
        Assert.Contains("--controller ssh needs the host to run the controller on: --controller-host HOST", noHost.Err, StringComparison.Ordinal);

        var dashboard = await cli.RunAsync("cluster", "start", "-n", "1", "--controller", "slurm", "--dashboard");
        Assert.Equal(2, dashboard.ExitCode);
        Assert.Contains("a placed controller (--controller ssh|slurm|pbs) serves no dashboard", dashboard.Err, StringComparison.Ordinal);

        var unknown = await cli.RunAsync("cluster", "start", "-n", "1", "--controller", "moon");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("'moon' is not a place for the controller: use local, ssh, slurm or pbs.", unknown.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.Profile("default").ClientConnectionFile));
    }

    /// <summary>Runs <paramref name="check"/>; if it fails, the failure carries the cluster's log (where the controller's lines go).</summary>
    private static async Task WithClusterLogAsync(RemoteKitProfile profile, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var log = string.Join("\n", Directory.EnumerateFiles(profile.LogDirectory, "cluster-*.log").Select(File.ReadAllText));
            throw new Xunit.Sdk.XunitException($"{e.Message}\n--- cluster log\n{log}", e);
        }
    }

    /// <summary>The cluster's state file, which it rewrites (a moment after clients are back) once a restarted controller listens.</summary>
    private static string ClusterStateFile(Cli cli, string profile) => Path.Combine(cli.Profile(profile).RunDirectory, "cluster.json");

    /// <summary>The placed controller the cluster recorded in its state.</summary>
    private static JsonElement ControllerUnit(Cli cli, string profile)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(ClusterStateFile(cli, profile)));
        return state.RootElement.GetProperty("controllerUnit").Clone();
    }

    private static List<string> CommandLines()
    {
        var lines = new List<string>();
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                lines.Add(File.ReadAllText(Path.Combine(process, "cmdline")).Replace('\0', ' '));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ended meanwhile.
            }
        }

        return lines;
    }
}
