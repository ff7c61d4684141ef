using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Connections;
using RemoteKit.Launchers;
using RemoteKit.Protocol;
using RemoteKit.Security;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// The cluster outlives its parts' hiccups: a paused controller keeps its engines, a peer's word never kills a process, work
/// queued behind a stuck task moves at once, a task that kills engines stops, and an engine back from a pause keeps its id
/// and namespace.
/// </summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task A_controller_stopped_for_6_s_during_a_map_finds_every_engine_and_client_still_there_and_nothing_failed()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2);
        var client = cluster.Client;
        var controller = cluster.ProcessIds[0];
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        var held = TempFile("held");
        var release = TempFile("release");
        try
        {
            // No retries: an engine lost in the pause would fail its items.
            var map = client.LoadBalancedView().MapAsync(Enumerable.Range(0, 2_000), x => Work.Remote.SquareAfterFirstHeld(x, held, release), ordered: false);
            await Events.FileAppearsAsync(held);

            // The pause is what is tested (a long GC, a frozen VM): longer than the 4 s the controller allows engines.
            Signals.Send("STOP", controller);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(6));
            }
            finally
            {
                Signals.Send("CONT", controller);
            }

            File.WriteAllText(release, "go");
            var outcomes = await map.GetOutcomesAsync().WaitAsync(Patience.Long);
            Assert.All(outcomes, o => Assert.Null(o.Error));
            Assert.Equal(Enumerable.Range(0, 2_000).Select(x => (long)x * x).Order(), outcomes.Select(o => o.Value).Order());

            Assert.Equal([0, 1], client.Ids);
            Assert.Equal(pids, await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long));
            Assert.Equal(0, cluster.EngineRestarts);
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(held);
            File.Delete(held + ".pid");
            File.Delete(release);
        }
    }

    [Fact]
    public async Task An_engine_that_reports_another_process_s_id_and_goes_silent_is_let_go_and_that_process_lives()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:00:01";
        await using var cluster = await Cluster.StartAsync(engines: 1, options);
        var gone = new TaskCompletionSource<LostEngineVerdict>(TaskCreationOptions.RunContinuationsAsynchronously);
        ((IRegisteredEngines)cluster.Client).EngineGone += v => gone.TrySetResult(v);
        using var victim = Process.Start("sleep", "600");
        try
        {
            // A key holder posing as an engine: its one heartbeat reply names the victim as its process, then it falls silent.
            var info = cluster.ConnectionInfo;
            await using var fake = await Connector.ConnectAsync(
                info.Host, info.Port, info.GetKeyBytes(), PeerRole.Engine, Connector.DefaultMaxFrameBytes, NullLogger.Instance, CancellationToken.None, info.TlsFingerprint);
            fake.Send(Message.ToFrame(EngineHelloMessage.New("")));
            var answered = 0;
            var run = fake.RunAsync(
                (byte kind, in ReadOnlySequence<byte> body) =>
                {
                    if ((MessageKind)kind == MessageKind.Heartbeat && Interlocked.Exchange(ref answered, 1) == 0)
                    {
                        fake.Send(Message.ToFrame(new HeartbeatReplyMessage(victim.Id, 1 << 20)));
                    }
                },
                CancellationToken.None);
            await cluster.Client.Engines.WaitUntilAsync(ids => ids.Contains(1), () => "the fake engine never registered", Patience.Long, CancellationToken.None);

            // Declared lost (the controller closes its connection), then given up on once its grace has passed.
            await run.WaitAsync(Patience.Long);
            var verdict = await gone.Task.WaitAsync(Patience.Long);
            Assert.Equal(1, verdict.EngineId);

            Assert.False(victim.HasExited);
            Assert.Equal([0], cluster.Client.Ids);
            Assert.Equal(0, await cluster.Client[0].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        }
        finally
        {
            victim.Kill();
        }
    }

    [Fact]
    public async Task Tasks_queued_behind_a_timed_out_task_run_elsewhere_at_once_rather_than_after_the_recycle_grace()
    {
        // A recycle grace far longer than the test's patience: waiting for it would fail the test.
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:AbortGrace"] = "00:10:00";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var client = cluster.Client;
        var started = TempFile("started");
        var release = TempFile("release");
        try
        {
            var stuck = client.LoadBalancedView(new TaskOptions { Timeout = TimeSpan.FromSeconds(3) }).ApplyAsync(Work.IgnoreAbortUntilFile, started, release);
            await Events.FileAppearsAsync(started);

            // Some of these queue on the stuck task's engine before its timeout; they move once it passes.
            var map = client.LoadBalancedView().MapAsync(Enumerable.Range(0, 400), x => Work.Remote.Power(x, 2));
            await Assert.ThrowsAsync<TaskTimeoutException>(async () => await stuck.Task.WaitAsync(Patience.Long));
            Assert.Equal(Enumerable.Range(0, 400).Select(x => (long)x * x), await map.Task.WaitAsync(Patience.Long));
        }
        finally
        {
            File.WriteAllText(release, "go");
            File.Delete(started);
            File.Delete(release);
        }
    }

    [Fact]
    public async Task A_task_that_kills_every_engine_it_lands_on_fails_after_two_and_the_cluster_keeps_its_size()
    {
        await using var cluster = await Cluster.StartAsync(engines: 4);
        var client = cluster.Client;
        var view = client.LoadBalancedView(new TaskOptions { Retries = 10 });

        var error = await Assert.ThrowsAsync<TaskKilledEnginesException>(async () => await view.ApplyAsync(Work.KillOwnProcess).Task.WaitAsync(Patience.Long));
        Assert.Contains("TaskEngineLossLimit", error.Message);

        // The two engines it took are replaced; the other two never ran it.
        await client.Engines.WaitUntilAsync(ids => ids.Length == 4 && ids.Count(id => id >= 4) == 2, () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
        Assert.Equal(2, cluster.EngineRestarts);
        Assert.Equal(Enumerable.Range(0, 8).Select(x => (long)x * x), await view.MapAsync(Enumerable.Range(0, 8), x => Work.Remote.Power(x, 2)).Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task An_engine_stopped_for_less_than_the_grace_comes_back_with_its_id_and_namespace()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:ReadmissionGrace"] = "00:02:00";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var client = cluster.Client;
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        await client[1].PushAsync(new { kept = 1234 });
        var gate = TempFile("gate");
        var running = client[1].ApplyAsync(Work.WaitForFile, gate);
        using var engine = Process.GetProcessById(pids[1]);
        Signals.Send("STOP", engine.Id);
        try
        {
            // Lost for silence: its task fails (it may have partly run), and the engine set no longer has it.
            var lost = await Assert.ThrowsAsync<EngineLostException>(async () => await running.Task.WaitAsync(Patience.Long));
            Assert.Equal(1, lost.EngineId);
            await client.Engines.WaitUntilAsync(ids => !ids.Contains(1), () => "engine 1 was never dropped", Patience.Long, CancellationToken.None);
        }
        finally
        {
            Signals.Send("CONT", engine.Id);
        }

        await client.Engines.WaitUntilAsync(ids => ids.SequenceEqual([0, 1]), () => $"engines now: [{string.Join(", ", client.Ids)}]", Patience.Long, CancellationToken.None);
        Assert.Equal(1234, await client[1].PullAsync<int>("kept").Task.WaitAsync(Patience.Long));
        Assert.Equal(pids[1], await client[1].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long));
        Assert.Equal(0, cluster.EngineRestarts);
        File.WriteAllText(gate, "go");
        File.Delete(gate);
    }

    private static string TempFile(string what) => Path.Combine(Path.GetTempPath(), $"remotekit-{what}-{Guid.NewGuid():N}");
}
