using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;

namespace RemoteKit.Observability.Tests.Diagnostics;

[Trait("Category", "Unit")]
public sealed class TelemetryTests
{
    [Fact]
    public void Meter_and_activity_source_are_named_RemoteKit()
    {
        using var telemetry = new RemoteKitTelemetry();

        Assert.Equal("RemoteKit", telemetry.Meter.Name);
        Assert.Equal("RemoteKit", RemoteKitTelemetry.ActivitySource.Name);
    }

    [Fact]
    public void A_meter_listener_sees_every_instrument_with_its_unit()
    {
        using var telemetry = new RemoteKitTelemetry();
        using var recorder = new MeterRecorder(telemetry.Meter);

        var units = recorder.Instruments.ToDictionary(i => i.Name, i => i.Unit);

        Assert.Equal("{task}", units["remotekit.task.submitted"]);
        Assert.Equal("{task}", units["remotekit.task.completed"]);
        Assert.Equal("{task}", units["remotekit.task.failed"]);
        Assert.Equal("s", units["remotekit.task.duration"]);
        Assert.Equal("{task}", units["remotekit.queue.length"]);
        Assert.Equal("{engine}", units["remotekit.engine.count"]);
        Assert.Equal("By", units["remotekit.io.received"]);
        Assert.Equal("By", units["remotekit.io.sent"]);
    }

    [Fact]
    public void Task_counters_and_duration_are_recorded_with_method_and_error_tags()
    {
        using var telemetry = new RemoteKitTelemetry();
        using var recorder = new MeterRecorder(telemetry.Meter);

        telemetry.TaskSubmitted("Work.SlowPower");
        telemetry.TaskSubmitted("Work.SlowPower");
        telemetry.TaskSubmitted("Work.Fail");
        telemetry.TaskCompleted("Work.SlowPower", TimeSpan.FromMilliseconds(1500));
        telemetry.TaskCompleted("Work.SlowPower", TimeSpan.FromMilliseconds(500));
        telemetry.TaskFailed("Work.Fail", "System.InvalidOperationException", TimeSpan.FromMilliseconds(20));

        Assert.Equal(3, recorder.Sum("remotekit.task.submitted"));
        Assert.Equal(2, recorder.Sum("remotekit.task.submitted", ("remotekit.method", "Work.SlowPower")));
        Assert.Equal(2, recorder.Sum("remotekit.task.completed"));
        Assert.Equal(1, recorder.Sum("remotekit.task.failed", ("error.type", "System.InvalidOperationException")));
        var durations = recorder.Values("remotekit.task.duration");
        Assert.Equal([1.5, 0.5, 0.02], durations);
        Assert.Equal(0.02, recorder.Values("remotekit.task.duration", ("error.type", "System.InvalidOperationException")).Single());
    }

    [Fact]
    public void Byte_counters_add_up()
    {
        using var telemetry = new RemoteKitTelemetry();
        using var recorder = new MeterRecorder(telemetry.Meter);

        telemetry.BytesReceived(100);
        telemetry.BytesReceived(28);
        telemetry.BytesSent(4096);

        Assert.Equal(128, recorder.Sum("remotekit.io.received"));
        Assert.Equal(4096, recorder.Sum("remotekit.io.sent"));
    }

    [Fact]
    public void Gauges_report_what_the_registered_callbacks_return_until_unregistered()
    {
        using var telemetry = new RemoteKitTelemetry();
        using var recorder = new MeterRecorder(telemetry.Meter);
        var queue = 7;

        var registration = telemetry.ObserveCluster(() => queue, () => 4);
        recorder.Collect();
        queue = 3;
        recorder.Collect();
        registration.Dispose();
        recorder.Collect();

        Assert.Equal([7.0, 3.0], recorder.Values("remotekit.queue.length"));
        Assert.Equal([4.0, 4.0], recorder.Values("remotekit.engine.count"));
    }

    [Fact]
    public void Instruments_come_from_a_hosts_meter_factory_when_given_one()
    {
        using var factory = new TestMeterFactory();
        using var telemetry = new RemoteKitTelemetry(factory);
        using var recorder = new MeterRecorder(telemetry.Meter);

        telemetry.TaskSubmitted("m");

        Assert.Same(factory.Created.Single(), telemetry.Meter);
        Assert.Equal(1, recorder.Sum("remotekit.task.submitted"));
    }

    [Fact]
    public void Spans_started_across_three_processes_form_one_trace_when_the_context_travels_as_bytes()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RemoteKitTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // Each hop sees only the bytes of the previous one, as the client, controller and engine would.
        var clientFrame = new byte[64];
        ActivityTraceId traceId;
        using (var submit = RemoteKitTelemetry.StartSubmit("Work.SlowPower"))
        {
            Assert.NotNull(submit);
            traceId = submit.TraceId;
            TraceField.Write(submit.Context, clientFrame);
        }

        var engineFrame = new byte[64];
        Assert.True(TraceField.TryRead(clientFrame, out var fromClient, out _));
        using (var route = RemoteKitTelemetry.StartRoute(fromClient, taskId: 42, "Work.SlowPower"))
        {
            Assert.NotNull(route);
            TraceField.Write(route.Context, engineFrame);
        }

        Assert.True(TraceField.TryRead(engineFrame, out var fromController, out _));
        using (var execute = RemoteKitTelemetry.StartExecute(fromController, taskId: 42, "Work.SlowPower", engineId: 1))
        {
            RemoteKitTelemetry.SetError(execute, "System.InvalidOperationException", "boom");
        }

        var spans = stopped.Where(a => a.TraceId == traceId).ToDictionary(a => a.OperationName);
        Assert.Equal(3, spans.Count);
        var (s, r, e) = (spans["remotekit.submit"], spans["remotekit.route"], spans["remotekit.execute"]);
        Assert.Equal(default, s.ParentSpanId);
        Assert.Equal(s.SpanId, r.ParentSpanId);
        Assert.Equal(r.SpanId, e.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, s.Kind);
        Assert.Equal("execute Work.SlowPower", e.DisplayName);
        Assert.Equal(1, e.GetTagItem("remotekit.engine.id"));
        Assert.Equal(42UL, r.GetTagItem("remotekit.task.id"));
        Assert.Equal(ActivityStatusCode.Error, e.Status);
        Assert.Equal("System.InvalidOperationException", e.GetTagItem("error.type"));
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created)
            {
                meter.Dispose();
            }
        }
    }
}
