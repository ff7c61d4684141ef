using MemoryPack;
using RemoteKit.Protocol;
using static RemoteKit.Unit.Tests.Bytes;

namespace RemoteKit.Unit.Tests.Client;

/// <summary>
/// What a caller sees of running tasks, over an in-memory controller: their output as it arrives (bounded when nobody reads
/// it), their progress and published values, and streams with their acknowledgements, errors and early ends.
/// </summary>
public sealed class ClientLiveTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_running_tasks_output_reaches_ar_Output_before_its_result_and_the_stream_ends_with_it()
    {
        await using var controller = new FakeController(0, 1);
        var result = controller.Client[1].ApplyAsync(ClientWork.Add, 2, 3);
        var task = await controller.NextTaskAsync();
        await using var output = result.Output.GetAsyncEnumerator();

        controller.Output(task, 1, new OutputChunk(OutputStreamKind.Stdout, 0, "first\n"));
        Assert.True(await output.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(new TaskOutput(1, task.Id, OutputStream.Stdout, "first\n"), output.Current);
        Assert.False(result.IsReady);

        controller.Output(task, 1, new OutputChunk(OutputStreamKind.Stderr, 0, "oops\n"));
        controller.Succeed(task, engineId: 1, value: 5, stdout: "first\n");
        Assert.True(await output.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(new TaskOutput(1, task.Id, OutputStream.Stderr, "oops\n"), output.Current);
        Assert.False(await output.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(5, await result);
        Assert.Equal("first\n", result.Metadata!.Stdout);
    }

    [Fact]
    public async Task The_tasks_of_a_direct_view_and_of_a_map_each_give_one_output_stream_naming_engine_and_task()
    {
        await using var controller = new FakeController(0, 1);
        var all = controller.Client[..].ApplyAsync(ClientWork.Add, 1, 1);
        var tasks = new[] { await controller.NextTaskAsync(), await controller.NextTaskAsync() };
        foreach (var task in tasks)
        {
            controller.Output(task, task.Header.Target, new OutputChunk(OutputStreamKind.Stdout, 0, $"from {task.Header.Target}"));
            controller.Succeed(task, task.Header.Target, 2);
        }

        var pieces = await ReadAllAsync(all.Output);
        Assert.Equal(["0 from 0", "1 from 1"], pieces.Select(p => $"{p.EngineId} {p.Text}").Order());
        Assert.Equal(tasks.Select(t => t.Id).Order(), pieces.Select(p => p.TaskId).Order());

        var map = controller.Client.LoadBalancedView().MapAsync(ClientWork.Shout, ["a", "b"]);
        var chunks = new[] { await controller.NextTaskAsync(), await controller.NextTaskAsync() };
        foreach (var (chunk, engine) in chunks.Zip([0, 1]))
        {
            controller.Output(chunk, engine, new OutputChunk(OutputStreamKind.Stdout, 0, "chunk"));
            controller.SucceedBatch<string, string>(chunk, engine, text => text.ToUpperInvariant());
        }

        Assert.Equal([0, 1], (await ReadAllAsync(map.Output)).Select(p => p.EngineId).Order());
        Assert.Equal(["A", "B"], await map);
    }

    [Fact]
    public async Task Output_nobody_reads_is_kept_up_to_a_bound_and_the_rest_is_counted_as_dropped_never_lost_silently()
    {
        await using var controller = new FakeController(0);
        var result = controller.Client[0].ApplyAsync(ClientWork.Add, 1, 1);
        var task = await controller.NextTaskAsync();
        var half = new string('x', RemoteClientDefaults.OutputBufferChars / 2);

        controller.Output(task, 0, new OutputChunk(OutputStreamKind.Stdout, 0, half), new OutputChunk(OutputStreamKind.Stdout, 0, half));
        controller.Output(task, 0, new OutputChunk(OutputStreamKind.Stdout, 0, half));
        controller.Output(task, 0, new OutputChunk(OutputStreamKind.Stdout, 7, "tail"));
        controller.Succeed(task, 0, 2);
        await result;

        var pieces = await ReadAllAsync(result.Output);
        Assert.Equal([half.Length, half.Length, 0], pieces.Select(p => p.Text.Length));

        // The third half and "tail" did not fit; the engine itself had dropped 7 before "tail": all said at the task's end.
        Assert.Equal(half.Length + 7 + 4, pieces[^1].Dropped);
    }

    [Fact]
    public async Task Progress_reaches_the_callers_IProgress_while_the_task_runs_and_the_latest_stays_readable()
    {
        await using var controller = new FakeController(0);
        var reports = new List<int>();
        var third = new TaskCompletionSource();
        var progress = new Recorder<int>(value =>
        {
            lock (reports)
            {
                reports.Add(value);
            }

            if (value == 3)
            {
                third.TrySetResult();
            }
        });
        var result = controller.Client.LoadBalancedView().ApplyAsync(ClientWork.Steps, 3, progress: progress);
        var task = await controller.NextTaskAsync();

        controller.Event(task, 0, TaskEventKind.Progress, MemoryPackSerializer.Serialize(3));
        await third.Task.WaitAsync(Patience);
        Assert.False(result.IsReady);
        Assert.True(result.TryGetLastReport<int>(out var last));
        Assert.Equal(3, last);

        controller.Succeed(task, 0, 3);
        Assert.Equal(3, await result);
        Assert.Equal([3], await ReadAllAsync(result.ReportsAsync<int>()));
        Assert.Equal([3], reports);
    }

    [Fact]
    public async Task Published_values_are_in_ar_Data_by_name_latest_first_and_as_updates()
    {
        await using var controller = new FakeController(0);
        var result = controller.Client[0].ApplyAsync(ClientWork.Add, 1, 1);
        var task = await controller.NextTaskAsync();
        await using var updates = result.Data.UpdatesAsync().GetAsyncEnumerator();

        controller.Event(task, 0, TaskEventKind.Data, Concat(Body(w => new DataEvent("loss", "System.Double").Write(w)), MemoryPackSerializer.Serialize(0.5)));
        Assert.True(await updates.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(("loss", 0, 0.5), (updates.Current.Name, updates.Current.EngineId, updates.Current.Get<double>()));

        controller.Event(task, 0, TaskEventKind.Data, Concat(Body(w => new DataEvent("loss", "System.Double").Write(w)), MemoryPackSerializer.Serialize(0.25)));
        Assert.Equal(0.25, result.Data.Get<double>("loss"));
        Assert.Equal(0.25, result.Data["loss"]);
        Assert.Throws<KeyNotFoundException>(() => result.Data.Get<double>("accuracy"));
        controller.Succeed(task, 0, 2);
        Assert.True(await updates.MoveNextAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(0.25, updates.Current.Get<double>());
        Assert.False(await updates.MoveNextAsync().AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_stream_yields_its_items_in_order_and_acknowledges_what_its_caller_consumed()
    {
        await using var controller = new FakeController(0);
        var stream = controller.Client[0].StreamAsync(ClientWork.Remote.Count(8), new StreamOptions { MaxBufferedItems = 8 });
        var task = await controller.NextTaskAsync();
        Assert.Equal(TaskKind.Stream, task.Kind);
        Assert.Equal(0, task.Header.Target);

        for (var first = 0; first < 8; first += 2)
        {
            controller.Items(task, 0, first, first, first + 1);
        }

        var items = new List<int>();
        await using (var e = stream.GetAsyncEnumerator())
        {
            while (items.Count < 8)
            {
                Assert.True(await e.MoveNextAsync().AsTask().WaitAsync(Patience));
                items.Add(e.Current);
            }

            // Waiting for more with nothing left to read: what was consumed is acknowledged, whatever the window.
            var more = e.MoveNextAsync().AsTask();
            Assert.False(more.IsCompleted);
            controller.EndStream(task, 0, items: 8);
            Assert.False(await more.WaitAsync(Patience));
        }

        Assert.Equal(Enumerable.Range(0, 8), items);
        var acknowledged = controller.SentSoFar().Where(f => f.Kind == MessageKind.StreamAck).Select(f =>
        {
            var r = f.Reader();
            return StreamAckMessage.Read(ref r);
        }).ToList();
        Assert.All(acknowledged, a => Assert.Equal(task.Id, a.ClientTaskId));
        Assert.Equal(acknowledged.Select(a => a.Consumed).Order(), acknowledged.Select(a => a.Consumed));
        Assert.Equal(8, acknowledged[^1].Consumed);
        await stream.Completion.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_stream_fails_where_its_items_stop_after_every_item_that_came_before()
    {
        await using var controller = new FakeController(0);
        var stream = controller.Client.LoadBalancedView().StreamAsync(ClientWork.Lines, 10);
        var task = await controller.NextTaskAsync();
        controller.Items(task, 0, 0, "line 0", "line 1");
        controller.Fail(task, 0, ErrorKind.EngineLost, "Engine 0 was lost before the task finished.");

        var items = new List<string>();
        var error = await Assert.ThrowsAsync<EngineLostException>(async () =>
        {
            await foreach (var line in stream)
            {
                items.Add(line);
            }
        });

        Assert.Equal(["line 0", "line 1"], items);
        Assert.Equal(0, error.EngineId);
    }

    [Fact]
    public async Task A_stream_that_ends_with_fewer_items_than_its_engine_sent_fails_instead_of_ending_short()
    {
        await using var controller = new FakeController(0);
        var stream = controller.Client[0].StreamAsync(ClientWork.Remote.Count(3));
        var task = await controller.NextTaskAsync();
        controller.Items(task, 0, 0, 0, 1);
        controller.EndStream(task, 0, items: 3);

        var error = await Assert.ThrowsAsync<RemoteException>(async () =>
        {
            await foreach (var _ in stream)
            {
            }
        });
        Assert.Contains("sent 3 items, but 2 arrived", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leaving_a_stream_early_aborts_its_task_and_a_stream_is_read_once()
    {
        await using var controller = new FakeController(0);
        var stream = controller.Client[0].StreamAsync(ClientWork.Remote.Count(100));
        var task = await controller.NextTaskAsync();
        controller.Items(task, 0, 0, 0, 1, 2);

        await foreach (var item in stream)
        {
            Assert.Equal(0, item);
            break;
        }

        var abort = await controller.NextOtherAsync(MessageKind.Abort);
        var r = abort.Reader();
        Assert.Equal([task.Id], AbortMessage.Read(ref r).ClientTaskIds);
        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
    }

    [Fact]
    public async Task WaitInteractive_shows_the_output_line_by_line_with_its_stream_and_engine_before_the_final_line()
    {
        await using var controller = new FakeController(0, 1);
        var all = controller.Client[..].ApplyAsync(ClientWork.Add, 1, 1);
        var tasks = new[] { await controller.NextTaskAsync(), await controller.NextTaskAsync() };
        var shown = new StringWriter();
        var showing = all.WaitInteractiveAsync(new ProgressDisplayOptions { ShowOutput = true, Output = shown, Mode = ProgressDisplayMode.Lines, LineInterval = TimeSpan.FromHours(1) });

        var (zero, one) = tasks[0].Header.Target == 0 ? (tasks[0], tasks[1]) : (tasks[1], tasks[0]);
        controller.Output(zero, 0, new OutputChunk(OutputStreamKind.Stdout, 0, "half a "), new OutputChunk(OutputStreamKind.Stderr, 0, "warning\n"));
        controller.Output(zero, 0, new OutputChunk(OutputStreamKind.Stdout, 0, "line\nand the rest"));
        controller.Output(one, 1, new OutputChunk(OutputStreamKind.Stdout, 5, "after a gap\n"));
        controller.Succeed(zero, 0, 2);
        controller.Succeed(one, 1, 2);
        await showing.WaitAsync(Patience);

        var lines = shown.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["[stderr:0] warning", "[stdout:0] half a line", "[stdout:1] [5 characters not shown]", "[stdout:1] after a gap", "[stdout:0] and the rest"],
            lines.SkipLast(1));
        Assert.StartsWith("2/2 tasks done", lines[^1], StringComparison.Ordinal);
    }

    private static async Task<List<T>> ReadAllAsync<T>(IAsyncEnumerable<T> items)
    {
        var all = new List<T>();
        await foreach (var item in items.WithCancellation(new CancellationTokenSource(Patience).Token))
        {
            all.Add(item);
        }

        return all;
    }

    /// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Recorder<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
