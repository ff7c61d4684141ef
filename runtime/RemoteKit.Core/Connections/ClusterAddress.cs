using System.Net;
using System.Net.Sockets;

namespace RemoteKit.Connections;

/// <summary>
/// Where a controller listens, which address it tells others, and when its traffic is encrypted: one set of rules, used by
/// the controller, the embedded <c>Cluster</c>, the CLI and the dashboard.
/// </summary>
internal static class ClusterAddress
{
    /// <summary>The loopback address everything listens on when nothing else is said.</summary>
    public const string Loopback = "127.0.0.1";

    /// <summary>Every IPv4 interface.</summary>
    public const string Any = "0.0.0.0";

    /// <summary>The listen address when none is given: loopback while every engine runs on this machine, every interface otherwise.</summary>
    /// <param name="enginesElsewhere">Whether engines may connect from other machines (any launcher but the local one).</param>
    public static string DefaultIp(bool enginesElsewhere) => enginesElsewhere ? Any : Loopback;

    /// <summary>The address written into connection files: the one given, else the listen address, or the host name when listening on every interface.</summary>
    public static string Location(string ip, string? location) =>
        !string.IsNullOrWhiteSpace(location) ? location : IsAny(ip) ? Dns.GetHostName() : ip;

    /// <summary>The address a client on this machine connects to.</summary>
    public static string Local(string ip) => IsAny(ip) ? Loopback : ip;

    /// <summary>
    /// Whether a listener on <paramref name="ip"/> speaks TLS: as asked, or, when nobody asked, whenever it listens beyond
    /// loopback, where its traffic may leave the machine.
    /// </summary>
    public static bool UsesTls(string ip, bool? tls) => tls ?? !IsLoopback(ip);

    /// <summary>A free TCP port on <paramref name="ip"/>.</summary>
    public static int FreePort(string ip)
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Parse(ip), 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Whether <paramref name="ip"/> is a loopback address, where traffic never leaves this machine.</summary>
    public static bool IsLoopback(string ip) => IPAddress.TryParse(ip, out var address) && IPAddress.IsLoopback(address);

    /// <summary>Whether <paramref name="ip"/> means every interface (IPv4 or IPv6).</summary>
    public static bool IsAny(string ip) => IPAddress.TryParse(ip, out var address) && IsAny(address);

    /// <summary>Whether <paramref name="address"/> means every interface (IPv4 or IPv6).</summary>
    public static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
