using System.Net.Sockets;

namespace RemoteKit.Transport;

/// <summary>Settings every RemoteKit socket gets, on both ends.</summary>
internal static class SocketSettings
{
    /// <summary>
    /// No Nagle delay (frames are small and latency-bound), and TCP keepalive probing after 10 s of silence every 2 s,
    /// 3 times, so a peer whose machine vanished or whose network was cut is noticed by the operating system even when
    /// neither side has anything to send.
    /// </summary>
    public static void Apply(Socket socket)
    {
        socket.NoDelay = true;
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 2);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (Exception e) when (e is SocketException or PlatformNotSupportedException)
        {
            // Keepalive tuning is best effort: heartbeats still notice a silent peer.
        }
    }
}
