using System.Buffers;
using Microsoft.Extensions.Logging;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The hub's part in tasks clients send engines in one hop: it grants the blocks of task ids they are numbered from, so
/// ids stay unique in the cluster; it takes the engines' reports of how they ended, counting them as its own tasks and
/// handing them to the observer (history, metrics, dashboard); and it holds clients' aborts of them to the deadline it
/// holds its own aborts to, recycling an engine that never reports an aborted task.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>
    /// How many task ids a client is granted at a time: enough that a burst submitted faster than the controller answers
    /// (a client's submit loop reaches a million tasks a second) does not run out before the next block arrives, which
    /// would send tasks through the controller and hold the one-hop ones behind them. Small against the history's ring
    /// (1.125 × <c>MaxRecords</c>, default 100,000 ids), which unused ids of a block leave gaps in.
    /// </summary>
    public const int TaskIdBlockSize = 16384;

    /// <summary>Clients by the id they give engines' direct paths, to name them in the records of their one-hop tasks.</summary>
    private readonly Dictionary<Guid, int> _directClients = [];

    /// <summary>Reserves a block of task ids for a client's one-hop tasks and sends it.</summary>
    private void GrantTaskIds(ClientState client, ControlRequestMessage request)
    {
        var last = (ulong)Interlocked.Add(ref _nextTaskId, TaskIdBlockSize);
        lock (_gate)
        {
            if (client.IdBlocks.Count == ClientState.KeptIdBlocks)
            {
                client.IdBlocks.RemoveAt(0);
            }

            client.IdBlocks.Add((last - TaskIdBlockSize + 1, TaskIdBlockSize));
            if (request.DirectClient != Guid.Empty)
            {
                _directClients[request.DirectClient] = client.Id;
                client.DirectId = request.DirectClient;
            }
        }

        var reply = Message.Start(new ControlReplyMessage(request.RequestId), 12);
        new TaskIdBlock(last - TaskIdBlockSize + 1, TaskIdBlockSize).Write(reply);
        client.Channel.Send(reply.Finish());
    }

    /// <summary>
    /// An engine's report of one-hop tasks that ended: counted as its completed tasks (their run times feed its task limit),
    /// aborts waiting for them disarmed, and each recorded by the observer; a task its client already reported failed for a
    /// loss of the engine (<see cref="DirectLost"/>) is skipped, so it has one record.
    /// </summary>
    private void DirectOutcomes(EngineState engine, ref WireReader reader)
    {
        var count = DirectOutcomesMessage.Read(ref reader).Count;

        // On the stack for a batch an engine sends (at most MaxOutcomes), else rented: the observer copies what it keeps (the
        // outcomes' bytes are the frame's), so either is free once it returns. Copying the reports, which hold references,
        // into a rented array (long-lived, so in the oldest generation) marked the garbage collector's cards for every one
        // of them: about 4 % of a controller's time under bursts of one-hop tasks.
        var stack = default(OutcomeBatch<DirectTaskReport>);
        var rented = count > DirectOutcomesMessage.MaxOutcomes ? ArrayPool<DirectTaskReport>.Shared.Rent(count) : null;
        var reports = rented is null ? ((Span<DirectTaskReport>)stack)[..count] : rented.AsSpan(0, count);
        for (var i = 0; i < count; i++)
        {
            reports[i] = new DirectTaskReport(-1, DirectOutcome.Read(ref reader));
        }

        var kept = 0;
        (Guid Direct, int Id) client = (Guid.Empty, -1);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                var outcome = reports[i].Outcome;
                if (!_endedDirect.Add(outcome.TaskId))
                {
                    continue;
                }

                engine.Completed++;
                if (ResultHeader.TryReadRunTicks(outcome.Result, out var runTicks))
                {
                    engine.RecordRunTime(runTicks, _options);
                }

                engine.DirectAborts.Remove(outcome.TaskId);
                // A batch's outcomes nearly all come from one client: its id is looked up once.
                if (outcome.ClientId != client.Direct)
                {
                    client = (outcome.ClientId, _directClients.TryGetValue(outcome.ClientId, out var clientId) ? clientId : -1);
                }

                reports[kept++] = reports[i] with { ClientId = client.Id };
            }

            if (engine.Lease is not null)
            {
                GrowLeaseLocked(engine);
            }
        }

        try
        {
            _observer.DirectTasksEnded(engine.Id, reports[..kept]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<DirectTaskReport>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>
    /// An engine sent the outcomes a client asked it to flush: the client is told, through this connection, so that it hears
    /// of it after the outcomes were handed to the observer and its history read that follows finds them. A client gone
    /// meanwhile is not told.
    /// </summary>
    private void DirectFlushed(DirectFlushedMessage flushed)
    {
        ClientState? client = null;
        lock (_gate)
        {
            if (_directClients.TryGetValue(flushed.DirectClient, out var id))
            {
                client = _clients.Find(c => c.Id == id);
            }
        }

        client?.Channel.Send(Message.ToFrame(flushed));
    }

    /// <summary>A client aborted a task it sent <c>engine</c> in one hop: if the engine does not report it within the abort grace, it is recycled.</summary>
    private void DirectAborted(DirectAbortedMessage aborted)
    {
        lock (_gate)
        {
            if (_engines.TryGetValue(aborted.EngineId, out var engine) && !_endedDirect.Contains(aborted.TaskId))
            {
                engine.DirectAborts.TryAdd(aborted.TaskId, Math.Max(1, NowMs()));
            }
        }
    }

    /// <summary>A one-hop task the engine was asked to abort longer than <paramref name="grace"/> ago and has not reported, or 0.</summary>
    private static ulong StuckDirectLocked(EngineState engine, long now, long grace)
    {
        foreach (var (taskId, abortedAt) in engine.DirectAborts)
        {
            if (now - abortedAt > grace)
            {
                return taskId;
            }
        }

        return 0;
    }

    /// <summary>Moves on the abort deadlines of one-hop tasks by a pause of the controller.</summary>
    private static void PauseDirectAbortsLocked(EngineState engine, long paused)
    {
        foreach (var taskId in engine.DirectAborts.Keys.ToArray())
        {
            engine.DirectAborts[taskId] += paused;
        }
    }

    /// <summary>Recycles an engine whose one-hop task ignored its abort.</summary>
    private void RecycleForDirect(EngineState engine, ulong taskId)
    {
        _logger.LogWarning(EventIds.EngineRecycled, "One-hop task {TaskId} on engine {EngineId} ignored its abort", taskId, engine.Id);
        RemoveEngine(engine, $"task {taskId} ignored its abort for {_options.AbortGrace.TotalSeconds:0.#} s", EngineLoss.Recycled, stuck: null);
    }

    /// <summary>Forgets a client's direct id once it leaves.</summary>
    private void ForgetDirectClientLocked(ClientState client)
    {
        if (client.DirectId != Guid.Empty && _directClients.TryGetValue(client.DirectId, out var id) && id == client.Id)
        {
            _directClients.Remove(client.DirectId);
        }
    }
}
