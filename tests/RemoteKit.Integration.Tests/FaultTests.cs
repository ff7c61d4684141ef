using System.Buffers;
using System.Diagnostics;
using RemoteKit.Protocol;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>Hung and dying engines are noticed; lost load-balanced work runs again; timeouts stop tasks.</summary>
public sealed class FaultTests
{
    [Fact]
    public void Heartbeat_and_Submit_have_stable_wire_bytes()
    {
        Assert.Equal(
            new byte[] { 9, 0, 0, 0, 45, 0xE8, 0x03, 0, 0, 4, 0, 0, 0 },
            Bytes(Message.ToFrame(new HeartbeatMessage(1000, 4))));
        Assert.Equal(new byte[] { 13, 0, 0, 0, 62, 7, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0 }, Bytes(Message.ToFrame(new HeartbeatReplyMessage(7, 1L << 18))));
        Assert.Equal(
            new byte[] { 22, 0, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 2, 0, 0, 0, 0xD0, 0x07, 0, 0, 0 },
            Bytes(Message.ToFrame(new SubmitMessage(7, -1, 2, 2000))));

        var reader = new WireReader(new ReadOnlySequence<byte>(new byte[] { 0xE8, 0x03, 0, 0, 4, 0, 0, 0 }));
        var heartbeat = HeartbeatMessage.Read(ref reader);
        Assert.Equal(new HeartbeatMessage(1000, 4), heartbeat);
        Assert.Equal(TimeSpan.FromSeconds(8), heartbeat.SilenceLimit);
    }

    [Fact]
    public async Task A_stopped_engine_is_declared_lost_its_task_fails_with_EngineLostException_and_the_others_keep_working()
    {
        await using var cluster = await Cluster.StartAsync(engines: 3, new ClusterOptions { Restart = { Enabled = false } });
        var client = cluster.Client;
        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        var pids = await client[..].ApplyAsync(Work.ProcessId);
        var running = client[1].ApplyAsync(Work.WaitForFile, gate);

        using var engine = Process.GetProcessById(pids[1]);
        Signals.Send("STOP", engine.Id);
        try
        {
            var error = await Assert.ThrowsAsync<EngineLostException>(async () => await running.Completion.WaitAsync(Patience.Long));
            Assert.Equal(1, error.EngineId);
            Assert.Contains("heartbeat", error.Message);

            // Once its grace to come back has passed, the controller gives up on it and its supervisor ends the process.
            await engine.WaitForExitAsync().WaitAsync(Patience.Long);

            Assert.Equal(0, await client[0].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
            Assert.Equal(2, await client[2].ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
            var balanced = await client.LoadBalancedView().MapAsync(Enumerable.Range(0, 20), x => Work.Remote.Power(x, 2)).Task.WaitAsync(Patience.Long);
            Assert.Equal(Enumerable.Range(0, 20).Select(x => (long)x * x), balanced);
        }
        finally
        {
            if (!engine.HasExited)
            {
                Signals.Send("CONT", engine.Id);
                engine.Kill();
            }
        }
    }

    [Fact]
    public async Task A_map_with_retries_completes_correctly_when_an_engine_is_killed_mid_run()
    {
        var (outcomes, _) = await MapWhileKillingAnEngineAsync(retries: 2);

        Assert.All(outcomes, (o, i) =>
        {
            Assert.Null(o.Error);
            Assert.Equal((long)i * i, o.Value);
        });
    }

    [Fact]
    public async Task Without_retries_the_killed_engines_items_fail_with_EngineLostException_and_the_rest_are_correct()
    {
        var (outcomes, killed) = await MapWhileKillingAnEngineAsync(retries: 0);

        Assert.Contains(outcomes, o => o.Error is not null);
        Assert.All(outcomes, (o, i) =>
        {
            if (o.Error is not null)
            {
                var lost = Assert.IsType<EngineLostException>(o.Error);
                Assert.Equal(killed, lost.EngineId);
            }
            else
            {
                Assert.Equal((long)i * i, o.Value);
            }
        });
    }

    [Fact]
    public async Task A_task_past_its_timeout_fails_with_TaskTimeoutException_and_its_engine_is_freed()
    {
        await using var cluster = await Cluster.StartAsync(engines: 1, new ClusterOptions { Restart = { Enabled = false } });
        var plain = cluster.Client.LoadBalancedView();
        var timed = plain.With(new TaskOptions { Timeout = TimeSpan.FromSeconds(1) });
        Assert.Equal(TaskOptions.Default, plain.Options);
        Assert.Equal(TimeSpan.FromSeconds(1), timed.Options.Timeout);

        var gate = Path.Combine(Path.GetTempPath(), $"remotekit-gate-{Guid.NewGuid():N}");
        var stuck = timed.ApplyAsync(Work.WaitForFile, gate);
        var error = await Assert.ThrowsAsync<TaskTimeoutException>(async () => await stuck.Completion.WaitAsync(Patience.Long));
        Assert.Equal(0, error.EngineId);

        // The abort reached the engine: the waiting task ended, so the single engine runs the next one.
        Assert.Equal(0, await plain.ApplyAsync(Work.EngineId).Task.WaitAsync(Patience.Long));
        Assert.Equal(9, await timed.ApplyAsync(Work.Power, 3L, 2).Task.WaitAsync(Patience.Long));
    }

    private static async Task<(IReadOnlyList<MapOutcome<long>> Outcomes, int Killed)> MapWhileKillingAnEngineAsync(int retries)
    {
        const int Items = 300;
        await using var cluster = await Cluster.StartAsync(engines: 3, new ClusterOptions { Restart = { Enabled = false } });
        var client = cluster.Client;
        var pids = await client[..].ApplyAsync(Work.ProcessId);
        var engineOfPid = client.Ids.Zip(pids).ToDictionary(p => p.Second, p => p.First);
        var view = client.LoadBalancedView(new TaskOptions { Retries = retries });
        var held = Directory.CreateTempSubdirectory("remotekit-held-").FullName;
        var release = Path.Combine(Path.GetTempPath(), $"remotekit-release-{Guid.NewGuid():N}");
        try
        {
            var map = view.MapAsync(Enumerable.Range(0, Items), x => Work.Remote.SquareHeldFirstOnEachEngine(x, held, release), ordered: false);

            // Each engine given work holds its first item (the rest of its share queued behind it) until the release:
            // the first to hold dies holding at least that item, whatever pace the others keep.
            var (killed, pid) = (await HeldEngines.WaitAsync(engineOfPid, held, count: 1))[0];
            using (var engine = Process.GetProcessById(pid))
            {
                engine.Kill();
                await engine.WaitForExitAsync().WaitAsync(Patience.Long);
            }

            File.WriteAllText(release, "go");
            var outcomes = await map.GetOutcomesAsync().WaitAsync(Patience.Long);
            Assert.Equal(Items, outcomes.Count);
            return (outcomes, killed);
        }
        finally
        {
            File.WriteAllText(release, "go");
            Directory.Delete(held, recursive: true);
            File.Delete(release);
        }
    }

    private static byte[] Bytes(Transport.OutgoingFrame frame)
    {
        var bytes = frame.Memory.ToArray();
        frame.Return();
        return bytes;
    }
}
