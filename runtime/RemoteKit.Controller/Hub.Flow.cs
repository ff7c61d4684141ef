using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The hub's dataflow: tasks that wait for others (<c>After</c>, <c>Follow</c>, success or failure rules), results kept on
/// engines (<c>RemoteRef</c>) and passed to later tasks, which run where their largest input is when that engine has room,
/// and otherwise have it sent there engine to engine.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>Flow tasks waiting for their dependencies.</summary>
    private readonly HashSet<TaskRecord> _waiting = [];

    /// <summary>Tasks that ended, whose dependants are still to be told (a list, not recursion: a failure can end a long chain).</summary>
    private readonly Queue<(TaskRecord Record, Outcome Outcome)> _ended = new();
    private bool _telling;

    /// <summary>How a task ended, as its dependants see it.</summary>
    /// <param name="Ok">It succeeded.</param>
    /// <param name="EngineId">The engine it ran on, or -1.</param>
    /// <param name="TaskId">The controller's id for it.</param>
    /// <param name="Error">What it failed with, when it failed.</param>
    internal readonly record struct Outcome(bool Ok, int EngineId, ulong TaskId, string? Error);

    /// <summary>What a flow task waits for and takes.</summary>
    internal sealed class FlowState(FlowTask request, FlowDispatchInput[] inputs)
    {
        public FlowTask Request { get; } = request;

        public FlowDispatchInput[] Inputs { get; } = inputs;

        public bool Keep => (Request.Flags & FlowFlags.Keep) != 0;

        /// <summary>Dependencies not finished yet.</summary>
        public int Unmet { get; set; }

        /// <summary>The engine its <c>Follow</c> dependencies ran on, or -1.</summary>
        public int FollowEngine { get; set; } = -1;

        /// <summary>The task (controller id) whose engine it follows.</summary>
        public ulong FollowedTask { get; set; }

        /// <summary>When it stops waiting for its dependencies (the hub's clock), or <see cref="long.MaxValue"/>.</summary>
        public long DependencyDeadline { get; set; } = long.MaxValue;

        /// <summary>The engine holding its largest input, when locality is preferred; -1 otherwise.</summary>
        public int PreferredEngine { get; init; } = -1;
    }

    /// <summary>The last outcomes of a client's tasks, by client task id (ids are sequential, so a ring of them suffices).</summary>
    internal sealed class OutcomeRing
    {
        /// <summary>How many recent outcomes each client's dependencies can name.</summary>
        public const int Capacity = 16384;

        private ulong[]? _ids;
        private Outcome[] _outcomes = [];

        public void Record(ulong clientTaskId, in Outcome outcome)
        {
            if (_ids is null)
            {
                _ids = new ulong[Capacity];
                _outcomes = new Outcome[Capacity];
            }

            var slot = (int)(clientTaskId % Capacity);
            _ids[slot] = clientTaskId;
            _outcomes[slot] = outcome;
        }

        public bool TryGet(ulong clientTaskId, out Outcome outcome)
        {
            var slot = (int)(clientTaskId % Capacity);
            if (_ids is not null && _ids[slot] == clientTaskId)
            {
                outcome = _outcomes[slot];
                return true;
            }

            outcome = default;
            return false;
        }
    }

    /// <summary>
    /// Builds the record of a flow task: the engine's copy carries each input's holder and size instead of the caller's
    /// dependencies. Inputs that are not kept anywhere are found when the task is placed.
    /// </summary>
    private TaskRecord FlowRecord(ClientState client, SubmitMessage submit, in ReadOnlySequence<byte> taskBody, TargetSet? placement)
    {
        var reader = new WireReader(taskBody);
        TaskBody.ReadKind(ref reader);
        var request = FlowTask.Read(ref reader);
        var inner = reader.Rest;
        if (request.Inputs.Length > 0 && (TaskKind)inner.FirstSpan[0] != TaskKind.Call)
        {
            throw new ProtocolViolationException("Only a call can take inputs kept on engines.");
        }

        var inputs = new FlowDispatchInput[request.Inputs.Length];
        var preferred = -1;
        long largest = -1;
        lock (_gate)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var input = request.Inputs[i];
                var kept = _kept.GetValueOrDefault(input.RefId);
                inputs[i] = new FlowDispatchInput(input.Offset, input.RefId, kept?.Engine.Id ?? -1, kept?.Size ?? 0);
                if (kept is { Lost: false } && kept.Size > largest)
                {
                    largest = kept.Size;
                    preferred = kept.Engine.Id;
                }
            }
        }

        var id = (ulong)Interlocked.Increment(ref _nextTaskId);
        var now = NowMs();
        var trace = _observer.TaskSubmitted(id, client.Id, submit, inner, out var watch);
        var dispatch = new FlowDispatch(request.Flags, inputs);
        var frame = Message.Start(new DispatchMessage(id, trace), dispatch.Size + (int)inner.Length);
        dispatch.Write(frame);
        frame.Write(inner);
        var flow = new FlowState(request, inputs)
        {
            PreferredEngine = request.Locality == LocalityRule.Prefer ? preferred : -1,
            DependencyDeadline = request.DependencyTimeoutMilliseconds > 0 ? now + request.DependencyTimeoutMilliseconds : long.MaxValue,
        };
        return NewRecord(id, client, submit, frame.Finish(), placement, now, watch, flow);
    }

    /// <summary>
    /// Whether a flow task can be placed now: its finished dependencies are checked against its rules, and it waits for the
    /// rest. False when it waits, or failed (an outcome its rules refuse, a dependency the hub does not know).
    /// </summary>
    private bool ResolveFlowLocked(TaskRecord record)
    {
        var flow = record.Flow!;
        var client = record.Client;
        foreach (var dependency in flow.Request.Dependencies)
        {
            if (client.Tasks.TryGetValue(dependency.ClientTaskId, out var pending) && pending != record)
            {
                if (!client.Dependents.TryGetValue(dependency.ClientTaskId, out var list))
                {
                    client.Dependents[dependency.ClientTaskId] = list = [];
                }

                list.Add(record);
                flow.Unmet++;
            }
            else if (client.Outcomes.TryGet(dependency.ClientTaskId, out var outcome))
            {
                if (!AcceptLocked(record, dependency, outcome))
                {
                    return false;
                }
            }
            else
            {
                FinishLocked(record);
                FailLocked(record, -1, ErrorKind.DependencyFailed,
                    $"The task depends on a task the controller does not know: it was never submitted on this connection, or finished more than " +
                    $"{OutcomeRing.Capacity} tasks ago (the controller remembers that many outcomes per client).");
                return false;
            }
        }

        if (flow.Unmet > 0)
        {
            if (!TryChainLocked(record))
            {
                _waiting.Add(record);
            }

            return false;
        }

        return true;
    }

    /// <summary>Checks one finished dependency against the task's rules; fails the task (false) when they refuse it.</summary>
    private bool AcceptLocked(TaskRecord record, FlowDependency dependency, in Outcome outcome)
    {
        var flow = record.Flow!;
        var rule = flow.Request.Rule;
        string? refusal = null;
        if (rule == DependencyRule.Success && !outcome.Ok)
        {
            refusal = $"Task {outcome.TaskId}, which this task depends on, failed: {outcome.Error}";
        }
        else if (rule == DependencyRule.Failure && outcome.Ok)
        {
            refusal = $"Task {outcome.TaskId}, which this task depends on, succeeded; this task runs only when its dependencies fail (DependsOn = Failure).";
        }
        else if (dependency.Kind == DependencyKind.Follow)
        {
            if (outcome.EngineId < 0)
            {
                refusal = $"Task {outcome.TaskId}, which this task follows, never ran on an engine ({outcome.Error}), so there is no engine to follow.";
            }
            else if (flow.FollowEngine >= 0 && flow.FollowEngine != outcome.EngineId)
            {
                refusal = $"The tasks this task follows ran on different engines ({flow.FollowEngine} and {outcome.EngineId}); it cannot run on both.";
            }
            else
            {
                flow.FollowEngine = outcome.EngineId;
                flow.FollowedTask = outcome.TaskId;
            }
        }

        if (refusal is null)
        {
            return true;
        }

        _waiting.Remove(record);
        FinishLocked(record);
        FailLocked(record, -1, ErrorKind.DependencyFailed, refusal);
        return false;
    }

    /// <summary>
    /// Records how a task ended and tells the tasks waiting for it; those whose dependencies are all met are placed. Runs
    /// as a loop over the tasks ended, so a failure that ends a chain of dependants does not recurse.
    /// </summary>
    private void TaskEndedLocked(TaskRecord record, in Outcome outcome)
    {
        record.Client.Outcomes.Record(record.ClientTaskId, outcome);
        if (record.Client.Dependents.Count == 0)
        {
            return;
        }

        _ended.Enqueue((record, outcome));
        if (_telling)
        {
            return;
        }

        _telling = true;
        try
        {
            while (_ended.TryDequeue(out var ended))
            {
                if (!ended.Record.Client.Dependents.Remove(ended.Record.ClientTaskId, out var dependants))
                {
                    continue;
                }

                foreach (var dependant in dependants)
                {
                    if (dependant.Finished || dependant.Cancelled || dependant.Chained)
                    {
                        // A chained task is its engine's to decide.
                        continue;
                    }

                    var flow = dependant.Flow!;
                    var dependency = flow.Request.Dependencies.First(d => d.ClientTaskId == ended.Record.ClientTaskId);
                    if (AcceptLocked(dependant, dependency, ended.Outcome) && --flow.Unmet == 0)
                    {
                        _waiting.Remove(dependant);
                        PlaceLocked(dependant);
                    }
                }
            }
        }
        finally
        {
            _telling = false;
        }
    }

    /// <summary>The outcome of a result an engine sent: its status, and the error's text when it failed.</summary>
    private static Outcome OutcomeOf(TaskRecord record, int engineId, in ReadOnlySequence<byte> resultBody)
    {
        var reader = new WireReader(resultBody);
        var header = ResultHeader.Read(ref reader);
        if (header.Status is ResultStatus.Ok or ResultStatus.Kept)
        {
            return new Outcome(true, engineId, record.Id, null);
        }

        var error = ErrorPayload.Read(ref reader);
        return new Outcome(false, engineId, record.Id, $"{error.Type ?? ErrorKinds.TypeName(error.Kind)}: {error.Message}");
    }

    /// <summary>Fails the tasks that waited for their dependencies longer than their <c>DependencyTimeout</c>.</summary>
    private void ExpireDependenciesLocked(long now)
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        _waiting.RemoveWhere(static r => r.Finished || r.Cancelled);
        var late = _waiting.Where(r => now >= r.Flow!.DependencyDeadline).ToList();
        foreach (var record in late)
        {
            _waiting.Remove(record);
            if (record.Finished)
            {
                continue;
            }

            FinishLocked(record);
            FailLocked(record, -1, ErrorKind.DependencyFailed,
                $"The task waited longer than its DependencyTimeout ({record.Flow!.Request.DependencyTimeoutMilliseconds / 1000.0:0.###} s) for its dependencies.");
        }
    }
}
