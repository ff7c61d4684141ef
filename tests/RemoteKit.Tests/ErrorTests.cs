using Xunit;

namespace RemoteKit.Tests;

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
        var error = await Assert.ThrowsAsync<AggregateException>(async () => await Client[0..2].ApplyAsync(Work.Fail, "everywhere"));
        var inner = error.InnerExceptions.Cast<RemoteException>().OrderBy(e => e.EngineId).ToArray();
        Assert.Equal([0, 1], inner.Select(e => e.EngineId));
        Assert.All(inner, e => Assert.Equal("everywhere", e.RemoteMessage));
    }

    [Fact]
    public async Task A_direct_task_to_an_engine_that_does_not_exist_fails_with_a_clear_error()
    {
        var view = Client[0];
        var ghost = (EngineView)typeof(EngineView).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)[0]
            .Invoke([Client, 99]);
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await ghost.ApplyAsync(Work.EngineId));
        Assert.Contains("no engine 99", error.Message);
        Assert.Equal(0, await view.ApplyAsync(Work.EngineId));
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
    public async Task Aborting_a_running_task_cancels_its_token()
    {
        var started = Path.Combine(Path.GetTempPath(), $"remotekit-abort-{Guid.NewGuid():N}");
        var ar = Client[3].ApplyAsync(Work.SignalThenWaitForCancellation, started);
        await Events.FileAppearsAsync(started);
        ar.Abort();
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await ar).WaitAsync(Patience.Long);
        Assert.Equal("RemoteKit.TaskAbortedException", error.RemoteType);
        Assert.Equal(3, await Client[3].ApplyAsync(Work.EngineId));
    }
}
