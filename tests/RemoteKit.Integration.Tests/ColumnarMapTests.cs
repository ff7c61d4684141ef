using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Maps of columnar methods (unmanaged arguments and result) run against real engines both ways: as columns (the default)
/// and call by call (a second client told to send every chunk per call). What the caller sees must be the same.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ColumnarMapTests(ClusterFixture fixture) : IAsyncLifetime
{
    private RemoteClient Columnar => fixture.Client;

    private RemoteClient PerCall { get; set; } = null!;

    public async Task InitializeAsync()
    {
        PerCall = await RemoteClient.ConnectAsync(fixture.Cluster.ConnectionInfo, Patience.Long);
        PerCall.Tasks.PerCallMaps = true;
    }

    public async Task DisposeAsync() => await PerCall.DisposeAsync();

    [Fact]
    public void Methods_of_unmanaged_values_go_as_columns_unless_the_client_is_told_otherwise()
    {
        Assert.True(ColumnarMap.Fits(Work.Remote.Add(1, 2), Columnar.Tasks));
        Assert.True(ColumnarMap.Fits(Work.Remote.FailOn(1, 2), Columnar.Tasks));
        Assert.False(ColumnarMap.Fits(Work.Remote.Add(1, 2), PerCall.Tasks));
        Assert.False(ColumnarMap.Fits(Work.Remote.Talk("a", 1), Columnar.Tasks));
        Assert.False(ColumnarMap.Fits(Work.Remote.PowerOfGlobal(1), Columnar.Tasks));
    }

    [Fact]
    public async Task A_direct_map_sent_from_the_inputs_own_arrays_matches_calls_built_one_by_one()
    {
        // Two sequences of different lengths (the shortest wins), read into arrays and sent as slices of them; a method whose
        // default fills an argument in, whose calls are built one by one; and the typed form, built by the caller.
        var xs = Enumerable.Range(0, 9_001).Select(i => (long)i - 4_000).ToArray();
        var ys = Enumerable.Range(0, 7_003).Select(i => (long)i * 3);

        var fromArrays = await Columnar[..].MapAsync(Work.Add, xs, ys);
        var typed = await Columnar[..].MapAsync(xs.Take(7_003).Zip(ys, (x, y) => Work.Remote.Add(x, y)));
        var withDefault = await Columnar[..].MapAsync(Work.Power, xs.Take(1_000));

        Assert.Equal(7_003, fromArrays.Length);
        Assert.Equal(xs.Zip(ys, (x, y) => x + y), fromArrays);
        Assert.Equal(typed, fromArrays);
        Assert.Equal(await PerCall[..].MapAsync(Work.Power, xs.Take(1_000)), withDefault);
        Assert.Equal(xs.Take(1_000).Select(x => (long)Math.Pow(x, 5)), withDefault);
    }

    [Fact]
    public async Task A_direct_map_over_three_or_four_sequences_of_different_widths_is_sent_from_their_arrays_too()
    {
        var a = Enumerable.Range(0, 5_001).Select(i => (long)i - 2_500).ToArray();
        var b = Enumerable.Range(0, 5_003).Select(i => i % 97).ToArray();
        var c = Enumerable.Range(0, 4_999).Select(i => (short)(i % 300)).ToArray();
        var d = Enumerable.Range(0, 6_000).Select(i => i / 8.0).ToArray();

        // Read into arrays and partitioned as columns, not as calls (the shortest sequence wins).
        var three = await Columnar[..].MapAsync(Work.Combine, a, b, c);
        var four = await Columnar[..].MapAsync(Work.Combine4, a, b, c, d);
        Assert.IsAssignableFrom<IColumnCallList>(((IMaterializableCalls<long>)RemoteCalls.ZipOne(a, b, c, Work.Remote.Combine)).Materialize());

        Assert.Equal(4_999, three.Length);
        Assert.Equal(Enumerable.Range(0, 4_999).Select(i => (a[i] * b[i]) + c[i]), three);
        Assert.Equal(Enumerable.Range(0, 4_999).Select(i => (a[i] * b[i]) + c[i] - d[i]), four);
        Assert.Equal(await PerCall[..].MapAsync(Work.Combine, a, b, c), three);
        Assert.Equal(await PerCall[..].MapAsync(Work.Combine4, a, b, c, d), four);
    }

    [Fact]
    public async Task A_direct_map_gives_the_same_results_both_ways()
    {
        var xs = Enumerable.Range(0, 10_001).Select(i => (long)i * 7919).ToArray();
        var ys = Enumerable.Range(0, 10_001).Select(i => (long)-i).ToArray();

        var columnar = await Columnar[..].MapAsync(Work.Add, xs, ys);
        var perCall = await PerCall[..].MapAsync(Work.Add, xs, ys);

        Assert.Equal(xs.Zip(ys, (x, y) => x + y), columnar);
        Assert.Equal(perCall, columnar);
    }

    [Fact]
    public async Task A_load_balanced_map_gives_the_same_results_both_ways_ordered_and_streamed()
    {
        var xs = Enumerable.Range(0, 5_000).Select(i => (long)i).ToArray();
        var columnar = await Columnar.LoadBalancedView().MapAsync(Work.Power, xs, Enumerable.Repeat(3, xs.Length), chunkSize: 100);
        var perCall = await PerCall.LoadBalancedView().MapAsync(Work.Power, xs, Enumerable.Repeat(3, xs.Length), chunkSize: 100);

        Assert.Equal(xs.Select(x => x * x * x), columnar);
        Assert.Equal(perCall, columnar);

        var streamed = new List<long>();
        await foreach (var value in Columnar.LoadBalancedView().MapAsync(Work.Power, xs, Enumerable.Repeat(3, xs.Length), chunkSize: 37, ordered: false)
            .WithCancellation(new CancellationTokenSource(Patience.Long).Token))
        {
            streamed.Add(value);
        }

        Assert.Equal(columnar.Order(), streamed.Order());
    }

    [Fact]
    public async Task One_failing_item_in_a_direct_chunk_fails_alone_and_names_its_engine_both_ways()
    {
        // 4,000 items over 4 engines: item 2,500 is in the third chunk, on engine 2.
        var (columnar, columnarMap) = await FailOneAsync(Columnar[..].MapAsync(Work.FailOn, Enumerable.Range(0, 4_000), Enumerable.Repeat(2_500, 4_000)));
        var (perCall, perCallMap) = await FailOneAsync(PerCall[..].MapAsync(Work.FailOn, Enumerable.Range(0, 4_000), Enumerable.Repeat(2_500, 4_000)));

        Assert.Equal(2, columnar.EngineId);
        Assert.Equal((perCall.EngineId, perCall.RemoteType, perCall.RemoteMessage, perCall.Message), (columnar.EngineId, columnar.RemoteType, columnar.RemoteMessage, columnar.Message));
        Assert.Equal((3_999, 1), (columnarMap.Completed, columnarMap.Failed));
        Assert.Equal((perCallMap.Completed, perCallMap.Failed), (columnarMap.Completed, columnarMap.Failed));
    }

    [Fact]
    public async Task One_failing_item_in_a_load_balanced_chunk_fails_alone_both_ways()
    {
        var (columnar, columnarMap) = await FailOneAsync(Columnar.LoadBalancedView().MapAsync(Work.FailOn, Enumerable.Range(0, 2_000), Enumerable.Repeat(1_234, 2_000), chunkSize: 100));
        var (perCall, _) = await FailOneAsync(PerCall.LoadBalancedView().MapAsync(Work.FailOn, Enumerable.Range(0, 2_000), Enumerable.Repeat(1_234, 2_000), chunkSize: 100));

        Assert.Contains(columnar.EngineId, Columnar.Ids);
        Assert.Equal((perCall.RemoteType, perCall.RemoteMessage), (columnar.RemoteType, columnar.RemoteMessage));

        // The failed item's engine is the one its chunk ran on.
        var chunk = columnarMap.Metadata[1_234 / 100];
        Assert.Equal(chunk!.EngineId, columnar.EngineId);
    }

    /// <summary>Awaits a map of <c>FailOn</c> in which exactly one item is bad; checks every other value and returns that item's error.</summary>
    private static async Task<(RemoteException Error, AsyncMapResult<int> Map)> FailOneAsync(AsyncMapResult<int> map)
    {
        var aggregate = await Assert.ThrowsAnyAsync<AggregateException>(async () => await map);
        var error = Assert.IsType<RemoteException>(Assert.Single(aggregate.InnerExceptions));
        Assert.Equal(typeof(ArgumentException).FullName, error.RemoteType);

        var outcomes = await map.GetOutcomesAsync();
        var bad = outcomes.Select((o, i) => (o, i)).Single(p => !p.o.Succeeded).i;
        Assert.Equal($"item {bad} is bad", error.RemoteMessage);
        Assert.Same(error, outcomes[bad].Error);
        Assert.Equal(0, outcomes[bad].Value);
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (i != bad)
            {
                Assert.Equal(i * 10, outcomes[i].Value);
            }
        }

        return (error, map);
    }
}
