using System.Diagnostics;
using System.Security.Authentication;
using System.Security.Cryptography;
using Xunit;

namespace RemoteKit.Cli.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Daemonized_cluster_runs_remote_calls_and_stop_leaves_no_process_and_no_connection_file()
    {
        await using var cli = new Cli();
        Assert.Equal(0, (await cli.RunAsync("profile", "create", "p1")).ExitCode);
        var started = await cli.RunAsync("cluster", "start", "-n", "2", "--profile", "p1", "--daemonize");
        Assert.True(started.ExitCode == 0, started.ToString());
        var pids = cli.RecordedPids("p1");
        Assert.Equal(3, pids.Length);
        var profile = cli.Profile("p1");
        Assert.True(File.Exists(profile.ClientConnectionFile));
        Assert.True(File.Exists(profile.EngineConnectionFile));

        await using (var client = await cli.ConnectAsync("p1"))
        {
            Assert.Equal([0, 1], client.Ids);
            var powers = await client[..].ApplyAsync(Work.Power, 3, 2);
            Assert.Equal([9L, 9L], powers);
        }

        var status = await cli.RunAsync("status", "--profile", "p1");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Matches(@"ENGINE\s+STATE\s+QUEUED\s+RUNNING\s+COMPLETED", status.Out);
        Assert.Matches(@"(?m)^1\s+idle\s+0\s+0\s+1$", status.Out);

        var stopped = await cli.RunAsync("cluster", "stop", "--profile", "p1");
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        foreach (var pid in pids)
        {
            Assert.True(await Processes.ExitsAsync(pid), $"process {pid} outlived 'cluster stop'");
        }

        Assert.False(File.Exists(profile.ClientConnectionFile));
        Assert.False(File.Exists(profile.EngineConnectionFile));
        Assert.Empty(Directory.EnumerateFiles(profile.RunDirectory));

        var again = await cli.RunAsync("cluster", "stop", "--profile", "p1");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("No cluster is running for profile 'p1'", again.Err);

        // A client of the stopped cluster is told so at once (the timeout given is long), with what to do.
        var connecting = cli.ConnectAsync("p1", TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains("remotekit cluster start --profile p1", error.Message);
    }

    [Fact]
    public async Task Engines_per_process_runs_several_engines_in_each_process_and_refuses_a_count_it_cannot_split()
    {
        await using var cli = new Cli();
        Assert.Equal(0, (await cli.RunAsync("profile", "create", "shared")).ExitCode);
        var uneven = await cli.RunAsync("cluster", "start", "-n", "3", "--engines-per-process", "2", "--profile", "shared", "--daemonize");
        Assert.Equal(1, uneven.ExitCode);
        Assert.Contains("3 engines cannot be split into processes of 2 (--engines-per-process)", uneven.Err);

        var started = await cli.RunAsync("cluster", "start", "-n", "4", "--engines-per-process", "2", "--profile", "shared", "--daemonize");
        Assert.True(started.ExitCode == 0, started.ToString());
        var pids = cli.RecordedPids("shared");
        Assert.Equal(3, pids.Length);
        await using (var client = await cli.ConnectAsync("shared"))
        {
            Assert.Equal([0, 1, 2, 3], client.Ids);
            var hosts = await client[..].ApplyAsync(CliWork.ProcessId);
            Assert.Equal([2, 2], hosts.GroupBy(pid => pid).Select(g => g.Count()));
            Assert.All(hosts, pid => Assert.Contains(pid, pids));
        }

        // Engines, not engine processes: two processes of two.
        Assert.Matches(@"(?m)^shared\s+running \(4 engines started, local launcher\)", (await cli.RunAsync("profile", "list")).Out);

        Assert.Equal(0, (await cli.RunAsync("cluster", "stop", "--profile", "shared")).ExitCode);
        foreach (var pid in pids)
        {
            Assert.True(await Processes.ExitsAsync(pid), $"process {pid} outlived 'cluster stop'");
        }
    }

    [Fact]
    public async Task Cluster_start_with_a_dashboard_prints_a_guarded_url_and_history_lists_the_tasks_also_after_stop()
    {
        await using var cli = new Cli();
        var started = await cli.StartClusterAsync("watch", 2, "--dashboard");
        var url = System.Text.RegularExpressions.Regex.Match(started.Out, @"Dashboard: (\S+)").Groups[1].Value;
        Assert.StartsWith("http://127.0.0.1:", url);
        Assert.Contains("token=", url);

        // No cookies kept: the page sets one once the token was seen, and a browser is then let in without the token.
        using (var http = new HttpClient(new HttpClientHandler { UseCookies = false }))
        {
            using var served = await http.GetAsync(url);
            using var refused = await http.GetAsync(new UriBuilder(url) { Query = "" }.Uri);
            Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        await using (var client = await cli.ConnectAsync("watch"))
        {
            var lb = client.LoadBalancedView();
            Assert.Equal(1, await lb.ApplyAsync(Work.Checked, 1));
            await Assert.ThrowsAsync<RemoteException>(async () => await lb.ApplyAsync(Work.Checked, -2));
            Assert.Equal(3, await lb.ApplyAsync(Work.Checked, 3));
        }

        var all = await cli.RunAsync("history", "--profile", "watch");
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Matches(@"TASK\s+STATUS\s+METHOD", all.Out);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(all.Out, @"Work\.Checked").Count);
        var failed = await cli.RunAsync("history", "--profile", "watch", "--failed");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(failed.Out, @"Work\.Checked"));
        Assert.Contains("negative input", failed.Out);

        // Stopped, the records are read from the profile's history file.
        Assert.Equal(0, (await cli.RunAsync("cluster", "stop", "--profile", "watch")).ExitCode);
        var after = await cli.RunAsync("history", "--profile", "watch", "--failed");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains("negative input", after.Out);
    }

    [Fact]
    public async Task Resubmit_runs_a_task_again_prints_its_new_id_and_with_wait_its_outcome()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("again", 1);
        ulong power, failed;
        await using (var client = await cli.ConnectAsync("again"))
        {
            var lb = client.LoadBalancedView();
            Assert.Equal(9L, await lb.ApplyAsync(Work.Power, 3, 2));
            await Assert.ThrowsAsync<RemoteException>(async () => await lb.ApplyAsync(Work.Checked, -2));
            power = Assert.Single(await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Power" })).TaskId;
            failed = Assert.Single(await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Checked" })).TaskId;
        }

        var ok = await cli.RunAsync("resubmit", power.ToString(System.Globalization.CultureInfo.InvariantCulture), "--profile", "again", "--wait");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        var newId = ulong.Parse(
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(ok.Out, $@"(?m)^Task {power} runs again as task (\d+)\.$")).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"(?m)^Task {newId}: ok \(engine 0, \d+\.\d{{3}} s\)$", ok.Out);

        var fails = await cli.RunAsync("resubmit", failed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--profile", "again", "--wait");
        Assert.True(fails.ExitCode == 1, fails.ToString());
        Assert.Matches($@"(?m)^Task {failed} runs again as task \d+\.$", fails.Out);
        Assert.Contains("failed: System.ArgumentOutOfRangeException: negative input", fails.Err);

        var unknown = await cli.RunAsync("resubmit", "987654321", "--profile", "again");
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains("There is no record of task 987654321", unknown.Err);
        Assert.Equal(2, (await cli.RunAsync("resubmit", "abc", "--profile", "again")).ExitCode);

        // Without --wait it returns once the task has reached an engine, which runs it though the command's client has left.
        var detached = await cli.RunAsync("resubmit", power.ToString(System.Globalization.CultureInfo.InvariantCulture), "--profile", "again");
        Assert.True(detached.ExitCode == 0, detached.ToString());
        var detachedId = ulong.Parse(
            System.Text.RegularExpressions.Regex.Match(detached.Out, $@"runs again as task (\d+)\.").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await using (var client = await cli.ConnectAsync("again"))
        {
            var records = await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Power" });
            Assert.Equal([power, newId, detachedId], records.Select(r => r.TaskId));
            Assert.Equal([null, power, power], records.Select(r => r.ResubmitOf));
            Assert.NotEqual(TaskHistoryStatus.Queued, records[2].Status);
        }

        var history = await cli.RunAsync("history", "--profile", "again");
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(history.Out, @"Work\.Power").Count);
    }

    [Fact]
    public async Task Cluster_engines_grows_a_running_cluster_and_new_ids_take_work()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("grow", 2);
        await using var client = await cli.ConnectAsync("grow");
        Assert.Equal([0, 1], client.Ids);

        var added = await cli.RunAsync("cluster", "engines", "-n", "2", "--profile", "grow");
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("ids 2, 3", added.Out);
        await client.WaitForEnginesAsync(4, Patience.Long);
        Assert.Equal([0, 1, 2, 3], client.Ids);
        Assert.Equal(3, await client[3].ApplyAsync(Work.EngineId));
        Assert.Equal(5, cli.RecordedPids("grow").Length);

        var pids = cli.RecordedPids("grow");
        Assert.Equal(0, (await cli.RunAsync("cluster", "stop", "--profile", "grow")).ExitCode);
        foreach (var pid in pids)
        {
            Assert.True(await Processes.ExitsAsync(pid), $"process {pid} outlived 'cluster stop'");
        }
    }

    [Fact]
    public async Task An_engine_added_with_cluster_engines_is_supervised_and_replaced_when_killed()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("adopt", 1);
        await using var client = await cli.ConnectAsync("adopt");
        var added = await cli.RunAsync("cluster", "engines", "-n", "1", "--profile", "adopt");
        Assert.True(added.ExitCode == 0, added.ToString());
        await client.WaitForEnginesAsync(2, Patience.Long);
        var pid = await client[1].ApplyAsync(CliWork.ProcessId);
        var running = client[1].ApplyAsync(CliWork.WaitForFile, Path.Combine(cli.Home, "never"));

        // 'cluster engines' has exited; the cluster's own process takes the engine on, so it is replaced like the others.
        Signals.Send("KILL", pid);
        await Assert.ThrowsAnyAsync<Exception>(async () => await running.Completion.WaitAsync(Patience.Long));
        await client.QueueStatusAsync();
        await client.WaitForEnginesAsync(2, Patience.Long);
        Assert.Equal([0, 2], client.Ids);
        var replacement = await client[2].ApplyAsync(CliWork.ProcessId);
        Assert.Contains(replacement, cli.RecordedPids("adopt"));

        var recorded = cli.RecordedPids("adopt");
        Assert.Equal(0, (await cli.RunAsync("cluster", "stop", "--profile", "adopt")).ExitCode);
        foreach (var recordedPid in recorded)
        {
            Assert.True(await Processes.ExitsAsync(recordedPid), $"process {recordedPid} outlived 'cluster stop'");
        }
    }

    [Fact]
    public async Task Cluster_start_replaces_an_engine_killed_by_sigkill_and_records_the_replacement()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("sup", 2);
        await using var client = await cli.ConnectAsync("sup");
        var pids = await client[..].ApplyAsync(CliWork.ProcessId);
        var running = client[1].ApplyAsync(CliWork.WaitForFile, Path.Combine(cli.Home, "never"));
        Signals.Send("KILL", pids[1]);
        await Assert.ThrowsAnyAsync<Exception>(async () => await running.Completion.WaitAsync(Patience.Long));

        // Replies come after the engine-set update the controller sent when it lost engine 1; then the replacement arrives.
        await client.QueueStatusAsync();
        await client.WaitForEnginesAsync(2, Patience.Long);
        Assert.Equal([0, 2], client.Ids);
        var replacement = await client[2].ApplyAsync(CliWork.ProcessId);
        Assert.Contains(replacement, cli.RecordedPids("sup"));
        Assert.DoesNotContain(pids[1], cli.RecordedPids("sup"));

        var recorded = cli.RecordedPids("sup");
        Assert.Equal(0, (await cli.RunAsync("cluster", "stop", "--profile", "sup")).ExitCode);
        foreach (var pid in recorded)
        {
            Assert.True(await Processes.ExitsAsync(pid), $"process {pid} outlived 'cluster stop'");
        }
    }

    [Fact]
    public async Task Connection_files_are_owner_only_and_a_client_with_a_wrong_key_is_refused_clearly()
    {
        await using var cli = new Cli();
        var started = await cli.StartClusterAsync("sec", 1);
        Assert.Contains("with 1 engine (local launcher)", started.Out);
        var profile = cli.Profile("sec");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(profile.ClientConnectionFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(profile.EngineConnectionFile));
        }

        var info = ConnectionInfo.Load(profile.ClientConnectionFile);
        var log = Directory.EnumerateFiles(profile.LogDirectory).Select(File.ReadAllText);
        Assert.DoesNotContain(log, text => text.Contains(info.Key, StringComparison.Ordinal));
        var status = await cli.RunAsync("status", "--profile", "sec");
        Assert.DoesNotContain(info.Key, status.Out + status.Err, StringComparison.Ordinal);

        var forged = Path.Combine(cli.Home, "forged.json");
        (info with { Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }).Save(forged);
        var error = await Assert.ThrowsAsync<AuthenticationException>(() => RemoteClient.ConnectAsync(forged, Patience.Long));
        Assert.Contains("key", error.Message);

        await using var client = await cli.ConnectAsync("sec");
        Assert.Equal(0, await client[0].ApplyAsync(Work.EngineId));
    }

    [Fact]
    public async Task Connecting_without_a_cluster_names_the_file_and_how_to_start_one()
    {
        await using var cli = new Cli();
        Assert.Equal(0, (await cli.RunAsync("profile", "create", "nothing")).ExitCode);
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => cli.ConnectAsync("nothing", TimeSpan.FromSeconds(30)).WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains(Path.Combine(cli.Home, "profile_nothing", "security", "remotekit-client.json"), error.Message);
        Assert.Contains("remotekit cluster start", error.Message);
        Assert.Contains("--profile nothing", error.Message);
    }

    [Fact]
    public async Task A_stale_connection_file_gives_a_clear_error_instead_of_waiting()
    {
        await using var cli = new Cli();
        await cli.StartClusterAsync("stale", 1);
        var profile = cli.Profile("stale");
        var saved = File.ReadAllText(profile.ClientConnectionFile);
        var pids = cli.RecordedPids("stale");
        Assert.Equal(0, (await cli.RunAsync("cluster", "stop", "--profile", "stale")).ExitCode);
        foreach (var pid in pids)
        {
            Assert.True(await Processes.ExitsAsync(pid));
        }

        File.WriteAllText(profile.ClientConnectionFile, saved);
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => cli.ConnectAsync("stale", Patience.Long));
        Assert.Contains("stale", error.Message);
        Assert.Contains("remotekit cluster start", error.Message);
        Assert.Contains("--profile stale", error.Message);

        // The same file without a process id: nothing listens at its port any more, which is just as clear.
        var info = ConnectionInfo.Load(profile.ClientConnectionFile);
        (info with { ControllerPid = null }).Save(profile.ClientConnectionFile);
        error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => cli.ConnectAsync("stale", Patience.Long));
        Assert.Contains("Nothing is listening", error.Message);

        var status = await cli.RunAsync("status", "--profile", "stale");
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("stale", status.Err);
    }

    [Fact]
    public async Task Foreground_cluster_stops_its_engines_and_removes_its_files_on_sigterm()
    {
        await using var cli = new Cli();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "RemoteKit.Cli.dll"), "cluster", "start", "-n", "2" })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["REMOTEKIT_DIR"] = cli.Home;
        using var cluster = Process.Start(start)!;
        try
        {
            _ = cluster.StandardError.ReadToEndAsync();
            var line = await cluster.StandardOutput.ReadLineAsync().WaitAsync(Patience.Long);
            Assert.NotNull(line);
            Assert.Contains("Cluster 'default' is running", line);
            var pids = cli.RecordedPids("default");
            Assert.Equal(3, pids.Length);
            Assert.Equal(cluster.Id, pids[0]);

            Signals.Send("TERM", cluster.Id);
            await cluster.WaitForExitAsync().WaitAsync(Patience.Long);
            Assert.Equal(0, cluster.ExitCode);
            foreach (var pid in pids)
            {
                Assert.True(await Processes.ExitsAsync(pid));
            }

            Assert.False(File.Exists(cli.Profile("default").ClientConnectionFile));
            Assert.False(File.Exists(cli.Profile("default").EngineConnectionFile));
        }
        finally
        {
            if (!cluster.HasExited)
            {
                cluster.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Commands_that_need_a_running_cluster_say_how_to_start_one_without_a_made_up_engine_count()
    {
        await using var cli = new Cli();
        await cli.RunAsync("profile", "create", "idle");
        foreach (var command in new[] { new[] { "status", "--profile", "idle" }, ["cluster", "engines", "-n", "1", "--profile", "idle"] })
        {
            var run = await cli.RunAsync(command);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("No cluster is running for profile 'idle'", run.Err);
            Assert.Contains("start one with 'remotekit cluster start --profile idle'", run.Err);
        }
    }

    [Theory]
    [InlineData("cluster", "start", "-n", "0")]
    [InlineData("cluster", "start", "--engines", "condor")]
    [InlineData("cluster", "start", "--walltime", "90")]
    [InlineData("cluster", "start", "--set", "no-equals-sign")]
    [InlineData("cluster", "start", "-n", "many")]
    [InlineData("cluster", "engines")]
    [InlineData("profile", "create")]
    [InlineData("profile", "create", "no/slashes")]
    [InlineData("controller", "--port", "70000")]
    [InlineData("controller", "--ip", "not-an-ip")]
    [InlineData("engine", "--profile", "a", "--file", "b.json")]
    [InlineData("status", "--bogus")]
    [InlineData("frobnicate")]
    public async Task Wrong_arguments_give_a_one_line_error_and_exit_code_2(params string[] args)
    {
        await using var cli = new Cli();
        var run = await cli.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("remotekit: ", lines[0]);
        Assert.Contains("--help", lines[0]);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData]
    [InlineData("profile")]
    [InlineData("profile", "create")]
    [InlineData("profile", "list")]
    [InlineData("cluster")]
    [InlineData("cluster", "start")]
    [InlineData("cluster", "stop")]
    [InlineData("cluster", "engines")]
    [InlineData("controller")]
    [InlineData("engine")]
    [InlineData("status")]
    public async Task Every_command_has_help(params string[] command)
    {
        await using var cli = new Cli();
        var run = await cli.RunAsync([.. command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains("remotekit " + string.Join(' ', command), run.Out);
    }

    [Fact]
    public async Task Profiles_are_created_with_settings_and_listed()
    {
        await using var cli = new Cli();
        var created = await cli.RunAsync("profile", "create", "alpha");
        Assert.Equal(0, created.ExitCode);
        await cli.RunAsync("profile", "create", "beta");
        var profile = cli.Profile("alpha");
        Assert.True(File.Exists(profile.SettingsFile));
        Assert.Contains("\"Engines\"", File.ReadAllText(profile.SettingsFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(profile.SecurityDirectory));
        }

        var list = await cli.RunAsync("profile", "list");
        Assert.Matches(@"(?m)^alpha\s+stopped", list.Out);
        Assert.Matches(@"(?m)^beta\s+stopped", list.Out);
    }
}
