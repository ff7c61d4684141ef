using Xunit;

namespace RemoteKit.Integration.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ResultTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task Metadata_gives_engine_times_and_the_tasks_own_output()
    {
        var ar = Client[1].ApplyAsync(Work.Talk, "solo", 2);
        Assert.Equal("solo", await ar);
        var m = ar.Metadata!;
        Assert.Equal(1, m.EngineId);
        Assert.True(m.Submitted <= m.Received);
        Assert.True(m.Started <= m.Completed);
        Assert.True(m.Elapsed >= TimeSpan.Zero);
        Assert.Equal($"solo 0{Environment.NewLine}solo 1{Environment.NewLine}", m.Stdout);
        Assert.Equal("done solo", m.Stderr);
    }

    [Fact]
    public async Task Output_of_two_concurrent_tasks_on_two_engines_is_not_mixed_up()
    {
        var a = Client[0].ApplyAsync(Work.Talk, "alpha", 200);
        var b = Client[1].ApplyAsync(Work.Talk, "beta", 200);
        await Task.WhenAll(a.Task, b.Task).WaitAsync(Patience.Long);
        var alpha = a.Metadata!.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        var beta = b.Metadata!.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"alpha {i}"), alpha);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"beta {i}"), beta);
    }

    [Fact]
    public async Task Aborting_queued_load_balanced_tasks_means_they_never_run()
    {
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        var all = Client[..];
        var started = Client.Ids.Select(id => Path.Combine(Path.GetTempPath(), $"remotekit-started-{id}-{Guid.NewGuid():N}")).ToArray();

        // Occupy every engine until the gate file appears, and wait until each is running its blocker: a blocker merely sent
        // may still be on its way (through the controller) when a balanced task reaches that engine in one hop and runs.
        var blockers = Client.Ids.Select((id, i) => Client[id].ApplyAsync(Work.StartThenWaitForFile, started[i], gate)).ToArray();
        var lb = Client.LoadBalancedView();
        try
        {
            foreach (var file in started)
            {
                await Events.FileAppearsAsync(file);
            }

            var queued = Enumerable.Range(0, 6).Select(i => lb.ApplyAsync(Work.SetVariable, "aborted_ran", i)).ToArray();
            foreach (var q in queued)
            {
                q.Abort();
            }

            foreach (var q in queued)
            {
                await Assert.ThrowsAsync<TaskAbortedException>(async () => await q.Completion.WaitAsync(Patience.Long));
            }

            await File.WriteAllTextAsync(gate, "go");
            await Task.WhenAll(blockers.Select(b => b.Task)).WaitAsync(Patience.Long);
            var error = await Assert.ThrowsAnyAsync<AggregateException>(async () => await all.PullAsync<int>("aborted_ran"));
            Assert.All(error.InnerExceptions, e => Assert.Contains("aborted_ran", e.Message));
        }
        finally
        {
            await File.WriteAllTextAsync(gate, "go");
            await Task.WhenAll(blockers.Select(b => b.Task)).WaitAsync(Patience.Long);
            File.Delete(gate);
            foreach (var file in started)
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task Queue_status_and_wait_report_on_outstanding_work()
    {
        // The status is the controller's snapshot: tasks other tests aborted on engine 3 count until the engine has answered
        // for them, so this starts from an idle engine 3.
        EngineQueueStatus? seen = null;
        await Events.UntilAsync(
            async ct => (seen = (await Client.QueueStatusAsync(ct)).Engines.Single(e => e.EngineId == 3)) is { Running: 0, Queued: 0 },
            () => $"engine 3 to be idle (last seen: {seen?.Running} running, {seen?.Queued} queued)");

        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        var blocker = Client[3].ApplyAsync(Work.WaitForFile, gate);
        var behind = Client[3].ApplyAsync(Work.EngineId);
        try
        {
            var status = await Client.QueueStatusAsync();
            var three = status.Engines.Single(e => e.EngineId == 3);
            var shown = string.Join("; ", status.Engines.Select(e => $"{e.EngineId}: {e.Running} running, {e.Queued} queued"));
            Assert.True((1, 1) == (three.Running, three.Queued), $"queue status: {shown}; unassigned {status.Unassigned}");
            Assert.False(Client.Wait(TimeSpan.FromMilliseconds(50)));

            await File.WriteAllTextAsync(gate, "go");
            Assert.True(Client.Wait(Patience.Long));
            Assert.True(blocker.IsReady);
            Assert.Equal(3, behind.Get(TimeSpan.Zero));
        }
        finally
        {
            await File.WriteAllTextAsync(gate, "go");
            await blocker.Task.WaitAsync(Patience.Long);
            File.Delete(gate);
        }
    }
}
