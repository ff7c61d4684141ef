using System.Buffers;
using Microsoft.Extensions.Logging;
using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;

namespace RemoteKit.Controller;

/// <summary>
/// Running a task of the history again (ipyparallel's <c>resubmit</c>): the body the history kept is submitted as a new task
/// of the asking client, through the same path as a client's own submission.
/// </summary>
internal sealed partial class Hub
{
    /// <summary>Starts a resubmission; the history is read off the client's read loop, and never under the hub's lock.</summary>
    private void Resubmit(ClientState client, ResubmitMessage resubmit) => _ = ResubmitAsync(client, resubmit);

    private async Task ResubmitAsync(ClientState client, ResubmitMessage resubmit)
    {
        ResubmitPlan plan;
        try
        {
            plan = await _observer.PlanResubmitAsync(resubmit.TaskId).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            plan = ResubmitPlan.Refuse(ErrorKind.NotResubmittable, $"The controller could not look task {resubmit.TaskId} up: {e.Message}");
        }

        if (plan.Body is not { } body)
        {
            RefuseResubmit(client, resubmit, plan.Refusal, plan.Why ?? $"Task {resubmit.TaskId} cannot run again.");
            return;
        }

        _logger.LogInformation(EventIds.TaskResubmitted, "Client {ClientId} runs task {TaskId} again", client.Id, resubmit.TaskId);
        try
        {
            Submit(client, new SubmitMessage(resubmit.ClientTaskId, plan.Target, plan.Retries, plan.TimeoutMilliseconds), new ReadOnlySequence<byte>(body), resubmit.TaskId);
        }
        catch (Exception e) when (e is ProtocolViolationException or InvalidOperationException)
        {
            RefuseResubmit(client, resubmit, ErrorKind.NotResubmittable, $"Task {resubmit.TaskId} could not be submitted again: {e.Message}");
        }
    }

    /// <summary>Answers a resubmission that cannot run with an error result for its client task id; no task is made.</summary>
    private void RefuseResubmit(ClientState client, ResubmitMessage resubmit, ErrorKind kind, string why)
    {
        _logger.LogInformation(EventIds.TaskResubmitRefused, "Client {ClientId} asked to run task {TaskId} again: {Why}", client.Id, resubmit.TaskId, why);
        var frame = Message.Start(new ResultMessage(resubmit.ClientTaskId), 128 + why.Length);
        ResultBody.WriteError(frame, -1, kind, why, _time.GetUtcNow().UtcTicks);
        var result = frame.Finish();
        lock (_gate)
        {
            if (client.Gone)
            {
                result.Return();
                return;
            }
        }

        client.Channel.Send(result);
    }

    /// <summary>Tells the client a resubmitted task's controller task id when it first reaches an engine, ahead of its result.</summary>
    private static void AnnounceResubmittedLocked(TaskRecord record)
    {
        if (record.ResubmitOf == 0 || record.Attempts != 1 || record.Client.Gone)
        {
            return;
        }

        var frame = Message.Start(new TaskEventMessage(record.ClientTaskId, record.LastEngineId, TaskEventKind.Resubmitted), ResubmittedEvent.Size);
        new ResubmittedEvent(record.Id).Write(frame);
        record.Client.Channel.Send(frame.Finish());
    }
}
