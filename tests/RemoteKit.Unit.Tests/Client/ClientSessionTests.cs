using MemoryPack;
using RemoteKit.Protocol;

namespace RemoteKit.Unit.Tests.Client;

/// <summary>
/// The client over an in-memory controller: what it submits, how results find their callers, what retries and lost
/// connections look like to a caller, and how a map keeps a bounded window of chunks in flight. No sockets, no processes.
/// </summary>
public sealed class ClientSessionTests
{
    [Fact]
    public async Task An_apply_on_an_engine_view_submits_one_call_to_that_engine_and_returns_its_value_and_metadata()
    {
        await using var controller = new FakeController(0, 1);
        var result = controller.Client[1].ApplyAsync(ClientWork.Add, 2, 3);

        var task = await controller.NextTaskAsync();
        Assert.Equal((1, 0, TaskKind.Call), (task.Header.Target, task.Header.Retries, task.Kind));
        var r = new WireReader(new System.Buffers.ReadOnlySequence<byte>(task.Body));
        TaskBody.ReadKind(ref r);
        Assert.Equal(ClientWork.Remote.Add(0, 0).Method.Id, CallTask.Read(ref r).MethodId);
        Assert.Equal((2, 3), MemoryPackSerializer.Deserialize<(int, int)>(System.Buffers.BuffersExtensions.ToArray(r.Rest)));

        controller.Succeed(task, engineId: 1, value: 5, stdout: "adding\n");
        Assert.Equal(5, await result.Task.WaitAsync(Patience.Long));
        Assert.Equal((1, "adding\n"), (result.Metadata!.EngineId, result.Metadata.Stdout));
    }

    [Fact]
    public async Task Results_reach_their_own_callers_whatever_order_they_arrive_in()
    {
        await using var controller = new FakeController(0, 1);
        var lb = controller.Client.LoadBalancedView();
        var first = lb.ApplyAsync(ClientWork.Add, 1, 1);
        var second = lb.ApplyAsync(ClientWork.Add, 10, 10);
        var (a, b) = (await controller.NextTaskAsync(), await controller.NextTaskAsync());
        Assert.NotEqual(a.Id, b.Id);
        Assert.All(new[] { a, b }, t => Assert.Equal(-1, t.Header.Target));

        controller.Succeed(b, engineId: 0, value: 20);
        Assert.Equal(20, await second.Task.WaitAsync(Patience.Long));
        Assert.False(first.IsReady);
        controller.Succeed(a, engineId: 1, value: 2);
        Assert.Equal(2, await first.Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task A_direct_view_sends_one_task_per_engine_and_gathers_the_values_in_engine_order()
    {
        await using var controller = new FakeController(0, 1, 2);
        var all = controller.Client[..].ApplyAsync(ClientWork.Add, 4, 4);
        var tasks = new[] { await controller.NextTaskAsync(), await controller.NextTaskAsync(), await controller.NextTaskAsync() };
        Assert.Equal([0, 1, 2], tasks.Select(t => t.Header.Target).Order().ToArray());

        foreach (var task in tasks.OrderByDescending(t => t.Header.Target))
        {
            controller.Succeed(task, task.Header.Target, 100 + task.Header.Target);
        }

        var values = await all.Task.WaitAsync(Patience.Long);
        Assert.Equal([100, 101, 102], values);
    }

    [Fact]
    public async Task A_slice_past_the_registered_engines_says_how_many_there_are_and_a_slice_within_them_works()
    {
        await using var controller = new FakeController(0, 1, 2, 3);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => controller.Client[0..50]);
        Assert.Contains("4 registered", error.Message);
        Assert.Contains("ids [0, 1, 2, 3]", error.Message);
        Assert.Equal([1, 2], controller.Client[1..3].Targets);
    }

    [Fact]
    public async Task Retries_are_asked_of_the_controller_and_the_engines_a_task_outlived_show_in_its_metadata()
    {
        await using var controller = new FakeController(0, 1);
        var result = controller.Client.LoadBalancedView(new TaskOptions { Retries = 2, Timeout = TimeSpan.FromSeconds(3) }).ApplyAsync(ClientWork.Add, 1, 2);
        var task = await controller.NextTaskAsync();
        Assert.Equal((2, 3000), (task.Header.Retries, task.Header.TimeoutMilliseconds));

        // The controller retried it after losing engine 1; the run on engine 0 answers.
        controller.Attempts(task, 1);
        controller.Succeed(task, engineId: 0, value: 3);
        Assert.Equal(3, await result.Task.WaitAsync(Patience.Long));
        Assert.Equal([1], result.Metadata!.LostEngines);
        Assert.Equal(2, result.Metadata.Attempts);
    }

    [Fact]
    public async Task A_task_whose_retries_ran_out_fails_with_EngineLostException_naming_the_engine()
    {
        await using var controller = new FakeController(0);
        var result = controller.Client[0].ApplyAsync(ClientWork.Add, 1, 2);
        var task = await controller.NextTaskAsync();
        controller.Fail(task, engineId: 0, ErrorKind.EngineLost, "Engine 0 was lost before the task finished (connection closed).");

        var error = await Assert.ThrowsAsync<EngineLostException>(() => result.Task.WaitAsync(Patience.Long));
        Assert.Equal(0, error.EngineId);
        Assert.Contains("connection closed", error.Message);
    }

    [Fact]
    public async Task Abort_asks_the_controller_and_the_await_ends_with_OperationCanceledException()
    {
        await using var controller = new FakeController(0);
        var result = controller.Client[0].ApplyAsync(ClientWork.Add, 1, 2);
        var task = await controller.NextTaskAsync();

        result.Abort();
        var abort = await controller.NextOtherAsync(MessageKind.Abort);
        var r = abort.Reader();
        Assert.Equal([task.Id], AbortMessage.Read(ref r).ClientTaskIds);

        controller.Fail(task, engineId: -1, ErrorKind.Aborted, "The task was aborted before it ran.");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => result.Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task Views_over_the_same_engines_share_one_target_set_and_their_tasks_name_it()
    {
        await using var controller = new FakeController(0, 1, 2);
        var first = controller.Client.LoadBalancedView([2, 0]).ApplyAsync(ClientWork.Add, 1, 2);
        var task = await controller.NextTaskAsync();
        var second = controller.Client.LoadBalancedView([2, 0], new TaskOptions { Timeout = TimeSpan.FromMinutes(1) }).ApplyAsync(ClientWork.Add, 3, 4);
        var again = await controller.NextTaskAsync();
        var other = controller.Client.LoadBalancedView([1]).ApplyAsync(ClientWork.Add, 5, 6);
        var third = await controller.NextTaskAsync();

        var sets = controller.SentSoFar().Where(f => f.Kind == MessageKind.TargetSet).Select(f =>
        {
            var r = f.Reader();
            return TargetSetMessage.Read(ref r);
        }).ToArray();
        Assert.Equal(2, sets.Length);
        Assert.Equal([2, 0], sets[0].EngineIds);
        Assert.Equal([1], sets[1].EngineIds);
        Assert.Equal(
            (SubmitMessage.TargetOfSet(sets[0].SetId), SubmitMessage.TargetOfSet(sets[0].SetId), SubmitMessage.TargetOfSet(sets[1].SetId)),
            (task.Header.Target, again.Header.Target, third.Header.Target));
        Assert.Equal(60_000, again.Header.TimeoutMilliseconds);
    }

    [Fact]
    public async Task Disposing_a_client_twice_is_harmless_and_its_pending_tasks_fail_clearly()
    {
        await using var controller = new FakeController(0);
        var pending = controller.Client[0].ApplyAsync(ClientWork.Add, 1, 2);
        await controller.NextTaskAsync();

        await controller.Client.DisposeAsync();
        await controller.Client.DisposeAsync();
        controller.Client.Dispose();
        await Assert.ThrowsAsync<RemoteKitConnectionException>(() => pending.Task.WaitAsync(Patience.Long));
    }

    [Fact]
    public async Task A_lost_connection_fails_every_pending_task_and_refuses_new_ones_at_once()
    {
        await using var controller = new FakeController(0);
        var pending = controller.Client[0].ApplyAsync(ClientWork.Add, 1, 2);
        await controller.NextTaskAsync();

        controller.Session.OnClosed("the controller went away");
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => pending.Task.WaitAsync(Patience.Long));
        Assert.Contains("the controller went away", error.Message);
        Assert.Throws<RemoteKitConnectionException>(() => controller.Client[0].ApplyAsync(ClientWork.Add, 1, 2));
    }

    [Fact]
    public async Task A_load_balanced_map_keeps_at_most_its_window_in_flight_and_returns_results_in_input_order()
    {
        const int items = 50;
        const int window = 16; // 2 engines: 8 chunks each, but never fewer than 16
        await using var controller = new FakeController(0, 1);
        var answered = 0;
        var overrun = 0;

        // The map reads its input lazily, one chunk (here one item) ahead of what the window lets it send.
        IEnumerable<string> Words()
        {
            for (var i = 0; i < items; i++)
            {
                if (i + 1 > Volatile.Read(ref answered) + window + 1)
                {
                    Interlocked.Increment(ref overrun);
                }

                yield return $"word{i}";
            }
        }

        var map = controller.Client.LoadBalancedView().MapAsync(ClientWork.Shout, Words());
        var outstanding = new Stack<SubmittedTask>();
        for (var submitted = 0; submitted < items; submitted++)
        {
            outstanding.Push(await controller.NextTaskAsync());
            if (outstanding.Count == window)
            {
                // Answer the newest chunk first, so results arrive out of input order.
                Interlocked.Increment(ref answered);
                controller.SucceedBatch<string, string>(outstanding.Pop(), engineId: submitted % 2, s => s.ToUpperInvariant());
            }
        }

        while (outstanding.TryPop(out var task))
        {
            Interlocked.Increment(ref answered);
            controller.SucceedBatch<string, string>(task, engineId: 0, s => s.ToUpperInvariant());
        }

        var results = await map.Task.WaitAsync(Patience.Long);
        Assert.Equal(Enumerable.Range(0, items).Select(i => $"WORD{i}"), results);
        Assert.Equal(0, Volatile.Read(ref overrun));
    }
}
