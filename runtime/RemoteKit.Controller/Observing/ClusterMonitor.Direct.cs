using System.Buffers;
using RemoteKit.Protocol;

namespace RemoteKit.Controller.Observing;

/// <summary>
/// Tasks sent to their engines in one hop, which the hub hears of only once they ended (<see cref="DirectOutcomesMessage"/>):
/// each is recorded as if it had passed through the hub, submitted when its engine took it, with its method, engine, status,
/// error, times and sizes; its arguments and result are kept as for any task when the outcome carried them whole.
/// </summary>
internal sealed partial class ClusterMonitor
{
    public void DirectTasksEnded(int engineId, IReadOnlyList<DirectTaskReport> reports)
    {
        foreach (var (clientId, outcome) in reports)
        {
            var (kind, method) = Describe(outcome.Task);
            var submit = new SubmitMessage(outcome.ClientTaskId, engineId);
            ReadOnlyMemory<byte>? body = null;
            History.TaskPlacement? placement = _history is null
                ? null
                : outcome.WholeTask
                    ? PlacementOf(kind, submit, outcome.Task, 0, out body)
                    : new History.TaskPlacement(engineId, 0, 0, (byte)kind, outcome.TaskBytes, null);
            var task = new LiveTask(outcome.TaskId, clientId, method, kind, new DateTimeOffset(outcome.ReceivedTicks, TimeSpan.Zero), outcome.TaskBytes, null)
            {
                Placement = placement,
                Body = body,
            };

            _telemetry.TaskSubmitted(method);
            _telemetry.BytesReceived(outcome.TaskBytes);
            Post(new Note(NoteKind.Submitted, task));
            var started = ResultHeader.TryReadRunTicks(outcome.Result, out _) ? StartedTicks(outcome.Result) : outcome.ReceivedTicks;
            Post(new Note(NoteKind.Started, task, engineId, started));
            Completed(task, engineId, outcome.Result, outcome.ResultBytes, whole: outcome.Result.Length == outcome.ResultBytes);
        }
    }

    private static long StartedTicks(in ReadOnlySequence<byte> resultBody)
    {
        var reader = new WireReader(resultBody);
        return ResultHeader.Read(ref reader).StartedTicks;
    }
}
