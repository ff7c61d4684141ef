using Xunit;

namespace RemoteKit.Integration.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ApplyTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public void Ids_are_zero_to_n_minus_one_in_registration_order()
    {
        Assert.Equal(Enumerable.Range(0, ClusterFixture.EngineCount), Client.Ids);
    }

    [Fact]
    public async Task Apply_on_all_engines_returns_one_result_per_engine_in_engine_order()
    {
        var all = Client[..];
        var powers = await all.ApplyAsync(Work.Power, 3, 4);
        Assert.Equal(Enumerable.Repeat(81L, ClusterFixture.EngineCount), powers);

        var ids = all.Apply(Work.EngineId);
        Assert.Equal(Client.Ids, ids);
    }

    [Fact]
    public async Task Apply_on_one_engine_runs_there()
    {
        var view = Client[2];
        Assert.Equal(2, await view.ApplyAsync(Work.EngineId));
        Assert.Equal(32L, view.Apply(Work.Power, 2));
        Assert.Equal($"engine 2 of {ClusterFixture.EngineCount}", await view.ApplyAsync(Work.WhoAmI));
    }

    [Fact]
    public void Apply_on_a_slice_runs_on_exactly_those_engines()
    {
        var slice = Client[1..3];
        Assert.Equal([1, 2], slice.Targets);
        Assert.Equal([1, 2], slice.Apply(Work.EngineId));
    }

    [Fact]
    public async Task Load_balanced_apply_returns_the_value()
    {
        var lb = Client.LoadBalancedView();
        Assert.Equal(1024L, await lb.ApplyAsync(Work.Power, 2, 10));
        Assert.Equal("xyxy", lb.Apply(Work.Concat, "x", "y", 2));
    }

    [Fact]
    public async Task Typed_call_keeps_default_values()
    {
        RemoteCall<long> call = Work.Remote.Power(3);
        Assert.Equal(243L, await Client[0].ApplyAsync(call));
    }

    [Fact]
    public async Task Engines_are_separate_processes_that_do_not_run_in_the_client()
    {
        var pids = await Client[..].ApplyAsync(Work.ProcessId);
        Assert.Equal(ClusterFixture.EngineCount, pids.Distinct().Count());
        Assert.DoesNotContain(Environment.ProcessId, pids);
    }

    [Fact]
    public async Task Four_sleeping_tasks_on_four_engines_run_at_the_same_time()
    {
        var lb = Client.LoadBalancedView();
        var results = Enumerable.Range(0, 4).Select(_ => lb.ApplyAsync(Work.SleepThenReportEngine, 500)).ToArray();
        var engines = await Task.WhenAll(results.Select(r => r.Task)).WaitAsync(Patience.Long);

        Assert.Equal(4, engines.Distinct().Count());
        var metadata = results.Select(r => r.Metadata!).ToArray();
        // All four were running at once: the last one started before the first one finished.
        Assert.True(metadata.Max(m => m.Started) < metadata.Min(m => m.Completed));
        Assert.True(metadata.Max(m => m.Completed) - metadata.Min(m => m.Started) < TimeSpan.FromMilliseconds(4 * 500));
    }

    [Fact]
    public async Task A_global_parameter_is_read_from_the_engine_namespace()
    {
        var view = Client[3];
        await view.ApplyAsync(Work.SetVariable, "i", 3);
        Assert.Equal(125L, await view.ApplyAsync(Work.PowerOfGlobal, 5));
        Assert.Equal(3125L, await view.ApplyAsync(Work.Power, 5));
    }

    [Fact]
    public async Task A_missing_global_is_a_remote_exception_naming_it()
    {
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await Client[1].ApplyAsync(Work.ReadMissing));
        Assert.Equal("System.Collections.Generic.KeyNotFoundException", error.RemoteType);
        Assert.Contains("never_pushed", error.Message);
        Assert.Equal(1, error.EngineId);
    }
}
