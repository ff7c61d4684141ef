using System.Buffers;
using System.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Controller.Observing;

/// <summary>
/// What the hub tells whoever watches it (metrics, traces, the task history, the dashboard). Called on the task path,
/// some calls under the hub's lock: implementations only record and never wait or call back into the hub. Calls for one
/// task come in the order they happened, each with the <see cref="WatchedTask"/> its submission returned, which the hub
/// keeps in the task's record.
/// </summary>
internal interface IHubObserver
{
    /// <summary>The highest task id already used (kept in a history from an earlier run); the hub numbers after it.</summary>
    ulong LastTaskId { get; }

    /// <summary>Method names a client announced, by method id.</summary>
    void MethodsNamed(IReadOnlyList<KeyValuePair<ulong, string>> names);

    /// <summary>
    /// A task arrived (<paramref name="submit"/>: its header; <paramref name="resubmitOf"/>: the task it runs again, or 0);
    /// returns the trace context to forward to its engine (its own span's, when it traces), and in <paramref name="watch"/>
    /// what the observer keeps of the task, for the hub to hand back with the task's later events.
    /// </summary>
    ActivityContext TaskSubmitted(ulong taskId, int clientId, in SubmitMessage submit, in ReadOnlySequence<byte> taskBody, out WatchedTask? watch, ulong resubmitOf = 0);

    /// <summary>A task was sent to an engine.</summary>
    void TaskStarted(WatchedTask? watch, int engineId);

    /// <summary>An engine's result arrived for a task (its result body, which may report an error).</summary>
    void TaskCompleted(WatchedTask? watch, int engineId, in ReadOnlySequence<byte> resultBody);

    /// <summary>The controller failed a task itself (aborted, lost, timed out, no such engine); engine -1 when none.</summary>
    void TaskFailed(WatchedTask? watch, int engineId, ErrorKind kind, string message);

    /// <summary>
    /// Tasks clients sent engine <paramref name="engineId"/> in one hop ended (a batch the engine reported): record each as
    /// if it had passed through the hub. The outcomes' bytes are the frame's: copy what is kept.
    /// </summary>
    void DirectTasksEnded(int engineId, ReadOnlySpan<DirectTaskReport> reports);

    /// <summary>An engine registered.</summary>
    void EngineJoined(int engineId, string peer);

    /// <summary>An engine left or was lost.</summary>
    void EngineLeft(int engineId, string reason);

    /// <summary>An engine's heartbeat reply: its process and working set, every heartbeat interval.</summary>
    void EngineReported(int engineId, int processId, long workingSetBytes);

    /// <summary>What an engine keeps for <c>RemoteRef</c>s changed: now <paramref name="keptBytes"/> in <paramref name="keptValues"/> values.</summary>
    void EngineKept(int engineId, long keptBytes, int keptValues);

    /// <summary>
    /// How many tasks sent to an engine in one hop it holds (queued or running), as it reports within milliseconds of a
    /// change: the hub hears of each such task only once it ended.
    /// </summary>
    void EngineHeldOneHop(int engineId, int count);

    /// <summary>A client connected.</summary>
    void ClientJoined(int clientId, string peer);

    /// <summary>A client disconnected.</summary>
    void ClientLeft(int clientId);

    /// <summary>A client asked for task records or a kept result (a <see cref="HistoryRequestMessage"/> body); answer on <paramref name="client"/>.</summary>
    void HistoryRequested(IFrameChannel client, in ReadOnlySequence<byte> body);

    /// <summary>
    /// How to run task <paramref name="taskId"/> again (a client's <see cref="ResubmitMessage"/>): its kept body and placement,
    /// or why it cannot run again. Reads the history: the hub awaits it without holding its lock.
    /// </summary>
    Task<ResubmitPlan> PlanResubmitAsync(ulong taskId);
}

/// <summary>How a task sent in one hop ended (<see cref="DirectOutcome"/>), with the id of the client that sent it (-1 when unknown).</summary>
internal readonly record struct DirectTaskReport(int ClientId, DirectOutcome Outcome);

/// <summary>What an observer keeps of one task while it is live: the hub holds it and hands it back, so no lookup is needed.</summary>
internal abstract class WatchedTask
{
}

/// <summary>What a resubmission runs (<see cref="IHubObserver.PlanResubmitAsync"/>): a task body and its placement, or a refusal.</summary>
/// <param name="Body">The task body to submit again, or null when it cannot run again.</param>
/// <param name="Target">The engine it names, or -1 for load-balanced.</param>
/// <param name="Retries">Its retries.</param>
/// <param name="TimeoutMilliseconds">Its time limit, or 0.</param>
/// <param name="Refusal">Why it cannot run again, when <paramref name="Body"/> is null.</param>
/// <param name="Why">The message the client is given with <paramref name="Refusal"/>.</param>
internal sealed record ResubmitPlan(byte[]? Body, int Target, int Retries, int TimeoutMilliseconds, ErrorKind Refusal = ErrorKind.NotInHistory, string? Why = null)
{
    public static ResubmitPlan Refuse(ErrorKind kind, string why) => new(null, -1, 0, 0, kind, why);
}

/// <summary>Watches nothing: the hub of a controller with monitoring off, and of unit tests.</summary>
internal sealed class NullHubObserver : IHubObserver
{
    public static readonly NullHubObserver Instance = new();

    public ulong LastTaskId => 0;

    public void MethodsNamed(IReadOnlyList<KeyValuePair<ulong, string>> names)
    {
    }

    public ActivityContext TaskSubmitted(ulong taskId, int clientId, in SubmitMessage submit, in ReadOnlySequence<byte> taskBody, out WatchedTask? watch, ulong resubmitOf = 0)
    {
        watch = null;
        return submit.Trace;
    }

    public void TaskStarted(WatchedTask? watch, int engineId)
    {
    }

    public void TaskCompleted(WatchedTask? watch, int engineId, in ReadOnlySequence<byte> resultBody)
    {
    }

    public void TaskFailed(WatchedTask? watch, int engineId, ErrorKind kind, string message)
    {
    }

    public void DirectTasksEnded(int engineId, ReadOnlySpan<DirectTaskReport> reports)
    {
    }

    public void EngineJoined(int engineId, string peer)
    {
    }

    public void EngineLeft(int engineId, string reason)
    {
    }

    public void EngineReported(int engineId, int processId, long workingSetBytes)
    {
    }

    public void EngineKept(int engineId, long keptBytes, int keptValues)
    {
    }

    public void EngineHeldOneHop(int engineId, int count)
    {
    }

    public void ClientJoined(int clientId, string peer)
    {
    }

    public void ClientLeft(int clientId)
    {
    }

    public void HistoryRequested(IFrameChannel client, in ReadOnlySequence<byte> body)
    {
        var reader = new WireReader(body);
        var request = HistoryRequestMessage.Read(ref reader);
        client.Send(HistoryReplyMessage.Unavailable(request.RequestId, "This controller keeps no task history (monitoring is off)."));
    }

    public Task<ResubmitPlan> PlanResubmitAsync(ulong taskId) =>
        Task.FromResult(ResubmitPlan.Refuse(ErrorKind.NotResubmittable, $"This controller keeps no task history (monitoring is off), so it cannot run task {taskId} again."));
}
