using RemoteKit.Connections;

namespace RemoteKit;

/// <summary>
/// How a client reaches a controller it cannot connect to directly (ipyparallel's <c>sshserver</c>): through
/// <c>ssh -L</c> to a host that can, typically a cluster's login node. The controller's address is the one in the
/// connection file, as that host sees it. Converts from a string: <c>ssh: "user@login"</c>.
/// </summary>
/// <param name="Server">The SSH server, <c>host</c> or <c>user@host</c>, or a host alias of the ssh configuration.</param>
public sealed record SshTunnelOptions(string Server)
{
    /// <summary>The SSH port, if not the default (or the one in <see cref="ConfigFile"/>).</summary>
    public int? Port { get; init; }

    /// <summary>The private key to log in with (<c>ssh -i</c>); the SSH agent's or the configured one by default.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>An <c>ssh_config</c> file (<c>ssh -F</c>).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>More <c>-o Name=value</c> options for <c>ssh</c>.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Options for tunnelling through <paramref name="server"/>.</summary>
    /// <param name="server">The SSH server.</param>
    public static implicit operator SshTunnelOptions(string server) => new(server);

    /// <summary>Options for tunnelling through <paramref name="server"/> (for languages without implicit conversions).</summary>
    /// <param name="server">The SSH server.</param>
    /// <returns>The options.</returns>
    public static SshTunnelOptions FromServer(string server) => new(server);

    /// <summary>The tunnel's settings as the transport takes them.</summary>
    internal SshTunnelSettings ToSettings() => new(Server, Port, IdentityFile, ConfigFile, Options);
}
