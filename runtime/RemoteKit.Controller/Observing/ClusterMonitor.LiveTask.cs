using System.Diagnostics;
using RemoteKit.Controller.History;
using RemoteKit.Protocol;

namespace RemoteKit.Controller.Observing;

/// <summary>What the monitor keeps of a task between its submission and the batch that records its end.</summary>
internal sealed partial class ClusterMonitor
{
    /// <summary>
    /// A task from its submission until the batch that records its end: the one object the monitor allocates per task the
    /// hub routes, so it holds plain fields (times in UTC ticks, the placement without a nullable wrapper, an error only
    /// when there is one). Only the task path writes it, one hub thread at a time: <see cref="Route"/>, <see cref="Ended"/>
    /// and <see cref="Outcome"/>, and where and when it was last sent (<see cref="EngineId"/>, <see cref="StartedTicks"/>,
    /// <see cref="Attempts"/>), which the batches and the snapshot read under <see cref="_gate"/>.
    /// </summary>
    private sealed class LiveTask : WatchedTask
    {
        public readonly ulong TaskId;
        public readonly string Method;
        public readonly long SubmittedTicks;
        public readonly long BytesIn;
        public readonly int ClientId;
        public readonly TaskKind Kind;

        /// <summary>1 once the task path has seen the task end (exchanged).</summary>
        public int Ended;

        /// <summary>The route span, until the task is sent or ends.</summary>
        public Activity? Route;

        /// <summary>The engine it was last sent to, or -1 while queued (written last when it is sent).</summary>
        public int EngineId = -1;

        public long StartedTicks;

        public int Attempts;

        /// <summary>How it ended, set on the task path before the note that records it.</summary>
        public TaskOutcome Outcome;

        // How it was placed, to run it again (a history only): the parts of TaskPlacement the task does not already say.
        private readonly bool _placed;
        private readonly int _target;
        private readonly int _retries;
        private readonly int _timeoutMilliseconds;
        private readonly ulong _resubmitOf;

        public LiveTask(ulong taskId, int clientId, string method, TaskKind kind, long submittedTicks, long bytesIn, Activity? route, in TaskPlacement? placement, KeptBody body)
        {
            TaskId = taskId;
            ClientId = clientId;
            Method = method;
            Kind = kind;
            SubmittedTicks = submittedTicks;
            BytesIn = bytesIn;
            Route = route;
            Body = body;
            if (placement is { } p)
            {
                _placed = true;
                (_target, _retries, _timeoutMilliseconds, _resubmitOf) = (p.Target, p.Retries, p.TimeoutMilliseconds, p.ResubmitOf ?? 0);
            }
        }

        /// <summary>The task body, copied into the monitor's chunks when the history keeps it.</summary>
        public KeptBody Body { get; }

        /// <summary>How the task was placed, to run it again; null without a history.</summary>
        public TaskPlacement? Placement =>
            _placed ? new TaskPlacement(_target, _retries, _timeoutMilliseconds, (byte)Kind, BytesIn, _resubmitOf == 0 ? null : _resubmitOf) : null;

        /// <summary>How to run the task again, with its body when kept; null without a history.</summary>
        public TaskArguments? Arguments => Placement?.ToArguments(Body.Exists ? TaskBodyArena.ToArray(Body) : null);

        /// <summary>The task's record while it is still live: queued until sent, running after.</summary>
        public TaskHistoryRecord ToRecord() => new()
        {
            TaskId = TaskId,
            Status = EngineId < 0 ? TaskHistoryStatus.Queued : TaskHistoryStatus.Running,
            ClientId = ClientId,
            Method = Method,
            EngineId = EngineId < 0 ? null : EngineId,
            SubmittedAt = At(SubmittedTicks),
            StartedAt = Attempts > 0 ? At(StartedTicks) : default(DateTimeOffset?),
            Attempts = Attempts,
            BytesIn = BytesIn,
            HasArguments = Body.Exists,
            ResubmitOf = _resubmitOf == 0 ? null : _resubmitOf,
        };

        /// <summary>The finished task's whole change for the history, with its result, placement and body (its chunk's bytes).</summary>
        public TaskChange ToChange(int? engineId, long completedTicks)
        {
            var outcome = Outcome;
            DateTimeOffset? started = outcome.StartedTicks > 0 ? At(outcome.StartedTicks) : Attempts > 0 ? At(StartedTicks) : null;
            var change = TaskChange.Whole(
                TaskId, outcome.Status, ClientId, Method, engineId, At(SubmittedTicks), started, At(completedTicks), Attempts, BytesIn, outcome.BytesOut,
                outcome.Failure?.Type, outcome.Failure?.Message);
            change.Result = outcome.Result;
            change.Placement = Placement;
            change.Body = Body.Exists ? TaskBodyArena.Memory(Body) : default(ReadOnlyMemory<byte>?);
            return change;
        }
    }

    /// <summary>How a task ended, read on the task path from its result (or the hub's reason) and recorded in a batch.</summary>
    /// <param name="Status">Its status.</param>
    /// <param name="Failure">Its error, unless it completed.</param>
    /// <param name="BytesOut">The size of its result.</param>
    /// <param name="Result">Its result as the history keeps it (kind byte, then payload), when kept.</param>
    /// <param name="StartedTicks">When its engine says it started (UTC ticks), or 0.</param>
    private readonly record struct TaskOutcome(TaskHistoryStatus Status, TaskError? Failure, long BytesOut, byte[]? Result, long StartedTicks);

    /// <summary>A failed task's error: an object only for tasks that fail.</summary>
    private sealed record TaskError(string? Type, string? Message, string? Stack);

    private static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
