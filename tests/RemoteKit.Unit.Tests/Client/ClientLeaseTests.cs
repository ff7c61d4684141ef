using System.Buffers;
using Microsoft.Extensions.Time.Testing;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Unit.Tests.Client;

/// <summary>
/// A client's leases over an in-memory controller: a balanced task waits for the answer to its request for leases, goes
/// through the controller when none is granted or the leased engine cannot be reached directly, and a revoked unused lease
/// goes back at once.
/// </summary>
public sealed class ClientLeaseTests
{
    [Fact]
    public async Task A_balanced_task_waits_for_the_lease_answer_and_goes_through_the_controller_when_none_is_granted()
    {
        await using var controller = new FakeController(0, 1) { GrantsLeases = true };
        var lb = controller.Client.LoadBalancedView();
        var (held, _) = await UntilLeaseRequestedAsync(controller, lb);

        // Nothing was sent for the task while the request was unanswered.
        Assert.False(held.IsReady);
        controller.Deliver(Message.ToFrame(new LeaseGrantMessage([])));
        var task = await NextSubmitAsync(controller);
        Assert.Equal((-1, TaskKind.Call), (task.Header.Target, task.Kind));
        controller.Succeed(task, engineId: 1, value: 9);
        Assert.Equal(9, await held.Task.WaitAsync(Patience.Long));
        Assert.Equal(0, controller.Client.LeasedTasksSent);
    }

    [Fact]
    public async Task A_lease_on_an_engine_without_a_direct_path_goes_back_and_the_waiting_task_goes_through_the_controller()
    {
        await using var controller = new FakeController(0, 1) { GrantsLeases = true };
        var lb = controller.Client.LoadBalancedView();
        var (held, _) = await UntilLeaseRequestedAsync(controller, lb);
        controller.Deliver(Message.ToFrame(new LeaseGrantMessage([new LeaseSlots(9, 0, 4)])));

        // The client asks engine 0 where its direct path listens; it has none.
        var endpoint = await NextSubmitAsync(controller, TaskKind.DirectEndpoint);
        Assert.Equal((0, TaskKind.DirectEndpoint), (endpoint.Header.Target, endpoint.Kind));
        controller.Fail(endpoint, 0, ErrorKind.EngineLost, "no direct path here");

        Assert.Equal(9UL, LeaseOf(await NextOfAsync(controller, MessageKind.LeaseReturn)));
        var task = await NextSubmitAsync(controller);
        Assert.Equal(-1, task.Header.Target);
        controller.Succeed(task, engineId: 1, value: 4);
        Assert.Equal(4, await held.Task.WaitAsync(Patience.Long));
        Assert.Equal(0, controller.Client.LeasesHeld);
    }

    [Fact]
    public async Task A_revoked_lease_with_no_task_on_it_goes_back_at_once()
    {
        await using var controller = new FakeController(0, 1) { GrantsLeases = true };
        var lb = controller.Client.LoadBalancedView();
        var (held, _) = await UntilLeaseRequestedAsync(controller, lb);
        controller.Deliver(Message.ToFrame(new LeaseGrantMessage([new LeaseSlots(9, 0, 4)])));
        Assert.Equal(1, controller.Client.LeasesHeld);

        controller.Deliver(Message.ToFrame(new LeaseRevokeMessage(9)));
        Assert.Equal(9UL, LeaseOf(await NextOfAsync(controller, MessageKind.LeaseReturn)));
        Assert.Equal(0, controller.Client.LeasesHeld);

        // The task held for the lease goes through the controller.
        var task = await NextSubmitAsync(controller);
        Assert.Equal(-1, task.Header.Target);
        controller.Succeed(task, engineId: 0, value: 1);
        Assert.Equal(1, await held.Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task A_lease_unused_for_the_idle_time_goes_back_and_what_waited_for_it_goes_through_the_controller()
    {
        var time = new FakeTimeProvider();
        await using var controller = new FakeController(time, 0, 1) { GrantsLeases = true };
        controller.Client.LeaseIdleReturn = TimeSpan.FromMilliseconds(400);
        var lb = controller.Client.LoadBalancedView();
        var (held, _) = await UntilLeaseRequestedAsync(controller, lb);
        controller.Deliver(Message.ToFrame(new LeaseGrantMessage([new LeaseSlots(9, 0, 4)])));

        // Its engine's direct path never opens (the endpoint task stays unanswered), so the lease takes no task.
        await NextSubmitAsync(controller, TaskKind.DirectEndpoint);
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, controller.Client.LeasesHeld);
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(9UL, LeaseOf(await NextOfAsync(controller, MessageKind.LeaseReturn)));
        Assert.Equal(0, controller.Client.LeasesHeld);

        var task = await NextSubmitAsync(controller);
        Assert.Equal(-1, task.Header.Target);
        controller.Succeed(task, engineId: 1, value: 6);
        Assert.Equal(6, await held.Task.WaitAsync(Patience.Long));
    }

    /// <summary>
    /// Sends balanced calls, answering them as the controller, until the client asks for leases (once the controller has
    /// confirmed the code and the method's name, which the client learns on a pool thread: on a loaded machine that can
    /// take many calls, so the limit is time, not a count); returns the call held for the answer.
    /// </summary>
    private static async Task<(AsyncResult<int> Held, LeaseRequestMessage Request)> UntilLeaseRequestedAsync(FakeController controller, LoadBalancedView lb)
    {
        var deadline = DateTime.UtcNow + Patience.Long;
        for (var i = 0; DateTime.UtcNow < deadline; i++)
        {
            var result = lb.ApplyAsync(ClientWork.Add, i, 0);
            while (true)
            {
                var frame = await controller.NextFrameAsync().WaitAsync(Patience.Long);
                var r = frame.Reader();
                if (frame.Kind == MessageKind.LeaseRequest)
                {
                    return (result, LeaseRequestMessage.Read(ref r));
                }

                if (frame.Kind == MessageKind.ControlRequest)
                {
                    AnswerTaskIds(controller, ControlRequestMessage.Read(ref r));
                    continue;
                }

                if (frame.Kind == MessageKind.Submit)
                {
                    var header = SubmitMessage.Read(ref r);
                    var body = r.Rest.ToArray();
                    controller.Succeed(new SubmittedTask(header, (TaskKind)body[0], body), engineId: 0, value: i);
                    Assert.Equal(i, await result.Task.WaitAsync(Patience.Long));
                    break;
                }
            }
        }

        throw new InvalidOperationException($"The client never asked for leases within {Patience.Long}.");
    }

    private static void AnswerTaskIds(FakeController controller, ControlRequestMessage request)
    {
        if (request.Op != ControlOp.TaskIds)
        {
            return;
        }

        var reply = Message.Start(new ControlReplyMessage(request.RequestId), 12);
        new TaskIdBlock(1000, 4096).Write(reply);
        controller.Deliver(reply.Finish());
    }

    private static async Task<SubmittedTask> NextSubmitAsync(FakeController controller, TaskKind? kind = null)
    {
        while (true)
        {
            var frame = await NextOfAsync(controller, MessageKind.Submit);
            var r = frame.Reader();
            var header = SubmitMessage.Read(ref r);
            var body = r.Rest.ToArray();
            if ((TaskKind)body[0] == kind || (kind is null && (TaskKind)body[0] != TaskKind.DirectEndpoint))
            {
                return new SubmittedTask(header, (TaskKind)body[0], body);
            }
        }
    }

    private static async Task<SentFrame> NextOfAsync(FakeController controller, MessageKind kind)
    {
        while (true)
        {
            var frame = await controller.NextFrameAsync().WaitAsync(Patience.Long);
            if (frame.Kind == kind)
            {
                return frame;
            }

            if (frame.Kind == MessageKind.ControlRequest)
            {
                var r = frame.Reader();
                AnswerTaskIds(controller, ControlRequestMessage.Read(ref r));
            }
            else if (frame.Kind == MessageKind.LeaseRequest)
            {
                // Asked again once its lease went: none this time.
                controller.Deliver(Message.ToFrame(new LeaseGrantMessage([])));
            }
        }
    }

    private static ulong LeaseOf(SentFrame frame)
    {
        var r = frame.Reader();
        return LeaseReturnMessage.Read(ref r).LeaseId;
    }
}
