using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>Results kept on engines and passed to later tasks; tasks that wait for others.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DataflowTests(ClusterFixture fixture)
{
    private const int Mib = 1024 * 1024;

    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task A_100_MiB_value_goes_through_three_tasks_on_different_engines_without_reaching_the_client()
    {
        var ids = Client.Ids;
        var before = Client.ControllerBytes;

        // Made on one engine, scaled on another, summed on a third: each step names its engine, so the value must move.
        var made = await Client[ids[0]].With(new TaskOptions { Keep = true }).ApplyAsync(FlowWork.Make, 100, 1.0).KeepAsync().WaitAsync(Patience.Long);
        Assert.Equal(ids[0], made.EngineId);
        Assert.InRange(made.Size, 100L * Mib, (100L * Mib) + 64);
        var scaled = await Client[ids[1]].ApplyAsync(FlowWork.Scale, made, 2.0).KeepAsync().WaitAsync(Patience.Long);
        Assert.Equal(ids[1], scaled.EngineId);
        var sum = await Client[ids[2]].ApplyAsync(FlowWork.Sum, scaled).Task.WaitAsync(Patience.Long);

        var n = 100 * 131_072.0;
        Assert.Equal(2 * ((n * 1.0) + (n * (n - 1) / 2)), sum);
        var after = Client.ControllerBytes;
        Assert.True(after.Received - before.Received < Mib, $"the client received {after.Received - before.Received} bytes");
        Assert.True(after.Sent - before.Sent < Mib, $"the client sent {after.Sent - before.Sent} bytes");

        // The engines' memory for the values is visible, and freed when the refs are disposed.
        await AssertKeptAsync(ids[0], atLeast: 100L * Mib);
        await made.DisposeAsync();
        await scaled.DisposeAsync();
        await AssertKeptAsync(ids[0], atLeast: 0, atMost: 0);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => made.GetAsync());
    }

    [Fact]
    public async Task A_dependent_task_runs_on_the_engine_holding_its_input_when_that_engine_is_free()
    {
        var lb = Client.LoadBalancedView();
        var holder = Client.Ids[^1];
        await using var kept = await Client[holder].ApplyAsync(FlowWork.Make, 1, 0.0).KeepAsync().WaitAsync(Patience.Long);
        for (var i = 0; i < 10; i++)
        {
            var where = await lb.ApplyAsync(FlowWork.WhereAndHowMany, kept).Task.WaitAsync(Patience.Long);
            Assert.Equal([holder, 131_072], where);
        }

        // Told to ignore locality, tasks spread, and the value goes to each engine that runs one.
        var anywhere = lb.With(new TaskOptions { Locality = DataLocality.LeastLoaded });
        var engines = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => anywhere.ApplyAsync(FlowWork.WhereAndHowMany, kept).Task)).WaitAsync(Patience.Long);
        Assert.All(engines, e => Assert.Equal(131_072, e[1]));
        Assert.Contains(engines, e => e[0] != holder);
        Assert.Equal(new double[] { 0, 1, 2 }, (await kept.GetAsync().WaitAsync(Patience.Long))[..3]);
    }

    [Fact]
    public async Task A_failed_input_fails_its_dependants_naming_the_task_and_its_error()
    {
        var lb = Client.LoadBalancedView();
        var failed = lb.ApplyAsync(FlowWork.Fail, "the input broke");
        var after = lb.With(new TaskOptions { After = [failed] }).ApplyAsync(FlowWork.Add, 1, 2);
        var error = await Assert.ThrowsAsync<DependencyFailedException>(() => after.Task.WaitAsync(Patience.Long));
        Assert.Contains("the input broke", error.Message);
        Assert.Contains("InvalidDataException", error.Message);

        // The dependants of a dependant fail too, and a task that waits for failure runs.
        var next = lb.With(new TaskOptions { After = [after] }).ApplyAsync(FlowWork.Add, 3, 4);
        await Assert.ThrowsAsync<DependencyFailedException>(() => next.Task.WaitAsync(Patience.Long));
        var cleanup = lb.With(new TaskOptions { After = [failed], DependsOn = DependencyOutcome.Failure }).ApplyAsync(FlowWork.Add, 5, 6);
        Assert.Equal(11, await cleanup.Task.WaitAsync(Patience.Long));

        // A result passed as an argument that failed fails the task that takes it.
        var taking = lb.ApplyAsync(FlowWork.Scale, lb.ApplyAsync(FlowWork.Make, -1, 0.0), 2.0);
        Assert.Contains("failed", (await Assert.ThrowsAsync<DependencyFailedException>(() => taking.Task.WaitAsync(Patience.Long))).Message);
    }

    [Fact]
    public async Task After_orders_tasks_under_load()
    {
        var lb = Client.LoadBalancedView();
        var busy = Enumerable.Range(0, 40).Select(_ => lb.ApplyAsync(FlowWork.Nap, 20)).ToList();
        var first = lb.ApplyAsync(FlowWork.Nap, 300);
        var second = lb.With(new TaskOptions { After = [first] }).ApplyAsync(FlowWork.Nap, 0);
        await second.Task.WaitAsync(Patience.Long);
        Assert.True(second.Metadata!.Started >= first.Metadata!.Completed, $"started {second.Metadata.Started:O}, its dependency completed {first.Metadata.Completed:O}");
        await Task.WhenAll(busy.Select(b => b.Task)).WaitAsync(Patience.Long);

        // An AsyncResult argument makes the task wait for it too, and its value is written in.
        var two = lb.ApplyAsync(FlowWork.Add, 1, 1);
        Assert.Equal(5, await lb.ApplyAsync(FlowWork.Add, two, 3).Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task Follow_runs_on_the_engine_of_its_dependency()
    {
        var lb = Client.LoadBalancedView();
        var first = lb.ApplyAsync(FlowWork.Nap, 50);
        var followers = Enumerable.Range(0, 8).Select(_ => lb.With(new TaskOptions { Follow = [first] }).ApplyAsync(FlowWork.Nap, 0)).ToList();
        var where = await Task.WhenAll(followers.Select(f => f.Task)).WaitAsync(Patience.Long);
        var engine = await first;
        Assert.All(where, id => Assert.Equal(engine, id));
    }

    [Fact]
    public async Task A_dependency_timeout_fails_a_task_that_waits_too_long()
    {
        var lb = Client.LoadBalancedView();
        var slow = lb.ApplyAsync(FlowWork.Nap, 5_000);
        var waiting = lb.With(new TaskOptions { After = [slow], DependencyTimeout = TimeSpan.FromMilliseconds(300) }).ApplyAsync(FlowWork.Add, 1, 1);
        Assert.Contains("DependencyTimeout", (await Assert.ThrowsAsync<DependencyFailedException>(() => waiting.Task.WaitAsync(Patience.Long))).Message);
        await slow.Task.WaitAsync(Patience.Long);
    }

    [Fact]
    public async Task A_kept_result_is_fetched_and_awaiting_it_says_where_it_is()
    {
        var view = Client.LoadBalancedView(new TaskOptions { Keep = true });
        var result = view.ApplyAsync(FlowWork.Add, 20, 22);
        await using var kept = await result.KeepAsync().WaitAsync(Patience.Long);
        Assert.Equal(42, await kept.GetAsync().WaitAsync(Patience.Long));
        Assert.Contains("kept on engine", (await Assert.ThrowsAsync<InvalidOperationException>(() => result.Task.WaitAsync(Patience.Long))).Message);

        // Keeping a result that already arrived sends it back to its engine.
        var arrived = Client.LoadBalancedView().ApplyAsync(FlowWork.Add, 1, 2);
        Assert.Equal(3, await arrived.Task.WaitAsync(Patience.Long));
        await using var late = await arrived.KeepAsync().WaitAsync(Patience.Long);
        Assert.Equal(arrived.Metadata!.EngineId, late.EngineId);
        Assert.Equal(7, await Client.LoadBalancedView().ApplyAsync(FlowWork.Add, late, 4).Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task Kept_values_are_freed_when_their_client_disconnects()
    {
        var engine = Client.Ids[0];
        var baseline = (await Client.QueueStatusAsync()).Engines.Single(e => e.EngineId == engine).KeptBytes;
        await using (var other = await RemoteClient.ConnectAsync(fixture.Cluster.ConnectionInfo, Patience.Long))
        {
            await other.WaitForEnginesAsync(ClusterFixture.EngineCount, Patience.Long);
            var kept = await other[engine].ApplyAsync(FlowWork.Make, 8, 0.0).KeepAsync().WaitAsync(Patience.Long);
            Assert.Equal((8L * Mib) + 4, kept.Size); // the array and its length
            await AssertKeptAsync(engine, atLeast: baseline + (8L * Mib));
        }

        await AssertKeptAsync(engine, atLeast: 0, atMost: baseline);
    }

    [Fact]
    public async Task A_call_taking_a_kept_value_is_refused_where_only_values_go()
    {
        await using var kept = await Client[Client.Ids[0]].ApplyAsync(FlowWork.Make, 1, 0.0).KeepAsync().WaitAsync(Patience.Long);
        var call = RemoteArgs.Bind(FlowWork.Remote.Sum(null!), (RemoteArg<double[]>)kept);
        var direct = await Assert.ThrowsAnyAsync<Exception>(async () => await Client[..].ApplyAsync(call).Task.WaitAsync(Patience.Long));
        Assert.Contains("takes other tasks' results", (direct as AggregateException)?.InnerException?.Message ?? direct.Message);
        var mapped = await Assert.ThrowsAnyAsync<Exception>(async () => await Client.LoadBalancedView().MapAsync([call, call]).Task.WaitAsync(Patience.Long));
        Assert.Contains("takes other tasks' results", (mapped as AggregateException)?.InnerException?.Message ?? mapped.Message);

        // Through a load-balanced view it runs.
        Assert.Equal(131_071.0 * 131_072 / 2, await Client.LoadBalancedView().ApplyAsync(call).Task.WaitAsync(Patience.Long));
    }

    /// <summary>Waits until the controller reports the engine's kept bytes within the bounds.</summary>
    private async Task AssertKeptAsync(int engine, long atLeast, long atMost = long.MaxValue)
    {
        using var patience = new CancellationTokenSource(Patience.Long);
        while (true)
        {
            var kept = (await Client.QueueStatusAsync(patience.Token)).Engines.Single(e => e.EngineId == engine).KeptBytes;
            if (kept >= atLeast && kept <= atMost)
            {
                return;
            }

            // The controller hears of a freed value from another connection; ask again until it has.
            await Task.Yield();
            patience.Token.ThrowIfCancellationRequested();
        }
    }
}
