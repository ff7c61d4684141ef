using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;

namespace RemoteKit.Controller;

/// <summary>
/// What the hub learns of one-hop tasks besides their outcomes: how many each engine holds (<see cref="DirectBacklogMessage"/>),
/// counted in its load for the balancer, its task limit and queue status; and the tasks a client failed when their engine
/// was lost (<see cref="DirectLostMessage"/>), which the engine can never report, recorded as ended so the history has them
/// (only ids from the blocks that client was granted: a client cannot write another's records).
/// Each one-hop task gets one record: the ids of those recorded lately are remembered, and a later report of one (the
/// engine's outcome after the client's loss report, or the other way round) is dropped.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>
    /// How many ids of recently ended one-hop tasks the hub remembers: enough for the reports of every engine's last few
    /// thousand tasks, so that a second report of a task (or an abort arriving after its report) is recognised.
    /// </summary>
    private const int RecentDirectEnded = 64 * 1024;

    /// <summary>One-hop tasks recorded as ended lately (reported by their engine or, lost, by their client).</summary>
    private readonly RecentIds _endedDirect = new(RecentDirectEnded);

    /// <summary>
    /// The tasks an engine holds, as the balancer counts them: those the hub sent it, and its leased slots or its one-hop
    /// tasks, whichever is more.
    /// </summary>
    /// <remarks>
    /// The engine's one-hop count includes the load-balanced tasks sent on its lease, which the lease's slots already
    /// count (reserved as one block, whether used or not): adding both would count those tasks twice. A lease holds at most
    /// <see cref="LeaseState.Slots"/> tasks there, so one-hop tasks beyond the slots are others' (an engine view's) and count
    /// on top: slots + max(0, one-hop − slots), which is max(slots, one-hop). It may count an engine view's task as one of
    /// the lease's unused slots (never more than the true load), which errs toward giving the engine work rather than
    /// starving it on a count that cannot be split.
    /// </remarks>
    internal static int LoadOf(EngineState engine) => engine.InFlight + Math.Max(engine.LeasedSlots, engine.DirectBacklog);

    /// <summary>
    /// An engine's count of the one-hop tasks it holds: its load changes; when it fell, the queues drain onto the room it
    /// made.
    /// </summary>
    private void DirectBacklog(EngineState engine, DirectBacklogMessage backlog)
    {
        lock (_gate)
        {
            var fell = backlog.Count < engine.DirectBacklog;
            engine.DirectBacklog = backlog.Count;
            _observer.EngineHeldOneHop(engine.Id, backlog.Count);
            if (fell && !_stopping && _engines.TryGetValue(engine.Id, out var current) && current == engine)
            {
                DrainBalancedLocked();
            }
        }
    }

    /// <summary>
    /// A client's report of one-hop tasks it failed when their engine was lost: each not recorded yet is handed to the
    /// observer as ended with the error the client gave, as if its engine had reported it (so the history, metrics and
    /// recent failures have it); an outcome the engine reports for it later is dropped.
    /// </summary>
    private void DirectLost(ClientState client, DirectLostMessage lost)
    {
        List<DirectTaskReport>? reports = null;
        var foreign = 0;
        lock (_gate)
        {
            _engines.TryGetValue(lost.EngineId, out var engine);
            foreach (var task in lost.Tasks)
            {
                if (!client.Owns(task.TaskId))
                {
                    // Not an id this client was given: another client's task (whose record it must not write) or garbage.
                    foreign++;
                    continue;
                }

                if (_endedDirect.Add(task.TaskId))
                {
                    engine?.DirectAborts.Remove(task.TaskId);
                    (reports ??= []).Add(new DirectTaskReport(client.Id, OutcomeOf(lost.EngineId, lost.Reason, task, client.DirectId)));
                }
            }
        }

        if (foreign > 0)
        {
            _logger.LogWarning(
                EventIds.ProtocolViolation, "Client {ClientId} reported {Count} lost one-hop tasks whose ids it was never given; they were ignored", client.Id, foreign);
        }

        if (reports is null)
        {
            return;
        }

        _logger.LogDebug(EventIds.EngineLost, "Client {ClientId} failed {Count} one-hop tasks of lost engine {EngineId}", client.Id, reports.Count, lost.EngineId);
        _observer.DirectTasksEnded(lost.EngineId, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(reports));
    }

    /// <summary>A lost task as its engine would have reported it: its task body's first bytes, and an error result ended when the client failed it.</summary>
    private DirectOutcome OutcomeOf(int engineId, string reason, in DirectLostTask task, Guid clientId)
    {
        var head = new byte[DirectLostTask.NamesMethod(task.TaskKind) ? 1 + sizeof(ulong) : 1];
        head[0] = (byte)task.TaskKind;
        if (head.Length > 1)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(head.AsSpan(1), task.MethodId);
        }

        var message = task.Error == ErrorKind.Aborted ? DirectLostMessage.AbortedError(engineId, reason) : DirectLostMessage.LostError(engineId, reason);
        var error = new ArrayBufferWriter<byte>(64 + (message.Length * 3));
        ErrorPayload.Of(task.Error, message).Write(error);
        var now = _time.GetUtcNow().UtcTicks;
        var result = new ArrayBufferWriter<byte>(ResultHeader.Size + error.WrittenCount + 24);
        new ResultHeader(ResultStatus.Error, engineId, now, now, error.WrittenCount).WriteTo(result.GetSpan(ResultHeader.Size));
        result.Advance(ResultHeader.Size);
        result.Write(error.WrittenSpan);
        result.WriteString(null);
        result.WriteString(null);
        result.WriteI64(0);
        result.WriteI64(0);

        // Never the whole body (the head is shorter than any body that names a method, and the client says the real size).
        var taskBytes = Math.Max(task.TaskBytes, head.Length + 1);
        var resultBytes = result.WrittenMemory.ToArray();
        return new DirectOutcome(
            task.TaskId, task.ClientTaskId, clientId, task.SentTicks, taskBytes, new ReadOnlySequence<byte>(head), resultBytes.Length, new ReadOnlySequence<byte>(resultBytes));
    }

    /// <summary>Ids remembered among the last <c>capacity</c> added.</summary>
    internal sealed class RecentIds(int capacity)
    {
        private readonly HashSet<ulong> _ids = [];
        private readonly Queue<ulong> _order = new();

        /// <summary>Remembers <paramref name="id"/>; false when it was remembered already.</summary>
        public bool Add(ulong id)
        {
            if (!_ids.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            return true;
        }

        public bool Contains(ulong id) => _ids.Contains(id);
    }
}
