using System.Diagnostics;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>[Remote] methods returning streams, on a real cluster: back-pressure, cancellation, errors where they happen.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StreamTests(ClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task A_million_ints_read_slowly_keep_the_engine_within_its_window_and_its_memory_bounded()
    {
        const int N = 1_000_000, Window = 10_000;
        var engine = await Client[2].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        var before = Status.Kib(engine, "VmRSS");
        await using var stream = Client[2].StreamAsync(LiveWork.Remote.Produce(N), new StreamOptions { MaxBufferedItems = Window });

        var consumed = 0;
        var peak = before;
        var checkpoints = 0;
        var samples = new List<long>();
        await foreach (var item in stream.WithCancellation(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token))
        {
            Assert.Equal(consumed, item);
            consumed++;
            if (consumed % 100_000 == 0 && consumed < N)
            {
                // A slow reader: it stops here until the engine has run well ahead of it (the reader acknowledges in quarters of
                // the window, so the engine may have been let a quarter less far), then checks that it went no further than the
                // window (in items) plus two batches of at most a quarter of it: one sent while under the window, and a full one
                // the engine holds while it waits for room. The producer reports before yielding, so never more than it made.
                const int Batch = Window / 4;
                var produced = await ProducedAtLeastAsync(stream.Data, consumed + (Window / 2));
                Assert.InRange(produced, consumed + (Window / 2), consumed + Window + (2 * Batch));
                var resident = Status.Kib(engine, "VmRSS");
                samples.Add(resident / 1024);
                peak = Math.Max(peak, resident);
                checkpoints++;
            }
        }

        Assert.Equal(N, consumed);
        Assert.Equal(9, checkpoints);
        await stream.Completion.WaitAsync(Patience.Long);
        output.WriteLine($"engine resident {before / 1024} MiB before, {peak / 1024} MiB at most while streaming: [{string.Join(", ", samples)}] MiB");
        Assert.True((peak - before) * 1024 < 200 * MiB, $"the engine grew from {before / 1024} MiB to {peak / 1024} MiB while streaming");
    }

    [Fact]
    public async Task Leaving_a_stream_or_cancelling_its_token_stops_the_producer_on_the_engine()
    {
        var stream = Client[3].StreamAsync(LiveWork.Remote.Endless());
        var read = 0L;
        await foreach (var item in stream)
        {
            Assert.Equal(read++, item);
            if (read == 5_000)
            {
                break;
            }
        }

        await Assert.ThrowsAsync<TaskAbortedException>(() => stream.Completion.WaitAsync(Patience.Long));
        Assert.True(stream.Data.Get<long>("stopped after") >= 5_000);

        using var cancel = new CancellationTokenSource();
        var cancelled = Client.LoadBalancedView().StreamAsync(LiveWork.Remote.Endless(), cancellationToken: cancel.Token);
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in cancelled)
            {
                if (item == 1_000)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        Assert.Equal(cancel.Token, error.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Completion.WaitAsync(Patience.Long));
        Assert.True(cancelled.Data.TryGet<long>("stopped after", out var stoppedAfter) && stoppedAfter >= 1_000);

        // The engines are free again.
        var engines = await Client[..].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long);
        Assert.Equal([0, 1, 2, 3], engines);
    }

    [Fact]
    public async Task A_producer_that_throws_after_ten_items_gives_ten_items_then_its_exception()
    {
        var items = new List<int>();
        var error = await Assert.ThrowsAsync<RemoteException>(async () =>
        {
            await foreach (var item in Client.LoadBalancedView().StreamAsync(LiveWork.CountThenThrow, 10))
            {
                items.Add(item);
            }
        });

        Assert.Equal(Enumerable.Range(0, 10), items);
        Assert.Equal(typeof(InvalidOperationException).FullName, error.RemoteType);
        Assert.Equal("failed after 10 items", error.RemoteMessage);
    }

    /// <summary>Waits for the producer's published count to reach <paramref name="atLeast"/>, and returns it.</summary>
    private static async Task<long> ProducedAtLeastAsync(PublishedData data, long atLeast)
    {
        using var timeout = new CancellationTokenSource(Patience.Long);
        long produced = -1;
        await foreach (var update in data.UpdatesAsync(timeout.Token))
        {
            if (update.Name == "produced" && (produced = update.Get<int>()) >= atLeast)
            {
                return produced;
            }
        }

        throw new InvalidOperationException($"The stream ended with its producer at {produced}, before it reached {atLeast}.");
    }
}

/// <summary>Reads a process's memory figures from <c>/proc/&lt;pid&gt;/status</c>.</summary>
internal static class Status
{
    /// <summary>A field in KiB: <c>VmRSS</c> (resident now) or <c>VmHWM</c> (the peak since the process started).</summary>
    public static long Kib(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The same field of this process.</summary>
    public static long Own(string field) => Kib(Environment.ProcessId, field);

    public static int Pid(Process process) => process.Id;
}
