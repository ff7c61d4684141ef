using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RemoteKit.Benchmarks;

/// <summary>
/// What bounds <c>apply_rtt_us</c> on this machine, measured without RemoteKit: one hop's round trip of 64 bytes between
/// this process and a child that echoes them, both awaiting .NET's asynchronous socket calls on the thread pool, as the
/// client and an engine do. The child is this program again (<see cref="ChildArgument"/>), with the same runtime settings.
/// </summary>
internal sealed class RoundTripBound : IAsyncDisposable
{
    /// <summary>The argument that makes this program the echoing child.</summary>
    public const string ChildArgument = "--bound-echo";

    private const int MessageBytes = 64;

    private readonly Process _child;
    private readonly Socket _socket;
    private readonly byte[] _message = new byte[MessageBytes];

    private RoundTripBound(Process child, Socket socket)
    {
        _child = child;
        _socket = socket;
    }

    /// <summary>Starts the echoing child and connects to it.</summary>
    public static async Task<RoundTripBound> StartAsync()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(RoundTripBound).Assembly.Location);
        }

        start.ArgumentList.Add(ChildArgument);
        var child = Process.Start(start) ?? throw new InvalidOperationException("the echoing child did not start");
        try
        {
            var port = int.Parse(await child.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the echoing child exited early"), CultureInfo.InvariantCulture);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            return new RoundTripBound(child, socket);
        }
        catch
        {
            child.Kill();
            child.Dispose();
            throw;
        }
    }

    /// <summary>Makes <paramref name="count"/> round trips; returns the mean in µs.</summary>
    public async Task<double> MeasureAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await _socket.SendAsync(_message, SocketFlags.None);
            await ReceiveAsync(_socket, _message);
        }

        return clock.Elapsed.TotalMicroseconds / count;
    }

    /// <summary>The child's side: listens on loopback, prints its port, and echoes every message until the parent closes.</summary>
    public static async Task<int> EchoAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        Console.WriteLine(((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture));
        using var socket = await listener.AcceptAsync();
        socket.NoDelay = true;
        var message = new byte[MessageBytes];
        while (await ReceiveAsync(socket, message))
        {
            await socket.SendAsync(message, SocketFlags.None);
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Shutdown(SocketShutdown.Both);
        _socket.Dispose();
        try
        {
            // The child ends once its connection closes; one that does not is not left behind.
            await _child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            _child.Kill();
        }
        finally
        {
            _child.Dispose();
        }
    }

    /// <summary>Reads one whole message; false if the peer closed first.</summary>
    private static async Task<bool> ReceiveAsync(Socket socket, byte[] message)
    {
        for (var read = 0; read < message.Length;)
        {
            var n = await socket.ReceiveAsync(message.AsMemory(read), SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
