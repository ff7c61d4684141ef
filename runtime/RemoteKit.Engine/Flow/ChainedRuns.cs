using RemoteKit.Protocol;

namespace RemoteKit.Engine.Flow;

/// <summary>
/// The conditions of tasks the controller sent behind the tasks they depend on (<see cref="ChainMessage"/>), and the outcomes
/// of this engine's recent tasks that decide them. The engine runs what it holds in order, so a chained task's dependencies
/// have ended here by the time it comes up.
/// </summary>
internal sealed class ChainedRuns
{
    /// <summary>How many recent outcomes the engine remembers.</summary>
    public const int Remembered = 8192;

    private readonly Dictionary<ulong, ChainMessage> _conditions = [];
    private readonly Dictionary<ulong, string?> _outcomes = [];
    private readonly Queue<ulong> _order = new();
    private readonly Lock _gate = new();

    public void Add(ChainMessage chain)
    {
        lock (_gate)
        {
            _conditions[chain.TaskId] = chain;
        }
    }

    /// <summary>Records how a task ended here: null when it succeeded, else what it failed with.</summary>
    public void Record(ulong taskId, string? error)
    {
        lock (_gate)
        {
            _conditions.Remove(taskId);
            if (_outcomes.TryAdd(taskId, error))
            {
                _order.Enqueue(taskId);
                if (_order.Count > Remembered)
                {
                    _outcomes.Remove(_order.Dequeue());
                }
            }
            else
            {
                _outcomes[taskId] = error;
            }
        }
    }

    /// <summary>Why a chained task must not run (a dependency's outcome its rule refuses), or null when it may (or is not chained).</summary>
    public string? Refusal(ulong taskId)
    {
        lock (_gate)
        {
            if (!_conditions.Remove(taskId, out var chain))
            {
                return null;
            }

            foreach (var after in chain.After)
            {
                if (!_outcomes.TryGetValue(after, out var error))
                {
                    return $"Task {after}, which this task depends on, did not run on this engine before it (it was moved elsewhere); run the task again.";
                }

                if (chain.Rule == DependencyRule.Success && error is not null)
                {
                    return $"Task {after}, which this task depends on, failed: {error}";
                }

                if (chain.Rule == DependencyRule.Failure && error is null)
                {
                    return $"Task {after}, which this task depends on, succeeded; this task runs only when its dependencies fail (DependsOn = Failure).";
                }
            }

            return null;
        }
    }
}
