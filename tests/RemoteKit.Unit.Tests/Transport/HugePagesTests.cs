using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RemoteKit.Buffers;

// Not ".Transport": that would hide RemoteKit.Transport from tests that name it so (HubTests).
namespace RemoteKit.Unit.Tests.TransportTests;

/// <summary>
/// Large pooled buffers are advised as transparent huge pages where Linux allows it, and still go back to the OS once dropped.
/// Measured as the process's resident memory, so these run alone, not beside tests that move large frames.
/// </summary>
[Collection(ResidentMemory.Collection)]
public sealed class HugePagesTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public void A_large_buffer_is_advised_as_huge_pages_where_the_kernel_allows_it()
    {
        var allowed = OperatingSystem.IsLinux() &&
            !File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled").Contains("[never]", StringComparison.Ordinal);
        Assert.Equal(allowed, HugePages.Enabled);

        var array = HugePages.AllocateArray(64 * MiB);
        Assert.Equal(64 * MiB, array.Length);
        if (!allowed)
        {
            return;
        }

        // The kernel marks the advised range "hg" in the mapping's flags.
        var middle = (ulong)Marshal.UnsafeAddrOfPinnedArrayElement(array, 32 * MiB);
        Assert.Contains("hg", FlagsOfMappingAt(middle));
        GC.KeepAlive(array);
    }

    [Fact]
    public void A_dropped_huge_page_buffer_is_given_back_to_the_OS()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(HugePages.Enabled);
            return;
        }

        var before = ResidentBytes();
        Fill(256 * MiB);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

        // Allowing generous slack for what other tests allocate at the same time.
        var after = ResidentBytes();
        Assert.True(after - before < 128L * MiB, $"resident memory went from {before / MiB} MiB to {after / MiB} MiB");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fill(int length) => HugePages.AllocateArray(length).AsSpan().Fill(1);

    private static string FlagsOfMappingAt(ulong address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start) &&
                ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end))
            {
                inside = address >= start && address < end;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"No mapping holds address {address:x}.");
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Tests that read the process's resident memory: run after the others, one at a time.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class ResidentMemory
{
    public const string Collection = "resident memory";
}
