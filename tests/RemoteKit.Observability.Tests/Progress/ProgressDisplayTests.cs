using System.Text.RegularExpressions;

namespace RemoteKit.Observability.Tests.Progress;

[Trait("Category", "Unit")]
public sealed partial class ProgressDisplayTests
{
    [Fact]
    public async Task Lines_show_done_over_total_rate_failures_and_eta_then_a_final_total()
    {
        var work = new SteppedWork(total: 10);
        var output = new StringWriter();

        await work.ShowAsync(new ProgressDisplayOptions { Output = output, Mode = ProgressDisplayMode.Lines, LineInterval = TimeSpan.FromMilliseconds(1), Unit = "items" });

        Assert.Equal(
            [
                "2/10 items done (20%), 0 failed, 2.0/s, ETA 0:04",
                "4/10 items done (40%), 0 failed, 2.0/s, ETA 0:03",
                "6/10 items done (60%), 1 failed, 2.0/s, ETA 0:02",
                "8/10 items done (80%), 1 failed, 2.0/s, ETA 0:01",
                "10/10 items done (100%), 1 failed, 2.0/s, ETA 0:00",
                "10/10 items done, 1 failed, in 6.0 s (1.7/s)",
            ],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_bar_is_redrawn_in_place_and_fills_as_work_finishes()
    {
        var work = new SteppedWork(total: 10);
        var output = new StringWriter();

        await work.ShowAsync(new ProgressDisplayOptions { Output = output, Mode = ProgressDisplayMode.Bar, RefreshInterval = TimeSpan.FromMilliseconds(1), Width = 100, Unit = "items" });
        var text = output.ToString();
        var frames = text.Split('\r', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("\r[", text);
        // The first frame is drawn at once, before any time has passed to give a rate.
        Assert.Equal(new string('█', 8) + new string('░', 32), BarOf(frames[0]));
        Assert.Contains("] 2/10 items  20%  0.0/s  ETA -:--\u001b[K", frames[0]);
        Assert.Contains("] 4/10 items  40%  2.0/s  ETA 0:03\u001b[K", frames[1]);
        Assert.Contains("\u001b[31m1 failed\u001b[0m", frames[2]);
        Assert.Equal(new string('█', 40), BarOf(frames[^1]));
        Assert.EndsWith(Environment.NewLine + "10/10 items done, 1 failed, in 6.0 s (1.7/s)" + Environment.NewLine, text);
    }

    [Fact]
    public async Task Work_already_finished_prints_only_the_final_line()
    {
        var output = new StringWriter();

        await ProgressDisplay.ShowAsync(() => new TaskProgress(5, 0, 5), Task.CompletedTask, new ProgressDisplayOptions { Output = output });

        Assert.Matches(@"^5/5 tasks done, 0 failed, in \d+\.\d s \(\d+\.\d/s\)\r?\n$", output.ToString());
    }

    [Fact]
    public async Task Failed_work_still_ends_with_its_totals()
    {
        var output = new StringWriter();
        var failed = Task.FromException(new InvalidOperationException("remote failure"));

        await ProgressDisplay.ShowAsync(() => new TaskProgress(3, 2, 5), failed, new ProgressDisplayOptions { Output = output, Mode = ProgressDisplayMode.Lines });

        Assert.StartsWith("5/5 tasks done, 2 failed", output.ToString());
    }

    internal static string BarOf(string frame) => frame[(frame.IndexOf('[') + 1)..frame.IndexOf(']')];

    /// <summary>
    /// Work whose display reads move it on: each read finishes two more items (one failure from the third on) and advances a
    /// clock by one second, so rate and ETA are exact.
    /// </summary>
    private sealed class SteppedWork(int total)
    {
        private readonly SteppedClock _clock = new();
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public Task ShowAsync(ProgressDisplayOptions options)
        {
            options.TimeProvider = _clock;
            return ProgressDisplay.ShowAsync(Read, _done.Task, options);
        }

        private TaskProgress Read()
        {
            var k = ++_reads;
            _clock.Advance(TimeSpan.FromSeconds(1));
            var done = Math.Min(2 * k, total);
            var failed = k >= 3 ? 1 : 0;
            if (done == total)
            {
                _done.TrySetResult();
            }

            return new TaskProgress(done - failed, failed, total);
        }
    }

    /// <summary>A clock that moves only when told; its timers are the system's, so pacing still happens.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
