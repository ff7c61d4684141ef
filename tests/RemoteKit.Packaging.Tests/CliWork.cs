using RemoteKit;

namespace RemoteKit.Packaging.Tests;

/// <summary>[Remote] methods the CLI tests use to find and hold engines.</summary>
public static partial class CliWork
{
    [Remote]
    public static int ProcessId() => Environment.ProcessId;

    [Remote]
    public static async Task<bool> WaitForFile(string path, CancellationToken ct)
    {
        while (!File.Exists(path))
        {
            await Task.Delay(50, ct);
        }

        return true;
    }
}
