using System.Runtime.InteropServices;

namespace RemoteKit.Buffers;

/// <summary>
/// Allocates large buffers so that Linux backs them with transparent huge pages: a pinned array (it never moves, so the
/// advice stays on its memory) whose whole 2 MiB pages are advised <c>MADV_HUGEPAGE</c>. Filling fresh memory then faults once
/// per 2 MiB instead of once per 4 KiB. Only where the kernel allows it (<c>/sys/kernel/mm/transparent_hugepage/enabled</c>
/// is not <c>[never]</c>); elsewhere, or if the advice fails, a plain array.
/// </summary>
internal static partial class HugePages
{
    public const int PageBytes = 2 * 1024 * 1024;

    private const int MadvHugePage = 14;

    /// <summary>Whether arrays from <see cref="AllocateArray"/> are advised as huge pages on this machine.</summary>
    public static bool Enabled { get; } = Detect();

    /// <summary>An uninitialized array of <paramref name="length"/> bytes, on huge pages where allowed.</summary>
    public static byte[] AllocateArray(int length)
    {
        if (!Enabled || length < 2 * PageBytes)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        var array = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        Advise(array);
        return array;
    }

    /// <summary>Advises the whole 2 MiB pages inside a pinned array; false if none fit or the kernel refused.</summary>
    internal static bool Advise(byte[] pinned)
    {
        var start = Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
        var first = (start + (PageBytes - 1)) & ~(nint)(PageBytes - 1);
        var end = (start + pinned.Length) & ~(nint)(PageBytes - 1);
        try
        {
            return end > first && Madvise(first, (nuint)(end - first), MadvHugePage) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static bool Detect()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var mode = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
            return !mode.Contains("[never]", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
