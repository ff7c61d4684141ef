using System.Net;
using System.Net.Sockets;

namespace RemoteKit.Launchers;

/// <summary>Where a controller listens and which address it tells others, by the same rules everywhere.</summary>
internal static class ClusterAddress
{
    /// <summary>The listen address when none is given: loopback for engines on this machine, every interface otherwise.</summary>
    public static string DefaultIp(EngineLauncherKind launcher) => launcher == EngineLauncherKind.Local ? "127.0.0.1" : "0.0.0.0";

    /// <summary>The address written into connection files: the one given, else the listen address, or the host name when listening on every interface.</summary>
    public static string Location(string ip, string? location) =>
        !string.IsNullOrWhiteSpace(location) ? location : IsAny(ip) ? Dns.GetHostName() : ip;

    /// <summary>The address a client on this machine connects to.</summary>
    public static string Local(string ip) => IsAny(ip) ? "127.0.0.1" : ip;

    /// <summary>A free TCP port on <paramref name="ip"/>.</summary>
    public static int FreePort(string ip)
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Parse(ip), 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Whether <paramref name="ip"/> is a loopback address, where traffic never leaves this machine.</summary>
    public static bool IsLoopback(string ip) => IPAddress.TryParse(ip, out var address) && IPAddress.IsLoopback(address);

    private static bool IsAny(string ip) => IPAddress.TryParse(ip, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
}
