using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// An engine's hosted service: connects to the controller, receives tasks into a local queue, and runs them one at a time,
/// sending each result (or the exception's type, message and stack trace) back. Exits when the controller goes away.
/// </summary>
public sealed class EngineService : BackgroundService
{
    private readonly EngineOptions _options;
    private readonly ILogger<EngineService> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<ulong> _aborted = [];
    private readonly HashSet<ulong> _queued = [];
    private readonly EngineNamespace _namespace = new();
    private readonly TaskCompletionSource _welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FrameConnection? _connection;
    private CodeStore? _code;
    private WorkItem? _running;
    private int _engineId = -1;
    private volatile bool _stopRequested;
    private int _engineCount;

    /// <summary>Creates the service.</summary>
    /// <param name="options">Engine options.</param>
    /// <param name="logger">Logger.</param>
    /// <param name="lifetime">Host lifetime, stopped when the controller goes away.</param>
    public EngineService(IOptions<EngineOptions> options, ILogger<EngineService> logger, IHostApplicationLifetime lifetime)
    {
        _options = options.Value;
        _logger = logger;
        _lifetime = lifetime;
    }

    /// <summary>The id the controller gave this engine, or -1 before registration.</summary>
    public int EngineId => _engineId;

    internal EngineNamespace Namespace => _namespace;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        OutputCapture.Install();
        var info = await ResolveConnectionAsync(stoppingToken).ConfigureAwait(false);
        _connection = await ConnectWithRetryAsync(info, stoppingToken).ConfigureAwait(false);
        _code = new CodeStore(hash =>
        {
            var request = new FrameBuilder((byte)MessageKind.CodeRequest, CodeBundle.HashLength);
            request.Write(hash);
            _connection.Send(request.Finish());
        });
        _logger.LogInformation(EventIds.EngineConnected, "Engine connected to controller at {Controller}", info);

        var executing = ExecuteLoopAsync(stoppingToken);
        await _connection.RunAsync(OnFrame, stoppingToken).ConfigureAwait(false);
        _queue.Writer.TryComplete();
        if (!stoppingToken.IsCancellationRequested)
        {
            if (_stopRequested)
            {
                _logger.LogInformation(EventIds.ControllerLost, "The controller asked engine {EngineId} to stop", _engineId);
            }
            else
            {
                _logger.LogWarning(EventIds.ControllerLost, "Lost the controller ({Reason}); engine {EngineId} exits", _connection.CloseReason, _engineId);
            }
        }

        lock (_aborted)
        {
            _running?.Cancellation.Cancel();
        }

        await executing.WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _lifetime.StopApplication();
    }

    private async Task<ConnectionInfo> ResolveConnectionAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_options.ConnectionFile))
        {
            return await ConnectionFiles.WaitForAsync(_options.ConnectionFile, _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(_options.Host) || _options.Port <= 0 || string.IsNullOrEmpty(_options.Key))
        {
            throw new InvalidOperationException("An engine needs a controller: set RemoteKit:Engine:ConnectionFile, or Host, Port and Key.");
        }

        return new ConnectionInfo { Host = _options.Host, Port = _options.Port, Key = _options.Key, TlsFingerprint = string.IsNullOrEmpty(_options.TlsFingerprint) ? null : _options.TlsFingerprint };
    }

    private async Task<FrameConnection> ConnectWithRetryAsync(ConnectionInfo info, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_options.ConnectTimeout);
        var key = info.GetKeyBytes();
        var attempt = 0;
        while (true)
        {
            try
            {
                return await Connector.ConnectAsync(info.Host, info.Port, key, PeerRole.Engine, _options.MaxFrameBytes, _logger, cts.Token, info.TlsFingerprint).ConfigureAwait(false);
            }
            catch (SocketException) when (!cts.IsCancellationRequested)
            {
                await Task.Delay(Connector.RetryDelay(attempt++), cts.Token).ConfigureAwait(false);
            }
        }
    }

    private void OnFrame(byte kind, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.Dispatch:
            {
                var id = reader.ReadU64();
                var rest = reader.Rest;
                lock (_aborted)
                {
                    _queued.Add(id);
                }

                if (_connection!.TryTakeLargeFrame(out var frame, out var frameLength))
                {
                    // A large task (a push, a scatter) runs from the buffer it was read into.
                    const int BodyAt = Frame.HeaderLength + sizeof(ulong);
                    _queue.Writer.TryWrite(new WorkItem(id, frame, BodyAt, frameLength - BodyAt));
                    break;
                }

                var buffer = ArrayPool<byte>.Shared.Rent((int)rest.Length);
                rest.CopyTo(buffer);
                _queue.Writer.TryWrite(new WorkItem(id, buffer, 0, (int)rest.Length));
                break;
            }

            case MessageKind.AbortTask:
            {
                var id = reader.ReadU64();
                lock (_aborted)
                {
                    if (_running?.Id == id)
                    {
                        _running.Cancellation.Cancel();
                    }
                    else if (_queued.Remove(id))
                    {
                        // Still waiting in the local queue: answer now, and skip it when its turn comes.
                        _aborted.Add(id);
                        var frame = new FrameBuilder((byte)MessageKind.EngineResult, 128);
                        frame.WriteU64(id);
                        ResultHeader.WriteError(frame, _engineId, "RemoteKit.TaskAbortedException", "The task was aborted before it ran.");
                        _connection!.Send(frame.Finish());
                    }
                }

                break;
            }

            case MessageKind.CodeBundle:
                _code!.OnBundle(ref reader);
                break;
            case MessageKind.EngineWelcome:
                _engineId = reader.ReadI32();
                _engineCount = reader.ReadI32();
                _welcomed.TrySetResult();
                break;
            case MessageKind.Stop:
                _stopRequested = true;
                _connection!.Close("the controller asked the engine to stop");
                break;
            default:
                throw new ProtocolViolationException($"The controller sent unexpected message kind {kind}.");
        }
    }

    private async Task ExecuteLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await _welcomed.Task.WaitAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await foreach (var item in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                lock (_aborted)
                {
                    _queued.Remove(item.Id);
                    if (_aborted.Remove(item.Id))
                    {
                        continue;
                    }

                    _running = item;
                }

                var frame = new FrameBuilder((byte)MessageKind.EngineResult, 256);
                frame.WriteU64(item.Id);
                await RunAsync(item, frame).ConfigureAwait(false);
                _connection!.Send(frame.Finish());
            }
            finally
            {
                lock (_aborted)
                {
                    _running = null;
                }

                item.Dispose();
            }
        }
    }

    private async Task RunAsync(WorkItem item, FrameBuilder frame)
    {
        var started = DateTime.UtcNow.Ticks;
        var headerAt = frame.Reserve(ResultHeader.Size);
        var payloadAt = frame.Position;
        var output = OutputCapture.Begin();
        Exception? failure = null;
        try
        {
            await TaskRunner.RunAsync(this, item, frame, new RemoteContext(_engineId, _engineCount, _namespace, item.Cancellation.Token)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e is OperationCanceledException && item.Cancellation.IsCancellationRequested
                ? new TaskAbortedException("The task was aborted while running.", e)
                : e;
        }
        finally
        {
            OutputCapture.End();
        }

        var completed = DateTime.UtcNow.Ticks;
        if (failure is not null)
        {
            _logger.LogDebug(EventIds.TaskFailed, failure, "Task {TaskId} failed", item.Id);
            frame.Truncate(payloadAt);
            TaskRunner.WriteError(frame, failure);
        }

        var status = failure is null ? ResultStatus.Ok : ResultStatus.Error;
        new ResultHeader(status, _engineId, started, completed, frame.Position - payloadAt).WriteTo(frame.At(headerAt, ResultHeader.Size));
        frame.WriteString(output.Stdout());
        frame.WriteString(output.Stderr());
    }

    internal Task<LoadedBundle> GetCodeAsync(ReadOnlySpan<byte> hash) => _code!.GetAsync(hash);

    internal int EngineCount => _engineCount;

    internal int Id => _engineId;
}

/// <summary>A task received from the controller, waiting in the engine's queue.</summary>
internal sealed class WorkItem(ulong id, byte[] buffer, int offset, int length) : IDisposable
{
    public ulong Id { get; } = id;

    public ReadOnlyMemory<byte> Body => buffer.AsMemory(offset, length);

    public CancellationTokenSource Cancellation { get; } = new();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        Cancellation.Dispose();
    }
}
