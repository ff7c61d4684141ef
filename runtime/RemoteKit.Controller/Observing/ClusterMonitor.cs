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
    private readonly SortedDictionary<int, EngineStats> _engines = [];
    private readonly SortedDictionary<int, ClientStats> _clients = [];
    private readonly LinkedList<FailureSnapshot> _failures = new();
    private long _submitted;
    private long _completed;
    private long _failed;
    private int _waiting;

    public ClusterMonitor(TaskHistory? history, TaskHistoryOptions? historyOptions, RemoteKitTelemetry telemetry)
    {
        _history = history;
        _keepResults = history is not null && historyOptions?.Results == ResultRetention.Recent;
        _historyOptions = historyOptions ?? new TaskHistoryOptions();
        _telemetry = telemetry;
        _gauges = telemetry.ObserveCluster(() => Volatile.Read(ref _waiting), () => { lock (_gate) { return _engines.Count; } });
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
        ReadOnlyMemory<byte>? body = null;
        TaskPlacement? placement = _history is null ? null : PlacementOf(kind, submit, taskBody, resubmitOf, out body);
        var now = DateTimeOffset.UtcNow;

        // The route span must not become the current activity of the connection's read loop.
        var previous = Activity.Current;
        var route = trace == default && !RemoteKitTelemetry.ActivitySource.HasListeners() ? null : RemoteKitTelemetry.StartRoute(trace, taskId, method);
        Activity.Current = previous;

        var task = new LiveTask(taskId, clientId, method, kind, now, taskBody.Length, route) { Placement = placement, Body = body };
        watch = task;

        // Metrics and spans here, on the task path, as they happen; the rest in batches (Post). The history hears of a
        // task once, when it finishes; until then queries read it from _live.
        _telemetry.TaskSubmitted(method);
        _telemetry.BytesReceived(taskBody.Length);
        Post(new Note(NoteKind.Submitted, task));
        return route?.Context ?? trace;
    }

    public void TaskStarted(WatchedTask? watch, int engineId)
    {
        if (watch is not LiveTask task)
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

        Post(new Note(NoteKind.Started, task, engineId, DateTimeOffset.UtcNow.UtcTicks));
    }

    public void TaskCompleted(WatchedTask? watch, int engineId, in ReadOnlySequence<byte> resultBody)
    {
        if (watch is LiveTask task)
        {
            Completed(task, engineId, resultBody, resultBody.Length, whole: true);
        }
    }

    /// <summary>
    /// A task's end from its result body: <paramref name="whole"/> unless it is what a one-hop task's outcome kept of a large
    /// result (header and error only; <paramref name="bytesOut"/> is then the real size).
    /// </summary>
    private void Completed(LiveTask task, int engineId, in ReadOnlySequence<byte> resultBody, long bytesOut, bool whole)
    {
        var reader = new WireReader(resultBody);
        var header = ResultHeader.Read(ref reader);
        var payload = reader.ReadSequence(header.PayloadLength);
        ErrorKind? failure = null;
        string? errorType = null, message = null, stack = null;
        if (header.Status == ResultStatus.Error)
        {
            var error = new WireReader(payload);
            var read = ErrorPayload.Read(ref error);
            (failure, errorType, message, stack) = (read.Kind, read.Type, read.Message, read.StackTrace);
        }
        else if (whole && task.Kind is (TaskKind.Batch or TaskKind.Columns))
        {
            (failure, errorType, message, stack) = FirstBatchError(task.Kind, payload);
        }

        var status = failure is { } failed ? StatusOf(failed) : TaskHistoryStatus.Completed;
        var started = header.StartedTicks > 0 ? new DateTimeOffset(header.StartedTicks, TimeSpan.Zero) : (DateTimeOffset?)null;
        byte[]? kept = null;
        // A value kept on its engine (RemoteRef) is not here: its result is only where it is kept.
        if (_keepResults && whole && status == TaskHistoryStatus.Completed && header.Status == ResultStatus.Ok)
        {
            kept = new byte[1 + payload.Length];
            kept[0] = (byte)task.Kind;
            payload.CopyTo(kept.AsSpan(1));
        }

        Finish(task, engineId, new TaskOutcome(status, errorType, message, stack, bytesOut, kept, started));
    }

    public void TaskFailed(WatchedTask? watch, int engineId, ErrorKind kind, string message)
    {
        if (watch is LiveTask task)
        {
            Finish(task, engineId < 0 ? null : engineId, new TaskOutcome(StatusOf(kind), ErrorKinds.TypeName(kind), message, null, 0, null, null));
        }
    }

    public void EngineJoined(int engineId, string peer) => Post(new Note(NoteKind.EngineJoined, Id: engineId, Peer: peer));

    public void EngineLeft(int engineId, string reason) => Post(new Note(NoteKind.EngineLeft, Id: engineId));

    public void EngineReported(int engineId, int processId, long workingSetBytes) =>
        Post(new Note(NoteKind.EngineReported, Id: engineId, A: processId, B: workingSetBytes));

    public void EngineKept(int engineId, long keptBytes, int keptValues) => Post(new Note(NoteKind.EngineKept, Id: engineId, A: keptBytes));

    public void ClientJoined(int clientId, string peer) => Post(new Note(NoteKind.ClientJoined, Id: clientId, Ticks: DateTimeOffset.UtcNow.UtcTicks, Peer: peer));

    public void ClientLeft(int clientId) => Post(new Note(NoteKind.ClientLeft, Id: clientId));

    /// <inheritdoc />
    public ClusterSnapshot GetSnapshot()
    {
        Drain();
        lock (_gate)
        {
            var running = 0;
            var engines = new List<EngineSnapshot>(_engines.Count);
            foreach (var (id, engine) in _engines)
            {
                ulong? current = engine.Tasks.Count > 0 ? engine.Tasks.Min() : null;
                running += current is null ? 0 : 1;
                engines.Add(new EngineSnapshot
                {
                    Id = id,
                    Host = engine.Host,
                    ProcessId = engine.ProcessId,
                    MemoryBytes = engine.MemoryBytes,
                    KeptBytes = engine.KeptBytes,
                    State = current is null ? EngineStatus.Idle : EngineStatus.Busy,
                    RunningTaskId = current,
                    RunningMethod = current is { } t && _live.TryGetValue(t, out var task) ? task.Method : null,
                    Queued = Math.Max(0, engine.Tasks.Count - 1),
                    Completed = engine.Completed,
                    Failed = engine.Failed,
                });
            }

            return new ClusterSnapshot
            {
                Time = DateTimeOffset.UtcNow,
                Engines = engines,
                Clients = [.. _clients.Select(c => new ClientSnapshot { Id = c.Key, Peer = c.Value.Peer, ConnectedAt = c.Value.ConnectedAt, Outstanding = c.Value.Outstanding })],
                Totals = new ClusterTotals
                {
                    Submitted = _submitted,
                    Completed = _completed,
                    Failed = _failed,
                    Queued = _live.Count - running,
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

        var now = DateTimeOffset.UtcNow;
        if (task.Route is { } route)
        {
            task.Route = null;
            RemoteKitTelemetry.SetError(route, outcome.ErrorType ?? "System.Exception", outcome.Message);
            route.Stop();
        }

        var duration = now - task.Submitted;
        if (outcome.Status == TaskHistoryStatus.Completed)
        {
            _telemetry.TaskCompleted(task.Method, duration);
        }
        else
        {
            _telemetry.TaskFailed(task.Method, outcome.ErrorType, duration);
        }

        _telemetry.BytesSent(outcome.BytesOut);
        task.Outcome = outcome;
        Post(new Note(NoteKind.Finished, task, engineId ?? -1, now.UtcTicks));
    }

    /// <summary>
    /// A task from its submission until the batch that records its end. The task path sets <see cref="Route"/>,
    /// <see cref="Ended"/> and <see cref="Outcome"/>; the batches, under <see cref="_gate"/>, the rest.
    /// </summary>
    private sealed class LiveTask(ulong taskId, int clientId, string method, TaskKind kind, DateTimeOffset submitted, long bytesIn, Activity? route) : WatchedTask
    {
        /// <summary>1 once the task path has seen the task end (a field: it is exchanged).</summary>
        public int Ended;

        public ulong TaskId { get; } = taskId;

        public int ClientId { get; } = clientId;

        public string Method { get; } = method;

        public TaskKind Kind { get; } = kind;

        public DateTimeOffset Submitted { get; } = submitted;

        public long BytesIn { get; } = bytesIn;

        public int? EngineId { get; set; }

        public DateTimeOffset? StartedAt { get; set; }

        public int Attempts { get; set; }

        public Activity? Route { get; set; } = route;

        /// <summary>How the task was placed, to run it again; null without a history.</summary>
        public TaskPlacement? Placement { get; init; }

        /// <summary>The task body, copied when the history keeps it.</summary>
        public ReadOnlyMemory<byte>? Body { get; init; }

        /// <summary>How to run the task again, with its body when kept; null without a history.</summary>
        public TaskArguments? Arguments => Placement?.ToArguments(Body?.ToArray());

        /// <summary>How it ended, set on the task path before the note that records it (a field: a value set once).</summary>
        public TaskOutcome Outcome;

        /// <summary>The task's record while it is still live: queued until sent, running after.</summary>
        public TaskHistoryRecord ToRecord(ulong taskId) => new()
        {
            TaskId = taskId,
            Status = EngineId is null ? TaskHistoryStatus.Queued : TaskHistoryStatus.Running,
            ClientId = ClientId,
            Method = Method,
            EngineId = EngineId,
            SubmittedAt = Submitted,
            StartedAt = StartedAt,
            Attempts = Attempts,
            BytesIn = BytesIn,
            HasArguments = Body.HasValue,
            ResubmitOf = Placement?.ResubmitOf,
        };

        /// <summary>The finished task's whole change for the history, with its result, placement and body.</summary>
        public TaskChange ToChange(int? engineId, DateTimeOffset completed)
        {
            var outcome = Outcome;
            var change = TaskChange.Whole(
                TaskId, outcome.Status, ClientId, Method, engineId, Submitted, outcome.Started ?? StartedAt, completed, Attempts, BytesIn, outcome.BytesOut,
                outcome.ErrorType, outcome.Message);
            change.Result = outcome.Result;
            change.Placement = Placement;
            change.Body = Body;
            return change;
        }
    }

    private sealed class ClientStats(string peer, DateTimeOffset connectedAt)
    {
        public string Peer { get; } = peer;

        public DateTimeOffset ConnectedAt { get; } = connectedAt;

        public int Outstanding { get; set; }
    }

    private sealed class EngineStats(string host)
    {
        public string Host { get; } = host;

        // Sent and not finished; the lowest id is taken to be the one running. A set without order: the snapshot that
        // asks for the lowest is rare, the task path that adds and removes is not.
        public HashSet<ulong> Tasks { get; } = [];

        public long Completed { get; set; }

        public long Failed { get; set; }

        public int? ProcessId { get; set; }

        public long? MemoryBytes { get; set; }

        public long KeptBytes { get; set; }
    }
}
