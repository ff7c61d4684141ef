using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// The controller on another host, in an SSH session of the cluster process (<c>--controller ssh --controller-host H</c>),
/// as the SSH launcher runs engines: the remote shell prints its process id and becomes the controller, which stops when the
/// session's input closes, so it never outlives the cluster process. Its key and certificate go through that input, read
/// into its environment before it starts. It announces where it listens on its output; unless told
/// (<c>--location</c>), the address in the connection files is the host's as ssh resolves it (<c>ssh -G</c>).
/// </summary>
internal sealed class SshControllerLauncher(ClusterRequest request, IConfiguration configuration, ILoggerFactory loggers)
    : PlacedControllerLauncher(request, configuration, loggers)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private readonly SshLauncher _ssh = Ssh(request.Settings);
    private string? _address;

    public override ControllerLauncherKind Kind => ControllerLauncherKind.Ssh;

    public override TimeSpan StartTimeout => Settings.StartTimeout;

    private string Host => Settings.Controller.Host is { Length: > 0 } host
        ? host
        : throw new CliException("--controller ssh needs the host to run the controller on: --controller-host HOST (or RemoteKit:Cluster:Controller:Host).");

    /// <summary>The SSH launcher whose <c>ssh</c> reaches the controller's host: the engines' SSH settings, with the controller's ssh_config if given.</summary>
    public static SshLauncher Ssh(ClusterSettings settings) => new(new EngineLaunchOptions
    {
        Ssh = new SshLauncherOptions
        {
            ConfigFile = settings.Controller.SshConfigFile ?? settings.Ssh.ConfigFile,
            IdentityFile = settings.Ssh.IdentityFile,
            Port = settings.Ssh.Port,
            Options = settings.Ssh.Options,
        },
    });

    /// <summary>The <c>ssh -G</c> command that prints how ssh resolves <paramref name="host"/>.</summary>
    public static ProcessCommand Resolve(SshLauncher ssh, string host)
    {
        var command = ssh.Command(host, "true");
        return command with { Arguments = ["-G", .. command.Arguments.Take(command.Arguments.Count - 1)] };
    }

    public override async Task<ControllerRun> StartAsync(bool restore, CancellationToken cancellationToken)
    {
        var host = Host;
        _address ??= await AddressAsync(host, cancellationToken).ConfigureAwait(false);
        var environment = Environment(restore, out var secrets, _address);
        var plain = string.Concat(environment.Where(e => !secrets.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}={ShellWords.Quote(e.Value)} "));
        var read = string.Concat(secrets.Select(name => $"IFS= read -r {name} && export {name} && "));

        // The shell prints its process id, reads the secrets from the session's input, and becomes the controller (exec keeps the id).
        var script = $"echo $$ && {read}{plain}exec {ControllerCommand(supervised: true)}";
        var announced = new TaskCompletionSource<ControllerAnnouncement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ChildOutput(Loggers, $"controller on {host}", "RemoteKit.Controller")
        {
            CaptureFirstLine = true,
            Intercept = line => ControllerAnnouncement.TryParse(line) is { } a && announced.TrySetResult(a),
        };
        var process = ChildProcess.Start(_ssh.Command(host, script), watchStdin: true, output);
        try
        {
            foreach (var name in secrets)
            {
                await process.StandardInput.WriteAsync((environment[name] + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // ssh exited already: its exit code below says why.
        }

        var first = await output.FirstLine.WaitAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (first is null || !int.TryParse(first.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var code = process.ExitCode;
            process.Dispose();
            throw new InvalidOperationException($"Could not start the controller on {host}: ssh exited with code {code} (its messages are in the log).");
        }

        output.Source = $"controller process {pid.ToString(CultureInfo.InvariantCulture)} on {host}";
        return new SshControllerRun(this, host, pid, process, output, announced.Task);
    }

    /// <summary>The address ssh connects to for <paramref name="host"/>: what engines and clients here reach it by.</summary>
    private async Task<string> AddressAsync(string host, CancellationToken cancellationToken)
    {
        var result = await ChildProcess.RunAsync(Resolve(_ssh, host), timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        var resolved = result.Succeeded
            ? result.Output.Split('\n').Select(l => l.Trim().Split(' ', 2)).FirstOrDefault(f => f is ["hostname", _])?[1].Trim()
            : null;
        return resolved is { Length: > 0 } ? resolved : host[(host.IndexOf('@', StringComparison.Ordinal) + 1)..];
    }

    private sealed class SshControllerRun(
        SshControllerLauncher launcher, string host, int pid, Process process, ChildOutput output, Task<ControllerAnnouncement> announced) : ControllerRun
    {
        public override string Name => $"process {pid.ToString(CultureInfo.InvariantCulture)} on {host}";

        public override EngineUnit Unit { get; } = new() { Launcher = EngineLauncherKind.Ssh, Engines = 0, Host = host, RemotePid = pid };

        public override async Task<ConnectionInfo> WaitListeningAsync(CancellationToken cancellationToken)
        {
            var timeout = launcher.StartTimeout;
            try
            {
                await Task.WhenAny(announced, process.WaitForExitAsync(cancellationToken)).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Neither: said below.
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (announced.IsCompletedSuccessfully)
            {
                return launcher.Publish(announced.Result);
            }

            if (process.HasExited)
            {
                await output.Completion.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw new InvalidOperationException($"The controller on {host} exited with code {process.ExitCode} before it listened; its log lines are above.");
            }

            throw new TimeoutException($"The controller on {host} did not announce that it listens within {timeout.TotalSeconds:0.#} s.");
        }

        public override async Task<int?> WaitForExitAsync(CancellationToken cancellationToken)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await output.Completion.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            // ssh exits with the remote command's code, or 255 when the session broke.
            return process.ExitCode;
        }

        public override async Task StopAsync(TimeSpan grace)
        {
            // Closing the session's input stops it as Ctrl+C would: it tells its engines to stop.
            ChildProcess.CloseInput(process);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!process.HasExited)
            {
                await launcher._ssh.CancelAndWaitAsync(Unit, grace, CancellationToken.None).ConfigureAwait(false);
            }

            // The session may have broken while the controller runs on: it must be gone before another takes its port.
            if (!await launcher._ssh.IsGoneAsync(Unit, CancellationToken.None).ConfigureAwait(false))
            {
                await launcher._ssh.EndAsync(Unit, CancellationToken.None).ConfigureAwait(false);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await output.Completion.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        public override void Dispose() => process.Dispose();
    }
}
