using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>Views over any engines, named by id in any order.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EngineSubsetTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task A_view_over_ids_3_and_0_runs_on_those_engines_and_answers_in_that_order()
    {
        // The shared cluster's ids are 0-3 unless a test replaced an engine: the last and the first, in that order.
        var (last, first) = (Client.Ids[^1], Client.Ids[0]);
        var view = Client[new[] { last, first }];
        Assert.Equal([last, first], view.Targets);
        Assert.Equal(new[] { last, first }, await view.ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));

        // Any sequence of ids will do, a query included.
        var odd = Client.Ids.Where(id => id % 2 == 1).ToArray();
        Assert.Equal(odd, await Client[odd.AsEnumerable()].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public void An_unknown_id_fails_at_once_naming_it_and_the_registered_engines()
    {
        var error = Assert.Throws<EngineNotFoundException>(() => Client[new[] { Client.Ids[0], 1_000_017 }]);
        Assert.Equal(1_000_017, error.EngineId);
        Assert.Contains($"[{string.Join(", ", Client.Ids)}]", error.Message);
        Assert.Contains("named twice", Assert.Throws<ArgumentException>(() => Client[new[] { Client.Ids[0], Client.Ids[0] }]).Message);
        Assert.Throws<ArgumentException>(() => Client[Array.Empty<int>()]);
    }

    [Fact]
    public async Task A_load_balanced_view_over_a_subset_never_uses_the_other_engines()
    {
        var subset = new[] { Client.Ids[^1], Client.Ids[0] };
        var view = Client.LoadBalancedView(subset, new TaskOptions { Retries = 1 });
        Assert.Equal(subset, view.Targets);
        var where = await view.MapAsync(Enumerable.Range(0, 200), _ => Work.Remote.SleepThenReportEngine(1)).Task.WaitAsync(Patience.Long);
        Assert.Equal(subset.Order(), where.Distinct().Order());

        // Options change, the subset stays.
        var timed = view.With(new TaskOptions { Timeout = TimeSpan.FromMinutes(1) });
        Assert.All(await timed.MapAsync(Enumerable.Range(0, 20), _ => Work.Remote.SleepThenReportEngine(0)).Task.WaitAsync(Patience.Long), id => Assert.Contains(id, subset));
        Assert.Throws<EngineNotFoundException>(() => Client.LoadBalancedView([Client.Ids[0], 1_000_017]));
    }

    [Fact]
    public async Task Tasks_retried_on_an_exception_avoid_the_engine_that_threw_it()
    {
        var bad = Client.Ids[1];
        var view = Client.LoadBalancedView(new TaskOptions { Retries = 1, RetryOn = RetryOn.EngineLost | RetryOn.Exception, RetryOnExceptions = ["System.IO.IOException"] });
        var tasks = Enumerable.Range(0, 40).Select(_ => view.ApplyAsync(Work.FailOnEngine, bad)).ToArray();
        var where = await Task.WhenAll(tasks.Select(t => t.Task)).WaitAsync(Patience.Long);
        Assert.DoesNotContain(bad, where);
        Assert.Contains(tasks, t => t.Metadata!.LostEngines.Contains(bad));

        // Without the policy the same failure reaches the caller.
        var plain = Client.LoadBalancedView(new TaskOptions { Retries = 1 });
        var failures = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                await plain.ApplyAsync(Work.FailOnEngine, bad).Task.WaitAsync(Patience.Long);
                return null;
            }
            catch (RemoteException e)
            {
                return e;
            }
        }));
        Assert.Contains(failures, e => e is { RemoteType: "System.IO.IOException" });
    }
}
