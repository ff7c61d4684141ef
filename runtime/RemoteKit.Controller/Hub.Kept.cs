using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The hub's kept values (<c>RemoteRef</c>): registered when a task's result says its engine kept it, counted per engine,
/// sent engine to engine to the tasks that take them, freed with their ref or their client, lost with their engine.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>Results kept on engines, by ref id (the controller's id of the task that made each).</summary>
    private readonly Dictionary<ulong, KeptValue> _kept = [];

    /// <summary>A result kept on an engine.</summary>
    /// <param name="Engine">The engine keeping it.</param>
    /// <param name="Owner">The client it is kept for; freed when that client leaves.</param>
    /// <param name="Size">Its size in bytes.</param>
    internal sealed record KeptValue(EngineState Engine, ClientState Owner, long Size)
    {
        /// <summary>Its engine was lost, and the value with it; tasks that take it fail naming that.</summary>
        public bool Lost { get; set; }
    }

    /// <summary>Whether every input of a flow task is still kept; if not, the task fails naming the one that is not.</summary>
    private bool InputsKeptLocked(TaskRecord record)
    {
        foreach (var input in record.Flow!.Inputs)
        {
            var kept = _kept.GetValueOrDefault(input.RefId);
            if (kept is { Lost: false })
            {
                continue;
            }

            FinishLocked(record);
            if (kept is { Lost: true })
            {
                FailLocked(record, kept.Engine.Id, ErrorKind.EngineLost,
                    $"The value of task {input.RefId} that this task takes was kept on engine {kept.Engine.Id}, which was lost.");
            }
            else
            {
                FailLocked(record, -1, ErrorKind.DependencyFailed,
                    $"The value of task {input.RefId} that this task takes is not kept on any engine: its RemoteRef was disposed, or its client left.");
            }

            return false;
        }

        return true;
    }

    /// <summary>Asks the engines keeping a task's inputs to send those <paramref name="engine"/> does not hold to its direct path.</summary>
    private void SendInputsLocked(EngineState engine, TaskRecord record)
    {
        foreach (var input in record.Flow!.Inputs)
        {
            if (input.HolderEngineId == engine.Id || engine.Endpoint is not { } to || !_engines.TryGetValue(input.HolderEngineId, out var holder))
            {
                // Held here; or the engine has no direct path, and fails the task saying so; or the holder was lost, and the
                // task fails waiting for the value, naming it.
                continue;
            }

            holder.Channel.Send(Message.ToFrame(new SendKeptMessage(input.RefId, record.Id, to.Host, to.Port, to.TlsFingerprint)));
        }
    }

    /// <summary>Registers the value a task left on its engine, when its result says it did (<see cref="ResultStatus.Kept"/>).</summary>
    private void KeptLocked(EngineState engine, TaskRecord record, in ReadOnlySequence<byte> resultBody)
    {
        if (resultBody.FirstSpan[0] != (byte)ResultStatus.Kept)
        {
            return;
        }

        var reader = new WireReader(resultBody);
        ResultHeader.Read(ref reader);
        var reply = KeptReply.Read(ref reader);
        if (record.Client.Gone)
        {
            engine.Channel.Send(Message.ToFrame(new FreeKeptMessage([reply.RefId], ToEngine: true)));
            return;
        }

        _kept[reply.RefId] = new KeptValue(engine, record.Client, reply.Size);
        record.Client.Kept.Add(reply.RefId);
        engine.KeptBytes += reply.Size;
        engine.KeptValues++;
        _observer.EngineKept(engine.Id, engine.KeptBytes, engine.KeptValues);
    }

    /// <summary>
    /// A client asks to keep a task's value on its engine (<c>KeepAsync</c>): the engine is told now if it holds the task, or
    /// when it is sent one. Too late once it finished: the client then keeps the value it got.
    /// </summary>
    private void KeepLocked(ClientState client, ulong clientTaskId)
    {
        if (!client.Tasks.TryGetValue(clientTaskId, out var record) || record.Finished)
        {
            return;
        }

        record.KeepRequested = true;
        record.Engine?.Channel.Send(Message.ToFrame(new KeepMessage(record.Id, ToEngine: true)));
    }

    /// <summary>Frees kept values of <paramref name="client"/> (<paramref name="ids"/>, or all of them when null).</summary>
    private void FreeKeptLocked(ClientState client, IReadOnlyCollection<ulong>? ids)
    {
        Dictionary<EngineState, List<ulong>>? drops = null;
        foreach (var id in ids ?? [.. client.Kept])
        {
            if (!client.Kept.Remove(id) || !_kept.Remove(id, out var kept) || kept.Lost)
            {
                continue;
            }

            kept.Engine.KeptBytes -= kept.Size;
            kept.Engine.KeptValues--;
            drops ??= [];
            if (!drops.TryGetValue(kept.Engine, out var list))
            {
                drops[kept.Engine] = list = [];
            }

            list.Add(id);
        }

        foreach (var (engine, list) in drops ?? [])
        {
            _observer.EngineKept(engine.Id, engine.KeptBytes, engine.KeptValues);
            engine.Channel.Send(Message.ToFrame(new FreeKeptMessage(list, ToEngine: true)));
        }
    }

    /// <summary>The values a lost engine kept are gone with it: tasks that take them fail naming it.</summary>
    private void LoseKeptLocked(EngineState engine)
    {
        if (engine.KeptValues == 0)
        {
            return;
        }

        foreach (var kept in _kept.Values)
        {
            if (kept.Engine == engine)
            {
                kept.Lost = true;
            }
        }

        engine.KeptBytes = 0;
        engine.KeptValues = 0;
    }
}
