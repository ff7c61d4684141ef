using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The controller's routing core: the registry of engines and clients, the task table, the load-balancing queue and the
/// code store. One lock guards it all; every handler is short and never waits while holding it.
/// </summary>
internal sealed class Hub
{
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly Action _stopHost;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, EngineState> _engines = new();
    private readonly List<ClientState> _clients = [];
    private readonly Queue<TaskRecord> _balanced = new();
    private readonly Dictionary<string, byte[]> _bundles = new(StringComparer.Ordinal);
    private int _nextEngineId;
    private int _nextClientId;
    private ulong _nextTaskId;
    private bool _stopping;

    public Hub(ControllerOptions options, ILogger logger, Action stopHost)
    {
        _options = options;
        _logger = logger;
        _stopHost = stopHost;
    }

    public async Task RunEngineAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        EngineState engine;
        lock (_gate)
        {
            engine = new EngineState(_nextEngineId++, connection);
            connection.Name = $"engine {engine.Id} ({connection.Name})";
            _engines.Add(engine.Id, engine);
            AnnounceEnginesLocked();
            DrainBalancedLocked();
        }

        _logger.LogInformation(EventIds.EngineRegistered, "Engine {EngineId} registered from {Peer}", engine.Id, connection.Name);
        try
        {
            await connection.RunAsync((byte kind, in ReadOnlySequence<byte> body) => OnEngineFrame(engine, kind, body), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            EngineLost(engine, connection.CloseReason ?? "connection closed");
        }
    }

    public async Task RunClientAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        ClientState client;
        lock (_gate)
        {
            client = new ClientState(_nextClientId++, connection);
            connection.Name = $"client {client.Id} ({connection.Name})";
            _clients.Add(client);
            connection.Send(EngineSetFrameLocked());
        }

        _logger.LogInformation(EventIds.ClientConnected, "Client {ClientId} connected from {Peer}", client.Id, connection.Name);
        try
        {
            await connection.RunAsync((byte kind, in ReadOnlySequence<byte> body) => OnClientFrame(client, kind, body), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _clients.Remove(client);
                client.Gone = true;
                foreach (var record in client.Tasks.Values)
                {
                    if (record.Engine is null)
                    {
                        record.Dispatch.Return();
                        record.Cancelled = true;
                    }
                }

                client.Tasks.Clear();
            }

            _logger.LogInformation(EventIds.ClientDisconnected, "Client {ClientId} disconnected", client.Id);
        }
    }

    /// <summary>Tells every engine to stop and closes every connection.</summary>
    public void StopAll()
    {
        lock (_gate)
        {
            _stopping = true;
            foreach (var engine in _engines.Values)
            {
                engine.Connection.Send(new FrameBuilder((byte)MessageKind.Stop, 0).Finish());
            }

            foreach (var client in _clients)
            {
                client.Connection.CloseAfterSending("controller stopping");
            }
        }
    }

    private void OnClientFrame(ClientState client, byte kind, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.Submit:
                Submit(client, ref reader);
                break;
            case MessageKind.Abort:
                Abort(client, ref reader);
                break;
            case MessageKind.CodeQuery:
            {
                var requestId = reader.ReadU64();
                var hash = Convert.ToHexString(reader.ReadSequence(CodeBundle.HashLength).ToArray());
                bool has;
                lock (_gate)
                {
                    has = _bundles.ContainsKey(hash);
                }

                var reply = new FrameBuilder((byte)MessageKind.CodeQueryReply, 16);
                reply.WriteU64(requestId);
                reply.WriteU8(has ? (byte)1 : (byte)0);
                client.Connection.Send(reply.Finish());
                break;
            }

            case MessageKind.CodeUpload:
            {
                var hash = Convert.ToHexString(reader.ReadSequence(CodeBundle.HashLength).ToArray());
                var bytes = body.ToArray();
                lock (_gate)
                {
                    _bundles.TryAdd(hash, bytes);
                }

                break;
            }

            case MessageKind.ControlRequest:
                Control(client, ref reader);
                break;
            default:
                throw new ProtocolViolationException($"A client sent unexpected message kind {kind}.");
        }
    }

    private void OnEngineFrame(EngineState engine, byte kind, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.EngineResult:
            {
                var taskId = reader.ReadU64();
                var rest = reader.Rest;
                lock (_gate)
                {
                    if (!engine.Outstanding.Remove(taskId, out var record))
                    {
                        return;
                    }

                    engine.InFlight--;
                    engine.Completed++;
                    if (!record.Client.Gone)
                    {
                        record.Client.Tasks.Remove(record.ClientTaskId);
                        record.Client.Connection.Send(ResultFrame(engine.Connection, record.ClientTaskId, rest));
                    }

                    DrainBalancedLocked();
                }

                break;
            }

            case MessageKind.CodeRequest:
            {
                var hash = Convert.ToHexString(reader.ReadSequence(CodeBundle.HashLength).ToArray());
                byte[]? bundle;
                lock (_gate)
                {
                    _bundles.TryGetValue(hash, out bundle);
                }

                var frame = new FrameBuilder((byte)MessageKind.CodeBundle, (bundle?.Length ?? 64) + 8);
                if (bundle is not null)
                {
                    frame.Write(bundle);
                }
                else
                {
                    frame.Write(Convert.FromHexString(hash));
                    frame.WriteString(string.Empty);
                    frame.WriteI32(-1);
                }

                engine.Connection.Send(frame.Finish());
                break;
            }

            default:
                throw new ProtocolViolationException($"Engine {engine.Id} sent unexpected message kind {kind}.");
        }
    }

    private void Submit(ClientState client, ref WireReader reader)
    {
        var clientTaskId = reader.ReadU64();
        var target = reader.ReadI32();
        var taskBody = reader.Rest;
        lock (_gate)
        {
            var id = ++_nextTaskId;
            var record = new TaskRecord(id, client, clientTaskId, target, DispatchFrame(client.Connection, id, taskBody));
            if (target >= 0)
            {
                if (!_engines.TryGetValue(target, out var engine))
                {
                    record.Dispatch.Return();
                    FailLocked(record, target, "RemoteKit.EngineNotFoundException",
                        $"There is no engine {target}; the registered engines are [{string.Join(", ", _engines.Keys)}].");
                    return;
                }

                client.Tasks[clientTaskId] = record;
                SendToEngineLocked(engine, record);
                return;
            }

            client.Tasks[clientTaskId] = record;
            var free = PickEngineLocked();
            if (free is not null && _balanced.Count == 0)
            {
                SendToEngineLocked(free, record);
            }
            else
            {
                _balanced.Enqueue(record);
            }
        }
    }

    /// <summary>
    /// The engine's copy of a submitted task: [task id][task body]. A large submission is rewritten in the buffer it was
    /// read into ([client task id][target][body] becomes [task id][body], 4 bytes shorter) so its body is never copied.
    /// </summary>
    private static OutgoingFrame DispatchFrame(FrameConnection from, ulong id, in ReadOnlySequence<byte> taskBody)
    {
        if (from.TryTakeLargeFrame(out var buffer, out var length))
        {
            const int Shift = 4;
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(Shift), (uint)(length - Shift - Frame.PrefixLength));
            buffer[Shift + Frame.PrefixLength] = (byte)MessageKind.Dispatch;
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Shift + Frame.HeaderLength), id);
            return new OutgoingFrame(buffer, Shift, length - Shift);
        }

        var dispatch = new FrameBuilder((byte)MessageKind.Dispatch, (int)taskBody.Length + 8);
        dispatch.WriteU64(id);
        foreach (var segment in taskBody)
        {
            dispatch.Write(segment.Span);
        }

        return dispatch.Finish();
    }

    /// <summary>The client's copy of an engine's result: [client task id][rest]; a large one is rewritten in place.</summary>
    private static OutgoingFrame ResultFrame(FrameConnection from, ulong clientTaskId, in ReadOnlySequence<byte> rest)
    {
        if (from.TryTakeLargeFrame(out var buffer, out var length))
        {
            buffer[Frame.PrefixLength] = (byte)MessageKind.Result;
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(Frame.HeaderLength), clientTaskId);
            return new OutgoingFrame(buffer, 0, length);
        }

        var frame = new FrameBuilder((byte)MessageKind.Result, (int)rest.Length + 8);
        frame.WriteU64(clientTaskId);
        foreach (var segment in rest)
        {
            frame.Write(segment.Span);
        }

        return frame.Finish();
    }

    private void Abort(ClientState client, ref WireReader reader)
    {
        var n = reader.ReadI32();
        lock (_gate)
        {
            for (var i = 0; i < n; i++)
            {
                var clientTaskId = reader.ReadU64();
                if (!client.Tasks.TryGetValue(clientTaskId, out var record))
                {
                    continue;
                }

                if (record.Engine is null)
                {
                    record.Cancelled = true;
                    record.Dispatch.Return();
                    FailLocked(record, -1, "RemoteKit.TaskAbortedException", "The task was aborted before it ran.");
                }
                else
                {
                    var frame = new FrameBuilder((byte)MessageKind.AbortTask, 8);
                    frame.WriteU64(record.Id);
                    record.Engine.Connection.Send(frame.Finish());
                }
            }
        }
    }

    private void Control(ClientState client, ref WireReader reader)
    {
        var requestId = reader.ReadU64();
        var op = (ControlOp)reader.ReadU8();
        var reply = new FrameBuilder((byte)MessageKind.ControlReply, 64);
        reply.WriteU64(requestId);
        switch (op)
        {
            case ControlOp.QueueStatus:
                lock (_gate)
                {
                    reply.WriteI32(_balanced.Count(r => !r.Cancelled));
                    reply.WriteI32(_engines.Count);
                    foreach (var engine in _engines.Values)
                    {
                        reply.WriteI32(engine.Id);
                        reply.WriteI32(Math.Max(0, engine.InFlight - 1));
                        reply.WriteI32(Math.Min(1, engine.InFlight));
                        reply.WriteI64(engine.Completed);
                    }
                }

                client.Connection.Send(reply.Finish());
                break;
            case ControlOp.Shutdown:
                _logger.LogInformation(EventIds.ShutdownRequested, "Client {ClientId} asked the cluster to shut down", client.Id);
                client.Connection.Send(reply.Finish());
                StopAll();
                _stopHost();
                break;
            default:
                throw new ProtocolViolationException($"Unknown control operation {(byte)op}.");
        }
    }

    private void EngineLost(EngineState engine, string reason)
    {
        lock (_gate)
        {
            if (!_engines.Remove(engine.Id))
            {
                return;
            }

            foreach (var record in engine.Outstanding.Values)
            {
                FailLocked(record, engine.Id, "RemoteKit.EngineLostException", $"Engine {engine.Id} was lost before the task finished ({reason}).");
            }

            engine.Outstanding.Clear();
            if (!_stopping)
            {
                AnnounceEnginesLocked();
            }
        }

        if (_stopping)
        {
            return;
        }

        _logger.LogWarning(EventIds.EngineLost, "Engine {EngineId} lost: {Reason}", engine.Id, reason);
    }

    private void SendToEngineLocked(EngineState engine, TaskRecord record)
    {
        record.Engine = engine;
        engine.InFlight++;
        engine.Outstanding[record.Id] = record;
        engine.Connection.Send(record.Dispatch);
    }

    private EngineState? PickEngineLocked()
    {
        EngineState? best = null;
        foreach (var engine in _engines.Values)
        {
            if (engine.InFlight < _options.EngineTaskLimit && (best is null || engine.InFlight < best.InFlight))
            {
                best = engine;
            }
        }

        return best;
    }

    private void DrainBalancedLocked()
    {
        while (_balanced.Count > 0)
        {
            var next = _balanced.Peek();
            if (next.Cancelled)
            {
                _balanced.Dequeue();
                continue;
            }

            var engine = PickEngineLocked();
            if (engine is null)
            {
                return;
            }

            _balanced.Dequeue();
            SendToEngineLocked(engine, next);
        }
    }

    private void FailLocked(TaskRecord record, int engineId, string type, string message)
    {
        record.Client.Tasks.Remove(record.ClientTaskId);
        if (record.Client.Gone)
        {
            return;
        }

        var frame = new FrameBuilder((byte)MessageKind.Result, 128 + message.Length);
        frame.WriteU64(record.ClientTaskId);
        ResultHeader.WriteError(frame, engineId, type, message);
        record.Client.Connection.Send(frame.Finish());
    }

    private void AnnounceEnginesLocked()
    {
        foreach (var client in _clients)
        {
            client.Connection.Send(EngineSetFrameLocked());
        }

        foreach (var engine in _engines.Values)
        {
            var welcome = new FrameBuilder((byte)MessageKind.EngineWelcome, 8);
            welcome.WriteI32(engine.Id);
            welcome.WriteI32(_engines.Count);
            engine.Connection.Send(welcome.Finish());
        }
    }

    private OutgoingFrame EngineSetFrameLocked()
    {
        var frame = new FrameBuilder((byte)MessageKind.EngineSet, 4 + (4 * _engines.Count));
        frame.WriteI32(_engines.Count);
        foreach (var id in _engines.Keys)
        {
            frame.WriteI32(id);
        }

        return frame.Finish();
    }

    private sealed class EngineState(int id, FrameConnection connection)
    {
        public int Id { get; } = id;

        public FrameConnection Connection { get; } = connection;

        public int InFlight { get; set; }

        public long Completed { get; set; }

        public Dictionary<ulong, TaskRecord> Outstanding { get; } = [];
    }

    private sealed class ClientState(int id, FrameConnection connection)
    {
        public int Id { get; } = id;

        public FrameConnection Connection { get; } = connection;

        public bool Gone { get; set; }

        public Dictionary<ulong, TaskRecord> Tasks { get; } = [];
    }

    private sealed class TaskRecord(ulong id, ClientState client, ulong clientTaskId, int target, OutgoingFrame dispatch)
    {
        public ulong Id { get; } = id;

        public ClientState Client { get; } = client;

        public ulong ClientTaskId { get; } = clientTaskId;

        public int Target { get; } = target;

        public OutgoingFrame Dispatch { get; } = dispatch;

        public EngineState? Engine { get; set; }

        public bool Cancelled { get; set; }
    }
}
