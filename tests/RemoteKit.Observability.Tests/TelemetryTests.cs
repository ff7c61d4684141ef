using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using RemoteKit.Diagnostics;

namespace RemoteKit.Observability.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public void MeterListenerSeesEveryInstrumentWithItsValues()
    {
        using var telemetry = new RemoteKitTelemetry();
        var longs = new ConcurrentDictionary<string, long>();
        var doubles = new ConcurrentBag<(string Name, double Value, string? Method)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => longs.AddOrUpdate(instrument.Name, value, (_, old) => old + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? method = null;
            foreach (var tag in tags)
            {
                if (tag.Key == RemoteKitTelemetry.MethodTag)
                {
                    method = tag.Value as string;
                }
            }

            doubles.Add((instrument.Name, value, method));
        });
        listener.Start();

        telemetry.ObserveCluster(() => new ClusterGauges(QueueLength: 7, Engines: 3));
        telemetry.TaskSubmitted("Work.SlowPower");
        telemetry.TaskSubmitted("Work.SlowPower");
        telemetry.TaskSubmitted("Work.Fails");
        telemetry.TaskCompleted("Work.SlowPower", TimeSpan.FromMilliseconds(1500));
        telemetry.TaskFailed("Work.Fails", "System.InvalidOperationException", TimeSpan.FromMilliseconds(250));
        telemetry.TaskFailed("Work.SlowPower", "lost");
        telemetry.BytesIn(1000);
        telemetry.BytesOut(24);
        telemetry.BytesOut(40);
        listener.RecordObservableInstruments();

        Assert.Equal("RemoteKit", telemetry.Meter.Name);
        Assert.Equal(3, longs["remotekit.tasks.submitted"]);
        Assert.Equal(1, longs["remotekit.tasks.completed"]);
        Assert.Equal(2, longs["remotekit.tasks.failed"]);
        Assert.Equal(1000, longs["remotekit.bytes.in"]);
        Assert.Equal(64, longs["remotekit.bytes.out"]);
        Assert.Equal(7, longs["remotekit.queue.length"]);
        Assert.Equal(3, longs["remotekit.engines"]);
        var durations = doubles.Where(d => d.Name == "remotekit.task.duration").OrderBy(d => d.Value).ToArray();
        Assert.Equal([(0.25, "Work.Fails"), (1.5, "Work.SlowPower")], durations.Select(d => (d.Value, d.Method)).ToArray());
    }

    [Fact]
    public void FailedCountIsTaggedWithTheErrorType()
    {
        using var telemetry = new RemoteKitTelemetry();
        var errorTypes = new ConcurrentBag<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter) && instrument.Name == "remotekit.tasks.failed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == RemoteKitTelemetry.ErrorTypeTag)
                {
                    errorTypes.Add(tag.Value as string);
                }
            }
        });
        listener.Start();

        telemetry.TaskFailed("Work.Fails", "System.DivideByZeroException");

        Assert.Equal(["System.DivideByZeroException"], errorTypes);
    }

    [Fact]
    public void GaugesReadZeroUntilTheControllerRegistersItsState()
    {
        using var telemetry = new RemoteKitTelemetry();
        var gauges = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => gauges[instrument.Name] = value);
        listener.Start();

        listener.RecordObservableInstruments();
        Assert.Equal(0, gauges["remotekit.engines"]);

        var engines = 2;
        telemetry.ObserveCluster(() => new ClusterGauges(0, engines));
        listener.RecordObservableInstruments();
        Assert.Equal(2, gauges["remotekit.engines"]);

        engines = 5;
        listener.RecordObservableInstruments();
        Assert.Equal(5, gauges["remotekit.engines"]);
    }

    [Fact]
    public void SpansFormOneTraceAcrossClientControllerAndEngineThroughBinaryFrames()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RemoteKitTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        Activity.Current = null;

        // Each hop writes the context into a frame's bytes and the next reads it back, as the three processes will.
        var frame = new byte[TraceContext.BinarySize];
        string? state;
        using (var submit = RemoteKitTelemetry.StartTaskActivity(RemoteKitTelemetry.SpanNames.Submit, ActivityKind.Client, "Work.SlowPower", 1))
        {
            Assert.NotNull(submit);
            submit.TraceStateString = "rk=1";
            Assert.True(TraceContext.Capture()!.Value.TryWriteTo(frame));
            state = submit.TraceStateString;
        }

        Activity.Current = null;
        Assert.True(TraceContext.TryRead(frame, state, out var atController));
        using (RemoteKitTelemetry.StartTaskActivity(RemoteKitTelemetry.SpanNames.Route, ActivityKind.Server, "Work.SlowPower", 1, atController))
        {
            Assert.True(TraceContext.Capture()!.Value.TryWriteTo(frame));
        }

        Activity.Current = null;
        Assert.True(TraceContext.TryRead(frame, null, out var atEngine));
        using (RemoteKitTelemetry.StartTaskActivity(RemoteKitTelemetry.SpanNames.Execute, ActivityKind.Server, "Work.SlowPower", 1, atEngine))
        {
        }

        var spans = stopped.Where(a => a.GetTagItem(RemoteKitTelemetry.TaskIdTag) is 1UL).ToDictionary(a => a.OperationName);
        var client = spans[RemoteKitTelemetry.SpanNames.Submit];
        var controller = spans[RemoteKitTelemetry.SpanNames.Route];
        var engine = spans[RemoteKitTelemetry.SpanNames.Execute];
        Assert.Equal(client.TraceId, controller.TraceId);
        Assert.Equal(client.TraceId, engine.TraceId);
        Assert.Equal(client.SpanId, controller.ParentSpanId);
        Assert.Equal(controller.SpanId, engine.ParentSpanId);
        Assert.Equal("rk=1", controller.TraceStateString);
        Assert.Equal("Work.SlowPower", engine.GetTagItem(RemoteKitTelemetry.MethodTag));
    }

    [Fact]
    public void TraceParentStringRoundTripsAndMatchesTheW3CFormat()
    {
        var original = new TraceContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "a=b");

        var header = original.ToTraceParent();

        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", header);
        Assert.True(TraceContext.TryParse(header, "a=b", out var parsed));
        Assert.Equal(original, parsed);
    }

    [Fact]
    public void MalformedBinaryContextsAreRejected()
    {
        var valid = new byte[TraceContext.BinarySize];
        new TraceContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None).TryWriteTo(valid);

        var otherVersion = (byte[])valid.Clone();
        otherVersion[0] = 1;

        Assert.True(TraceContext.TryRead(valid, null, out _));
        Assert.False(TraceContext.TryRead(valid.AsSpan(0, TraceContext.BinarySize - 1), null, out _));
        Assert.False(TraceContext.TryRead(otherVersion, null, out _));
        Assert.False(TraceContext.TryRead(new byte[TraceContext.BinarySize], null, out _));
        Assert.False(TraceContext.TryParse("00-not-a-trace-01", null, out _));
        Assert.False(new TraceContext().TryWriteTo(new byte[10]));
    }
}
