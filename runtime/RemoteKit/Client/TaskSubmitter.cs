using System.Buffers;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>Turns what views ask for into tasks on the session, and their results into <see cref="AsyncResult"/>s.</summary>
internal sealed partial class TaskSubmitter(ControllerSession session)
{
    /// <summary>The session tasks are sent on.</summary>
    public ControllerSession Session => session;

    /// <summary>Sends every map chunk call by call, never as columns: lets tests compare both encodings.</summary>
    internal bool PerCallMaps { get; set; }

    /// <summary>Runs a call on one engine or on the load balancer, with what <paramref name="options"/> says of dependencies and keeping.</summary>
    public AsyncResult<T> Apply<T>(RemoteCall call, TaskTarget target, CancellationToken cancellationToken, TaskOptions? options = null)
    {
        if (call is IFlowCall || options is { HasFlow: true })
        {
            return ApplyFlow<T>(call, target, options ?? TaskOptions.Default, cancellationToken);
        }

        var bundle = BundleOf(call);
        var events = new ResultEvents { Receiver = call.Progress };
        var part = Send(target, Decoders<T>.MemoryPack, bundle, static (w, s) => TaskMessages.WriteCall(w, s.call, s.bundle), (call, bundle), 64, call.Method, events);
        return Watch(new AsyncResult<T>(this, [part], part.Task), cancellationToken);
    }

    /// <summary>Runs a call on every engine of <paramref name="targets"/>; the arguments are serialized once.</summary>
    public AsyncResult<T[]> ApplyAll<T>(RemoteCall call, IReadOnlyList<int> targets, CancellationToken cancellationToken)
    {
        var bundle = BundleOf(call);
        var events = new ResultEvents { Receiver = call.Progress };
        var parts = SendToEach(targets, Decoders<T>.MemoryPack, bundle, static (w, s) => TaskMessages.WriteCall(w, s.call, s.bundle), (call, bundle), 64, call.Method, events);
        return Watch(new AsyncResult<T[]>(this, parts, Gather(parts)), cancellationToken);
    }

    /// <summary>Runs a call of a method returning a stream on one engine or on the load balancer; its items arrive as it yields them.</summary>
    public AsyncStream<T> Stream<T>(RemoteStreamCall<T> call, TaskTarget target, StreamOptions? options, CancellationToken cancellationToken)
    {
        options ??= StreamOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBufferedItems, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBufferedBytes, 1, nameof(options));
        var bundle = BundleOf(call.Call);
        var part = new PendingStream<T>(session.NextId(), options, session.Acknowledge);
        part.Events.Receiver = call.Call.Progress;
        session.Submit(
            part, target, bundle, static (w, s) => TaskMessages.WriteStream(w, s.call, s.bundle, s.options), (call: call.Call, bundle, options), 80,
            session.Name(call.Method));
        return Watch(new AsyncStream<T>(this, part), cancellationToken);
    }

    /// <summary>Sends one task whose body <paramref name="writeBody"/> writes; <paramref name="method"/> names it, when it calls one.</summary>
    public PendingTask<T> Send<T, TState>(
        TaskTarget target, Func<ReadOnlySequence<byte>, T> decode, CodeBundle? bundle, Action<FrameBuilder, TState> writeBody, TState state, int bodySizeHint,
        RemoteMethodDescriptor? method = null, ResultEvents? events = null)
    {
        var pending = new PendingTask<T>(session.NextId(), decode, events);
        session.Submit(pending, target, bundle, writeBody, state, bodySizeHint, session.Name(method));
        return pending;
    }

    /// <summary>Sends the same task to each engine of <paramref name="targets"/>; they share one <see cref="ResultEvents"/>.</summary>
    public PendingTask<T>[] SendToEach<T, TState>(
        IReadOnlyList<int> targets, Func<ReadOnlySequence<byte>, T> decode, CodeBundle? bundle, Action<FrameBuilder, TState> writeBody, TState state, int bodySizeHint,
        RemoteMethodDescriptor? method = null, ResultEvents? events = null)
    {
        events ??= new ResultEvents();
        var parts = new PendingTask<T>[targets.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = new PendingTask<T>(session.NextId(), decode, events);
        }

        session.SubmitToEach(parts, targets, bundle, writeBody, state, bodySizeHint, session.Name(method));
        return parts;
    }

    private CancellationTokenSource _abortAll = new();

    /// <summary>Cancelled by <see cref="AbortAll"/>: work still submitting tasks (a lazily read map) stops.</summary>
    public CancellationToken AbortAllToken => Volatile.Read(ref _abortAll).Token;

    /// <summary>Aborts <paramref name="pending"/> and stops every map still submitting (<see cref="RemoteClient.Abort"/>).</summary>
    public void AbortAll(IReadOnlyList<PendingTask> pending)
    {
        Interlocked.Exchange(ref _abortAll, new CancellationTokenSource()).Cancel();
        Abort(pending);
    }

    /// <summary>Aborts tasks; when a token's cancellation is the <paramref name="cause"/>, they end with an exception carrying it.</summary>
    public void Abort(IReadOnlyList<PendingTask> parts, CancellationToken cause = default)
    {
        foreach (var part in parts)
        {
            part.AbortedBy = cause;
            part.Unsent?.Cancel();
        }

        session.Abort(parts);
    }

    /// <summary>Aborts <paramref name="result"/> when <paramref name="cancellationToken"/> is cancelled.</summary>
    public TResult Watch<TResult>(TResult result, CancellationToken cancellationToken)
        where TResult : AsyncResult
    {
        if (cancellationToken.CanBeCanceled && !result.IsReady)
        {
            var registration = cancellationToken.Register(static (r, token) => ((AsyncResult)r!).Abort(token), result);
            result.Completion.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, TaskScheduler.Default);
        }

        return result;
    }

    /// <summary>The results of tasks on several engines, in engine order; the failures as one exception if any failed.</summary>
    public static async Task<T[]> Gather<T>(PendingTask<T>[] parts)
    {
        try
        {
            await Task.WhenAll(parts.Select(p => p.Task)).ConfigureAwait(false);
        }
        catch
        {
            var failed = parts.Where(p => p.Task.IsFaulted).SelectMany(p => p.Task.Exception!.InnerExceptions).ToList();
            throw RemoteErrors.Combine($"The task failed on {failed.Count} of {parts.Length} engines:", failed);
        }

        return Array.ConvertAll(parts, p => p.Task.Result);
    }

    private static CodeBundle BundleOf(RemoteCall call) => CodeBundle.ForAssembly(call.Method.DeclaringType.Assembly);
}
