using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// Live output and streams against clusters of their own: a flood of output holds every process's memory bounded and the
/// caller learns what was dropped; an engine killed mid-stream ends the stream with EngineLostException after its items.
/// </summary>
public sealed class LiveFaultTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_task_printing_a_GiB_leaves_every_process_bounded_and_tells_the_caller_what_was_dropped()
    {
        const long Printed = 1024 * MiB;
        await using var cluster = await Cluster.StartAsync(1, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) });
        var (controller, engine) = (cluster.ProcessIds[0], cluster.ProcessIds[1]);
        Assert.Equal(engine, await cluster.Client[0].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long));
        var before = (Controller: Status.Kib(controller, "VmRSS"), Engine: Status.Kib(engine, "VmRSS"));

        // The client is a program of its own, so its peak memory is the flood's alone.
        var file = Path.Combine(Path.GetTempPath(), $"remotekit-flood-{Guid.NewGuid():N}.json");
        cluster.ConnectionInfo.Save(file);
        string report;
        try
        {
            report = await ProgramRunner.RunAsync("RemoteKit.TestAssets.OtherProgram.dll", [file, "flood", Printed.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(5));
        }
        finally
        {
            File.Delete(file);
        }

        var figures = report.Trim().Split(' ').Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var (written, live, droppedLive, kept, droppedKept, clientPeakKib) = (figures[0], figures[1], figures[2], figures[3], figures[4], figures[5]);
        Assert.Equal(Printed, written);

        // What the caller was told adds up to what the task printed, both in the live stream and in the result.
        Assert.Equal(Printed, live + droppedLive);
        Assert.True(live <= 2 * MiB, $"{live} characters of live output were kept for a reader that never read");
        Assert.Equal(Printed, droppedKept + 8 * MiB);
        Assert.InRange(kept, 8 * MiB, (8 * MiB) + 1024);

        // A GiB of characters is 2 GiB in memory: no process came near holding it.
        var controllerPeak = Status.Kib(controller, "VmHWM") - before.Controller;
        var enginePeak = Status.Kib(engine, "VmHWM") - before.Engine;
        output.WriteLine(
            $"live {live:N0} + dropped {droppedLive:N0}; kept {kept:N0} + dropped {droppedKept:N0}; peak growth: engine {enginePeak / 1024} MiB, " +
            $"controller {controllerPeak / 1024} MiB; client peak {clientPeakKib / 1024} MiB");
        Assert.True(enginePeak * 1024 < 300 * MiB, $"the engine's peak grew by {enginePeak / 1024} MiB");
        Assert.True(controllerPeak * 1024 < 300 * MiB, $"the controller's peak grew by {controllerPeak / 1024} MiB");
        Assert.True(clientPeakKib * 1024 < 400 * MiB, $"the client's peak was {clientPeakKib / 1024} MiB");
        Assert.Equal(243L, await cluster.Client[0].ApplyAsync(Work.Power, 3L, 5).Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task An_engine_killed_mid_stream_ends_the_stream_with_EngineLostException_after_the_items_it_delivered()
    {
        await using var cluster = await Cluster.StartAsync(2, new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2), Restart = { Enabled = false } });
        var lb = cluster.Client.LoadBalancedView(new TaskOptions { Retries = 2 });
        var stream = lb.StreamAsync(LiveWork.Remote.Endless(), new StreamOptions { MaxBufferedItems = 1_000 });

        var items = new List<long>();
        var error = await Assert.ThrowsAsync<EngineLostException>(async () =>
        {
            await foreach (var item in stream.WithCancellation(new CancellationTokenSource(Patience.Long).Token))
            {
                items.Add(item);
                if (items.Count == 10_000)
                {
                    // Kill the engine running the stream: it published its process id before its first item.
                    using var engine = Process.GetProcessById(stream.Data.Get<int>("pid"));
                    engine.Kill();
                    await engine.WaitForExitAsync().WaitAsync(Patience.Long);
                }
            }
        });

        // Every item that arrived was delivered, in order and once; none after the engine died was invented or repeated, and
        // the stream was not run again elsewhere despite its retries (its caller already had items).
        Assert.True(items.Count >= 10_000);
        Assert.Equal(Enumerable.Range(0, items.Count).Select(i => (long)i), items);
        Assert.Contains(error.EngineId, new[] { 0, 1 });
        Assert.Contains("lost", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, stream.Metadata!.Attempts);
    }
}
