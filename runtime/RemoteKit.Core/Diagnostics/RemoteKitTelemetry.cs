using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RemoteKit.Diagnostics;

/// <summary>
/// RemoteKit's metrics and traces: a <see cref="System.Diagnostics.Metrics.Meter"/> and an <see cref="System.Diagnostics.ActivitySource"/>,
/// both named <see cref="Name"/>, so <c>dotnet-counters monitor --counters RemoteKit</c> and an OpenTelemetry SDK set up with
/// <c>AddMeter("RemoteKit")</c> and <c>AddSource("RemoteKit")</c> read them.
/// </summary>
/// <remarks>
/// Each process role owns one instance; recording is cheap and allocation-free when nothing listens, so the task path calls it
/// unconditionally.
/// </remarks>
public sealed class RemoteKitTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source: <c>RemoteKit</c>.</summary>
    public const string Name = "RemoteKit";

    /// <summary>The tag that carries a task's method name on task instruments and spans.</summary>
    public const string MethodTag = "remotekit.method";

    /// <summary>The tag that carries a failed task's exception type.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The tag that carries a task id on spans.</summary>
    public const string TaskIdTag = "remotekit.task.id";

    /// <summary>The tag that carries an engine id on spans.</summary>
    public const string EngineIdTag = "remotekit.engine.id";

    /// <summary>The source of RemoteKit's spans, shared by every instance (activity sources are process-wide by name).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(RemoteKitTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private volatile Func<ClusterGauges>? _gauges;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a new meter when it is null.</summary>
    /// <param name="meterFactory">The host's meter factory (from dependency injection), if there is one.</param>
    public RemoteKitTelemetry(IMeterFactory? meterFactory = null)
    {
        var options = new MeterOptions(Name) { Version = typeof(RemoteKitTelemetry).Assembly.GetName().Version?.ToString() };
        Meter = meterFactory?.Create(options) ?? new Meter(options);
        _submitted = Meter.CreateCounter<long>("remotekit.tasks.submitted", "{task}", "Tasks submitted to the cluster.");
        _completed = Meter.CreateCounter<long>("remotekit.tasks.completed", "{task}", "Tasks that finished successfully.");
        _failed = Meter.CreateCounter<long>("remotekit.tasks.failed", "{task}", "Tasks that failed, were aborted, lost or timed out.");
        _duration = Meter.CreateHistogram<double>("remotekit.task.duration", "s", "Time from a task's start on an engine to its end.");
        _bytesIn = Meter.CreateCounter<long>("remotekit.bytes.in", "By", "Bytes received.");
        _bytesOut = Meter.CreateCounter<long>("remotekit.bytes.out", "By", "Bytes sent.");
        Meter.CreateObservableGauge("remotekit.queue.length", () => _gauges?.Invoke().QueueLength ?? 0, "{task}", "Tasks waiting for an engine.");
        Meter.CreateObservableGauge("remotekit.engines", () => _gauges?.Invoke().Engines ?? 0, "{engine}", "Engines registered with the controller.");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter { get; }

    /// <summary>
    /// Sets the callback the queue-length and engine gauges read when a listener collects them (the controller registers its own
    /// state here). Replaces any earlier callback; <see langword="null"/> makes both gauges read zero.
    /// </summary>
    /// <param name="gauges">Returns the current queue length and engine count; called on the collecting thread.</param>
    public void ObserveCluster(Func<ClusterGauges>? gauges) => _gauges = gauges;

    /// <summary>Counts one submitted task.</summary>
    /// <param name="method">The task's method name.</param>
    public void TaskSubmitted(string method) => _submitted.Add(1, new KeyValuePair<string, object?>(MethodTag, method));

    /// <summary>Counts one successful task and records its duration.</summary>
    /// <param name="method">The task's method name.</param>
    /// <param name="duration">How long the task ran.</param>
    public void TaskCompleted(string method, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(MethodTag, method);
        _completed.Add(1, tag);
        _duration.Record(duration.TotalSeconds, tag);
    }

    /// <summary>Counts one failed task and, when it ran, records its duration.</summary>
    /// <param name="method">The task's method name.</param>
    /// <param name="errorType">The exception type, or a status such as <c>lost</c> or <c>timed_out</c>.</param>
    /// <param name="duration">How long the task ran, or <see langword="null"/> when it never started.</param>
    public void TaskFailed(string method, string errorType, TimeSpan? duration = null)
    {
        var methodTag = new KeyValuePair<string, object?>(MethodTag, method);
        _failed.Add(1, methodTag, new KeyValuePair<string, object?>(ErrorTypeTag, errorType));
        if (duration is { } d)
        {
            _duration.Record(d.TotalSeconds, methodTag);
        }
    }

    /// <summary>Counts bytes received.</summary>
    /// <param name="bytes">How many.</param>
    public void BytesIn(long bytes) => _bytesIn.Add(bytes);

    /// <summary>Counts bytes sent.</summary>
    /// <param name="bytes">How many.</param>
    public void BytesOut(long bytes) => _bytesOut.Add(bytes);

    /// <summary>
    /// Starts a span for a task, as a child of <paramref name="parent"/> when the frame carried a trace context (the remote
    /// side's span), else of <see cref="Activity.Current"/>. Returns <see langword="null"/> when nothing listens.
    /// </summary>
    /// <param name="name">The span's name, one of <see cref="SpanNames"/>.</param>
    /// <param name="kind">Client on the submitting side, server on the receiving side, internal otherwise.</param>
    /// <param name="method">The task's method name.</param>
    /// <param name="taskId">The task id.</param>
    /// <param name="parent">The trace context that arrived with the task, if any.</param>
    public static Activity? StartTaskActivity(string name, ActivityKind kind, string method, ulong taskId, TraceContext? parent = null)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = parent is { } p
            ? ActivitySource.StartActivity(name, kind, p.ToActivityContext())
            : ActivitySource.StartActivity(name, kind);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MethodTag, method);
            activity.SetTag(TaskIdTag, taskId);
        }

        return activity;
    }

    /// <inheritdoc />
    public void Dispose() => Meter.Dispose();

    /// <summary>The names of the spans that follow a task from client to controller to engine.</summary>
    public static class SpanNames
    {
        /// <summary>The client's span: from submission to result.</summary>
        public const string Submit = "remotekit.submit";

        /// <summary>The controller's span: from arrival to the result's return to the client.</summary>
        public const string Route = "remotekit.route";

        /// <summary>The engine's span: the method's run.</summary>
        public const string Execute = "remotekit.execute";
    }
}

/// <summary>What the controller's gauges read: the queue length and the engine count at one moment.</summary>
/// <param name="QueueLength">Tasks waiting for an engine.</param>
/// <param name="Engines">Engines registered.</param>
public readonly record struct ClusterGauges(long QueueLength, long Engines);
