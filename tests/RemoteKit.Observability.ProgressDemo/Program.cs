using RemoteKit;
using RemoteKit.Progress;

// Usage: ProgressDemo <total> <failEvery>. Finishes one task at a time, each when the renderer has drawn once since the last,
// so every run shows the bar moving; exits when all are done.
var total = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var failEvery = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var completed = 0;
var failed = 0;
var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var drawn = new SemaphoreSlim(0);

TaskProgress Read()
{
    var snapshot = new TaskProgress(Volatile.Read(ref completed), Volatile.Read(ref failed), total);
    drawn.Release();
    return snapshot;
}

var worker = Task.Run(async () =>
{
    for (var i = 1; i <= total; i++)
    {
        await drawn.WaitAsync();
        if (failEvery > 0 && i % failEvery == 0)
        {
            Interlocked.Increment(ref failed);
        }
        else
        {
            Interlocked.Increment(ref completed);
        }
    }

    done.SetResult();
});

await ProgressRenderer.RenderAsync(Read, done.Task, Console.Out, interactive: !Console.IsOutputRedirected, TimeSpan.FromMilliseconds(20), CancellationToken.None);
await worker;
