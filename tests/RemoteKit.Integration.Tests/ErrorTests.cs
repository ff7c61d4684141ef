using Xunit;

namespace RemoteKit.Integration.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ErrorTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task A_remote_exception_carries_type_message_stack_and_engine_and_the_engine_stays_usable()
    {
        var view = Client[1];
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await view.ApplyAsync(Work.Fail, "boom"));
        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("boom", error.RemoteMessage);
        Assert.Equal(1, error.EngineId);
        Assert.Contains("Work.Fail", error.RemoteStackTrace);

        Assert.Equal(1, await view.ApplyAsync(Work.EngineId));
    }

    [Fact]
    public void Get_rethrows_the_remote_exception()
    {
        var ar = Client.LoadBalancedView().ApplyAsync(Work.Fail, "sync");
        var error = Assert.Throws<RemoteException>(() => ar.Get(Patience.Long));
        Assert.Equal("sync", error.RemoteMessage);
        Assert.True(ar.IsReady);
        Assert.False(ar.Successful);
    }

    [Fact]
    public async Task A_failure_on_several_engines_is_an_aggregate_of_remote_exceptions()
    {
        var error = await Assert.ThrowsAnyAsync<AggregateException>(async () => await Client[0..2].ApplyAsync(Work.Fail, "everywhere"));
        var inner = error.InnerExceptions.Cast<RemoteException>().OrderBy(e => e.EngineId).ToArray();
        Assert.Equal([0, 1], inner.Select(e => e.EngineId));
        Assert.All(inner, e => Assert.Equal("everywhere", e.RemoteMessage));
    }

    [Fact]
    public void Asking_for_an_unknown_engine_id_names_the_registered_ones()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Client[42]);
        Assert.Contains("0, 1, 2, 3", error.Message);
    }

    [Fact]
    public void A_lambda_is_rejected_at_run_time_with_an_argument_exception()
    {
#pragma warning disable RK0006 // The analyzer rejects this at compile time; this test checks the run-time guard behind it.
        var error = Assert.Throws<ArgumentException>(() => Client[0].ApplyAsync((long x, int i) => x + i, 1L, 2));
#pragma warning restore RK0006
        Assert.Contains("not a [Remote] method", error.Message);
    }

    [Fact]
    public async Task Aborting_a_running_task_cancels_its_token_and_the_await_throws_OperationCanceledException()
    {
        var started = Path.Combine(Path.GetTempPath(), $"remotekit-abort-{Guid.NewGuid():N}");
        var ar = Client[3].ApplyAsync(Work.SignalThenWaitForCancellation, started);
        await Events.FileAppearsAsync(started);
        ar.Abort();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ar).WaitAsync(Patience.Long);
        Assert.IsType<TaskAbortedException>(error);
        Assert.Equal(3, await Client[3].ApplyAsync(Work.EngineId));
    }

    [Fact]
    public async Task Cancelling_the_token_of_a_running_and_a_queued_task_ends_both_awaits_with_OperationCanceledException_carrying_it()
    {
        var started = Path.Combine(Path.GetTempPath(), $"remotekit-cancel-{Guid.NewGuid():N}");
        using var cts = new CancellationTokenSource();
        var running = Client[2].ApplyAsync(Work.SignalThenWaitForCancellation, started, cts.Token);
        var queued = Client[2].ApplyAsync(Work.SetVariable, "ran_after_cancel", 1, cts.Token);
        await Events.FileAppearsAsync(started);
        cts.Cancel();

        foreach (var ar in new AsyncResult[] { running, queued })
        {
            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ar).WaitAsync(Patience.Long);
            Assert.Equal(cts.Token, error.CancellationToken);
        }

        var missing = await Assert.ThrowsAsync<RemoteException>(async () => await Client[2].PullAsync<int>("ran_after_cancel"));
        Assert.Contains("ran_after_cancel", missing.Message);
    }

    [Fact]
    public async Task Cancelling_a_direct_views_token_ends_its_await_with_OperationCanceledException_not_an_aggregate()
    {
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        using var cts = new CancellationTokenSource();
        try
        {
            var ar = Client[0..2].ApplyAsync(Work.WaitForFile, gate, cts.Token);
            cts.Cancel();
            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ar).WaitAsync(Patience.Long);
            Assert.Equal(cts.Token, error.CancellationToken);
            Assert.Equal(new[] { 0, 1 }, await Client[0..2].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        }
        finally
        {
            await Release(gate);
        }
    }

    [Fact]
    public async Task Cancelling_a_maps_token_aborts_it_and_the_await_throws_OperationCanceledException_carrying_it()
    {
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        using var cts = new CancellationTokenSource();
        try
        {
            var map = Client.LoadBalancedView().MapAsync(Work.WaitForFile, Enumerable.Repeat(gate, 12), cancellationToken: cts.Token);
            cts.Cancel();
            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await map).WaitAsync(Patience.Long);
            Assert.Equal(cts.Token, error.CancellationToken);
            Assert.True(map.IsReady);
            Assert.Equal(new[] { 0, 1, 2, 3 }, await Client[..].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        }
        finally
        {
            await Release(gate);
        }
    }

    [Fact]
    public async Task The_message_of_an_aggregate_of_800_failures_quotes_a_few_and_counts_the_rest()
    {
        var messages = Enumerable.Range(0, 800).Select(i => $"failure {i}: " + new string('x', 120));
        var error = await Assert.ThrowsAnyAsync<AggregateException>(async () => await Client.LoadBalancedView().MapAsync(Work.Fail, messages, chunkSize: 100));

        Assert.Equal(800, error.InnerExceptions.Count);
        Assert.All(error.InnerExceptions, e => Assert.IsType<RemoteException>(e));
        Assert.StartsWith("800 of 800 map items failed", error.Message);
        Assert.Contains("failure 0: ", error.Message);
        Assert.Contains("797 more", error.Message);
        Assert.True(error.Message.Length < 2_000, $"The message has {error.Message.Length} characters.");
        Assert.True(error.ToString().Length < 20_000, $"The text has {error.ToString().Length} characters.");
    }

    /// <summary>Lets any task still waiting for <paramref name="gate"/> finish, so the shared engines are free for the next test.</summary>
    private async Task Release(string gate)
    {
        await File.WriteAllTextAsync(gate, "go");
        Assert.True(await Client.WaitAsync(Patience.Long));
        File.Delete(gate);
    }
}
