using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RemoteKit.Buffers;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// An engine's side of its connection to the controller: handles the controller's frames, queues tasks, and runs them one
/// at a time, sending each result back. Driven through <see cref="IFrameChannel"/>, so it runs without sockets in tests.
/// </summary>
internal sealed partial class EngineSession
{
    private readonly IFrameChannel _channel;
    private readonly ILogger _logger;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly HashSet<ulong> _aborted = [];
    private readonly Dictionary<ulong, WorkItem> _queued = [];
    private readonly HashSet<ulong> _keep = [];
    private readonly TaskCompletionSource _welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CodeStore _code;
    private readonly Action<byte[]> _requestCode;
    private WorkItem? _running;
    private volatile int _engineId = -1;
    private volatile int _engineCount;
    private volatile bool _completed;
    private EngineWelcomeMessage _welcome;
    private readonly HeartbeatResponder _heartbeats;
    private readonly TimeProvider _time;
    private readonly LiveOutputBudget _budget;
    private readonly Flow.KeptTransfers? _transfers;

    /// <param name="channel">The connection to the controller.</param>
    /// <param name="logger">Where the session logs.</param>
    /// <param name="code">The process's code store, shared by the engines it hosts; a new one if null.</param>
    /// <param name="direct">The process's direct path for bulk data, if it has one.</param>
    /// <param name="time">The clock tasks are timed by; <see cref="TimeProvider.System"/> unless a test drives time.</param>
    /// <param name="live">How tasks' output, progress, published values and stream items are sent while they run.</param>
    /// <param name="kept">The store of kept results, bounded by the engine's setting; a default one if null.</param>
    /// <param name="transfers">Sends kept values to other engines' direct paths; none if null.</param>
    /// <param name="variables">The namespace to keep (an engine coming back after it was declared lost keeps its own); a new one if null.</param>
    public EngineSession(
        IFrameChannel channel, ILogger logger, CodeStore? code = null, DirectListener? direct = null, TimeProvider? time = null, LiveSettings? live = null,
        EngineNamespace? variables = null, Flow.KeptStore? kept = null, Flow.KeptTransfers? transfers = null)
    {
        Namespace = variables ?? new EngineNamespace();
        Kept = kept ?? new Flow.KeptStore(EngineOptions.DefaultMaxKeptBytes);
        _transfers = transfers;
        Direct = direct;
        _channel = channel;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Live = live ?? LiveSettings.Default;
        _budget = new LiveOutputBudget(Live, _time);

        // What tasks print goes to their own feeds from here on (once per process).
        OutputCapture.Install();
        _heartbeats = new HeartbeatResponder(channel, logger, _time);
        _code = code ?? new CodeStore();
        _requestCode = hash => _channel.Send(Message.ToFrame(new CodeRequestMessage(hash)));
    }

    /// <summary>The id the controller gave this engine, or -1 before its welcome.</summary>
    public int EngineId => _engineId;

    /// <summary>Whether the controller asked this engine to stop.</summary>
    public bool StopRequested { get; private set; }

    public EngineNamespace Namespace { get; }

    /// <summary>Conditions of tasks sent behind their dependencies, and the outcomes that decide them.</summary>
    internal Flow.ChainedRuns Chains { get; } = new();

    /// <summary>The results this engine keeps for <c>RemoteRef</c>s, by the controller's id of the task that made them.</summary>
    internal Flow.KeptStore Kept { get; }

    /// <summary>Whether the controller welcomed this engine on this connection.</summary>
    public bool Welcomed => _welcomed.Task.IsCompleted;

    /// <summary>The controller's latest welcome: the id, and the token and grace for coming back should the connection be lost.</summary>
    public EngineWelcomeMessage Welcome
    {
        get
        {
            lock (_gate)
            {
                return _welcome;
            }
        }
    }

    /// <summary>Where clients send and receive bulk data directly, or null when they go through the controller.</summary>
    internal DirectListener? Direct { get; }

    /// <summary>How tasks' live output, progress, published values and stream items are sent.</summary>
    internal LiveSettings Live { get; }

    /// <summary>The connection to the controller, which a stream task sends its items on.</summary>
    internal IFrameChannel Connection => _channel;

    /// <summary>The clock.</summary>
    internal TimeProvider Time => _time;

    /// <summary>Handles one frame from the controller.</summary>
    public void OnFrame(byte kind, in ReadOnlySequence<byte> body)
    {
        _heartbeats.Heard();
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.Heartbeat:
                // Answered here, on the read loop, so a long task does not make the engine look dead.
                _heartbeats.Answer(ref reader);
                break;
            case MessageKind.Dispatch:
            {
                var dispatch = DispatchMessage.Read(ref reader);
                Enqueue(dispatch.TaskId, dispatch.Trace, reader.Rest);
                break;
            }

            case MessageKind.AbortTask:
                Abort(AbortTaskMessage.Read(ref reader).TaskId);
                break;
            case MessageKind.StreamCredit:
            {
                var credit = StreamCreditMessage.Read(ref reader);
                lock (_gate)
                {
                    if (_running?.Id == credit.TaskId)
                    {
                        _running.Stream?.Credit(credit.Consumed);
                    }
                }

                break;
            }

            case MessageKind.CodeBundle:
                _code.OnBundle(ref reader);
                break;
            case MessageKind.EngineWelcome:
            {
                var welcome = EngineWelcomeMessage.Read(ref reader);
                lock (_gate)
                {
                    _welcome = welcome;
                }

                _engineId = welcome.EngineId;
                _engineCount = welcome.EngineCount;
                Direct?.Register(welcome.EngineId, this);
                _welcomed.TrySetResult();
                Diagnostics.StartupTrace.Mark("registered", usable: true);
                break;
            }

            case MessageKind.SendKept:
            {
                var send = SendKeptMessage.Read(ref reader);
                if (_transfers is not null && Kept.TryGet(send.RefId, out var value))
                {
                    _transfers.Send(_engineId, send, value);
                }
                else
                {
                    _logger.LogWarning(EventIds.DirectPathUnavailable, "Engine {EngineId} was asked to send kept value {RefId}, which it does not keep", _engineId, send.RefId);
                }

                break;
            }

            case MessageKind.KeepResult:
            {
                var id = KeepMessage.Read(ref reader, toEngine: true).TaskId;
                lock (_gate)
                {
                    // Too late once its result is sent: the caller then keeps the value it got.
                    if (_queued.ContainsKey(id) || _running?.Id == id)
                    {
                        _keep.Add(id);
                    }
                }

                break;
            }

            case MessageKind.Chain:
                Chains.Add(ChainMessage.Read(ref reader));
                break;
            case MessageKind.DropKept:
            {
                var drop = FreeKeptMessage.Read(ref reader, toEngine: true);
                Kept.Remove(drop.RefIds, drop.All);
                break;
            }

            case MessageKind.Stop:
                StopRequested = true;
                _channel.Close("the controller asked the engine to stop");
                break;
            default:
                throw new ProtocolViolationException($"The controller sent unexpected message kind {kind}.");
        }
    }

    /// <summary>Closes the connection once the controller, having sent heartbeats, stays silent for longer than they allow.</summary>
    public Task<bool> WatchControllerAsync(TimeSpan checkEvery, CancellationToken cancellationToken) => _heartbeats.WatchAsync(checkEvery, cancellationToken);

    /// <summary>
    /// Runs queued tasks, once welcomed, until <see cref="Complete"/> is called. Should the loop itself fail (a fault of the
    /// engine's, not of a task: those are answered as errors), the connection is closed naming it, so that the controller
    /// declares the engine lost and its tasks fail or retry elsewhere, and the engine reconnects with a new session, rather
    /// than an engine that keeps taking tasks it will never run.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await _welcomed.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await RunQueuedAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogCritical(EventIds.TaskLoopFailed, e, "Engine {EngineId} stopped running tasks; it closes its connection", _engineId);
            _channel.Close($"engine {_engineId} stopped running tasks: {e.GetType().Name}: {e.Message}");
            Complete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
    }

    private async Task RunQueuedAsync()
    {
        await foreach (var item in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                lock (_gate)
                {
                    _queued.Remove(item.Id);
                    if (_aborted.Remove(item.Id) || _completed)
                    {
                        _keep.Remove(item.Id);
                        RecordForChains(item, "RemoteKit.TaskAbortedException: The task was aborted before it ran.");
                        // Aborted while queued, or the connection is gone: whatever waits here has run elsewhere by now.
                        continue;
                    }

                    _running = item;
                }

                var frame = item.Direct is { } direct ? Message.Start(new DirectResultMessage(direct.ClientTaskId), 256) : Message.Start(new EngineResultMessage(item.Id), 256);
                if (item.Direct is null && Chains.Refusal(item.Id) is { } refusal)
                {
                    // Sent behind a dependency whose outcome here its rule refuses: it fails as the controller would fail it.
                    ResultBody.WriteError(frame, _engineId, ErrorKind.DependencyFailed, refusal, _time.GetUtcNow().UtcTicks);
                    Chains.Record(item.Id, "RemoteKit.DependencyFailedException: " + refusal);
                }
                else
                {
                    await RunOneAsync(item, frame).ConfigureAwait(false);
                }

                if (item.Direct is not null)
                {
                    AnswerDirect(item, frame, flush: false);
                }
                else
                {
                    _channel.Send(frame.Finish());
                }
            }
            finally
            {
                lock (_gate)
                {
                    _running = null;
                }

                item.Dispose();
            }
        }
    }

    /// <summary>
    /// Takes no more tasks, cancels the running one and skips the queued ones (the connection they came on is gone);
    /// <see cref="RunAsync"/> ends once the queue is empty.
    /// </summary>
    public void Complete()
    {
        Direct?.Unregister(_engineId, this);
        _queue.Writer.TryComplete();
        lock (_gate)
        {
            _completed = true;

            // As an abort does: the task's cancellation callbacks run on the thread pool, not under the lock.
            _ = _running?.Cancellation.CancelAsync();
        }
    }

    internal Task<LoadedBundle> GetCodeAsync(ReadOnlyMemory<byte> hash) => _code.GetAsync(hash.Span, _requestCode);

    private void Enqueue(ulong id, ActivityContext trace, in ReadOnlySequence<byte> taskBody) => Enqueue(_channel, id, trace, taskBody, null);

    /// <summary>Queues a task that came on <paramref name="from"/> (the controller's connection, or a client's direct one).</summary>
    private void Enqueue(IFrameChannel from, ulong id, ActivityContext trace, in ReadOnlySequence<byte> taskBody, DirectOrigin? direct)
    {
        WorkItem item;
        if (from.TryTakeLargeFrame(out var frame, out var frameLength))
        {
            // A large task (a push, a scatter) runs from the buffer it was read into.
            var bodyLength = (int)taskBody.Length;
            item = new WorkItem(id, frame, frameLength - bodyLength, bodyLength) { Trace = trace, Direct = direct };
        }
        else
        {
            var length = (int)taskBody.Length;
            var buffer = PooledBuffers.Rent(length);
            taskBody.CopyTo(buffer);
            item = new WorkItem(id, buffer, 0, length) { Trace = trace, Direct = direct };
        }

        lock (_gate)
        {
            _queued[id] = item;

            // Written under the lock: tasks from the controller and from clients' direct connections keep their arrival order.
            if (_queue.Writer.TryWrite(item))
            {
                if (direct is not null)
                {
                    DirectArrived();
                }

                return;
            }

            _queued.Remove(id);
        }

        // The connection to the controller is gone: a client that sent it in one hop hears it as the controller would say it.
        if (direct is not null)
        {
            var lost = Message.Start(new DirectResultMessage(direct.ClientTaskId), 128);
            ResultBody.WriteError(lost, _engineId, ErrorKind.EngineLost, $"Engine {_engineId} was lost before the task finished (its connection to the controller ended).", _time.GetUtcNow().UtcTicks);
            direct.Channel.Send(lost.Finish());
        }

        item.Dispose();
    }
}
