using System.Buffers;
using Microsoft.Extensions.Logging;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller;

/// <summary>
/// The controller's routing core: the registry of engines and clients, the task table and the load-balancing queue, under
/// one lock; every handler is short, builds its frames before taking the lock, and never waits while holding it. The code
/// store (<see cref="BundleStore"/>) is separate and needs no lock. Driven through <see cref="IFrameChannel"/>, so it runs
/// without sockets in tests.
/// </summary>
internal sealed partial class Hub
{
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly Action _stopHost;
    private readonly TimeProvider _time;
    private readonly Action<Action> _defer;
    private bool _announcePending;

    /// <summary>The largest balanced task the hub keeps a copy of while it waits in an engine's queue.</summary>
    private const int KeptQueuedTaskBytes = 64 * 1024;

    /// <summary>How often per heartbeat interval <see cref="Tick"/> runs.</summary>
    public const int TicksPerInterval = 4;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, EngineState> _engines = new();

    /// <summary>
    /// <see cref="_engines"/>' values in id order, made anew when an engine joins or leaves: the balancer looks at every engine
    /// for every task, and enumerating a sorted dictionary allocates.
    /// </summary>
    private EngineState[] _engineList = [];
    private readonly List<ClientState> _clients = [];
    private readonly Queue<TaskRecord> _balanced = new();
    private readonly Queue<TaskRecord> _retrying = new();
    private readonly List<TaskRecord> _timed = [];
    private readonly Dictionary<int, LostEngine> _lost = [];
    private readonly BundleStore _code = new();
    private readonly IHubObserver _observer;
    private int _nextEngineId;
    private readonly long _startedAt;
    private int _nextClientId;
    private long _nextTaskId;
    private long _lastPing = long.MinValue / 2;
    private long _lastSweep;
    private long _nextDispatch;
    private bool _stopping;

    /// <param name="options">The controller's settings.</param>
    /// <param name="logger">Where the hub logs.</param>
    /// <param name="stopHost">Stops the controller's host (a client asked for a shutdown).</param>
    /// <param name="observer">What watches the tasks (metrics, traces, history, dashboard); nothing if null.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> unless a test drives time.</param>
    /// <param name="defer">Runs work soon on another thread (the thread pool); tests run it at once.</param>
    public Hub(ControllerOptions options, ILogger logger, Action stopHost, IHubObserver? observer = null, TimeProvider? time = null, Action<Action>? defer = null)
    {
        _defer = defer ?? (static work => ThreadPool.UnsafeQueueUserWorkItem(static w => ((Action)w!)(), work));
        _options = options;
        _logger = logger;
        _stopHost = stopHost;
        _time = time ?? TimeProvider.System;
        _observer = observer ?? NullHubObserver.Instance;
        _nextTaskId = (long)_observer.LastTaskId;
        _lastSweep = NowMs();
        _startedAt = _lastSweep;
    }

    /// <summary>Milliseconds on the hub's monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), what every deadline and silence is measured in.</summary>
    private long NowMs() => _time.GetTimestamp() / (_time.TimestampFrequency / 1000);

    public async Task RunEngineAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        // Registered by its first frame, the hello: a new engine, or one coming back after being declared lost.
        EngineState? engine = null;
        var refused = false;

        // An engine sending or receiving a frame that takes longer than its heartbeats allow (a large value) is alive.
        connection.Progress = () =>
        {
            if (Volatile.Read(ref engine) is { } e)
            {
                Volatile.Write(ref e.LastHeard, NowMs());
            }
        };
        using var helloDeadline = _time.CreateTimer(
            static state => ((FrameConnection)state!).Close("no hello from the engine"), connection, _options.HandshakeTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await connection.RunAsync((byte kind, in ReadOnlySequence<byte> body) =>
            {
                if (engine is not null)
                {
                    OnEngineFrame(engine, kind, body);
                    return;
                }

                if (refused)
                {
                    return;
                }

                if ((MessageKind)kind != MessageKind.EngineHello)
                {
                    throw new ProtocolViolationException($"An engine's first frame must be its hello, not message kind {kind}.");
                }

                helloDeadline.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                var reader = new WireReader(body);
                Volatile.Write(ref engine, AdmitEngine(connection, EngineHelloMessage.Read(ref reader)));
                refused = engine is null;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (engine is not null)
            {
                RemoveEngine(engine, connection.CloseReason ?? "connection closed");
            }
        }
    }

    public async Task RunClientAsync(FrameConnection connection, CancellationToken cancellationToken)
    {
        var client = AddClient(connection);
        connection.Progress = () => Volatile.Write(ref client.LastHeard, NowMs());
        try
        {
            await connection.RunAsync((byte kind, in ReadOnlySequence<byte> body) => OnClientFrame(client, kind, body), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RemoveClient(client);
        }
    }

    /// <summary>Registers a client; it is sent the current engines.</summary>
    public ClientState AddClient(IFrameChannel channel)
    {
        ClientState client;
        lock (_gate)
        {
            client = new ClientState(_nextClientId++, channel) { LastHeard = NowMs() };
            channel.Name = $"client {client.Id} ({channel.Name})";
            _clients.Add(client);
            channel.Send(Message.ToFrame(new EngineSetMessage(_engines.Keys)));
        }

        _observer.ClientJoined(client.Id, channel.Name);
        _logger.LogInformation(EventIds.ClientConnected, "Client {ClientId} connected from {Peer}", client.Id, channel.Name);
        return client;
    }

    /// <summary>Forgets a client whose connection ended; its queued tasks are dropped, its running ones finish unheard.</summary>
    public void RemoveClient(ClientState client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
            client.Gone = true;
            foreach (var record in client.Tasks.Values)
            {
                if (record.Engine is null)
                {
                    record.Cancelled = true;
                    FinishLocked(record);
                    _observer.TaskFailed(record.Watch, -1, ErrorKind.Aborted, "The client disconnected before the task ran.");
                }
            }

            client.Tasks.Clear();
            client.Dependents.Clear();
            ForgetDirectClientLocked(client);
            if (client.Leases.Count > 0)
            {
                DropClientLeasesLocked(client);
                DrainBalancedLocked();
            }

            FreeKeptLocked(client, null);
        }

        _observer.ClientLeft(client.Id);

        _logger.LogInformation(EventIds.ClientDisconnected, "Client {ClientId} disconnected", client.Id);
    }

    /// <summary>Tells every engine to stop and closes every connection.</summary>
    public void StopAll()
    {
        lock (_gate)
        {
            _stopping = true;
            foreach (var engine in _engines.Values)
            {
                engine.Channel.Send(Message.ToFrame(default(StopMessage)));
                engine.Channel.CloseAfterSending("controller stopping");
            }

            foreach (var client in _clients)
            {
                client.Channel.Send(Message.ToFrame(default(ControllerStoppingMessage)));
                client.Channel.CloseAfterSending("controller stopping");
            }
        }
    }

    /// <summary>Handles one frame from a client.</summary>
    public void OnClientFrame(ClientState client, byte kind, in ReadOnlySequence<byte> body)
    {
        Volatile.Write(ref client.LastHeard, NowMs());
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.HeartbeatReply:
                break;
            case MessageKind.Submit:
                Submit(client, SubmitMessage.Read(ref reader), reader.Rest);
                break;
            case MessageKind.Abort:
                Abort(client, AbortMessage.Read(ref reader));
                break;
            case MessageKind.Resubmit:
                Resubmit(client, ResubmitMessage.Read(ref reader));
                break;
            case MessageKind.DirectAborted:
                DirectAborted(DirectAbortedMessage.Read(ref reader));
                break;
            case MessageKind.LeaseRequest:
                RequestLeases(client, LeaseRequestMessage.Read(ref reader));
                break;
            case MessageKind.LeaseReturn:
                ReturnLease(client, LeaseReturnMessage.Read(ref reader));
                break;
            case MessageKind.DirectLost:
                DirectLost(client, DirectLostMessage.Read(ref reader));
                break;
            case MessageKind.CodeQuery:
            {
                var query = CodeQueryMessage.Read(ref reader);
                client.Channel.Send(Message.ToFrame(new CodeQueryReplyMessage(query.RequestId, _code.Contains(query.Hash))));
                break;
            }

            case MessageKind.CodeUpload:
                _code.Add(body);
                break;
            case MessageKind.ControlRequest:
                Control(client, ControlRequestMessage.Read(ref reader));
                break;
            case MessageKind.StreamAck:
                Acknowledge(client, StreamAckMessage.Read(ref reader));
                break;
            case MessageKind.TargetSet:
            {
                var set = TargetSetMessage.Read(ref reader);
                var rules = new TargetSet(
                    set.EngineIds.Count > 0 ? [.. set.EngineIds] : null,
                    (set.RetryOn & TargetSetMessage.RetryOnEngineLost) != 0, (set.RetryOn & TargetSetMessage.RetryOnException) != 0,
                    set.ExceptionTypes is { Count: > 0 } types ? new HashSet<string>(types, StringComparer.Ordinal) : null);
                lock (_gate)
                {
                    client.TargetSets[set.SetId] = rules;
                }

                break;
            }

            case MessageKind.Keep:
            {
                var keep = KeepMessage.Read(ref reader, toEngine: false);
                lock (_gate)
                {
                    KeepLocked(client, keep.TaskId);
                }

                break;
            }

            case MessageKind.FreeKept:
            {
                var free = FreeKeptMessage.Read(ref reader, toEngine: false);
                lock (_gate)
                {
                    FreeKeptLocked(client, free.RefIds);
                }

                break;
            }

            case MessageKind.MethodNames:
                _observer.MethodsNamed(MethodNamesMessage.Read(ref reader).Names);
                break;
            case MessageKind.HistoryRequest:
                _observer.HistoryRequested(client.Channel, body);
                break;
            default:
                throw new ProtocolViolationException($"A client sent unexpected message kind {kind}.");
        }
    }

    /// <summary>Handles one frame from an engine.</summary>
    public void OnEngineFrame(EngineState engine, byte kind, in ReadOnlySequence<byte> body)
    {
        Volatile.Write(ref engine.LastHeard, NowMs());
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.HeartbeatReply:
            {
                // The process id is shown on the dashboard, never acted on: only whoever started a process may end it.
                var report = HeartbeatReplyMessage.Read(ref reader);
                _observer.EngineReported(engine.Id, report.ProcessId, report.WorkingSetBytes);
                break;
            }
            case MessageKind.EngineResult:
                Completed(engine, EngineResultMessage.Read(ref reader).TaskId, reader.Rest);
                break;
            case MessageKind.EngineTaskEvent:
                Forward(engine, EngineTaskEventMessage.Read(ref reader), reader.Rest);
                break;
            case MessageKind.DirectOutcomes:
                DirectOutcomes(engine, ref reader);
                break;
            case MessageKind.DirectBacklog:
                DirectBacklog(engine, DirectBacklogMessage.Read(ref reader));
                break;
            case MessageKind.DirectTimedOut:
                DirectTimedOut(engine, DirectTimedOutMessage.Read(ref reader));
                break;
            case MessageKind.DirectFlushed:
                DirectFlushed(DirectFlushedMessage.Read(ref reader));
                break;
            case MessageKind.EngineEndpoint:
            {
                var endpoint = EngineEndpointMessage.Read(ref reader);
                lock (_gate)
                {
                    engine.Endpoint = endpoint;
                }

                break;
            }

            case MessageKind.CodeRequest:
                engine.Channel.Send(Message.ToFrame(_code.Reply(CodeRequestMessage.Read(ref reader).Hash)));
                break;
            default:
                throw new ProtocolViolationException($"Engine {engine.Id} sent unexpected message kind {kind}.");
        }
    }

    private void Control(ClientState client, ControlRequestMessage request)
    {
        switch (request.Op)
        {
            case ControlOp.QueueStatus:
            {
                QueueStatusReply status;
                lock (_gate)
                {
                    // A change of the engine set not yet announced goes first: the reply never tells of engines the
                    // client has not heard of, nor misses the departure of one it has.
                    if (_announcePending && !_stopping)
                    {
                        _announcePending = false;
                        AnnounceEnginesLocked();
                    }

                    // An engine's one-hop tasks (an engine view's, and those sent on a lease) as it last reported them.
                    status = new QueueStatusReply(
                        _balanced.Count(r => !r.Cancelled),
                        _engines.Values.Select(e =>
                        {
                            var held = e.InFlight + e.DirectBacklog;
                            return new EngineQueueLine(e.Id, Math.Max(0, held - 1), Math.Min(1, held), e.Completed, e.KeptBytes, e.KeptValues, e.DirectBacklog);
                        }).ToArray());
                }

                var reply = Message.Start(new ControlReplyMessage(request.RequestId), 8 + (36 * status.Engines.Count));
                status.Write(reply);
                client.Channel.Send(reply.Finish());
                break;
            }

            case ControlOp.TaskIds:
                GrantTaskIds(client, request);
                break;
            case ControlOp.Shutdown:
                _logger.LogInformation(EventIds.ShutdownRequested, "Client {ClientId} asked the cluster to shut down", client.Id);
                client.Channel.Send(Message.ToFrame(new ControlReplyMessage(request.RequestId)));
                StopAll();
                _stopHost();
                break;
            default:
                throw new ProtocolViolationException($"Unknown control operation {(byte)request.Op}.");
        }
    }
}
