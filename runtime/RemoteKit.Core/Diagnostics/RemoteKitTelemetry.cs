using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RemoteKit.Diagnostics;

/// <summary>
/// RemoteKit's metrics and traces: a <see cref="System.Diagnostics.Metrics.Meter"/> and an
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <c>RemoteKit</c>, so <c>dotnet-counters</c> and
/// OpenTelemetry (<c>AddMeter("RemoteKit")</c>, <c>AddSource("RemoteKit")</c>) read them.
/// </summary>
/// <remarks>
/// Each process records what it sees: a controller counts tasks submitted, completed and failed, their duration, and the
/// bytes on its connections, and reports its queue length and engine count through <see cref="ObserveCluster"/>.
/// Recording is cheap when nothing listens: an instrument without a listener returns at once.
/// </remarks>
public sealed class RemoteKitTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "RemoteKit";

    /// <summary>The operation name of the client's span for a submitted task.</summary>
    public const string SubmitActivityName = "remotekit.submit";

    /// <summary>The operation name of the controller's span for routing a task to an engine.</summary>
    public const string RouteActivityName = "remotekit.route";

    /// <summary>The operation name of the engine's span for running a task.</summary>
    public const string ExecuteActivityName = "remotekit.execute";

    /// <summary>The tag holding a task's method name.</summary>
    public const string MethodTag = "remotekit.method";

    /// <summary>The tag holding an engine id.</summary>
    public const string EngineTag = "remotekit.engine.id";

    /// <summary>The tag holding the controller's task id.</summary>
    public const string TaskTag = "remotekit.task.id";

    /// <summary>The tag holding a failed task's remote exception type (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    private static readonly string? Version = typeof(RemoteKitTelemetry).Assembly.GetName().Version?.ToString();
    private static readonly Lazy<RemoteKitTelemetry> SharedInstance = new(() => new RemoteKitTelemetry());

    // Seconds, from 1 ms to 10 min: RemoteKit tasks range from no-ops to long computations.
    private static readonly double[] DurationBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly bool _ownsMeter;
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _bytesSent;
    private readonly Lock _gate = new();
    private ClusterGauges[] _gauges = [];

    /// <summary>Creates the instruments on a meter named <see cref="Name"/>.</summary>
    /// <param name="meterFactory">
    /// The host's meter factory (from dependency injection), which then owns the meter; <see langword="null"/> creates a
    /// meter this instance owns and disposes.
    /// </param>
    public RemoteKitTelemetry(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(Name) { Version = Version };
        if (meterFactory is null)
        {
            Meter = new Meter(options);
            _ownsMeter = true;
        }
        else
        {
            Meter = meterFactory.Create(options);
        }

        _submitted = Meter.CreateCounter<long>("remotekit.task.submitted", "{task}", "Tasks submitted to the controller.");
        _completed = Meter.CreateCounter<long>("remotekit.task.completed", "{task}", "Tasks that finished successfully.");
        _failed = Meter.CreateCounter<long>("remotekit.task.failed", "{task}", "Tasks that failed: threw, were aborted, lost with their engine or timed out.");
        _duration = Meter.CreateHistogram(
            "remotekit.task.duration",
            "s",
            "Time from a task's submission to its result, in seconds.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _bytesReceived = Meter.CreateCounter<long>("remotekit.io.received", "By", "Bytes received on RemoteKit connections.");
        _bytesSent = Meter.CreateCounter<long>("remotekit.io.sent", "By", "Bytes sent on RemoteKit connections.");
        Meter.CreateObservableGauge("remotekit.queue.length", ObserveQueueLengths, "{task}", "Tasks waiting for an engine.");
        Meter.CreateObservableGauge("remotekit.engine.count", ObserveEngineCounts, "{engine}", "Engines registered with the controller.");
    }

    /// <summary>The activity source named <see cref="Name"/> that RemoteKit's spans come from.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>An instance for processes without dependency injection; created on first use, never disposed.</summary>
    public static RemoteKitTelemetry Shared => SharedInstance.Value;

    /// <summary>The meter the instruments belong to.</summary>
    public Meter Meter { get; }

    /// <summary>Counts a task submitted.</summary>
    /// <param name="method">The task's method name, or <see langword="null"/> when not known.</param>
    public void TaskSubmitted(string? method)
    {
        if (_submitted.Enabled)
        {
            _submitted.Add(1, new KeyValuePair<string, object?>(MethodTag, method));
        }
    }

    /// <summary>Counts a task that finished successfully and records its duration.</summary>
    /// <param name="method">The task's method name, or <see langword="null"/> when not known.</param>
    /// <param name="duration">Time from submission to result.</param>
    public void TaskCompleted(string? method, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(MethodTag, method);
        if (_completed.Enabled)
        {
            _completed.Add(1, tag);
        }

        if (_duration.Enabled)
        {
            _duration.Record(duration.TotalSeconds, tag);
        }
    }

    /// <summary>Counts a failed task and records its duration, tagged with the error type.</summary>
    /// <param name="method">The task's method name, or <see langword="null"/> when not known.</param>
    /// <param name="errorType">The remote exception type, e.g. <c>System.InvalidOperationException</c> or <c>RemoteKit.EngineLostException</c>.</param>
    /// <param name="duration">Time from submission to result.</param>
    public void TaskFailed(string? method, string? errorType, TimeSpan duration)
    {
        var tags = new TagList
        {
            { MethodTag, method },
            { ErrorTypeTag, errorType ?? "_OTHER" },
        };
        if (_failed.Enabled)
        {
            _failed.Add(1, tags);
        }

        if (_duration.Enabled)
        {
            _duration.Record(duration.TotalSeconds, tags);
        }
    }

    /// <summary>Counts bytes read from a connection (a whole frame, or a batch of them).</summary>
    /// <param name="count">The number of bytes.</param>
    public void BytesReceived(long count)
    {
        if (_bytesReceived.Enabled)
        {
            _bytesReceived.Add(count);
        }
    }

    /// <summary>Counts bytes written to a connection.</summary>
    /// <param name="count">The number of bytes.</param>
    public void BytesSent(long count)
    {
        if (_bytesSent.Enabled)
        {
            _bytesSent.Add(count);
        }
    }

    /// <summary>
    /// Feeds the queue-length and engine-count gauges from a controller. The callbacks run on the listener's thread
    /// each time it collects, so they must be cheap and thread-safe.
    /// </summary>
    /// <param name="queueLength">Returns the number of tasks waiting for an engine.</param>
    /// <param name="engines">Returns the number of registered engines.</param>
    /// <returns>A registration; disposing it stops the gauges reporting for this controller.</returns>
    public IDisposable ObserveCluster(Func<int> queueLength, Func<int> engines)
    {
        ArgumentNullException.ThrowIfNull(queueLength);
        ArgumentNullException.ThrowIfNull(engines);
        var registration = new ClusterGauges(this, queueLength, engines);
        lock (_gate)
        {
            _gauges = [.. _gauges, registration];
        }

        return registration;
    }

    /// <summary>
    /// Starts the client's span for a task it submits (a producer span: the task runs elsewhere). Carry
    /// <see cref="Activity.Context"/> in the task's frame.
    /// </summary>
    /// <param name="method">The task's method name.</param>
    /// <returns>The span, or <see langword="null"/> when nothing listens.</returns>
    public static Activity? StartSubmit(string method)
    {
        var activity = ActivitySource.StartActivity(SubmitActivityName, ActivityKind.Producer);
        if (activity is not null)
        {
            activity.DisplayName = "submit " + method;
            activity.SetTag(MethodTag, method);
        }

        return activity;
    }

    /// <summary>Starts the controller's span for routing a task, as a child of the client's span.</summary>
    /// <param name="parent">The context read from the submitted frame (<see langword="default"/> when it carried none).</param>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="method">The task's method name, when known.</param>
    /// <returns>The span, or <see langword="null"/> when nothing listens.</returns>
    public static Activity? StartRoute(in ActivityContext parent, ulong taskId, string? method = null)
    {
        var activity = ActivitySource.StartActivity(RouteActivityName, ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.DisplayName = method is null ? "route" : "route " + method;
            activity.SetTag(TaskTag, taskId);
            if (method is not null)
            {
                activity.SetTag(MethodTag, method);
            }
        }

        return activity;
    }

    /// <summary>Starts the engine's span for running a task, as a child of the controller's span.</summary>
    /// <param name="parent">The context read from the dispatched frame (<see langword="default"/> when it carried none).</param>
    /// <param name="taskId">The controller's task id.</param>
    /// <param name="method">The task's method name.</param>
    /// <param name="engineId">The engine running it.</param>
    /// <returns>The span, or <see langword="null"/> when nothing listens.</returns>
    public static Activity? StartExecute(in ActivityContext parent, ulong taskId, string method, int engineId)
    {
        var activity = ActivitySource.StartActivity(ExecuteActivityName, ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.DisplayName = "execute " + method;
            activity.SetTag(TaskTag, taskId);
            activity.SetTag(MethodTag, method);
            activity.SetTag(EngineTag, engineId);
        }

        return activity;
    }

    /// <summary>Marks a span as failed with the remote error, following OpenTelemetry's conventions.</summary>
    /// <param name="activity">The span (nothing happens when <see langword="null"/>).</param>
    /// <param name="errorType">The remote exception type.</param>
    /// <param name="message">The error message.</param>
    public static void SetError(Activity? activity, string errorType, string? message)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(ErrorTypeTag, errorType);
        activity.SetStatus(ActivityStatusCode.Error, message);
    }

    /// <summary>Disposes the meter when this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            Meter.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> ObserveQueueLengths()
    {
        foreach (var gauges in Volatile.Read(ref _gauges))
        {
            yield return new Measurement<int>(gauges.QueueLength());
        }
    }

    private IEnumerable<Measurement<int>> ObserveEngineCounts()
    {
        foreach (var gauges in Volatile.Read(ref _gauges))
        {
            yield return new Measurement<int>(gauges.Engines());
        }
    }

    private void Unregister(ClusterGauges registration)
    {
        lock (_gate)
        {
            _gauges = Array.FindAll(_gauges, g => !ReferenceEquals(g, registration));
        }
    }

    private sealed class ClusterGauges(RemoteKitTelemetry owner, Func<int> queueLength, Func<int> engines) : IDisposable
    {
        public Func<int> QueueLength { get; } = queueLength;

        public Func<int> Engines { get; } = engines;

        public void Dispose() => owner.Unregister(this);
    }
}
