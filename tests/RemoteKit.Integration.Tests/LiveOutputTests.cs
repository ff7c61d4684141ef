using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>What tasks print and report reaches the caller while they run, on a real cluster of four engines.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveOutputTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task A_task_printing_a_line_every_100_ms_is_seen_line_by_line_while_it_runs()
    {
        var clock = TimeProvider.System;
        var result = Client[1].ApplyAsync(LiveWork.PrintEvery, 20, 100);

        var lines = new List<string>();
        DateTimeOffset? firstSeen = null;
        var seenBeforeTheEnd = 0;
        await foreach (var piece in result.Output.WithCancellation(new CancellationTokenSource(Patience.Long).Token))
        {
            Assert.Equal((1, OutputStream.Stdout), (piece.EngineId, piece.Stream));
            firstSeen ??= clock.GetUtcNow();
            var arrived = piece.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (!result.IsReady)
            {
                seenBeforeTheEnd += arrived.Length;
            }

            lines.AddRange(arrived);
        }

        Assert.Equal(20, await result.Task.WaitAsync(Patience.Long));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"line {i}"), lines);

        // The first line was there while the task still had most of its two seconds of sleeping to do, and lines kept
        // arriving one by one while it ran, not all with its result.
        Assert.True(result.Metadata!.Completed - firstSeen > TimeSpan.FromSeconds(0.5), $"first line seen at {firstSeen:O}, task completed at {result.Metadata.Completed:O}");
        Assert.True(seenBeforeTheEnd >= 2, $"only {seenBeforeTheEnd} of 20 lines arrived before the result");
        Assert.Equal(string.Concat(lines.Select(l => l + Environment.NewLine)), result.Metadata.Stdout);
    }

    [Fact]
    public async Task Under_a_four_engine_map_each_tasks_output_arrives_whole_and_in_the_order_written()
    {
        const int Items = 16, Lines = 50;
        var map = Client.LoadBalancedView().MapAsync(LiveWork.PrintNumbered, Enumerable.Range(0, Items), Enumerable.Repeat(Lines, Items));

        var byTask = new Dictionary<ulong, List<(int Item, int Line)>>();
        var engines = new HashSet<int>();
        await foreach (var piece in map.Output.WithCancellation(new CancellationTokenSource(Patience.Long).Token))
        {
            engines.Add(piece.EngineId);
            Assert.Equal(0, piece.Dropped);
            if (!byTask.TryGetValue(piece.TaskId, out var lines))
            {
                byTask[piece.TaskId] = lines = [];
            }

            foreach (var line in piece.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(':');
                lines.Add((int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        Assert.Equal(Enumerable.Range(0, Items), await map.Task.WaitAsync(Patience.Long));
        Assert.Equal(Items, byTask.Count);
        Assert.Equal(Enumerable.Range(0, Items), byTask.Values.Select(l => l[0].Item).Order());
        Assert.All(byTask.Values, lines =>
        {
            Assert.All(lines, l => Assert.Equal(lines[0].Item, l.Item));
            Assert.Equal(Enumerable.Range(0, Lines), lines.Select(l => l.Line));
        });
        Assert.True(engines.Count > 1, $"the map ran on engines [{string.Join(", ", engines)}] only");
    }

    [Fact]
    public async Task Progress_reports_reach_the_callers_IProgress_while_the_task_runs()
    {
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-progress-{Guid.NewGuid():N}");
        var first = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reports = new List<int>();
        var progress = new Recorder(value =>
        {
            lock (reports)
            {
                reports.Add(value);
            }

            first.TrySetResult(value);
        });

        var result = Client.LoadBalancedView().ApplyAsync(LiveWork.ReportThenWait, gate, progress: progress);
        try
        {
            Assert.Equal(1, await first.Task.WaitAsync(Patience.Long));

            // The task waits for the gate, which only this test opens: the report came while it ran.
            Assert.False(result.IsReady);
            Assert.True(result.TryGetLastReport<int>(out var latest));
            Assert.Equal(1, latest);
        }
        finally
        {
            await File.WriteAllTextAsync(gate, "open");
        }

        Assert.Equal(2, await result.Task.WaitAsync(Patience.Long));
        Assert.True(result.TryGetLastReport<int>(out var last));
        Assert.Equal(2, last);
        File.Delete(gate);
    }

    /// <summary>An <see cref="IProgress{T}"/> that calls back on the thread that reports.</summary>
    private sealed class Recorder(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
