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

    /// <summary>
    /// Completes with what <paramref name="read"/> finds in <paramref name="path"/> once it finds something: read now, and
    /// again each time the file is written or moved into place (a read that meets a half-written file counts as nothing
    /// yet); fails after <see cref="Patience.Long"/>.
    /// </summary>
    public static async Task<T> FileSaysAsync<T>(string path, Func<T?> read)
        where T : struct
    {
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { EnableRaisingEvents = true };
        using var written = new SemaphoreSlim(0);
        watcher.Created += (_, _) => written.Release();
        watcher.Changed += (_, _) => written.Release();
        watcher.Renamed += (_, _) => written.Release();
        using var deadline = new CancellationTokenSource(Patience.Long);
        while (true)
        {
            T? value;
            try
            {
                value = read();
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
            {
                value = null;
            }

            if (value is { } found)
            {
                return found;
            }

            try
            {
                await written.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{path} did not say what was waited for within {Patience.Long}.");
            }
        }
    }

    /// <summary>
    /// Completes once <paramref name="holds"/> is true, for state that raises no event (a client's counters): checked now
    /// and then every few milliseconds; fails after <see cref="Patience.Long"/> with a <see cref="TimeoutException"/> naming
    /// <paramref name="what"/>.
    /// </summary>
    public static async Task UntilAsync(Func<bool> holds, string what)
    {
        using var deadline = new CancellationTokenSource(Patience.Long);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (!holds())
        {
            try
            {
                await tick.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {Patience.Long} for {what}.");
            }
        }
    }

    /// <summary>
    /// Completes once <paramref name="holds"/> is true, for state read by asking (a controller's queue status): asked now and
    /// then every few milliseconds after each answer; fails after <see cref="Patience.Long"/> with a
    /// <see cref="TimeoutException"/> naming <paramref name="what"/>.
    /// </summary>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> holds, Func<string> what)
    {
        using var deadline = new CancellationTokenSource(Patience.Long);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (!await holds(deadline.Token))
            {
                await tick.WaitForNextTickAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {Patience.Long} for {what()}.");
        }
    }
}
