using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Engine;

/// <summary>
/// Running one task: its span, its output and progress feed, the result body with its times, and what it leaves behind (a
/// kept result, the outcome chained tasks depend on).
/// </summary>
internal sealed partial class EngineSession
{
    private async Task RunOneAsync(WorkItem item, FrameBuilder frame)
    {
        using var activity = RemoteKitTelemetry.StartExecute(item.Trace, item.Id, "task", _engineId);
        var started = _time.GetUtcNow().UtcTicks;
        var result = ResultBody.Begin(frame);
        var payloadStart = frame.Position;
        var feed = item.Direct is { } direct
            ? new TaskFeed(direct.Channel, direct.ClientTaskId, _engineId, Live, _budget, _time, direct: true)
            : new TaskFeed(_channel, item.Id, _engineId, Live, _budget, _time);
        OutputCapture.Begin(feed);
        Exception? failure = null;
        var aborted = false;
        try
        {
            await TaskRunner.RunAsync(this, item, frame, new RemoteContext(_engineId, _engineCount, Namespace, item.Cancellation.Token, feed), feed).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            aborted = e is OperationCanceledException && item.Cancellation.IsCancellationRequested;
            failure = aborted ? new TaskAbortedException("The task was aborted while running.", e) : e;
        }
        finally
        {
            OutputCapture.End();
        }

        if (item.TimedOutAfter > 0)
        {
            // Its client failed it as timed out when the timeout passed: it ends so here too, however it ended.
            aborted = false;
            failure = new TaskTimeoutException(_engineId, ErrorKinds.TimedOutMessage(item.TimedOutAfter));
        }

        var status = failure is null ? ResultStatus.Ok : ResultStatus.Error;
        if (failure is null && KeepsResult(item))
        {
            try
            {
                Flow.FlowRunner.Keep(this, item.Id, frame, payloadStart, _engineId);
                status = ResultStatus.Kept;
            }
            catch (InvalidOperationException e)
            {
                failure = e;
                status = ResultStatus.Error;
            }
        }

        // The last output, progress and published values go before the result.
        var output = feed.Close();
        var completed = _time.GetUtcNow().UtcTicks;
        if (failure is not null)
        {
            _logger.LogDebug(EventIds.TaskFailed, failure, "Task {TaskId} failed", item.Id);
            result.Fail(
                frame,
                aborted ? ErrorPayload.Of(ErrorKind.Aborted, failure.Message)
                : item.TimedOutAfter > 0 ? ErrorPayload.Of(ErrorKind.TimedOut, failure.Message)
                : ErrorPayload.Of(failure));
            RemoteKitTelemetry.SetError(activity, failure.GetType().FullName ?? "System.Exception", failure.Message);
        }

        result.End(frame, status, _engineId, started, completed, output);
        RecordForChains(item, failure is null ? null : $"{(aborted ? "RemoteKit.TaskAbortedException" : failure.GetType().FullName)}: {failure.Message}");
    }

    /// <summary>
    /// Notes how a task from the controller ended, for the chained tasks that may depend on it (<see cref="Flow.ChainedRuns"/>).
    /// A task sent in one hop is never one of them: the controller chains a task only behind tasks it sent itself, and a
    /// client judges a task that depends on a one-hop task once that ended. Skipping them keeps two dictionary updates
    /// under a lock off every one-hop task.
    /// </summary>
    private void RecordForChains(WorkItem item, string? error)
    {
        if (item.Direct is null)
        {
            Chains.Record(item.Id, error);
        }
    }

    private bool KeepsResult(WorkItem item)
    {
        var body = item.Body.Span;
        if (Flow.FlowRunner.KeepsResult(body))
        {
            return true;
        }

        lock (_gate)
        {
            return _keep.Remove(item.Id) && Flow.FlowRunner.MayKeep(body);
        }
    }
}
