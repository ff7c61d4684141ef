using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace RemoteKit.Transport;

/// <summary>
/// Continuations of one socket's operations run on the runtime's socket event thread (on Linux and macOS), where they
/// otherwise go to a thread pool worker. This is the per-socket form of the runtime's process-wide
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>: RemoteKit turns it on for its own one-hop connections only,
/// whose read loops hand everything they find to other threads at once, never for a user's sockets.
/// <para>
/// The runtime keeps the switch internal (<c>Socket.PreferInlineCompletions</c>); it is reached through
/// <see cref="UnsafeAccessorAttribute"/>. Where a runtime does not have it (Windows, or a later version without it), the
/// call fails and the socket works as before: nothing depends on it but speed.
/// </para>
/// </summary>
internal static class SocketThread
{
    /// <summary>
    /// Above this many bytes in one read, a connection that runs on the socket thread moves to the thread pool before it
    /// handles them, and so for a frame of <see cref="FrameConnection"/>'s large size: the socket thread serves every
    /// socket of the process, and is held only for as long as small frames take (256 KiB of answers: about a millisecond).
    /// A read holds at most one 64 KiB pipe segment plus the part of a frame left from the reads before, so a burst's
    /// reads stay under it: at 64 KiB nearly every full read of a burst moved to the thread pool, and the CPU it saved per
    /// task was lost.
    /// </summary>
    public const int MostBytesHandled = 256 * 1024;

    /// <summary>Asks the runtime to run <paramref name="socket"/>'s continuations on its socket thread; whether it took.</summary>
    public static bool TryPreferInline(Socket socket)
    {
        try
        {
            SetPreferInlineCompletions(socket, true);
            return true;
        }
        catch (Exception e) when (e is MissingMethodException or MissingFieldException or PlatformNotSupportedException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>An awaitable that continues on a thread pool worker, at once when the caller is on one already.</summary>
    public static PoolHop ToThreadPool() => default;

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_PreferInlineCompletions")]
    private static extern void SetPreferInlineCompletions(Socket socket, bool value);

    /// <summary>See <see cref="ToThreadPool"/>.</summary>
    public readonly struct PoolHop : ICriticalNotifyCompletion
    {
        public bool IsCompleted => Thread.CurrentThread.IsThreadPoolThread;

        public PoolHop GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static c => c(), continuation, preferLocal: false);

        public void UnsafeOnCompleted(Action continuation) => ThreadPool.UnsafeQueueUserWorkItem(static c => c(), continuation, preferLocal: false);
    }
}
