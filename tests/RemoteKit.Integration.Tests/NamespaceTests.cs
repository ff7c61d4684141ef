using MemoryPack;
using Xunit;

namespace RemoteKit.Integration.Tests;

[MemoryPackable]
public sealed partial record Point(double X, double Y, string Label);

/// <summary>A type MemoryPack cannot serialize: not [MemoryPackable].</summary>
public sealed class NotPackable
{
    public int Value { get; set; }
}

[Collection(ClusterCollection.Name)]
public sealed class NamespaceTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task Indexer_sets_a_variable_on_every_engine_and_pull_reads_it_back()
    {
        var all = Client[..];
        all["answer"] = 42;
        Assert.Equal(Enumerable.Repeat(42, ClusterFixture.EngineCount), all.Pull<int>("answer"));
        Assert.Equal(42, Client[1].Pull<int>("answer"));
        Assert.Equal(Enumerable.Repeat((object?)42, ClusterFixture.EngineCount), (object?[])all["answer"]!);
        Assert.Equal(42, await Client[2].PullAsync<int>("answer"));
    }

    [Fact]
    public async Task PullInto_fills_caller_memory_with_the_engines_array_and_refuses_a_short_destination_or_another_type()
    {
        var values = Enumerable.Range(0, 300_000).Select(i => i * 0.5).ToArray();
        var engine = Client[1];
        await engine.PushAsync(new { into_source = values, into_ints = new[] { 1, 2, 3 } }).Completion.WaitAsync(Patience.Long);

        var buffer = new double[values.Length + 10];
        buffer[^1] = -1;
        var count = await engine.PullIntoAsync<double>("into_source", buffer).Task.WaitAsync(Patience.Long);
        Assert.Equal(values.Length, count);
        Assert.Equal(values, buffer[..count]);
        Assert.Equal(-1, buffer[^1]);

        // The same buffer, reused through the blocking form over a span.
        Array.Clear(buffer);
        Assert.Equal(values.Length, engine.PullInto<double>("into_source", buffer.AsSpan()));
        Assert.Equal(values, buffer[..values.Length]);

        // As with Pull<T>, what cannot be read into the destination is refused, named, and nothing is misread.
        var tooShort = await Assert.ThrowsAsync<RemoteException>(async () => await engine.PullIntoAsync<double>("into_source", new double[10]));
        Assert.Equal("System.ArgumentException", tooShort.RemoteType);
        Assert.Contains("'into_source' holds 300,000 elements; the destination has room for 10", tooShort.Message);
        Assert.Throws<ArgumentException>(() => engine.PullInto<double>("into_source", new double[10].AsSpan()));
        var wrongType = await Assert.ThrowsAsync<RemoteException>(async () => await engine.PullIntoAsync<double>("into_ints", buffer));
        Assert.Equal("System.InvalidCastException", wrongType.RemoteType);
    }

    [Fact]
    public async Task Push_sets_several_names_at_once_and_a_global_parameter_reads_them()
    {
        var all = Client[..];
        await all.PushAsync(new { i = 3, greeting = "hi", weights = new[] { 1.5, 2.5 } });
        Assert.Equal(Enumerable.Repeat(8L, ClusterFixture.EngineCount), await all.ApplyAsync(Work.PowerOfGlobal, 2));
        Assert.Equal("hi", Client[0].Pull<string>("greeting"));
        Assert.Equal([1.5, 2.5], Client[3].Pull<double[]>("weights"));

        Client[2].Push(new Dictionary<string, object?> { ["i"] = 4 });
        Assert.Equal(16L, await Client[2].ApplyAsync(Work.PowerOfGlobal, 2));
        Assert.Equal(8L, await Client[1].ApplyAsync(Work.PowerOfGlobal, 2));
    }

    [Fact]
    public void User_memorypackable_types_round_trip_through_a_namespace()
    {
        var point = new Point(1.25, -3, "origin-ish");
        Client[0]["point"] = point;
        Assert.Equal(point, Client[0].Pull<Point>("point"));
        Assert.Equal(point, Client[0]["point"]);
    }

    [Fact]
    public async Task Pushing_a_value_memorypack_cannot_serialize_names_the_variable_and_sends_nothing()
    {
        var all = Client[..];
        var error = Assert.Throws<ArgumentException>(() => all.Push(new { pushed_beside_odd = 1, odd = new NotPackable { Value = 7 } }));
        Assert.Contains("'odd'", error.Message);
        Assert.Contains(typeof(NotPackable).FullName!, error.Message);
        Assert.Contains("[MemoryPackable]", error.Message);

        // Nothing of that push reached any engine, not even the serializable variable.
        var missing = await Assert.ThrowsAnyAsync<AggregateException>(async () => await all.PullAsync<int>("pushed_beside_odd"));
        Assert.All(missing.InnerExceptions, e => Assert.Contains("pushed_beside_odd", e.Message));
    }

    [Fact]
    public async Task Pulling_a_name_never_pushed_is_a_clear_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await Client[1].PullAsync<int>("no_such_variable"));
        Assert.Contains("no_such_variable", error.Message);
        Assert.Equal("System.Collections.Generic.KeyNotFoundException", error.RemoteType);
        Assert.Equal(1, error.EngineId);
    }

    [Fact]
    public void Pulling_a_variable_as_the_wrong_type_is_refused_not_misread()
    {
        Client[2]["typed"] = new[] { 1, 2, 3 };
        var error = Assert.Throws<RemoteException>(() => Client[2].Pull<string>("typed"));
        Assert.Equal("System.InvalidCastException", error.RemoteType);
        Assert.Contains("System.Int32[]", error.Message);
        Assert.ThrowsAny<AggregateException>(() => Client[2..3].Gather<long>("typed"));
        Assert.Equal([1, 2, 3], Client[2..3].Gather<int>("typed"));
    }

    [Fact]
    public void A_100_MiB_double_array_is_pushed_and_pulled_back_bit_identical()
    {
        var values = new double[100 * 1024 * 1024 / sizeof(double)];
        var random = new Random(7);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble() * (i % 3 == 0 ? -1e300 : 1e-300);
        }

        values[^1] = double.NaN;
        var view = Client[0];
        view.Push(new { big = values });
        var back = view.Pull<double[]>("big");
        Assert.True(values.AsSpan().SequenceEqual(back));
        Assert.Equal(BitConverter.DoubleToInt64Bits(values[^1]), BitConverter.DoubleToInt64Bits(back[^1]));
        view.Execute("big = null;");
    }

    [Fact]
    public void Scatter_gives_contiguous_balanced_chunks_and_gather_concatenates_in_engine_order()
    {
        var all = Client[..];
        all.Scatter("part", Enumerable.Range(0, 10));
        Assert.Equal([3, 3, 2, 2], all.Pull<int[]>("part").Select(p => p.Length));
        Assert.Equal([0, 1, 2], Client[0].Pull<int[]>("part"));
        Assert.Equal([8, 9], Client[3].Pull<int[]>("part"));
        Assert.Equal(Enumerable.Range(0, 10), all.Gather<int>("part"));
    }

    [Fact]
    public void Scatter_and_gather_round_trip_uneven_data_of_several_element_types()
    {
        var all = Client[..];
        var words = Enumerable.Range(0, 7).Select(i => new string('w', i)).ToArray();
        all.Scatter("words", words);
        Assert.Equal(words, all.Gather<string>("words"));

        var points = Enumerable.Range(0, 5).Select(i => new Point(i, -i, $"p{i}")).ToArray();
        all.Scatter("points", points);
        Assert.Equal(points, all.Gather<Point>("points"));

        var few = new long[] { 10, 20 };
        all.Scatter("few", few);
        Assert.Equal([1, 1, 0, 0], all.Pull<long[]>("few").Select(p => p.Length));
        Assert.Equal(few, all.Gather<long>("few"));
    }
}
