using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using RemoteKit.Controller.History;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;

namespace RemoteKit.Controller.Observing;

/// <summary>
/// Watches the hub for metrics (<see cref="RemoteKitTelemetry"/>), the controller's spans, the task history and the
/// dashboard's snapshot. Its own lock, never the hub's, guards what it keeps; it holds a little per task while the task is
/// live and a bounded list of recent failures.
/// </summary>
internal sealed partial class ClusterMonitor : IHubObserver, IClusterObserver
{
    private const int MaxRecentFailures = 50;

    private readonly TaskHistory? _history;
    private readonly bool _keepResults;
    private readonly TaskHistoryOptions _historyOptions;
    private readonly RemoteKitTelemetry _telemetry;
    private readonly IDisposable _gauges;
    private readonly ConcurrentDictionary<ulong, string> _methods = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<ulong, LiveTask> _live = [];
    private readonly Dictionary<int, EngineStats> _engines = [];
    private readonly Dictionary<int, ClientStats> _clients = [];
    private readonly LinkedList<FailureSnapshot> _failures = new();
    private long _submitted;
    private long _completed;
    private long _failed;

    public ClusterMonitor(TaskHistory? history, TaskHistoryOptions? historyOptions, RemoteKitTelemetry telemetry)
    {
        _history = history;
        _keepResults = history is not null && historyOptions?.Results == ResultRetention.Recent;
        _historyOptions = historyOptions ?? new TaskHistoryOptions();
        _telemetry = telemetry;
        _drainTimer = new Timer(static monitor => ((ClusterMonitor)monitor!).Drain(), this, Timeout.Infinite, Timeout.Infinite);
        _gauges = telemetry.ObserveCluster(Waiting, () => { lock (_gate) { return _engines.Count; } });
    }

    /// <inheritdoc />
    public event EventHandler? Changed;

    /// <summary>The task history, when the controller keeps one.</summary>
    public ITaskHistory? History => _history;

    public ulong LastTaskId => _history?.LastTaskId ?? 0;

    public void MethodsNamed(IReadOnlyList<KeyValuePair<ulong, string>> names)
    {
        foreach (var (id, name) in names)
        {
            _methods[id] = name;
        }
    }

    public ActivityContext TaskSubmitted(ulong taskId, int clientId, in SubmitMessage submit, in ReadOnlySequence<byte> taskBody, out WatchedTask? watch, ulong resubmitOf = 0)
    {
        var trace = submit.Trace;
        var (kind, method) = Describe(taskBody);
        KeptBody body = default;
        TaskPlacement? placement = _history is null ? null : PlacementOf(kind, submit, taskBody, resubmitOf, out body);

        // The route span must not become the current activity of the connection's read loop.
        Activity? route = null;
        if (trace != default || RemoteKitTelemetry.ActivitySource.HasListeners())
        {
            var previous = Activity.Current;
            route = RemoteKitTelemetry.StartRoute(trace, taskId, method);
            Activity.Current = previous;
        }

        var task = new LiveTask(taskId, clientId, method, kind, UtcTicks(), taskBody.Length, route, placement, body);
        watch = task;

        // Metrics and spans here, on the task path, as they happen; the rest in batches (Post). The history hears of a
        // task once, when it finishes; until then queries read it from _live.
        _telemetry.TaskSubmitted(method);
        _telemetry.BytesReceived(taskBody.Length);
        Post(new Note(NoteKind.Submitted, Ref: task));
        return route?.Context ?? trace;
    }

    public void TaskStarted(WatchedTask? watch, int engineId)
    {
        if (watch is not LiveTask task || Volatile.Read(ref task.Ended) != 0)
        {
            return;
        }

        // The route span ends when the task is sent: only the hub's thread of the moment touches it.
        if (task.Route is { } route)
        {
            task.Route = null;
            route.SetTag(RemoteKitTelemetry.EngineTag, engineId);
            route.Stop();
        }

        // No note: the hub sends a task under its lock, one thread at a time, so the task itself says where it runs (the
        // batches and the snapshot read it there), and a batch is only scheduled for the dashboard to hear of it.
        task.StartedTicks = UtcTicks();
        task.Attempts++;
        Volatile.Write(ref task.EngineId, engineId);
        if (Volatile.Read(ref _startedUnseen) == 0)
        {
            Volatile.Write(ref _startedUnseen, 1);
            ScheduleDrain();
        }
    }

    public void TaskCompleted(WatchedTask? watch, int engineId, in ReadOnlySequence<byte> resultBody)
    {
        if (watch is LiveTask task)
        {
            Finish(task, engineId, OutcomeOf(task.Kind, resultBody, resultBody.Length, whole: true));
        }
    }

    /// <summary>
    /// A task's end from its result body: <paramref name="whole"/> unless it is what a one-hop task's outcome kept of a large
    /// result (header and error only; <paramref name="bytesOut"/> is then the real size).
    /// </summary>
    private TaskOutcome OutcomeOf(TaskKind kind, in ReadOnlySequence<byte> resultBody, long bytesOut, bool whole)
    {
        var header = HeaderOf(resultBody);
        TaskError? failure = null;
        var status = TaskHistoryStatus.Completed;
        if (header.Status == ResultStatus.Error)
        {
            var error = new WireReader(PayloadOf(resultBody, header));
            var read = ErrorPayload.Read(ref error);
            (status, failure) = (StatusOf(read.Kind), new TaskError(read.Type, read.Message, read.StackTrace));
        }
        else if (whole && kind is (TaskKind.Batch or TaskKind.Columns) && FirstBatchError(kind, PayloadOf(resultBody, header)) is { } first)
        {
            (status, failure) = first;
        }

        byte[]? kept = null;
        // A value kept on its engine (RemoteRef) is not here: its result is only where it is kept.
        if (_keepResults && whole && status == TaskHistoryStatus.Completed && header.Status == ResultStatus.Ok)
        {
            var payload = PayloadOf(resultBody, header);
            kept = new byte[1 + payload.Length];
            kept[0] = (byte)kind;
            payload.CopyTo(kept.AsSpan(1));
        }

        return new TaskOutcome(status, failure, bytesOut, kept, Math.Max(0, header.StartedTicks));
    }

    public void TaskFailed(WatchedTask? watch, int engineId, ErrorKind kind, string message)
    {
        if (watch is LiveTask task)
        {
            Finish(task, engineId < 0 ? null : engineId, new TaskOutcome(StatusOf(kind), new TaskError(ErrorKinds.TypeName(kind), message, null), 0, null, 0));
        }
    }

    public void EngineJoined(int engineId, string peer) => Post(new Note(NoteKind.EngineJoined, engineId, peer));

    public void EngineLeft(int engineId, string reason) => Post(new Note(NoteKind.EngineLeft, engineId));

    public void EngineReported(int engineId, int processId, long workingSetBytes) =>
        Post(new Note(NoteKind.EngineReported, engineId, A: processId, B: workingSetBytes));

    public void EngineKept(int engineId, long keptBytes, int keptValues) => Post(new Note(NoteKind.EngineKept, engineId, A: keptBytes));

    public void EngineHeldOneHop(int engineId, int count) => Post(new Note(NoteKind.EngineHeldOneHop, engineId, A: count));

    public void ClientJoined(int clientId, string peer) => Post(new Note(NoteKind.ClientJoined, clientId, peer, UtcTicks()));

    public void ClientLeft(int clientId) => Post(new Note(NoteKind.ClientLeft, clientId));

    /// <inheritdoc />
    public ClusterSnapshot GetSnapshot()
    {
        Drain();
        lock (_gate)
        {
            // What runs where, from the live tasks: the lowest id sent to an engine is taken to be the one running.
            var sent = new Dictionary<int, (int Count, LiveTask Lowest)>();
            foreach (var task in _live.Values)
            {
                var on = Volatile.Read(ref task.EngineId);
                if (on >= 0 && _engines.ContainsKey(on))
                {
                    sent[on] = sent.TryGetValue(on, out var seen)
                        ? (seen.Count + 1, task.TaskId < seen.Lowest.TaskId ? task : seen.Lowest)
                        : (1, task);
                }
            }

            // One-hop tasks are known here by their engines' counts only: an engine holding some is busy, with all but one
            // of its tasks queued.
            var engines = new List<EngineSnapshot>(_engines.Count);
            int running = 0, queuedOnEngines = 0;
            foreach (var (id, engine) in _engines.OrderBy(e => e.Key))
            {
                var (count, current) = sent.GetValueOrDefault(id);
                var held = count + engine.OneHop;
                running += held > 0 ? 1 : 0;
                queuedOnEngines += Math.Max(0, held - 1);
                engines.Add(new EngineSnapshot
                {
                    Id = id,
                    Host = engine.Host,
                    ProcessId = engine.ProcessId,
                    MemoryBytes = engine.MemoryBytes,
                    KeptBytes = engine.KeptBytes,
                    State = held > 0 ? EngineStatus.Busy : EngineStatus.Idle,
                    RunningTaskId = current?.TaskId,
                    RunningMethod = current?.Method,
                    Queued = Math.Max(0, held - 1),
                    OneHop = engine.OneHop,
                    Completed = engine.Completed,
                    Failed = engine.Failed,
                });
            }

            var sentToEngines = sent.Values.Sum(s => s.Count);
            return new ClusterSnapshot
            {
                Time = DateTimeOffset.UtcNow,
                Engines = engines,
                Clients = [.. _clients.OrderBy(c => c.Key).Select(c => new ClientSnapshot { Id = c.Key, Peer = c.Value.Peer, ConnectedAt = c.Value.ConnectedAt, Outstanding = c.Value.Outstanding })],
                Totals = new ClusterTotals
                {
                    Submitted = _submitted,
                    Completed = _completed,
                    Failed = _failed,
                    Queued = _live.Count - sentToEngines + queuedOnEngines,
                    Running = running,
                },
                RecentFailures = [.. _failures],
            };
        }
    }

    /// <summary>Stops feeding the gauges and stores what the history still holds.</summary>
    public async ValueTask DisposeAsync()
    {
        _gauges.Dispose();
        await _drainTimer.DisposeAsync().ConfigureAwait(false);
        Drain();
        if (_history is not null)
        {
            await _history.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A task's end, on the task path: its metrics and its span (when it never reached an engine) at once, the rest in a
    /// batch. Only its first end counts (a task that timed out may still send its result).
    /// </summary>
    private void Finish(LiveTask task, int? engineId, in TaskOutcome outcome)
    {
        if (Interlocked.Exchange(ref task.Ended, 1) != 0)
        {
            return;
        }

        var now = UtcTicks();
        var errorType = outcome.Failure?.Type;
        if (task.Route is { } route)
        {
            task.Route = null;
            RemoteKitTelemetry.SetError(route, errorType ?? "System.Exception", outcome.Failure?.Message);
            route.Stop();
        }

        Count(task.Method, outcome.Status, errorType, now - task.SubmittedTicks);
        _telemetry.BytesSent(outcome.BytesOut);
        task.Outcome = outcome;
        Post(new Note(NoteKind.Finished, engineId ?? -1, task, now));
    }

    /// <summary>A finished task's metrics: its count and duration.</summary>
    private void Count(string method, TaskHistoryStatus status, string? errorType, long durationTicks)
    {
        var duration = TimeSpan.FromTicks(durationTicks);
        if (status == TaskHistoryStatus.Completed)
        {
            _telemetry.TaskCompleted(method, duration);
        }
        else
        {
            _telemetry.TaskFailed(method, errorType, duration);
        }
    }

    /// <summary>Tasks not yet sent to an engine (the queue-length gauge): counted when asked, which is rare.</summary>
    private int Waiting()
    {
        lock (_gate)
        {
            var waiting = 0;
            foreach (var task in _live.Values)
            {
                waiting += Volatile.Read(ref task.EngineId) < 0 ? 1 : 0;
            }

            return waiting;
        }
    }

    /// <summary>The time now, in UTC ticks: the monitor keeps times so, and makes a <see cref="DateTimeOffset"/> only for a record.</summary>
    private static long UtcTicks() => DateTime.UtcNow.Ticks;

    private sealed class ClientStats(string peer, DateTimeOffset connectedAt)
    {
        public string Peer { get; } = peer;

        public DateTimeOffset ConnectedAt { get; } = connectedAt;

        public int Outstanding { get; set; }
    }

    private sealed class EngineStats(string host)
    {
        public string Host { get; } = host;

        public long Completed { get; set; }

        public long Failed { get; set; }

        /// <summary>Counts a task that ended here.</summary>
        public void Count(bool completed)
        {
            if (completed)
            {
                Completed++;
            }
            else
            {
                Failed++;
            }
        }

        public int? ProcessId { get; set; }

        public long? MemoryBytes { get; set; }

        public long KeptBytes { get; set; }

        /// <summary>The one-hop tasks it holds, as it last reported.</summary>
        public int OneHop { get; set; }
    }
}
