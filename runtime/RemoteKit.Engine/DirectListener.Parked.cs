using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// One-hop tasks for an engine this process does not serve at the moment they arrive. The controller tells clients of an
/// engine (a new one, or one readmitted after it was declared lost) once it has welcomed it, and a client may send it a
/// task on its direct connection before this process has read that welcome: such a task is held here and handed to the
/// engine's session when it registers, in arrival order. One still held after <see cref="ParkedGrace"/> fails as its
/// engine's loss, as it did at once before (the engine is not coming back here); the client also fails it when the
/// controller declares the engine lost, and ignores the late answer.
/// </summary>
internal sealed partial class DirectListener
{
    /// <summary>How long a task for an engine this process does not serve is held for it.</summary>
    internal static readonly TimeSpan ParkedGrace = TimeSpan.FromSeconds(10);

    private readonly Lock _parkGate = new();
    private readonly Dictionary<int, List<ParkedTask>> _parked = [];

    /// <summary>Makes <paramref name="session"/> the one that takes the tasks clients send engine <paramref name="engineId"/> in one hop; hands it those held for it first.</summary>
    public void Register(int engineId, EngineSession session)
    {
        lock (_parkGate)
        {
            if (_parked.Remove(engineId, out var held))
            {
                foreach (var task in held)
                {
                    session.EnqueueDirect(task.Connection, task.ClientId, task.Task, new ReadOnlySequence<byte>(task.Body));
                }
            }

            // Published after the held tasks went in, under the lock: a task arriving meanwhile waits here and goes behind them.
            _sessions[engineId] = session;
        }
    }

    private void ParkOrEnqueue(IFrameChannel connection, Guid clientId, in DirectTaskMessage task, in ReadOnlySequence<byte> body)
    {
        ParkedTask parked;
        lock (_parkGate)
        {
            if (_sessions.TryGetValue(task.EngineId, out var session))
            {
                session.EnqueueDirect(connection, clientId, task, body);
                return;
            }

            // Refused now, on the connection that sent it, as a registered session refuses it.
            EngineSession.ThrowUnlessCarried(task, body);
            parked = new ParkedTask(connection, clientId, task, body.ToArray());
            if (!_parked.TryGetValue(task.EngineId, out var held))
            {
                _parked[task.EngineId] = held = [];
            }

            held.Add(parked);
        }

        _ = FailIfStillHeldAsync(parked);
    }

    private async Task FailIfStillHeldAsync(ParkedTask parked)
    {
        await Task.Delay(ParkedGrace).ConfigureAwait(false);
        lock (_parkGate)
        {
            if (!_parked.TryGetValue(parked.Task.EngineId, out var held) || !held.Remove(parked))
            {
                return;
            }

            if (held.Count == 0)
            {
                _parked.Remove(parked.Task.EngineId);
            }
        }

        // Lost (its connection to the controller ended) or never here: the client hears as it would from the controller.
        var frame = Message.Start(new DirectResultMessage(parked.Task.ClientTaskId), 128);
        ResultBody.WriteError(frame, parked.Task.EngineId, ErrorKind.EngineLost,
            $"Engine {parked.Task.EngineId} was lost before the task finished (it no longer runs in the process at {Host}:{Port}).", DateTimeOffset.UtcNow.UtcTicks);
        parked.Connection.Send(frame.Finish());
    }

    private sealed record ParkedTask(IFrameChannel Connection, Guid ClientId, DirectTaskMessage Task, byte[] Body);
}
