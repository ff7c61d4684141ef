using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Client;

/// <summary><c>RemoteClient.ResubmitAsync</c> over an in-memory controller: the frame it sends and how the answers reach the caller.</summary>
public sealed class ClientResubmitTests
{
    [Fact]
    public async Task A_resubmission_sends_the_history_task_id_learns_the_new_id_and_decodes_the_value_with_metadata()
    {
        await using var controller = new FakeController(0, 1);
        var again = controller.Client.ResubmitAsync<int>(42);

        var (clientTaskId, taskId) = Read(await controller.NextOtherAsync(MessageKind.Resubmit));
        Assert.Equal(42UL, taskId);
        var task = new SubmittedTask(new SubmitMessage(clientTaskId, -1), TaskKind.Call, []);
        controller.Event(task, 1, TaskEventKind.Resubmitted, Body(w => new ResubmittedEvent(77).Write(w)));
        controller.Succeed(task, engineId: 1, value: 5, stdout: "again\n");

        Assert.Equal(5, await again.Task.WaitAsync(Patience.Long));
        Assert.Equal(77UL, await again.GetTaskIdAsync());
        Assert.Equal((1, "again\n"), (again.Metadata!.EngineId, again.Metadata.Stdout));
    }

    [Fact]
    public async Task A_refused_resubmission_fails_with_the_controllers_reason_and_has_no_task_id()
    {
        await using var controller = new FakeController(0);
        var untyped = controller.Client.ResubmitAsync(9);
        var typed = controller.Client.ResubmitAsync<long>(10);
        var first = Read(await controller.NextOtherAsync(MessageKind.Resubmit)).ClientTaskId;
        var second = Read(await controller.NextOtherAsync(MessageKind.Resubmit)).ClientTaskId;

        controller.Fail(new SubmittedTask(new SubmitMessage(first, -1), TaskKind.Call, []), -1, ErrorKind.NotInHistory, "There is no record of task 9.");
        controller.Fail(new SubmittedTask(new SubmitMessage(second, -1), TaskKind.Call, []), -1, ErrorKind.NotResubmittable, "Task 10 is a push.");

        var unknown = await Assert.ThrowsAsync<KeyNotFoundException>(() => untyped.Completion.WaitAsync(Patience.Long));
        Assert.Equal("There is no record of task 9.", unknown.Message);
        var push = await Assert.ThrowsAsync<InvalidOperationException>(() => typed.Task.WaitAsync(Patience.Long));
        Assert.Equal("Task 10 is a push.", push.Message);
        Assert.Null(await untyped.GetTaskIdAsync());
    }

    [Fact]
    public async Task An_abort_sent_while_the_controller_looked_the_task_up_goes_again_once_the_task_reached_an_engine()
    {
        await using var controller = new FakeController(0);
        var again = controller.Client.ResubmitAsync<int>(3);
        var clientTaskId = Read(await controller.NextOtherAsync(MessageKind.Resubmit)).ClientTaskId;

        again.Abort();
        Assert.Equal([clientTaskId], Aborted(await controller.NextOtherAsync(MessageKind.Abort)));
        var task = new SubmittedTask(new SubmitMessage(clientTaskId, -1), TaskKind.Call, []);
        controller.Event(task, 0, TaskEventKind.Resubmitted, Body(w => new ResubmittedEvent(12).Write(w)));

        Assert.Equal([clientTaskId], Aborted(await controller.NextOtherAsync(MessageKind.Abort)));
        controller.Fail(task, 0, ErrorKind.Aborted, "aborted while running");
        await Assert.ThrowsAsync<TaskAbortedException>(() => again.Task.WaitAsync(Patience.Long));
    }

    private static (ulong ClientTaskId, ulong TaskId) Read(SentFrame frame)
    {
        var r = frame.Reader();
        var message = ResubmitMessage.Read(ref r);
        return (message.ClientTaskId, message.TaskId);
    }

    private static ulong[] Aborted(SentFrame frame)
    {
        var r = frame.Reader();
        return [.. AbortMessage.Read(ref r).ClientTaskIds];
    }
}
