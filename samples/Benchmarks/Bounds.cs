using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RemoteKit.Benchmarks;

/// <summary>
/// What bounds the bulk figures on this machine, measured without RemoteKit: filling memory (fresh, already touched, fresh
/// with <c>madvise(MADV_HUGEPAGE)</c>), one loopback TCP stream between reused buffers, and two loopback hops through a relay
/// that either stores the whole payload before passing it on (what the controller does) or passes each piece on as it
/// arrives (cut-through). Each returns MiB/s of the payload; the relay figures compare with <c>push_pull_mib_per_s</c>, the
/// stream figure with a direct client–engine path.
/// </summary>
internal static class Bounds
{
    private const int SocketBufferBytes = 4 * 1024 * 1024;
    private const int ChunkBytes = 1024 * 1024;
    private const int MadvHugePage = 14;
    private const long HugePageBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Copies the payload into newly mapped memory, paying its first-touch page faults (native memory, unmapped again after:
    /// the GC would keep and reuse a freed array's pages, and the next "fresh" array would not be).
    /// </summary>
    public static double CopyFresh(byte[] source) => CopyToNewMapping(source, hugePages: false);

    /// <summary>Copies the payload into an array written before: memory speed.</summary>
    public static double CopyTouched(byte[] source, byte[] target)
    {
        var clock = Stopwatch.StartNew();
        source.CopyTo(target, 0);
        return MiBPerSecond(source.Length, clock.Elapsed);
    }

    /// <summary>Copies the payload into newly mapped memory whose whole 2 MiB pages were advised as huge pages first.</summary>
    public static double CopyHugePages(byte[] source) => CopyToNewMapping(source, hugePages: true);

    private static double CopyToNewMapping(byte[] source, bool hugePages)
    {
        var clock = Stopwatch.StartNew();
        var target = Marshal.AllocHGlobal(source.Length);
        try
        {
            if (hugePages && OperatingSystem.IsLinux())
            {
                var first = (target + (nint)HugePageBytes - 1) & ~(nint)(HugePageBytes - 1);
                var end = (target + source.Length) & ~(nint)(HugePageBytes - 1);
                _ = Madvise(first, (nuint)(end - first), MadvHugePage);
            }

            Marshal.Copy(source, 0, target, source.Length);
            return MiBPerSecond(source.Length, clock.Elapsed);
        }
        finally
        {
            Marshal.FreeHGlobal(target);
        }
    }

    /// <summary>Sends the payload over one loopback TCP stream into a reused buffer.</summary>
    public static double Stream(byte[] payload, byte[] into)
    {
        var (sender, receiver) = Pair();
        using (sender)
        using (receiver)
        {
            var clock = Stopwatch.StartNew();
            var send = Task.Run(() => SendAll(sender, payload));
            ReceiveAll(receiver, into, payload.Length);
            send.Wait();
            return MiBPerSecond(payload.Length, clock.Elapsed);
        }
    }

    /// <summary>Two loopback hops through a relay; <paramref name="cutThrough"/> passes each piece on as it arrives.</summary>
    public static double Relay(byte[] payload, byte[] relayBuffer, byte[] into, bool cutThrough)
    {
        var (client, relayIn) = Pair();
        var (relayOut, engine) = Pair();
        using (client)
        using (relayIn)
        using (relayOut)
        using (engine)
        {
            var clock = Stopwatch.StartNew();
            var send = Task.Run(() => SendAll(client, payload));
            var relay = Task.Run(() =>
            {
                if (!cutThrough)
                {
                    ReceiveAll(relayIn, relayBuffer, payload.Length);
                    SendAll(relayOut, relayBuffer.AsSpan(0, payload.Length));
                    return;
                }

                for (var done = 0; done < payload.Length;)
                {
                    var n = relayIn.Receive(relayBuffer, done, Math.Min(ChunkBytes, payload.Length - done), SocketFlags.None);
                    SendAll(relayOut, relayBuffer.AsSpan(done, n));
                    done += n;
                }
            });
            ReceiveAll(engine, into, payload.Length);
            Task.WaitAll(send, relay);
            return MiBPerSecond(payload.Length, clock.Elapsed);
        }
    }

    private static (Socket Sender, Socket Receiver) Pair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        sender.Connect(listener.LocalEndPoint!);
        var receiver = listener.Accept();
        foreach (var socket in new[] { sender, receiver })
        {
            socket.NoDelay = true;
            socket.SendBufferSize = SocketBufferBytes;
            socket.ReceiveBufferSize = SocketBufferBytes;
        }

        return (sender, receiver);
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[socket.Send(data)..];
        }
    }

    private static void ReceiveAll(Socket socket, byte[] into, int length)
    {
        for (var done = 0; done < length;)
        {
            var n = socket.Receive(into, done, length - done, SocketFlags.None);
            if (n == 0)
            {
                throw new InvalidOperationException("the loopback stream closed early");
            }

            done += n;
        }
    }

    private static double MiBPerSecond(long bytes, TimeSpan elapsed) => bytes / (1024.0 * 1024.0) / elapsed.TotalSeconds;

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
