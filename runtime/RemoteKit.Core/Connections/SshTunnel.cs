using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RemoteKit.Connections;

/// <summary>How to reach a host that can reach the controller: the server and what <c>ssh</c> needs to log in there.</summary>
/// <param name="Server">The SSH server, <c>host</c> or <c>user@host</c>, or a host alias of the ssh configuration.</param>
/// <param name="Port">The SSH port, if not the default.</param>
/// <param name="IdentityFile">The private key (<c>ssh -i</c>), if not the default.</param>
/// <param name="ConfigFile">An <c>ssh_config</c> file (<c>ssh -F</c>), if not ssh's own.</param>
/// <param name="Options">More <c>-o Name=value</c> options.</param>
internal sealed record SshTunnelSettings(string Server, int? Port = null, string? IdentityFile = null, string? ConfigFile = null, IReadOnlyList<string>? Options = null);

/// <summary>
/// An <c>ssh -L</c> process forwarding a free port of this machine's loopback to the controller, for as long as the
/// connection through it lives. Never interactive (<c>BatchMode</c>): a key or an agent must log in.
/// </summary>
internal sealed class SshTunnel : IAsyncDisposable
{
    private readonly Process _ssh;
    private readonly StringBuilder _errors = new();

    private SshTunnel(Process ssh, int localPort, string description)
    {
        _ssh = ssh;
        LocalPort = localPort;
        Description = description;
        Exited = ssh.WaitForExitAsync();
    }

    /// <summary>The loopback port that leads to the controller.</summary>
    public int LocalPort { get; }

    /// <summary>What the tunnel connects, for messages.</summary>
    public string Description { get; }

    /// <summary>Completes when the ssh process ends.</summary>
    public Task Exited { get; }

    /// <summary>What ssh printed on its standard error.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString().Trim();
            }
        }
    }

    public static SshTunnel Start(SshTunnelSettings options, string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Server);
        var local = FreeLoopbackPort();
        var start = new ProcessStartInfo("ssh")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in Arguments(options, local, host, port))
        {
            start.ArgumentList.Add(argument);
        }

        var description = $"the SSH tunnel through {options.Server} to the controller at {host}:{port}";
        Process ssh;
        try
        {
            ssh = Process.Start(start) ?? throw new InvalidOperationException("ssh did not start.");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new IOException($"Could not start {description}: 'ssh' could not be run ({e.Message}); install an OpenSSH client.", e);
        }

        var tunnel = new SshTunnel(ssh, local, description);
        ssh.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (tunnel._errors)
                {
                    tunnel._errors.AppendLine(line);
                }
            }
        };
        ssh.BeginErrorReadLine();
        return tunnel;
    }

    /// <summary>
    /// The ssh arguments: no prompts, fail if the forward cannot be set up, notice a dead link. The remote command is a
    /// short <c>sleep</c>, as ipyparallel's tunnels use: ssh then stays while a connection uses the tunnel and exits after
    /// the last one closes, so a process killed outright leaves no tunnel behind.
    /// </summary>
    internal static List<string> Arguments(SshTunnelSettings options, int localPort, string host, int port)
    {
        var args = new List<string> { "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-o", "ServerAliveInterval=15" };
        if (options.ConfigFile is { Length: > 0 } config)
        {
            args.AddRange(["-F", config]);
        }

        if (options.Port is { } sshPort)
        {
            args.AddRange(["-p", sshPort.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.IdentityFile is { Length: > 0 } identity)
        {
            args.AddRange(["-i", identity]);
        }

        foreach (var option in options.Options ?? [])
        {
            args.AddRange(["-o", option]);
        }

        var target = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        args.AddRange(["-L", $"127.0.0.1:{localPort.ToString(CultureInfo.InvariantCulture)}:{target}:{port.ToString(CultureInfo.InvariantCulture)}", options.Server, "sleep", "15"]);
        return args;
    }

    /// <summary>Why the tunnel failed, when ssh has ended: its exit code and what it printed.</summary>
    public string? Failure() => _ssh.HasExited
        ? $"{Description} ended (ssh exited with code {_ssh.ExitCode}{(Errors.Length > 0 ? ": " + Errors : "")})"
        : null;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_ssh.HasExited)
            {
                _ssh.Kill(entireProcessTree: true);
            }

            await Exited.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _ssh.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
