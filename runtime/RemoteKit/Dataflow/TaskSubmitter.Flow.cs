using System.Buffers;
using MemoryPack;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>The client's side of dataflow: tasks with dependencies or kept inputs, keeping results, and freeing them.</summary>
internal sealed partial class TaskSubmitter
{
    /// <summary>
    /// Runs a call that depends on other tasks, takes their results, or keeps its own. A call waiting for a task's result
    /// (an <see cref="AsyncResult{T}"/> argument), or depending on a task not sent yet, is sent once they are: the result
    /// is written in as a value. Kept values (<see cref="RemoteRef{T}"/>) go engine to engine.
    /// </summary>
    private AsyncResult<T> ApplyFlow<T>(RemoteCall call, TaskTarget target, TaskOptions options, CancellationToken cancellationToken)
    {
        var flowCall = call as IFlowCall;
        var dependencies = Dependencies(options);
        foreach (var kept in flowCall?.Kept ?? [])
        {
            ObjectDisposedException.ThrowIf(kept.IsDisposed, kept);
            if (kept.Tasks != this)
            {
                throw new ArgumentException($"{kept} belongs to another client; a task can take only values its own client kept.", nameof(call));
            }
        }

        var inputs = flowCall?.Pending.ToList() ?? [];
        foreach (var input in inputs)
        {
            OwnResult(input, nameof(call));
        }

        var events = new ResultEvents { Receiver = call.Progress };
        var pending = new PendingTask<T>(session.NextId(), Decoders<T>.MemoryPack, events) { KeepRequested = options.Keep };
        var unsent = inputs.SelectMany(i => i.Parts).Select(p => p.Completion)
            .Concat(dependencies.Parts.Where(p => !p.Sent.IsCompleted).Select(p => p.Sent))
            .Concat(dependencies.Parts.Exists(p => p.OneHop && !p.Completion.IsCompleted) ? [OneHopEndedAsync(dependencies.Parts, options.DependencyTimeout)] : [])
            .Where(t => !t.IsCompleted)
            .ToList();
        if (unsent.Count == 0 && inputs.All(i => i.IsReady))
        {
            Submit(pending, target, call, flowCall, inputs, options, dependencies);
        }
        else
        {
            var waiting = new CancellationTokenSource();
            pending.Unsent = waiting;
            pending.Sent = SubmitLaterAsync(pending, target, call, flowCall, inputs, options, dependencies, unsent, waiting);
        }

        return Watch(new AsyncResult<T>(this, [pending], pending.Task), cancellationToken);
    }

    private async Task SubmitLaterAsync(
        PendingTask pending, TaskTarget target, RemoteCall call, IFlowCall? flowCall, List<AsyncResult> inputs, TaskOptions options,
        (FlowDependency[] Ids, List<PendingTask> Parts) dependencies, List<Task> unsent, CancellationTokenSource waiting)
    {
        try
        {
            await Task.WhenAll(unsent).WaitAsync(waiting.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (waiting.IsCancellationRequested)
            {
                pending.Fail(new TaskAbortedException("The task was aborted before it was sent (it was waiting for a result it takes).", null, pending.AbortedBy));
                return;
            }

            Submit(pending, target, call, flowCall, inputs, options, dependencies);
        }
        catch (Exception e)
        {
            pending.Fail(e);
        }
        finally
        {
            pending.Unsent = null;
            waiting.Dispose();
        }
    }

    /// <summary>Sends a flow task whose awaited results (if any) are in; fails it at once when one of them failed.</summary>
    private void Submit(
        PendingTask pending, TaskTarget target, RemoteCall call, IFlowCall? flowCall, List<AsyncResult> inputs, TaskOptions options,
        (FlowDependency[] Ids, List<PendingTask> Parts) dependsOn)
    {
        if (!OneHopDependencies(pending, ref target, options, dependsOn, out var dependencies))
        {
            return;
        }

        foreach (var input in inputs)
        {
            if (!input.Completion.IsCompletedSuccessfully)
            {
                var cause = input.Completion.Exception?.InnerException ?? new TaskCanceledException(input.Completion);
                pending.Fail(new DependencyFailedException(
                    $"A result this task takes as an argument failed: {cause.GetType().Name}: {cause.Message}"));
                return;
            }
        }

        var sent = flowCall is not null && inputs.Count > 0 ? flowCall.WithResults() : call;
        var header = new FlowTask(
            options.Keep ? FlowFlags.Keep : FlowFlags.None,
            (DependencyRule)options.DependsOn,
            options.Locality == DataLocality.PreferHolder ? LocalityRule.Prefer : LocalityRule.Ignore,
            options.DependencyTimeout is { } t ? (int)Math.Clamp(Math.Ceiling(t.TotalMilliseconds), 1, int.MaxValue) : 0,
            dependencies,
            []);
        var bundle = CodeBundle.ForAssembly(call.Method.DeclaringType.Assembly);
        session.Submit(pending, target, bundle, static (w, s) => TaskMessages.WriteFlowCall(w, s.sent, s.bundle, s.header), (sent, bundle, header), 128, session.Name(call.Method));
    }

    /// <summary>
    /// Judges here the dependencies that went in one hop (an engine view's task, or a load-balanced one on a lease: the
    /// controller never held them, so it cannot judge them), which ended before this task is sent, by the task's rules:
    /// false (the task failed) when they refuse it; else the dependencies left for the controller, and for a task that
    /// follows one of them, its engine as the target.
    /// </summary>
    private static bool OneHopDependencies(
        PendingTask pending, ref TaskTarget target, TaskOptions options, (FlowDependency[] Ids, List<PendingTask> Parts) dependsOn, out FlowDependency[] left)
    {
        left = dependsOn.Ids;
        if (!dependsOn.Parts.Exists(p => p.OneHop))
        {
            return true;
        }

        var kept = new List<FlowDependency>(left.Length);
        var follow = -1;
        for (var i = 0; i < left.Length; i++)
        {
            var part = dependsOn.Parts[i];
            if (!part.OneHop)
            {
                kept.Add(left[i]);
                continue;
            }

            if (!part.Completion.IsCompleted)
            {
                // Waited for past its timeout.
                pending.Fail(new DependencyFailedException(
                    $"The task waited longer than its DependencyTimeout ({options.DependencyTimeout?.TotalSeconds:0.###} s) for its dependencies."));
                return false;
            }

            var ok = part.Completion.IsCompletedSuccessfully;
            var name = part.DirectTaskId != 0 ? $"Task {part.DirectTaskId}" : "A task";
            var error = part.Completion.Exception?.InnerException;
            string? refusal = null;
            if ((DependencyRule)options.DependsOn == DependencyRule.Success && !ok)
            {
                refusal = $"{name}, which this task depends on, failed: {error?.GetType().FullName}: {error?.Message}";
            }
            else if ((DependencyRule)options.DependsOn == DependencyRule.Failure && ok)
            {
                refusal = $"{name}, which this task depends on, succeeded; this task runs only when its dependencies fail (DependsOn = Failure).";
            }
            else if (left[i].Kind == DependencyKind.Follow)
            {
                var engine = part.Metadata?.EngineId ?? -1;
                refusal = engine < 0 ? $"{name}, which this task follows, never ran on an engine ({error?.Message}), so there is no engine to follow."
                    : follow >= 0 && follow != engine ? $"The tasks this task follows ran on different engines ({follow} and {engine}); it cannot run on both."
                    : null;
                follow = engine;
            }

            if (refusal is not null)
            {
                pending.Fail(new DependencyFailedException(refusal));
                return false;
            }
        }

        left = [.. kept];
        if (follow >= 0)
        {
            target = target with { Value = follow };
        }

        return true;
    }

    /// <summary>Completes once the dependencies that went in one hop ended, or the dependency timeout passed.</summary>
    private static async Task OneHopEndedAsync(List<PendingTask> parts, TimeSpan? timeout)
    {
        var ended = Task.WhenAll(parts.Where(p => p.OneHop).Select(p => p.Completion));
        if (timeout is { } limit)
        {
            await ended.WaitAsync(limit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        else
        {
            await ended.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>The client task ids of the tasks <see cref="TaskOptions.After"/> and <see cref="TaskOptions.Follow"/> name, and their parts.</summary>
    private (FlowDependency[] Ids, List<PendingTask> Parts) Dependencies(TaskOptions options)
    {
        var ids = new List<FlowDependency>();
        var parts = new List<PendingTask>();
        foreach (var (results, kind) in new[] { (options.After, DependencyKind.After), (options.Follow, DependencyKind.Follow) })
        {
            foreach (var result in results ?? [])
            {
                OwnResult(result, nameof(options));
                foreach (var part in result.Parts)
                {
                    ids.Add(new FlowDependency(part.Id, kind));
                    parts.Add(part);
                }
            }
        }

        return ([.. ids], parts);
    }

    private void OwnResult(AsyncResult result, string parameter)
    {
        ArgumentNullException.ThrowIfNull(result, parameter);
        if (result.Submitter != this)
        {
            throw new ArgumentException("A task can depend only on results of its own client.", parameter);
        }
    }

    /// <summary>See <see cref="AsyncResult{T}.KeepAsync"/>.</summary>
    public async Task<RemoteRef<T>> KeepAsync<T>(AsyncResult<T> result, CancellationToken cancellationToken)
    {
        if (result.Parts.Length != 1)
        {
            throw new InvalidOperationException($"KeepAsync keeps the result of one task; this result is of {result.Parts.Length} (a direct view over several engines).");
        }

        var part = result.Parts[0];
        if (!part.KeepRequested)
        {
            part.KeepRequested = true;
            _ = RequestKeepAsync(part);
        }

        await part.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        if (part.Kept is { } kept)
        {
            return new RemoteRef<T>(this, kept.RefId, part.Metadata!.EngineId, kept.Size);
        }

        // Failed: its error. Or it finished before its engine heard the request: keep the value it sent, on that engine.
        var value = await result.Task.ConfigureAwait(false);
        var put = Send(TaskTarget.Engine(part.Metadata!.EngineId), Decoders<NoValue>.MemoryPack, null, static (w, v) =>
        {
            KeptPutTask.WriteHeader(w);
            using var state = MemoryPackWriterOptionalStatePool.Rent(null);
            var writer = new MemoryPackWriter<FrameBuilder>(ref w, state);
            writer.WriteValue(v);
            writer.Flush();
        }, value, 64);
        await put.Completion.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return put.Kept is { } putKept
            ? new RemoteRef<T>(this, putKept.RefId, put.Metadata!.EngineId, putKept.Size)
            : throw put.Completion.Exception!.InnerException!;
    }

    /// <summary>Asks the controller to keep a task's value, once the task has been sent.</summary>
    private async Task RequestKeepAsync(PendingTask part)
    {
        await part.Sent.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        session.Outbox.Send(Message.ToFrame(new KeepMessage(part.Id)));
    }

    /// <summary>Frees a kept value on its engine (<see cref="RemoteRef.DisposeAsync"/>).</summary>
    public void FreeKept(ulong refId) => session.Outbox.Send(Message.ToFrame(new FreeKeptMessage([refId])));
}
