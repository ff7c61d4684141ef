using System.Globalization;
using System.Text.Json;

namespace RemoteKit.Launchers;

/// <summary>
/// Engines on other hosts, started with <c>ssh</c>. The engine connection file is copied to each host first (its folder
/// created owner-only, the file mode 0600), so the key never appears on a command line and no shared file system is
/// needed. Each engine runs in its own SSH session: its output comes back here, and it stops when the session closes.
/// Engines that must outlive this process (<c>remotekit cluster engines</c>) run under <c>nohup</c> instead. Either
/// way the remote process id is recorded, and stopping sends it <c>kill</c> over SSH.
/// </summary>
internal sealed class SshLauncher(EngineLaunchOptions options) : EngineLauncher(options)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    public override EngineLauncherKind Kind => EngineLauncherKind.Ssh;

    private SshLauncherOptions Ssh => Options.Ssh;

    /// <summary>The hosts with how many engines each takes per round, in order.</summary>
    public IReadOnlyList<(string Host, int Engines)> Hosts()
    {
        if (Ssh.Hosts.Count == 0)
        {
            throw new InvalidOperationException(
                "The SSH launcher needs hosts: set RemoteKit:Cluster:Ssh:Hosts in the profile, --hosts on the command line, or ClusterOptions.Ssh.Hosts.");
        }

        return Ssh.Hosts.Select(entry =>
        {
            var colon = entry.LastIndexOf(':');
            if (colon > 0 && int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                return (entry[..colon], n);
            }

            return colon < 0 ? (entry, 1) : throw new FormatException($"'{entry}' is not host or host:engines (a whole number above 0).");
        }).ToArray();
    }

    /// <summary>Where <paramref name="count"/> engines go: hosts in order, each up to its count, round after round.</summary>
    public IReadOnlyList<string> Deal(int count)
    {
        var hosts = Hosts();
        var placed = new List<string>(count);
        while (placed.Count < count)
        {
            foreach (var (host, engines) in hosts)
            {
                for (var i = 0; i < engines && placed.Count < count; i++)
                {
                    placed.Add(host);
                }
            }
        }

        return placed;
    }

    /// <summary>The <c>ssh</c> command that runs <paramref name="remoteCommand"/> on <paramref name="host"/>.</summary>
    public ProcessCommand Command(string host, string remoteCommand)
    {
        var args = new List<string> { "-o", "BatchMode=yes" };
        if (Ssh.ConfigFile is { Length: > 0 } config)
        {
            args.AddRange(["-F", config]);
        }

        if (Ssh.Port is { } port)
        {
            args.AddRange(["-p", port.ToString(CultureInfo.InvariantCulture)]);
        }

        if (Ssh.IdentityFile is { Length: > 0 } identity)
        {
            args.AddRange(["-i", identity]);
        }

        foreach (var option in Ssh.Options)
        {
            args.AddRange(["-o", option]);
        }

        args.AddRange([host, remoteCommand]);
        return new ProcessCommand("ssh", args);
    }

    public override async Task<IReadOnlyList<LaunchedEngines>> LaunchAsync(int count, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        var placement = Deal(count);
        var file = RemoteFile(context);
        await Task.WhenAll(placement.Distinct(StringComparer.Ordinal).Select(h => CopyConnectionFileAsync(h, file, context, cancellationToken))).ConfigureAwait(false);
        var started = placement.Select(h => StartEngineAsync(h, file, context, cancellationToken)).ToArray();
        try
        {
            return await Task.WhenAll(started).ConfigureAwait(false);
        }
        catch
        {
            // Some started, some did not: stop those that did, so a failed launch leaves nothing behind.
            var running = started.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToArray();
            await Task.WhenAll(running.Select(r => StopAsync(r, TimeSpan.FromSeconds(5), CancellationToken.None))).ConfigureAwait(false);
            throw;
        }
    }

    internal override async Task<IReadOnlyList<LaunchedEngines>> RelaunchAsync(EngineUnit dead, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        if (dead.Host is not { } host)
        {
            return await LaunchAsync(dead.Engines, context, cancellationToken).ConfigureAwait(false);
        }

        var file = RemoteFile(context);
        await CopyConnectionFileAsync(host, file, context, cancellationToken).ConfigureAwait(false);
        return [await StartEngineAsync(host, file, context, cancellationToken).ConfigureAwait(false)];
    }

    public override async Task CancelAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit is { Host: { } host, RemotePid: { } pid })
        {
            await ChildProcess.RunAsync(Command(host, $"kill -TERM {pid.ToString(CultureInfo.InvariantCulture)} 2>/dev/null; true"), timeout: CommandTimeout, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
    }

    public override async Task EndAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit is { Host: { } host, RemotePid: { } pid })
        {
            var result = await ChildProcess.RunAsync(
                Command(host, $"kill -KILL {pid.ToString(CultureInfo.InvariantCulture)} 2>/dev/null; true"), timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            result.EnsureSuccess($"Ending engine process {pid} on {host}");
        }
    }

    public override async Task<bool> IsGoneAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit is not { Host: { } host, RemotePid: { } pid })
        {
            return true;
        }

        // A zombie (exited, not yet reaped) is gone too: its state letter is Z.
        var result = await ChildProcess.RunAsync(
            Command(host, $"ps -o stat= -p {pid.ToString(CultureInfo.InvariantCulture)} || true"), timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess($"Checking engine process {pid} on {host}");
        var state = result.Output.Trim();
        return state.Length == 0 || state.StartsWith('Z');
    }

    internal override async Task CleanUpAsync(IReadOnlyList<EngineUnit> units, CancellationToken cancellationToken)
    {
        var files = units.Where(u => u is { Host: not null, RemoteFile: not null }).Select(u => (Host: u.Host!, File: u.RemoteFile!)).Distinct();
        await Task.WhenAll(files.Select(f => ChildProcess.RunAsync(Command(f.Host, "rm -f " + PathWord(f.File)), timeout: CommandTimeout, cancellationToken: cancellationToken)))
            .ConfigureAwait(false);
    }

    /// <summary>A remote path as a shell word; relative paths start in the login folder.</summary>
    public static string PathWord(string path) => path.StartsWith('/') ? ShellWords.Quote(path)
        : "\"$HOME\"/" + ShellWords.Quote(path.StartsWith("~/", StringComparison.Ordinal) ? path[2..] : path);

    private string RemoteFile(EngineLaunchContext context) =>
        $"{Ssh.RemoteDirectory.TrimEnd('/')}/{context.Name}-{context.Controller.Port.ToString(CultureInfo.InvariantCulture)}-engine.json";

    private async Task CopyConnectionFileAsync(string host, string file, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(context.Controller with { ControllerPid = null }, ConnectionInfoJson.Default.ConnectionInfo);
        var directory = PathWord(Ssh.RemoteDirectory.TrimEnd('/'));
        var path = PathWord(file);
        var script = $"umask 077 && mkdir -p {directory} && chmod 700 {directory} && cat > {path} && chmod 600 {path}";
        var result = await ChildProcess.RunAsync(Command(host, script), input: json, timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess($"Copying the engine connection file to {host}");
    }

    private async Task<LaunchedEngines> StartEngineAsync(string host, string file, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        var engine = Ssh.EngineCommand is { Length: > 0 } own ? own
            : Options.EngineCommand is { Length: > 0 } shared ? shared
            : context.EngineCommand.ToShell();
        var directory = Ssh.WorkingDirectory is { Length: > 0 } wd ? $"mkdir -p {PathWord(wd)} && cd {PathWord(wd)} && " : "";
        var launchId = EngineLaunchContext.NewLaunchId();
        var environment = $"REMOTEKIT__ENGINE__CONNECTIONFILE={PathWord(file)} REMOTEKIT__ENGINE__LAUNCHID={launchId} Logging__LogLevel__Default={context.ChildLogLevel}"
            + (context.EnginesPerProcess > 1 ? $" REMOTEKIT__ENGINE__COUNT={context.EnginesPerProcess.ToString(CultureInfo.InvariantCulture)}" : "")
            + string.Concat(context.TunnelEnvironment.Select(v => $" {v.Key}={ShellWords.Quote(v.Value)}"));
        var unit = new EngineUnit { Launcher = Kind, Engines = 1, Host = host, RemoteFile = file, LaunchId = launchId };
        if (context.Detached)
        {
            var log = PathWord($"{Ssh.RemoteDirectory.TrimEnd('/')}/{context.UniqueName(".engine.log")}");
            var detached = $"{directory}{environment} nohup {engine} >{log} 2>&1 </dev/null & echo $!";
            var result = await ChildProcess.RunAsync(Command(host, detached), timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            result.EnsureSuccess($"Starting an engine on {host}");
            return new LaunchedEngines(unit with { RemotePid = ParsePid(result.Output, host) });
        }

        // The shell prints its process id and becomes the engine (exec keeps the id), which stops when the session closes.
        var attached = $"echo $$ && {directory}{environment} exec {engine} --watch-stdin";
        var output = new ChildOutput(context.Loggers, $"engine on {host}", "RemoteKit.Engine") { CaptureFirstLine = true };
        var process = ChildProcess.Start(Command(host, attached), watchStdin: true, output);
        var first = await output.FirstLine.WaitAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (first is null)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var code = process.ExitCode;
            process.Dispose();
            throw new InvalidOperationException($"Could not start an engine on {host}: ssh exited with code {code} (its messages are in the log).");
        }

        var pid = ParsePid(first, host);
        output.Source = $"engine process {pid.ToString(CultureInfo.InvariantCulture)} on {host}";
        return new LaunchedEngines(unit with { RemotePid = pid }, process, output);
    }

    private static int ParsePid(string output, string host) =>
        int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : throw new InvalidOperationException($"Starting an engine on {host} printed '{output.Trim()}' instead of its process id.");
}
