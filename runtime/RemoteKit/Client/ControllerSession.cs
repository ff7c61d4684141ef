using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Launchers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// One connection to the controller: the tasks and requests waiting for an answer, and the engines it announces. Every frame
/// the client sends is built here, and every frame it receives is read here (<see cref="OnFrame"/>), with the message types
/// of <c>RemoteKit.Protocol</c> (task bodies: <see cref="TaskMessages"/>). It talks to an <see cref="IFrameChannel"/>, so unit
/// tests drive it with bytes; <see cref="Open"/> runs it over a real connection's read loop.
/// </summary>
internal sealed partial class ControllerSession : ICodeChannel, IAsyncDisposable
{
    private IFrameChannel _channel;
    private readonly PendingTable _pending = new();
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<byte[]>> _requests = new();
    private readonly ConcurrentDictionary<ulong, string> _methodNames = new();

    /// <summary>Taken when a method's name is first used, to mark it unconfirmed before it is published.</summary>
    private readonly Lock _newNames = new();
    private HeartbeatResponder _heartbeats;
    private Task _run = Task.CompletedTask;
    private long _nextId;
    private volatile Exception? _lost;

    /// <summary>A session over <paramref name="channel"/>; frames from the controller arrive through <see cref="OnFrame"/>.</summary>
    public ControllerSession(IFrameChannel channel, ConnectionInfo info, ILogger logger, ShippingPolicy shipping, TimeProvider? time = null)
    {
        _channel = channel;
        Info = info;
        Logger = logger;
        Outbox = new CodeShipper(this, logger, shipping);
        _heartbeats = new HeartbeatResponder(channel, logger, time);
        _time = time ?? TimeProvider.System;
    }

    private readonly TimeProvider _time;

    /// <summary>A session over a connection, reading its frames until it closes.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="info">The controller it reaches.</param>
    /// <param name="logger">Where the client logs.</param>
    /// <param name="shipping">How code bundles are offered.</param>
    /// <param name="reconnect">
    /// Connects again to the same controller address: given, a lost connection is not the end (see <see cref="ReconnectAsync"/>).
    /// </param>
    public static ControllerSession Open(
        FrameConnection connection, ConnectionInfo info, ILogger logger, ShippingPolicy shipping, Func<CancellationToken, Task<FrameConnection>>? reconnect = null)
    {
        var session = new ControllerSession(connection, info, logger, shipping) { Connection = connection, _reconnect = reconnect };
        session._run = session.RunAsync(connection);
        return session;
    }

    /// <summary>The connection to the controller (tests count the bytes it carries).</summary>
    internal FrameConnection? Connection { get; private set; }

    /// <summary>The controller this session is connected to.</summary>
    public ConnectionInfo Info { get; }

    /// <summary>Where the client logs.</summary>
    public ILogger Logger { get; }

    /// <summary>The engines the controller announced.</summary>
    public EngineRegistry Engines { get; } = new();

    private readonly Dictionary<string, TargetSetMessage> _targetSets = new(StringComparer.Ordinal);
    private int _nextTargetSet = -1;

    /// <summary>
    /// Tells the controller the engines a load-balanced view may use, ahead of that view's tasks (the outbox keeps order),
    /// and returns the set's id.
    /// </summary>
    public int DefineTargetSet(int[]? engineIds, TaskOptions options)
    {
        // Views with the same engines and retry rules share a set, so that a view made per task costs the controller nothing.
        var key = string.Join(',', engineIds ?? []) + "|" + ((int)options.RetryOn).ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" +
            string.Join('\n', options.RetryOnExceptions ?? []);
        lock (_targetSets)
        {
            if (_targetSets.TryGetValue(key, out var known))
            {
                return known.SetId;
            }

            var id = ++_nextTargetSet;
            var set = new TargetSetMessage(id, engineIds ?? [], (byte)options.RetryOn, options.RetryOnExceptions?.ToArray());
            Outbox.Send(Message.ToFrame(set));
            _targetSets.Add(key, set);
            return id;
        }
    }

    /// <summary>Raised on the thread pool when the controller gives up on an engine (lost, and not back within its grace).</summary>
    public event Action<LostEngineVerdict>? EngineGone;

    /// <summary>Every task, abort and control request goes out through here, in order, behind the code it needs.</summary>
    public CodeShipper Outbox { get; }

    /// <summary>Sends a task: tracked until its result arrives, sent once its code is shipped.</summary>
    /// <typeparam name="TState">What <paramref name="writeBody"/> writes from.</typeparam>
    /// <param name="pending">The task.</param>
    /// <param name="target">Where it runs.</param>
    /// <param name="bundle">The code it needs, or null.</param>
    /// <param name="writeBody">Writes the task body (see <see cref="TaskMessages"/>).</param>
    /// <param name="state">The state for <paramref name="writeBody"/>.</param>
    /// <param name="bodySizeHint">The expected body size.</param>
    /// <param name="operation">What the task does, naming the client's span for it.</param>
    public void Submit<TState>(
        PendingTask pending, TaskTarget target, CodeBundle? bundle, Action<FrameBuilder, TState> writeBody, TState state, int bodySizeHint, string operation = "task")
    {
        var frame = StartSubmit(pending, target, bodySizeHint, operation);
        var bodyAt = frame.Position;
        writeBody(frame, state);
        Send(pending, frame, bodyAt, bundle, target, mayResend: target.Retries > 0);
    }

    /// <summary>Sends the same task body to each engine of <paramref name="targets"/>, writing it once.</summary>
    public void SubmitToEach<TState>(
        IReadOnlyList<PendingTask> parts, IReadOnlyList<int> targets, CodeBundle? bundle, Action<FrameBuilder, TState> writeBody, TState state, int bodySizeHint,
        string operation = "task")
    {
        if (parts.Count == 1)
        {
            Submit(parts[0], TaskTarget.Engine(targets[0]), bundle, writeBody, state, bodySizeHint, operation);
            return;
        }

        // Only the body of this frame is used: its kind byte is never sent.
        var template = new FrameBuilder(0, bodySizeHint);
        writeBody(template, state);
        var written = template.Finish();
        try
        {
            var body = written.Memory.Span[Frame.HeaderLength..];
            for (var i = 0; i < parts.Count; i++)
            {
                var target = TaskTarget.Engine(targets[i]);
                var frame = StartSubmit(parts[i], target, body.Length, operation);
                var bodyAt = frame.Position;
                frame.Write(body);
                Send(parts[i], frame, bodyAt, bundle, target);
            }
        }
        finally
        {
            written.Return();
        }
    }

    /// <summary>
    /// Asks the controller to run task <paramref name="taskId"/> of its history again as <paramref name="pending"/>; the
    /// answer is that task's result, or an error saying why it cannot run again.
    /// </summary>
    public void Resubmit(PendingTask pending, ulong taskId)
    {
        pending.ExpectResubmission();
        var frame = Message.ToFrame(new ResubmitMessage(pending.Id, taskId));
        try
        {
            Track(pending);
        }
        catch
        {
            frame.Return();
            throw;
        }

        Outbox.Send(frame, null, pending);
    }

    /// <summary>Tells the controller how many items of a stream the caller has consumed, so its engine may send more.</summary>
    public void Acknowledge(ulong clientTaskId, long consumed) => Send(Message.ToFrame(new StreamAckMessage(clientTaskId, consumed)));

    /// <summary>Asks the controller to abort tasks: queued ones never run, running ones see their token cancelled.</summary>
    public void Abort(IReadOnlyList<PendingTask> tasks)
    {
        foreach (var task in tasks)
        {
            task.AbortRequested = true;
        }

        var viaController = AbortOneHop(tasks);
        if (viaController.Count > 0)
        {
            Outbox.Send(Message.ToFrame(new AbortMessage(viaController.Select(t => t.Id).ToArray())));
        }
    }

    public ulong NextId() => (ulong)Interlocked.Increment(ref _nextId);

    /// <summary>
    /// The name of <paramref name="method"/> for spans and the controller's records; the first time a method is used on this
    /// connection, its name is sent to the controller, ahead of the task.
    /// </summary>
    public string Name(RemoteMethodDescriptor? method)
    {
        if (method is null)
        {
            return "task";
        }

        if (_methodNames.TryGetValue(method.Id, out var known))
        {
            return known;
        }

        // The descriptor's name carries the parameter types (Work.SlowPower(long, int)); records and spans use Type.Method.
        var paren = method.Name.IndexOf('(', StringComparison.Ordinal);
        var name = paren > 0 ? method.Name[..paren] : method.Name;
        // Its tasks go through the controller, behind the name, until the controller is known to have read it. Marked
        // before the name is published, under a lock taken only the first time, so no thread finds the name known and sends
        // a task in one hop ahead of it.
        lock (_newNames)
        {
            if (_methodNames.TryGetValue(method.Id, out known))
            {
                return known;
            }

            MarkNameUnconfirmed(method.Id);
            _methodNames[method.Id] = name;
        }

        Send(Message.ToFrame(new MethodNamesMessage([new(method.Id, name)])));
        _ = ConfirmNameAsync(method.Id);
        return name;
    }

    /// <summary>The completions of every task still waiting for its result.</summary>
    public Task[] Outstanding()
    {
        lock (_pending)
        {
            return _pending.Values.Select(p => p.Completion).ToArray();
        }
    }

    /// <summary>Every task still waiting for its result.</summary>
    public PendingTask[] Pending()
    {
        lock (_pending)
        {
            return [.. _pending.Values];
        }
    }

    /// <summary>Closes the connection; tasks still pending fail.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposing.Cancel();
        _channel.Close("client disposed");
        await _run.ConfigureAwait(false);
        OnClosed(_channel.CloseReason ?? "client disposed");
        if (_channel is IAsyncDisposable owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    async Task<bool> ICodeChannel.HasBundleAsync(CodeBundle bundle, CancellationToken cancellationToken)
    {
        // Sent at once, not through the outbox: the frames held there wait for this answer.
        var reply = await RequestAsync(bundle, static (id, b) => Message.ToFrame(new CodeQueryMessage(id, b.Hash)), ordered: false, cancellationToken).ConfigureAwait(false);
        var reader = new WireReader(new ReadOnlySequence<byte>(reply));
        return CodeQueryReplyMessage.Read(ref reader).Found;
    }

    void ICodeChannel.Upload(CodeBundle bundle)
    {
        Send(Message.ToFrame(new CodeUploadMessage(bundle)));
    }

    void ICodeChannel.Send(OutgoingFrame frame) => Send(frame);

    void ICodeChannel.Fail(PendingTask task, Exception error)
    {
        lock (_pending)
        {
            _pending.Remove(task.Id);
            ForgetLocked(task.Id);
        }

        task.Fail(error);
    }

    private static FrameBuilder StartSubmit(PendingTask pending, TaskTarget target, int bodySizeHint, string operation)
    {
        // A producer span that ends once the task is handed over; the controller's and engine's spans continue its trace.
        using var span = RemoteKitTelemetry.ActivitySource.HasListeners() ? RemoteKitTelemetry.StartSubmit(operation) : null;
        var trace = span?.Context ?? default;
        return Message.Start(new SubmitMessage(pending.Id, target.Value, target.Retries, target.TimeoutMilliseconds, trace), bodySizeHint);
    }

    private void Send(PendingTask pending, FrameBuilder frame, int bodyAt, CodeBundle? bundle, TaskTarget target, bool mayResend = false)
    {
        var finished = frame.Finish();
        try
        {
            if (target.Value >= 0 ? RouteToEngine(pending, finished, bodyAt, bundle, target) : RouteBalanced(pending, finished, bodyAt, bundle, target))
            {
                return;
            }

            Track(pending);
            if (mayResend && _reconnect is not null && pending.MayRunAgain)
            {
                Retain(pending, finished, bundle);
            }
        }
        catch
        {
            finished.Return();
            throw;
        }

        Outbox.Send(finished, bundle, pending);
    }

    private void Track(PendingTask pending)
    {
        pending.GoneNoticesSeen = Interlocked.Read(ref _goneNotices);
        lock (_pending)
        {
            ThrowIfLost();
            _pending.Add(pending.Id, pending);
        }
    }

    private void ThrowIfLost()
    {
        if (_lost is { } lost)
        {
            throw new RemoteKitConnectionException(lost.Message, lost);
        }

    }

    /// <summary>Sends at once. On a closed connection the frame is dropped; the read loop's end fails whatever waits.</summary>
    private void Send(OutgoingFrame frame) => _channel.Send(frame);

    private async Task RunAsync(FrameConnection connection)
    {
        await Task.Yield();
        var reason = "closed";
        try
        {
            while (true)
            {
                var watch = _heartbeats.WatchAsync(RemoteClientDefaults.HeartbeatCheck, connection.Closed);
                try
                {
                    await connection.RunAsync(OnFrame, CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    await watch.ConfigureAwait(false);
                    reason = connection.CloseReason ?? "closed";
                }

                if (await ReconnectAsync(reason).ConfigureAwait(false) is not { } next)
                {
                    return;
                }

                await connection.DisposeAsync().ConfigureAwait(false);
                connection = next;
            }
        }
        finally
        {
            OnClosed(reason);
        }
    }

    /// <summary>The connection ended: every task and request still waiting fails, and nothing more can be sent. Idempotent.</summary>
    public void OnClosed(string reason)
    {
        var error = new RemoteKitConnectionException($"The connection to the controller at {Info} was lost ({reason}).");
        PendingTask[] orphans;
        lock (_pending)
        {
            if (_lost is not null)
            {
                return;
            }

            // Set under the lock Track takes: a task is either failed here or refused by Track, never left hanging.
            _lost = error;
            _reconnecting = null;
            orphans = _pending.Values.ToArray();
            _pending.Clear();
            _retained.Clear();
        }

        foreach (var p in orphans)
        {
            p.Fail(error);
        }

        foreach (var request in _requests.Values)
        {
            request.TrySetException(error);
        }

        Outbox.Close();
        Engines.Close(error);
        StopLeases();
    }
}
