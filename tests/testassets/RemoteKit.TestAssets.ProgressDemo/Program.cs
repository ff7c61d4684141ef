using RemoteKit;

// A simulated map of 40 items finishing one every 25 ms, every tenth failing, shown with ProgressDisplay's
// automatic choice (a bar on a terminal, lines when redirected). Usage: ProgressDemo [line-interval-ms].
const int Total = 40;
var lineInterval = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0]) : 100);
var completed = 0;
var failed = 0;
var work = Task.Run(async () =>
{
    using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
    for (var i = 1; i <= Total && await pace.WaitForNextTickAsync(); i++)
    {
        if (i % 10 == 0)
        {
            Interlocked.Increment(ref failed);
        }
        else
        {
            Interlocked.Increment(ref completed);
        }
    }
});

await ProgressDisplay.ShowAsync(
    () => new TaskProgress(Volatile.Read(ref completed), Volatile.Read(ref failed), Total),
    work,
    new ProgressDisplayOptions { LineInterval = lineInterval, RefreshInterval = TimeSpan.FromMilliseconds(50), Unit = "items" });
