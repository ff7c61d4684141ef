using Xunit;

namespace RemoteKit.Integration.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MapTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    private static readonly long[] Ten = Enumerable.Range(0, 10).Select(i => (long)i).ToArray();

    [Fact]
    public async Task Direct_map_splits_into_contiguous_chunks_one_task_per_engine_in_input_order()
    {
        var ar = Client[..].MapAsync(Work.Power, Ten);
        Assert.Equal(new long[] { 0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049 }, await ar);
        var engines = ar.Metadata.Select(m => m!.EngineId).ToArray();
        Assert.Equal([0, 1, 2, 3], engines);
    }

    [Fact]
    public void Map_zips_several_sequences_and_takes_the_shortest()
    {
        Assert.Equal([10L, 12L, 14L], Client[..].Map(Work.Add, new long[] { 0, 1, 2 }, new long[] { 10, 11, 12, 13 }));
        Assert.Equal([8L, 9L], Client[1].Map(Work.Power, new long[] { 2, 3 }, new[] { 3, 2 }));
    }

    [Fact]
    public async Task Load_balanced_map_with_chunks_returns_results_in_input_order()
    {
        var lb = Client.LoadBalancedView();
        var items = Enumerable.Range(0, 1000).Select(i => (long)i).ToArray();
        var results = await lb.MapAsync(Work.Add, items, items, chunkSize: 7);
        Assert.Equal(items.Select(i => 2 * i), results);
    }

    [Fact]
    public async Task The_typed_form_builds_calls_on_the_client()
    {
        var lb = Client.LoadBalancedView();
        Assert.Equal(new long[] { 0, 1, 1024, 59049 }, await lb.MapAsync(new long[] { 0, 1, 4, 9 }, x => Work.Remote.Power(x)));
        Assert.Equal([0, 1, 4, 9], Client[..].Map(new long[] { 0, 1, 2, 3 }, x => Work.Remote.Power(x, 2)));
    }

    [Fact]
    public async Task Map_over_zero_items_returns_an_empty_array()
    {
        Assert.Empty(await Client[..].MapAsync(Work.Power, Array.Empty<long>()));
        Assert.Empty(await Client.LoadBalancedView().MapAsync(Work.Power, Array.Empty<long>()));
        await foreach (var _ in Client.LoadBalancedView().MapAsync(Work.Power, Array.Empty<long>()))
        {
            Assert.Fail("nothing to stream");
        }
    }

    [Fact]
    public async Task A_failing_item_names_its_engine_and_the_other_results_stay_reachable()
    {
        var ar = Client[..].MapAsync(Work.FailOn, Enumerable.Range(0, 8), Enumerable.Repeat(5, 8));
        var error = await Assert.ThrowsAnyAsync<AggregateException>(async () => await ar);
        var remote = Assert.IsType<RemoteException>(Assert.Single(error.InnerExceptions));
        Assert.Equal(2, remote.EngineId); // items 4 and 5 went to engine 2
        Assert.Contains("item 5 is bad", remote.Message);

        var outcomes = await ar.GetOutcomesAsync();
        Assert.Equal(8, outcomes.Count);
        Assert.False(outcomes[5].Succeeded);
        Assert.Equal([0, 10, 20, 30, 40, 60, 70], outcomes.Where(o => o.Succeeded).Select(o => o.Value));
    }

    [Fact]
    public async Task An_unordered_map_streams_results_as_they_complete()
    {
        var lb = Client.LoadBalancedView();
        var durations = new[] { 3000, 10, 10, 10 };
        var seen = new List<int>();
        await foreach (var value in lb.MapAsync(Work.SleepFor, durations, ordered: false).WithCancellation(new CancellationTokenSource(Patience.Long).Token))
        {
            seen.Add(value);
        }

        Assert.Equal(durations.Order(), seen.Order());
        Assert.Equal(3000, seen[^1]);
    }

    [Fact]
    public async Task An_ordered_map_streams_in_input_order()
    {
        var lb = Client.LoadBalancedView();
        var seen = new List<int>();
        await foreach (var value in lb.MapAsync(Work.SleepFor, new[] { 300, 10, 20, 30 }))
        {
            seen.Add(value);
        }

        Assert.Equal([300, 10, 20, 30], seen);
    }

    [Fact]
    public async Task The_input_is_consumed_lazily()
    {
        var produced = 0;
        IEnumerable<long> Items()
        {
            for (long i = 0; i < 100_000; i++)
            {
                produced++;
                yield return i;
            }
        }

        var lb = Client.LoadBalancedView();
        var sum = 0L;
        var first = true;
        await foreach (var value in lb.MapAsync(Work.Add, Items(), Enumerable.Repeat(0L, 100_000), chunkSize: 100))
        {
            if (first)
            {
                // The first result arrived before the whole input was read.
                Assert.True(produced < 100_000);
                first = false;
            }

            sum += value;
        }

        Assert.Equal(99_999L * 100_000 / 2, sum);
    }

    [Fact]
    public async Task A_streamed_map_holds_only_its_window_however_long_it_is()
    {
        const int count = 20_000;
        var lb = Client.LoadBalancedView();
        var map = lb.MapAsync(Work.Add, Enumerable.Range(0, count).Select(i => (long)i), Enumerable.Repeat(1L, count));
        var next = 1L;
        var mostRetained = 0;
        await foreach (var value in map.WithCancellation(new CancellationTokenSource(Patience.Long * 5).Token))
        {
            Assert.Equal(next++, value);

            // From the second half on: chunks that finished before the first read hold no place in the window (the map could
            // not know yet that it would be streamed), and on a loaded machine with one-hop tasks there may be dozens.
            if (next > count / 2)
            {
                mostRetained = Math.Max(mostRetained, map.RetainedChunks);
            }
        }

        Assert.Equal(count + 1, next);
        Assert.True(mostRetained <= 2 * map.Window, $"{mostRetained} chunks were retained at once; the window is {map.Window}.");
        Assert.Equal(0, map.RetainedChunks);

        // What was streamed was not kept, and asking for the whole array says so instead of returning part of it.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await map);
        Assert.Contains("streamed", refused.Message);
    }

    [Fact]
    public async Task An_unordered_streamed_map_forgets_each_chunk_once_read_and_a_map_awaited_first_keeps_everything()
    {
        var lb = Client.LoadBalancedView();
        var items = Enumerable.Range(0, 3_000).Select(i => (long)i).ToArray();

        // The input waits until streaming has begun: a map nobody has streamed or awaited yet keeps what finishes (its
        // whole array may still be asked for), so without the gate a loaded machine could finish many chunks first.
        using var streamingBegan = new ManualResetEventSlim();
        var streamed = lb.MapAsync(Work.Add, Gated(items, streamingBegan), items, chunkSize: 3, ordered: false);
        var seen = new List<long>();
        await using (var stream = streamed.GetAsyncEnumerator())
        {
            var next = stream.MoveNextAsync();
            streamingBegan.Set();
            while (await next)
            {
                seen.Add(stream.Current);
                Assert.True(streamed.RetainedChunks <= 2 * streamed.Window, $"{streamed.RetainedChunks} chunks retained; window {streamed.Window}");
                next = stream.MoveNextAsync();
            }
        }

        Assert.Equal(items.Select(i => 2 * i), seen.Order());
        Assert.Equal(0, streamed.RetainedChunks);

        var kept = lb.MapAsync(Work.Add, items, items, chunkSize: 3);
        var all = await kept;
        var again = new List<long>();
        await foreach (var value in kept)
        {
            again.Add(value);
        }

        Assert.Equal(all, again);
        Assert.Equal(1_000, kept.RetainedChunks);
    }

    private static IEnumerable<long> Gated(IEnumerable<long> items, ManualResetEventSlim gate)
    {
        Assert.True(gate.Wait(TimeSpan.FromMinutes(2)), "streaming never began");
        foreach (var item in items)
        {
            yield return item;
        }
    }
}
