using RemoteKit.Controller.Observing;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>What the hub keeps about engines, clients and tasks, under its lock.</summary>
internal sealed partial class Hub
{
    /// <summary>A registered engine.</summary>
    internal sealed class EngineState(int id, IFrameChannel channel)
    {
        public int Id { get; } = id;

        public IFrameChannel Channel { get; } = channel;

        public int InFlight { get; set; }

        /// <summary>
        /// How many balanced tasks it may hold now: more while its recent tasks are short (<see cref="RecordRunTime"/>); 0 until
        /// one has finished, which means <see cref="ControllerOptions.EngineTaskLimit"/>.
        /// </summary>
        public int TaskLimit { get; private set; }

        /// <summary>The engine's recent run time per task, in ticks (a moving average; 0 until a task has finished).</summary>
        public double MeanRunTicks { get; private set; }

        /// <summary>Takes in one task's run time as the engine measured it, and sets <see cref="TaskLimit"/> from the average.</summary>
        public void RecordRunTime(long ticks, ControllerOptions options)
        {
            ticks = Math.Max(ticks, 1);
            MeanRunTicks = MeanRunTicks == 0 ? ticks : MeanRunTicks + ((ticks - MeanRunTicks) / 8);
            var fits = options.EngineQueueTime.Ticks / MeanRunTicks;
            TaskLimit = (int)Math.Clamp(fits, options.EngineTaskLimit, Math.Max(options.EngineTaskLimit, options.MaxEngineTaskLimit));
        }

        public long Completed { get; set; }

        /// <summary>When the engine last sent any frame (the hub's clock).</summary>
        public long LastHeard;

        public Dictionary<ulong, TaskRecord> Outstanding { get; } = [];

        /// <summary>
        /// What the engine proves it is with when it comes back after being declared lost (<see cref="Protocol.EngineWelcomeMessage"/>);
        /// known to the engine and this hub only.
        /// </summary>
        public byte[] Token { get; init; } = [];

        /// <summary>What its launcher named the engine's unit (<see cref="Protocol.EngineHelloMessage.LaunchId"/>); empty when none did.</summary>
        public string LaunchId { get; init; } = "";

        /// <summary>Declared lost in the sweep now running: the balancer sends it nothing more.</summary>
        public bool Leaving { get; set; }

        /// <summary>
        /// Tasks taken back from its queue (they had not started) to run elsewhere, whose answers to the abort that went with
        /// them are dropped quietly.
        /// </summary>
        public HashSet<ulong> Recalled { get; } = [];

        /// <summary>The engine count this engine was last told.</summary>
        public int KnownEngineCount { get; set; }

        /// <summary>How many of its tasks the engine was told to abort and has not answered for yet.</summary>
        public int AbortsPending { get; set; }

        /// <summary>Where its direct path listens (<see cref="Protocol.EngineEndpointMessage"/>), or null when it has none.</summary>
        public Protocol.EngineEndpointMessage? Endpoint { get; set; }

        /// <summary>One-hop tasks its clients aborted and it has not reported yet, with when (the hub's clock).</summary>
        public Dictionary<ulong, long> DirectAborts { get; } = [];

        /// <summary>
        /// How many tasks sent to it in one hop it holds (queued or running), as it last reported (<see cref="Protocol.DirectBacklogMessage"/>);
        /// counted in its load (<see cref="Hub.LoadOf"/>) and queue status.
        /// </summary>
        public int DirectBacklog { get; set; }

        /// <summary>The lease a client holds on its capacity, or null (<see cref="Hub.RequestLeases"/>).</summary>
        public LeaseState? Lease { get; set; }

        /// <summary>The slots leased to a client, counted in its load beside <see cref="InFlight"/>.</summary>
        public int LeasedSlots => Lease?.Slots ?? 0;

        /// <summary>The bytes of results it keeps for <c>RemoteRef</c>s, as the hub counts them.</summary>
        public long KeptBytes { get; set; }

        /// <summary>How many results it keeps.</summary>
        public int KeptValues { get; set; }
    }

    /// <summary>An engine declared lost that may still come back within <see cref="ControllerOptions.ReadmissionGrace"/>.</summary>
    /// <param name="Id">Its engine id, which it gets back.</param>
    /// <param name="Token">What it must present.</param>
    /// <param name="LaunchId">Its launcher's name for its unit.</param>
    /// <param name="LostAt">When it was declared lost (the hub's clock).</param>
    internal sealed record LostEngine(int Id, byte[] Token, string LaunchId, long LostAt);

    /// <summary>A connected client.</summary>
    internal sealed class ClientState(int id, IFrameChannel channel)
    {
        public int Id { get; } = id;

        public IFrameChannel Channel { get; } = channel;

        public bool Gone { get; set; }

        /// <summary>When the client last sent any frame (the hub's clock).</summary>
        public long LastHeard;

        public Dictionary<ulong, TaskRecord> Tasks { get; } = [];

        /// <summary>How each of its load-balanced views that said more than "any engine" places its tasks, by set id.</summary>
        public Dictionary<int, TargetSet> TargetSets { get; } = [];

        /// <summary>How its recent tasks ended, for the dependencies of tasks submitted after them.</summary>
        public OutcomeRing Outcomes { get; } = new();

        /// <summary>Its tasks waiting for others of its tasks, by the client task id they wait for.</summary>
        public Dictionary<ulong, List<TaskRecord>> Dependents { get; } = [];

        /// <summary>The id it gives engines' direct paths (<see cref="Protocol.DirectHelloMessage"/>), once it asked for task ids; empty before.</summary>
        public Guid DirectId { get; set; }

        /// <summary>
        /// The blocks of task ids it was granted for one-hop tasks, the latest <see cref="KeptIdBlocks"/> of them: a report of
        /// lost tasks (<see cref="Protocol.DirectLostMessage"/>) is taken only for its own ids.
        /// </summary>
        public List<(ulong First, int Count)> IdBlocks { get; } = [];

        /// <summary>
        /// How many of its latest id blocks a client's loss reports may name: four million of its one-hop tasks, so a task
        /// still pending on an engine while millions of others ran is still its own when that engine is lost.
        /// </summary>
        public const int KeptIdBlocks = 256;

        /// <summary>Whether <paramref name="taskId"/> is in one of its kept id blocks.</summary>
        public bool Owns(ulong taskId) => IdBlocks.Exists(b => taskId >= b.First && taskId - b.First < (ulong)b.Count);

        /// <summary>The leases of engine capacity it holds.</summary>
        public List<LeaseState> Leases { get; } = [];

        /// <summary>The results kept on engines for it (<c>RemoteRef</c>s), by ref id; freed when it leaves.</summary>
        public HashSet<ulong> Kept { get; } = [];
    }

    /// <summary>A client's placement rules for one load-balanced view (<see cref="Protocol.TargetSetMessage"/>).</summary>
    /// <param name="Allowed">The engines its tasks may use, or null for any.</param>
    /// <param name="RetriesOnLoss">Whether a lost engine makes a task run again (while it has retries).</param>
    /// <param name="RetriesOnExceptions">Whether an exception makes a task run again (while it has retries).</param>
    /// <param name="ExceptionTypes">The exception types that do, or null for any.</param>
    internal sealed record TargetSet(HashSet<int>? Allowed, bool RetriesOnLoss, bool RetriesOnExceptions, HashSet<string>? ExceptionTypes);

    /// <summary>A task from submission until its result is sent.</summary>
    internal sealed class TaskRecord(ulong id, ClientState client, ulong clientTaskId, OutgoingFrame dispatch)
    {
        public ulong Id { get; } = id;

        public ClientState Client { get; } = client;

        public ulong ClientTaskId { get; } = clientTaskId;

        public OutgoingFrame Dispatch { get; } = dispatch;

        /// <summary>What the observer keeps of the task, handed back with each of its events; null when nothing watches.</summary>
        public WatchedTask? Watch { get; init; }

        public EngineState? Engine { get; set; }

        public bool Cancelled { get; set; }

        /// <summary>The result or error was sent to the client (or the client left); nothing more is sent for this task.</summary>
        public bool Finished { get; set; }

        /// <summary>Whether <see cref="Dispatch"/>'s buffer was given away (sent, or returned to the pool).</summary>
        public bool DispatchSent { get; set; }

        /// <summary>How many more times the task may move to another engine when its engine is lost.</summary>
        public int RetriesLeft { get; set; }

        /// <summary>How many engines the task was sent to.</summary>
        public int Attempts { get; set; }

        public long Submitted { get; init; }

        /// <summary>When the task times out (the hub's clock), or <see cref="long.MaxValue"/>; moved on by a pause of the controller.</summary>
        public long Deadline { get; set; } = long.MaxValue;

        /// <summary>When it was last sent to an engine, in the hub's order of dispatches: an engine runs what it holds in this order.</summary>
        public long DispatchOrder { get; set; }

        /// <summary>The engines lost while this task was the one they were running; null while there were none.</summary>
        public List<int>? KilledEngines { get; set; }

        /// <summary>The engines a load-balanced task may run on (its view's target set), or null for any.</summary>
        public HashSet<int>? Allowed => Placement?.Allowed;

        /// <summary>Its view's placement rules, or null for the default (any engine, retried on engine loss only).</summary>
        public TargetSet? Placement { get; init; }

        /// <summary>The engines on which it threw and was retried; it avoids them while another engine can take it.</summary>
        public List<int>? FailedOn { get; set; }

        /// <summary>Whether the controller chose the engine (so the task may move to another).</summary>
        public bool Balanced { get; init; }

        /// <summary>When its engine was told to abort it (the hub's clock), or 0.</summary>
        public long AbortSentAt { get; set; }

        /// <summary>The engine of the latest attempt.</summary>
        public int LastEngineId { get; set; } = -1;

        /// <summary>The engines of earlier attempts, lost before the task finished; null while there were none.</summary>
        public List<int>? LostEngines { get; set; }

        /// <summary>Whether the task, a stream, has sent its caller items: it then never runs again, whatever its retries.</summary>
        public bool Yielded { get; set; }

        /// <summary>
        /// Sent to an engine behind the tasks it depends on, which decides it (<see cref="Protocol.ChainMessage"/>); the hub
        /// leaves its dependencies' outcomes to that engine, and takes it back to wait again if it moves.
        /// </summary>
        public bool Chained { get; set; }

        /// <summary>Its client asked for its value to be kept on its engine (<c>KeepAsync</c>).</summary>
        public bool KeepRequested { get; set; }

        /// <summary>Where the client sent it: an engine id, or negative for the load balancer.</summary>
        public int Target { get; init; } = -1;

        /// <summary>Its dependencies, inputs and whether its result is kept, for a flow task; null for any other.</summary>
        public FlowState? Flow { get; init; }

        /// <summary>The history task this one runs again (a client's resubmission), or 0.</summary>
        public ulong ResubmitOf { get; init; }
    }
}
