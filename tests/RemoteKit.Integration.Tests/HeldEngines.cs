using System.Globalization;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Which engines hold work under <see cref="Work.SquareHeldFirstOnEachEngine"/>: each engine process writes its pid into
/// the folder when it starts holding its first item, so a test strikes only engines certain to hold work.
/// </summary>
internal static class HeldEngines
{
    /// <summary>Waits until <paramref name="count"/> engines hold their first item; returns their ids and pids.</summary>
    public static async Task<(int Engine, int Pid)[]> WaitAsync(IReadOnlyDictionary<int, int> engineOfPid, string heldFolder, int count)
    {
        string[] Holding() => Directory.GetFiles(heldFolder, "*.pid");
        await Events.UntilAsync(() => Holding().Length >= count, $"{count} engines to hold their first item");
        return Holding()
            .Select(f => int.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture))
            .Select(pid =>
            {
                Assert.True(engineOfPid.TryGetValue(pid, out var engine), $"process {pid} holding an item is none of the engines");
                return (engine, pid);
            })
            .Take(count)
            .ToArray();
    }
}
