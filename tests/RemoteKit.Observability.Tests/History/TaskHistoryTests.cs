using System.Buffers;
using RemoteKit.Controller.History;

namespace RemoteKit.Observability.Tests.History;

/// <summary>The behaviour both stores share, run against each.</summary>
[Trait("Category", "Unit")]
public sealed class TaskHistoryTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new("remotekit-observe-");

    /// <summary>A finished task's record, as the controller hands it over whole.</summary>
    private static readonly TaskHistoryRecord Whole = new()
    {
        TaskId = 4, Status = TaskHistoryStatus.Completed, ClientId = 3, Method = "Work.SlowPower", EngineId = 2, SubmittedAt = T0,
        StartedAt = T0.AddSeconds(2), CompletedAt = T0.AddSeconds(3), Attempts = 2, BytesIn = 120, BytesOut = 64,
    };

    public static TheoryData<string> Stores => ["memory", "sqlite"];

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_tasks_events_make_one_record_with_every_field(string store)
    {
        await using var history = Open(store);

        history.RecordSubmitted(1, clientId: 3, "Work.SlowPower", T0, bytesIn: 120);
        history.RecordStarted(1, engineId: 2, T0.AddSeconds(1));
        history.RecordFinished(1, TaskHistoryStatus.Completed, T0.AddSeconds(3), bytesOut: 64, startedAt: T0.AddSeconds(2));
        var record = await history.GetAsync(1);

        Assert.NotNull(record);
        Assert.Equal(TaskHistoryStatus.Completed, record.Status);
        Assert.Equal(3, record.ClientId);
        Assert.Equal("Work.SlowPower", record.Method);
        Assert.Equal(2, record.EngineId);
        Assert.Equal(T0, record.SubmittedAt);
        Assert.Equal(T0.AddSeconds(2), record.StartedAt);
        Assert.Equal(T0.AddSeconds(3), record.CompletedAt);
        Assert.Equal(TimeSpan.FromSeconds(3), record.Duration);
        Assert.Equal(1, record.Attempts);
        Assert.Equal(120, record.BytesIn);
        Assert.Equal(64, record.BytesOut);
        Assert.Null(record.ErrorType);
        Assert.False(record.HasResult);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_task_recorded_whole_when_it_ends_reads_back_as_its_three_events_would(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { Results = ResultRetention.Recent });
        var whole = Whole;

        history.RecordTask(whole, new ReadOnlySequence<byte>([7, 8]));
        history.RecordTask(whole with { TaskId = 5, Status = TaskHistoryStatus.Failed, ErrorType = "System.InvalidOperationException", ErrorMessage = "boom" });

        Assert.Equal(whole with { HasResult = true }, await history.GetAsync(4));
        Assert.Equal([7, 8], await history.GetResultAsync(4));
        var failed = Assert.Single(await history.QueryAsync(new TaskHistoryQuery { Statuses = TaskHistoryQuery.Unsuccessful }));
        Assert.Equal((5UL, "boom", false), (failed.TaskId, failed.ErrorMessage, failed.HasResult));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Tasks_recorded_as_a_batch_read_back_as_each_recorded_whole(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { Results = ResultRetention.Recent });
        var whole = Whole;
        var kept = new TaskArguments { Target = -1, BodyKind = 1, Size = 120, Body = [1, 2, 3] };

        history.RecordTasks([(whole, [7, 8], kept), (whole with { TaskId = 5, Status = TaskHistoryStatus.Failed, ErrorType = "System.InvalidOperationException" }, null, null)]);

        Assert.Equal([whole with { HasResult = true, HasArguments = true }, whole with { TaskId = 5, Status = TaskHistoryStatus.Failed, ErrorType = "System.InvalidOperationException" }],
            await history.QueryAsync(new TaskHistoryQuery()));
        Assert.Equal([7, 8], await history.GetResultAsync(4));
        var arguments = await history.GetArgumentsAsync(4);
        Assert.Equal(kept with { Body = null }, arguments! with { Body = null });
        Assert.Equal(kept.Body, arguments.Body);
        Assert.Equal(0, history.DroppedEvents);
    }

    [Fact]
    public async Task A_batch_past_the_queue_capacity_is_dropped_and_counted()
    {
        await using var history = TaskHistory.CreateInMemory(new TaskHistoryOptions { QueueCapacity = 2 });
        var record = new TaskHistoryRecord { TaskId = 1, Status = TaskHistoryStatus.Completed, SubmittedAt = T0, CompletedAt = T0 };

        history.RecordTasks([(record, null, null), (record with { TaskId = 2 }, null, null), (record with { TaskId = 3 }, null, null)]);

        Assert.Empty(await history.QueryAsync(new TaskHistoryQuery()));
        Assert.Equal(3, history.DroppedEvents);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Events_stored_in_different_batches_still_make_one_record(string store)
    {
        await using var history = Open(store);

        history.RecordSubmitted(7, 0, "Work.Flaky", T0, 10);
        await history.FlushAsync();
        history.RecordStarted(7, engineId: 0, T0.AddSeconds(1));
        await history.FlushAsync();
        Assert.Equal(TaskHistoryStatus.Running, (await history.GetAsync(7))!.Status);
        history.RecordStarted(7, engineId: 1, T0.AddSeconds(2));
        history.RecordFinished(7, TaskHistoryStatus.Failed, T0.AddSeconds(3), 200, "System.InvalidOperationException", "boom");
        var record = await history.GetAsync(7);

        Assert.Equal(TaskHistoryStatus.Failed, record!.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(1, record.EngineId);
        Assert.Equal("Work.Flaky", record.Method);
        Assert.Equal("System.InvalidOperationException", record.ErrorType);
        Assert.Equal("boom", record.ErrorMessage);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Queries_filter_by_status_method_engine_client_and_time(string store)
    {
        await using var history = Open(store);
        RecordMap(history);

        var failed = await history.QueryAsync(new TaskHistoryQuery { Statuses = [TaskHistoryStatus.Failed] });
        var unsuccessful = await history.QueryAsync(new TaskHistoryQuery { Statuses = TaskHistoryQuery.Unsuccessful });
        var onEngine1 = await history.QueryAsync(new TaskHistoryQuery { EngineId = 1 });
        var squares = await history.QueryAsync(new TaskHistoryQuery { Method = "Work.Square" });
        var client2 = await history.QueryAsync(new TaskHistoryQuery { ClientId = 2 });
        var window = await history.QueryAsync(new TaskHistoryQuery { SubmittedFrom = T0.AddSeconds(3), SubmittedBefore = T0.AddSeconds(6) });
        var combined = await history.QueryAsync(new TaskHistoryQuery { Method = "Work.Square", Statuses = [TaskHistoryStatus.Completed], EngineId = 0 });
        var all = await history.QueryAsync(new TaskHistoryQuery());

        Assert.Equal([3UL, 6UL, 9UL], Ids(failed));
        Assert.Equal([3UL, 6UL, 9UL, 10UL, 11UL], Ids(unsuccessful));
        Assert.Equal([2UL, 4UL, 6UL, 8UL, 10UL], Ids(onEngine1));
        Assert.Equal([1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL, 8UL, 9UL], Ids(squares));
        Assert.Equal([10UL, 11UL], Ids(client2));
        Assert.Equal([3UL, 4UL, 5UL], Ids(window));
        Assert.Equal([1UL, 5UL, 7UL], Ids(combined));
        Assert.Equal(11, all.Count);
        Assert.Equal(TaskHistoryStatus.Lost, all[9].Status);
        Assert.Equal(TaskHistoryStatus.Aborted, all[10].Status);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Max_records_returns_the_most_recent_matches_in_order(string store)
    {
        await using var history = Open(store);
        RecordMap(history);

        var lastTwoFailures = await history.QueryAsync(new TaskHistoryQuery { Statuses = [TaskHistoryStatus.Failed], MaxRecords = 2 });
        var lastThree = await history.QueryAsync(new TaskHistoryQuery { MaxRecords = 3 });

        Assert.Equal([6UL, 9UL], Ids(lastTwoFailures));
        Assert.Equal([9UL, 10UL, 11UL], Ids(lastThree));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Only_the_newest_records_up_to_the_limit_are_kept(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { MaxRecords = 10, MaxBatchSize = 4 });

        for (ulong id = 1; id <= 25; id++)
        {
            history.RecordSubmitted(id, 0, "Work.Square", T0.AddSeconds(id), 8);
            history.RecordFinished(id, TaskHistoryStatus.Completed, T0.AddSeconds(id + 1), 8);
        }

        var kept = await history.QueryAsync(new TaskHistoryQuery());

        Assert.Equal(Enumerable.Range(16, 10).Select(i => (ulong)i), Ids(kept));
        Assert.Null(await history.GetAsync(15));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task No_result_is_kept_by_default(string store)
    {
        await using var history = Open(store);

        history.RecordSubmitted(1, 0, "Work.Square", T0, 8);
        history.RecordFinished(1, TaskHistoryStatus.Completed, T0, 3, result: new ReadOnlySequence<byte>([1, 2, 3]));

        Assert.Null(await history.GetResultAsync(1));
        Assert.False((await history.GetAsync(1))!.HasResult);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Recent_results_are_kept_within_the_budget_newest_first_and_failures_never(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { Results = ResultRetention.Recent, ResultBudgetBytes = 100, MaxBatchSize = 2 });

        for (ulong id = 1; id <= 5; id++)
        {
            history.RecordSubmitted(id, 0, "Work.Bytes", T0, 8);
            history.RecordFinished(id, TaskHistoryStatus.Completed, T0, 40, result: new ReadOnlySequence<byte>(Payload(id, 40)));
        }

        history.RecordSubmitted(6, 0, "Work.Fail", T0, 8);
        history.RecordFinished(6, TaskHistoryStatus.Failed, T0, 40, "E", "m", new ReadOnlySequence<byte>(Payload(6, 40)));
        history.RecordSubmitted(7, 0, "Work.Huge", T0, 8);
        history.RecordFinished(7, TaskHistoryStatus.Completed, T0, 101, result: new ReadOnlySequence<byte>(Payload(7, 101)));

        Assert.Null(await history.GetResultAsync(3));
        Assert.Equal(Payload(4, 40), await history.GetResultAsync(4));
        Assert.Equal(Payload(5, 40), await history.GetResultAsync(5));
        Assert.Null(await history.GetResultAsync(6));
        Assert.Null(await history.GetResultAsync(7));
        var flags = (await history.QueryAsync(new TaskHistoryQuery())).Select(r => r.HasResult);
        Assert.Equal([false, false, false, true, true, false, false], flags);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Results_go_with_the_records_the_limit_drops(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { MaxRecords = 2, Results = ResultRetention.Recent });

        for (ulong id = 1; id <= 3; id++)
        {
            history.RecordSubmitted(id, 0, "Work.Bytes", T0, 8);
            history.RecordFinished(id, TaskHistoryStatus.Completed, T0, 4, result: new ReadOnlySequence<byte>(Payload(id, 4)));
        }

        Assert.Null(await history.GetResultAsync(1));
        Assert.Equal(Payload(3, 4), await history.GetResultAsync(3));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_call_body_within_MaxArgumentBytes_is_kept_with_its_placement_and_one_over_it_is_not(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { MaxArgumentBytes = 16 });
        var whole = new TaskHistoryRecord { TaskId = 1, Status = TaskHistoryStatus.Completed, ClientId = 0, Method = "Work.Square", SubmittedAt = T0, BytesIn = 16 };

        history.RecordTask(whole, arguments: Arguments(target: -1, Payload(1, 16)) with { Retries = 2, TimeoutMilliseconds = 500 });
        history.RecordTask(whole with { TaskId = 2, BytesIn = 17 }, arguments: Arguments(target: 3, Payload(2, 17)));
        history.RecordTask(whole with { TaskId = 3, ResubmitOf = 1 }, arguments: Arguments(target: -1, Payload(1, 16)) with { ResubmitOf = 1 });

        var kept = await history.GetArgumentsAsync(1);
        Assert.NotNull(kept);
        Assert.Equal(Payload(1, 16), kept.Body);
        Assert.Equal((-1, 2, 500, (byte)1, 16L), (kept.Target, kept.Retries, kept.TimeoutMilliseconds, kept.BodyKind, kept.Size));
        Assert.Null(kept.ResubmitOf);
        var over = await history.GetArgumentsAsync(2);
        Assert.NotNull(over);
        Assert.Null(over.Body);
        Assert.Equal((3, 17L), (over.Target, over.Size));
        Assert.Equal(1UL, (await history.GetArgumentsAsync(3))!.ResubmitOf);
        Assert.Null(await history.GetArgumentsAsync(4));

        var records = await history.QueryAsync(new TaskHistoryQuery());
        Assert.Equal([true, false, true], records.Select(r => r.HasArguments));
        Assert.Equal([null, null, 1UL], records.Select(r => r.ResubmitOf));
        Assert.True((await history.GetAsync(1))!.HasArguments);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task MaxArgumentBytes_0_keeps_no_body_but_still_where_the_task_ran(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { MaxArgumentBytes = 0 });

        history.RecordTask(
            new TaskHistoryRecord { TaskId = 1, Status = TaskHistoryStatus.Completed, SubmittedAt = T0, BytesIn = 4 },
            arguments: Arguments(target: 2, Payload(1, 4)));

        var stored = await history.GetArgumentsAsync(1);
        Assert.NotNull(stored);
        Assert.Null(stored.Body);
        Assert.Equal(2, stored.Target);
        Assert.False((await history.GetAsync(1))!.HasArguments);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Bodies_past_the_argument_budget_drop_the_oldest_first_and_go_with_their_records(string store)
    {
        await using var history = Open(store, new TaskHistoryOptions { ArgumentBudgetBytes = 25, MaxRecords = 3, MaxBatchSize = 1 });

        for (ulong id = 1; id <= 4; id++)
        {
            history.RecordTask(
                new TaskHistoryRecord { TaskId = id, Status = TaskHistoryStatus.Completed, SubmittedAt = T0, BytesIn = 10 },
                arguments: Arguments(target: -1, Payload(id, 10)));
        }

        Assert.Null(await history.GetArgumentsAsync(1));
        Assert.Null((await history.GetArgumentsAsync(2))!.Body);
        Assert.Equal(Payload(3, 10), (await history.GetArgumentsAsync(3))!.Body);
        Assert.Equal(Payload(4, 10), (await history.GetArgumentsAsync(4))!.Body);
        Assert.Equal([false, true, true], (await history.QueryAsync(new TaskHistoryQuery())).Select(r => r.HasArguments));
    }

    private static TaskArguments Arguments(int target, byte[] body) =>
        new() { Target = target, BodyKind = 1, Size = body.Length, Body = body };

    private static byte[] Payload(ulong id, int length) => Enumerable.Repeat((byte)id, length).ToArray();

    private static ulong[] Ids(IEnumerable<TaskHistoryRecord> records) => records.Select(r => r.TaskId).ToArray();

    /// <summary>
    /// A map of 9 Work.Square items on engines 0 and 1 (every third fails), then client 2's lost and aborted tasks;
    /// task i is submitted at T0 + i s.
    /// </summary>
    private static void RecordMap(ITaskHistory history)
    {
        for (ulong id = 1; id <= 9; id++)
        {
            var engine = (int)(id % 2 == 0 ? 1UL : 0UL);
            history.RecordSubmitted(id, 1, "Work.Square", T0.AddSeconds(id), 16);
            history.RecordStarted(id, engine, T0.AddSeconds(id + 0.5));
            if (id % 3 == 0)
            {
                history.RecordFinished(id, TaskHistoryStatus.Failed, T0.AddSeconds(id + 1), 100, "System.ArgumentException", $"item {id}");
            }
            else
            {
                history.RecordFinished(id, TaskHistoryStatus.Completed, T0.AddSeconds(id + 1), 8);
            }
        }

        history.RecordSubmitted(10, 2, "Work.Long", T0.AddSeconds(10), 16);
        history.RecordStarted(10, 1, T0.AddSeconds(10));
        history.RecordFinished(10, TaskHistoryStatus.Lost, T0.AddSeconds(11), 0, "RemoteKit.EngineLostException", "engine 1 was lost");
        history.RecordSubmitted(11, 2, "Work.Long", T0.AddSeconds(11), 16);
        history.RecordFinished(11, TaskHistoryStatus.Aborted, T0.AddSeconds(12), 0, "RemoteKit.TaskAbortedException", "aborted");
    }

    private TaskHistory Open(string store, TaskHistoryOptions? options = null) => store switch
    {
        "memory" => TaskHistory.CreateInMemory(options),
        _ => TaskHistory.OpenSqlite(Path.Combine(_folder.Path, "history.db"), options),
    };
}
