namespace RemoteKit.Testing;

/// <summary>Waiting for things to happen, with a deadline (never a fixed sleep).</summary>
public static class Events
{
    /// <summary>Completes once <paramref name="path"/> exists; fails after <see cref="Patience.Long"/>.</summary>
    public static async Task FileAppearsAsync(string path)
    {
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { EnableRaisingEvents = true };
        var appeared = new TaskCompletionSource();
        watcher.Created += (_, _) => appeared.TrySetResult();
        watcher.Changed += (_, _) => appeared.TrySetResult();
        watcher.Renamed += (_, _) => appeared.TrySetResult(); // files written whole, then moved into place
        if (!File.Exists(path))
        {
            await appeared.Task.WaitAsync(Patience.Long);
        }
    }
}
