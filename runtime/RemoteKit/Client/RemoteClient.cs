using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MemoryPack;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// A connection to a RemoteKit controller (ipyparallel's <c>Client</c>): hands out views of the engines and
/// carries every task submitted through them. Thread-safe.
/// </summary>
public sealed partial class RemoteClient : IAsyncDisposable, IDisposable
{
    private readonly FrameConnection _connection;
    private readonly ILogger _logger;
    private readonly Dictionary<ulong, PendingTask> _pending = new();
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<ReadOnlyMemory<byte>>> _requests = new();
    private readonly ConcurrentDictionary<string, Task> _shipping = new(StringComparer.Ordinal);
    private readonly HashSet<string> _shipped = new(StringComparer.Ordinal);
    private readonly Lock _sendLock = new();
    private readonly TaskCompletionSource _firstEngineSet = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _run;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<(OutgoingFrame Frame, CodeBundle? Bundle)>? _held;
    private volatile int[] _ids = [];
    private long _nextId;
    private Exception? _lost;
    private Action? _enginesChanged;

    private RemoteClient(FrameConnection connection, ConnectionInfo info, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        ConnectionInfo = info;
        _run = RunAsync();
    }

    /// <summary>The controller this client is connected to.</summary>
    public ConnectionInfo ConnectionInfo { get; }

    /// <summary>The ids of the engines currently registered, ascending.</summary>
    public IReadOnlyList<int> Ids => _ids;

    /// <summary>A view of one engine.</summary>
    /// <param name="engineId">The engine id.</param>
    /// <returns>The engine view.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No engine has that id.</exception>
    public EngineView this[int engineId]
    {
        get
        {
            var ids = _ids;
            if (Array.IndexOf(ids, engineId) < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(engineId), engineId, $"No engine {engineId}; the registered engines are [{string.Join(", ", ids)}].");
            }

            return new EngineView(this, engineId);
        }
    }

    /// <summary>A direct view of a slice of the engines, by position in <see cref="Ids"/> (<c>client[..]</c> is all of them).</summary>
    /// <param name="range">The slice.</param>
    /// <returns>The direct view.</returns>
    public DirectView this[Range range]
    {
        get
        {
            var ids = _ids;
            var (offset, length) = range.GetOffsetAndLength(ids.Length);
            return new DirectView(this, ids.AsSpan(offset, length).ToArray());
        }
    }

    /// <summary>A load-balanced view over all engines, including engines that join later.</summary>
    /// <returns>The view.</returns>
    public LoadBalancedView LoadBalancedView() => new(this);

    /// <summary>Connects to the controller described by <paramref name="info"/>.</summary>
    /// <param name="info">Address and key.</param>
    /// <param name="timeout">How long to keep trying (default 30 s).</param>
    /// <returns>The connected client.</returns>
    public static RemoteClient Connect(ConnectionInfo info, TimeSpan? timeout = null) =>
        ConnectAsync(info, timeout).GetAwaiter().GetResult();

    /// <summary>Connects using a connection file (<c>remotekit-client.json</c>).</summary>
    /// <param name="connectionFile">The file path.</param>
    /// <param name="timeout">How long to wait for the file and the controller (default 30 s).</param>
    /// <returns>The connected client.</returns>
    public static RemoteClient Connect(string connectionFile, TimeSpan? timeout = null) =>
        ConnectAsync(connectionFile, timeout).GetAwaiter().GetResult();

    /// <summary>Connects using a connection file, waiting up to <paramref name="timeout"/> for it to appear.</summary>
    /// <param name="connectionFile">The file path.</param>
    /// <param name="timeout">How long to wait for the file and the controller (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The connected client.</returns>
    public static Task<RemoteClient> ConnectAsync(string connectionFile, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ConnectToFileAsync(connectionFile, null, timeout ?? TimeSpan.FromSeconds(30), cancellationToken);

    /// <summary>Connects to the controller described by <paramref name="info"/>.</summary>
    /// <param name="info">Address and key.</param>
    /// <param name="timeout">How long to keep trying to reach the controller (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    public static async Task<RemoteClient> ConnectAsync(ConnectionInfo info, TimeSpan? timeout = null, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        logger ??= NullLogger.Instance;
        var key = info.GetKeyBytes();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        var attempt = 0;
        while (true)
        {
            try
            {
                var connection = await Connector.ConnectAsync(info.Host, info.Port, key, PeerRole.Client, Connector.DefaultMaxFrameBytes, logger, cts.Token).ConfigureAwait(false);
                var client = new RemoteClient(connection, info, logger);
                await client._firstEngineSet.Task.WaitAsync(cts.Token).ConfigureAwait(false);
                return client;
            }
            catch (System.Net.Sockets.SocketException e) when (!cts.IsCancellationRequested)
            {
                logger.LogDebug(e, "Controller at {Endpoint} not reachable yet", info);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Could not reach a RemoteKit controller at {info} within {timeout ?? TimeSpan.FromSeconds(30)}: is the cluster running?");
            }

            try
            {
                await Task.Delay(Connector.RetryDelay(attempt++), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Could not reach a RemoteKit controller at {info} within {timeout ?? TimeSpan.FromSeconds(30)}: is the cluster running?");
            }

        }
    }

    /// <summary>Waits until at least <paramref name="count"/> engines are registered.</summary>
    /// <param name="count">How many engines to wait for.</param>
    /// <param name="timeout">How long to wait (default 60 s).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task completing when enough engines are registered.</returns>
    /// <exception cref="TimeoutException">Not enough engines registered in time.</exception>
    public async Task WaitForEnginesAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged() => changed.TrySetResult();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(limit);
        while (_ids.Length < count)
        {
            lock (_sendLock)
            {
                if (_ids.Length >= count)
                {
                    break;
                }

                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _enginesChanged += OnChanged;
            }

            try
            {
                await changed.Task.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Only {_ids.Length} of {count} engines registered within {limit}.");
            }
            finally
            {
                lock (_sendLock)
                {
                    _enginesChanged -= OnChanged;
                }
            }

            ThrowIfLost();
        }
    }

    /// <summary>Queue lengths per engine and at the controller.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The status.</returns>
    public async Task<QueueStatusReport> QueueStatusAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(ControlOp.QueueStatus, cancellationToken).ConfigureAwait(false);
        return QueueStatusReport.Read(reply);
    }

    /// <summary>Queue lengths per engine and at the controller (blocking).</summary>
    /// <returns>The status.</returns>
    public QueueStatusReport QueueStatus() => QueueStatusAsync().GetAwaiter().GetResult();

    /// <summary>Waits until every task this client submitted has finished.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns><see langword="true"/> if all finished in time.</returns>
    public bool Wait(TimeSpan? timeout = null) => WaitAsync(timeout).GetAwaiter().GetResult();

    /// <summary>Waits until every task this client submitted has finished.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns><see langword="true"/> if all finished in time.</returns>
    public async Task<bool> WaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Task[] tasks;
        lock (_pending)
        {
            tasks = _pending.Values.Select(p => p.Completion).ToArray();
        }

        var all = Task.WhenAll(tasks);
        try
        {
            await all.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (all.IsCompleted)
        {
            // Failures belong to each task's own result; waiting only asks whether they finished.
        }

        return true;
    }

    /// <summary>Stops every engine and the controller (ipyparallel's <c>client.shutdown(hub=True)</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task completing when the controller has accepted the request.</returns>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        await RequestAsync(ControlOp.Shutdown, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every engine and the controller (blocking).</summary>
    public void Shutdown() => ShutdownAsync().GetAwaiter().GetResult();

    /// <summary>Closes the connection. Tasks still pending fail.</summary>
    /// <returns>A task completing when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        _connection.Close("client disposed");
        await _run.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal AsyncResult<T> Submit<T>(RemoteCall call, TaskTarget target, CancellationToken cancellationToken)
    {
        var bundle = CodeBundle.ForAssembly(call.Method.DeclaringType.Assembly);
        var pending = new PendingTask<T>(NextId(), Decoders<T>.MemoryPack);
        var frame = BuildCall(pending.Id, target, call, bundle);
        Track(pending);
        SendTask(frame, bundle);
        var result = new AsyncResult<T>(this, [pending], pending.Task);
        RegisterAbort(result, cancellationToken);
        return result;
    }

    internal AsyncResult<T[]> SubmitAll<T>(RemoteCall call, IReadOnlyList<int> targets, CancellationToken cancellationToken)
    {
        var bundle = CodeBundle.ForAssembly(call.Method.DeclaringType.Assembly);
        var parts = new PendingTask<T>[targets.Count];

        // The arguments are the same for every engine: serialize them once, copy the bytes into each engine's frame.
        using var body = new PooledBufferWriter(64);
        WriteCallBody(body, call, bundle);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = new PendingTask<T>(NextId(), Decoders<T>.MemoryPack);
            var frame = new FrameBuilder((byte)MessageKind.Submit, body.WrittenCount + 16);
            frame.WriteU64(parts[i].Id);
            frame.WriteI32(targets[i]);
            frame.Write(body.WrittenSpan);
            Track(parts[i]);
            SendTask(frame.Finish(), bundle);
        }

        var result = new AsyncResult<T[]>(this, parts, Gather(parts));
        RegisterAbort(result, cancellationToken);
        return result;
    }

    /// <summary>Sends a task whose body the caller writes (push, pull, execute, batches), tracked like any other.</summary>
    internal PendingTask<T> SubmitRaw<T>(TaskTarget target, Func<ReadOnlySequence<byte>, T> decode, CodeBundle? bundle, Action<FrameBuilder> writeBody, int sizeHint = 64)
    {
        var pending = new PendingTask<T>(NextId(), decode);
        var frame = new FrameBuilder((byte)MessageKind.Submit, sizeHint + 16);
        frame.WriteU64(pending.Id);
        frame.WriteI32(target.Value);
        writeBody(frame);
        Track(pending);
        SendTask(frame.Finish(), bundle);
        return pending;
    }

    internal void RegisterAbort(AsyncResult result, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled && !result.IsReady)
        {
            var registration = cancellationToken.Register(static r => ((AsyncResult)r!).Abort(), result);
            result.Completion.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
        }
    }

    internal static async Task<T[]> Gather<T>(PendingTask<T>[] parts)
    {
        try
        {
            await Task.WhenAll(parts.Select(p => p.Task)).ConfigureAwait(false);
        }
        catch
        {
            throw new AggregateException(
                "The task failed on " + parts.Count(p => p.Task.IsFaulted) + " of " + parts.Length + " engines.",
                parts.Where(p => p.Task.IsFaulted).SelectMany(p => p.Task.Exception!.InnerExceptions));
        }

        var results = new T[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            results[i] = parts[i].Task.Result;
        }

        return results;
    }

    internal void Abort(IReadOnlyList<PendingTask> parts)
    {
        var frame = new FrameBuilder((byte)MessageKind.Abort, 4 + (8 * parts.Count));
        frame.WriteI32(parts.Count);
        foreach (var p in parts)
        {
            frame.WriteU64(p.Id);
        }

        SendControl(frame.Finish());
    }

    internal static void WriteCallBody(IBufferWriter<byte> w, RemoteCall call, CodeBundle bundle)
    {
        w.WriteU8((byte)TaskKind.Call);
        w.WriteU64(call.Method.Id);
        w.Write(bundle.Hash);
        WriteArguments(w, call);
    }

    internal static void WriteArguments<TBuffer>(TBuffer w, RemoteCall call)
        where TBuffer : IBufferWriter<byte>
    {
        using var state = MemoryPackWriterOptionalStatePool.Rent(null);
        var writer = new MemoryPackWriter<TBuffer>(ref w, state);
        call.WriteArguments(ref writer);
        writer.Flush();
    }

    private OutgoingFrame BuildCall(ulong id, TaskTarget target, RemoteCall call, CodeBundle bundle)
    {
        var frame = new FrameBuilder((byte)MessageKind.Submit, 64);
        frame.WriteU64(id);
        frame.WriteI32(target.Value);
        WriteCallBody(frame, call, bundle);
        return frame.Finish();
    }

    private ulong NextId() => (ulong)Interlocked.Increment(ref _nextId);

    private void Track(PendingTask pending)
    {
        lock (_pending)
        {
            ThrowIfLost();
            _pending.Add(pending.Id, pending);
        }
    }

    private void ThrowIfLost()
    {
        if (_lost is not null)
        {
            throw new RemoteKitConnectionException(_lost.Message);
        }
    }

    private async Task<ReadOnlyMemory<byte>> RequestAsync(ControlOp op, CancellationToken cancellationToken)
    {
        ThrowIfLost();
        var id = NextId();
        var tcs = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[id] = tcs;
        var frame = new FrameBuilder((byte)MessageKind.ControlRequest, 16);
        frame.WriteU64(id);
        frame.WriteU8((byte)op);
        SendControl(frame.Finish());
        try
        {
            return await tcs.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requests.TryRemove(id, out _);
        }
    }

    private void SendControl(OutgoingFrame frame)
    {
        lock (_sendLock)
        {
            if (_held is null)
            {
                _connection.Send(frame);
            }
            else
            {
                _held.Add((frame, null));
            }
        }
    }

    /// <summary>
    /// Sends a task once its code is known to the controller. Until then it, and everything sent after it, waits in
    /// order, so a push issued after an apply never overtakes it.
    /// </summary>
    private void SendTask(OutgoingFrame frame, CodeBundle? bundle)
    {
        lock (_sendLock)
        {
            if (_held is null && (bundle is null || _shipped.Contains(bundle.HashKey)))
            {
                _connection.Send(frame);
                return;
            }

            _held ??= [];
            _held.Add((frame, bundle));
            if (bundle is not null && !_shipped.Contains(bundle.HashKey))
            {
                _shipping.GetOrAdd(bundle.HashKey, _ => ShipAsync(bundle));
            }
        }
    }

    private async Task ShipAsync(CodeBundle bundle)
    {
        try
        {
            var id = NextId();
            var tcs = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _requests[id] = tcs;
            var query = new FrameBuilder((byte)MessageKind.CodeQuery, 48);
            query.WriteU64(id);
            query.Write(bundle.Hash);
            _connection.Send(query.Finish());
            var reply = await tcs.Task.ConfigureAwait(false);
            _requests.TryRemove(id, out _);
            if (reply.Span[0] == 0)
            {
                var upload = new FrameBuilder((byte)MessageKind.CodeUpload, bundle.Assemblies.Sum(a => a.Bytes.Length + 64) + 64);
                bundle.Write(upload);
                _connection.Send(upload.Finish());
            }

            lock (_sendLock)
            {
                _shipped.Add(bundle.HashKey);
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Shipping code bundle {Bundle} failed", bundle.RootName);
        }
        finally
        {
            _shipping.TryRemove(bundle.HashKey, out _);
            ReleaseHeld();
        }
    }

    private void ReleaseHeld()
    {
        lock (_sendLock)
        {
            if (_held is null)
            {
                return;
            }

            var sent = 0;
            foreach (var (frame, bundle) in _held)
            {
                if (bundle is not null && !_shipped.Contains(bundle.HashKey))
                {
                    break;
                }

                _connection.Send(frame);
                sent++;
            }

            _held.RemoveRange(0, sent);
            if (_held.Count == 0)
            {
                _held = null;
            }
            else if (_held[0].Bundle is { } next && !_shipping.ContainsKey(next.HashKey))
            {
                _shipping.GetOrAdd(next.HashKey, _ => ShipAsync(next));
            }
        }
    }

    private async Task RunAsync()
    {
        await Task.Yield();
        try
        {
            await _connection.RunAsync(OnFrame, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            var reason = _connection.CloseReason ?? "closed";
            var error = new RemoteKitConnectionException($"The connection to the controller at {ConnectionInfo} was lost ({reason}).");
            _firstEngineSet.TrySetException(error);
            PendingTask[] orphans;
            lock (_pending)
            {
                // Set under the same lock Track takes: a task is either failed here or refused by Track, never left hanging.
                _lost = error;
                orphans = _pending.Values.ToArray();
                _pending.Clear();
            }

            foreach (var p in orphans)
            {
                p.Fail(error);
            }

            foreach (var request in _requests.Values)
            {
                request.TrySetException(error);
            }

            lock (_sendLock)
            {
                _held?.ForEach(h => h.Frame.Return());
                _held = null;
                _enginesChanged?.Invoke();
            }
        }
    }

    private void OnFrame(byte kind, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        switch ((MessageKind)kind)
        {
            case MessageKind.Result:
            {
                var id = reader.ReadU64();
                var header = ResultHeader.Read(ref reader);
                var payload = reader.ReadSequence(header.PayloadLength);
                var stdout = reader.ReadString();
                var stderr = reader.ReadString();
                PendingTask? pending;
                lock (_pending)
                {
                    _pending.Remove(id, out pending);
                }

                pending?.Complete(header, payload, stdout, stderr);
                break;
            }

            case MessageKind.EngineSet:
            {
                var n = reader.ReadI32();
                var ids = new int[n];
                for (var i = 0; i < n; i++)
                {
                    ids[i] = reader.ReadI32();
                }

                Array.Sort(ids);
                Action? changed;
                lock (_sendLock)
                {
                    _ids = ids;
                    changed = _enginesChanged;
                }

                changed?.Invoke();
                _firstEngineSet.TrySetResult();
                break;
            }

            case MessageKind.CodeQueryReply:
            case MessageKind.ControlReply:
            {
                var id = reader.ReadU64();
                if (_requests.TryGetValue(id, out var tcs))
                {
                    tcs.TrySetResult(reader.Rest.ToArray());
                }

                break;
            }

            default:
                throw new ProtocolViolationException($"The controller sent an unexpected message kind {kind}.");
        }
    }
}

/// <summary>The connection to the controller was lost or could not be used.</summary>
public sealed class RemoteKitConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    public RemoteKitConnectionException(string message)
        : base(message)
    {
    }
}
