using System.Buffers;
using Microsoft.Data.Sqlite;
using RemoteKit.Controller.History;

namespace RemoteKit.Unit.Tests.Controller;

/// <summary>The in-memory history's ring of records and its arena of task bodies.</summary>
public sealed class InMemoryTaskHistoryStorageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Past_the_record_limit_the_lowest_task_ids_go_first_even_when_they_arrive_last()
    {
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { MaxRecords = 3 });

        storage.Write([Done(5), Done(3)]);
        storage.Write([Done(4), Done(1), Done(2)]);

        Assert.Equal([3UL, 4, 5], storage.Query(new TaskHistoryQuery()).Select(r => r.TaskId));
        Assert.Null(storage.Get(1));
        Assert.Null(storage.Get(2));
        Assert.Equal(3, storage.Count);
    }

    [Fact]
    public void Queries_read_in_task_id_order_and_a_limit_keeps_the_newest_matches()
    {
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions());
        storage.Write([Done(2), Done(1, TaskHistoryStatus.Failed), Done(4, TaskHistoryStatus.Failed), Done(3), Done(5, TaskHistoryStatus.Failed)]);

        var failed = new TaskHistoryQuery { Statuses = [TaskHistoryStatus.Failed] };

        Assert.Equal([1UL, 2, 3, 4, 5], storage.Query(new TaskHistoryQuery()).Select(r => r.TaskId));
        Assert.Equal([1UL, 4, 5], storage.Query(failed).Select(r => r.TaskId));
        Assert.Equal([4UL, 5], storage.Query(failed with { MaxRecords = 2 }).Select(r => r.TaskId));
        Assert.Empty(storage.Query(failed with { MaxRecords = 0 }));
    }

    [Fact]
    public void Later_changes_of_a_task_are_absorbed_into_its_record()
    {
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { Results = ResultRetention.Recent });

        storage.Write([TaskChange.Submitted(7, clientId: 3, "Work.Power", T0, bytesIn: 40)]);
        storage.Write([TaskChange.Started(7, engineId: 1, T0.AddSeconds(1)), TaskChange.Started(7, engineId: 2, T0.AddSeconds(2))]);
        var finished = TaskChange.Finished(7, TaskHistoryStatus.Completed, T0.AddSeconds(5), bytesOut: 9, null, null, startedAt: T0.AddSeconds(3));
        finished.Result = [1, 2, 3];
        storage.Write([finished]);

        var record = storage.Get(7);
        Assert.NotNull(record);
        Assert.Equal(TaskHistoryStatus.Completed, record.Status);
        Assert.Equal(3, record.ClientId);
        Assert.Equal("Work.Power", record.Method);
        Assert.Equal(2, record.EngineId);
        Assert.Equal(2, record.Attempts);
        Assert.Equal(T0, record.SubmittedAt);
        Assert.Equal(T0.AddSeconds(3), record.StartedAt);
        Assert.Equal(T0.AddSeconds(5), record.CompletedAt);
        Assert.Equal(40, record.BytesIn);
        Assert.Equal(9, record.BytesOut);
        Assert.True(record.HasResult);
        Assert.Equal([1, 2, 3], storage.GetResult(7));
        Assert.Equal(1, storage.Count);
    }

    [Fact]
    public void Results_past_their_budget_go_lowest_task_id_first_and_with_their_records()
    {
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { MaxRecords = 4, Results = ResultRetention.Recent, ResultBudgetBytes = 30 });

        storage.Write([WithResult(Done(2), 10), WithResult(Done(1), 10), WithResult(Done(3), 10)]);
        Assert.All(new ulong[] { 1, 2, 3 }, id => Assert.NotNull(storage.GetResult(id)));

        storage.Write([WithResult(Done(4), 10)]);
        Assert.Null(storage.GetResult(1));
        Assert.False(storage.Get(1)!.HasResult);
        Assert.All(new ulong[] { 2, 3, 4 }, id => Assert.Equal(10, storage.GetResult(id)!.Length));

        // Records 5 and 6 push out 1 and 2; 2 takes its result along, so 6's fits beside 3 and 4.
        storage.Write([Done(5), WithResult(Done(6), 5)]);
        Assert.Null(storage.Get(2));
        Assert.Equal([3UL, 4, 5, 6], storage.Query(new TaskHistoryQuery()).Where(r => r.HasResult || r.TaskId == 5).Select(r => r.TaskId));
        Assert.Equal(5, storage.GetResult(6)!.Length);
    }

    [Fact]
    public void Bodies_past_their_budget_go_lowest_task_id_first_and_their_placement_stays()
    {
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { ArgumentBudgetBytes = 250 });

        storage.Write([WithBody(Done(2), 100, fill: 2), WithBody(Done(1), 100, fill: 1)]);
        storage.Write([WithBody(Done(3), 100, fill: 3)]);

        var dropped = storage.GetArguments(1);
        Assert.NotNull(dropped);
        Assert.Null(dropped.Body);
        Assert.Equal(100, dropped.Size);
        Assert.Equal(4, dropped.Target);
        Assert.False(storage.Get(1)!.HasArguments);
        Assert.True(storage.Get(2)!.HasArguments);
        Assert.Equal(Enumerable.Repeat((byte)2, 100), storage.GetArguments(2)!.Body!);
        Assert.Equal(Enumerable.Repeat((byte)3, 100), storage.GetArguments(3)!.Body!);
        Assert.Equal(11UL, storage.GetArguments(3)!.ResubmitOf);
    }

    [Fact]
    public void A_later_body_replaces_the_kept_one_and_counts_once()
    {
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { ArgumentBudgetBytes = 150 });

        storage.Write([WithBody(Done(1), 100, fill: 1)]);
        storage.Write([WithBody(Done(1), 100, fill: 9), WithBody(Done(2), 50, fill: 2)]);

        Assert.Equal(Enumerable.Repeat((byte)9, 100), storage.GetArguments(1)!.Body!);
        Assert.Equal(Enumerable.Repeat((byte)2, 50), storage.GetArguments(2)!.Body!);
    }

    [Fact]
    public void The_ring_grows_as_tasks_arrive_and_keeps_every_record_within_the_limit()
    {
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { MaxRecords = 5_000 });

        storage.Write([.. Enumerable.Range(1, 4_000).Select(id => WithBody(Done((ulong)id), 8, fill: (byte)id))]);
        storage.Write([.. Enumerable.Range(4_001, 2_000).Select(id => Done((ulong)id))]);

        Assert.Equal(5_000, storage.Count);
        Assert.Null(storage.Get(1_000));
        Assert.Equal(Enumerable.Repeat(unchecked((byte)1_001), 8), storage.GetArguments(1_001)!.Body!);
        Assert.Equal(Enumerable.Range(1_001, 5_000).Select(id => (ulong)id), storage.Query(new TaskHistoryQuery()).Select(r => r.TaskId));
    }

    [Fact]
    public void A_record_stored_where_a_dropped_one_was_shows_nothing_of_it_and_the_budgets_count_it_once()
    {
        // MaxRecords 3 spans 67 ids: task 68 takes the place task 1 had, after 1 was dropped with its result and body.
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { MaxRecords = 3, Results = ResultRetention.Recent, ResultBudgetBytes = 100 });
        var failed = TaskChange.Whole(1, TaskHistoryStatus.Failed, 1, "Work.Fail", 0, T0, T0, T0, 1, 100, 10, "System.InvalidOperationException", "no");
        storage.Write([WithBody(WithResult(failed, 40), 8, fill: 1)]);

        storage.Write([.. Enumerable.Range(2, 67).Select(id => Done((ulong)id))]);
        Assert.Null(storage.Get(1));
        Assert.Null(storage.GetResult(1));

        var record = storage.Get(68);
        Assert.NotNull(record);
        Assert.Equal(TaskHistoryStatus.Completed, record.Status);
        Assert.Equal("Work.Power", record.Method);
        Assert.Null(record.ErrorType);
        Assert.Null(record.ErrorMessage);
        Assert.False(record.HasResult);
        Assert.False(record.HasArguments);
        Assert.Null(storage.GetResult(68));
        Assert.Equal([66UL, 67, 68], storage.Query(new TaskHistoryQuery()).Select(r => r.TaskId));

        // Task 1's 40 bytes left the budget with it: three results of 30 fit.
        storage.Write([WithResult(Done(69), 30), WithResult(Done(70), 30), WithResult(Done(71), 30)]);
        Assert.All(new ulong[] { 69, 70, 71 }, id => Assert.Equal(30, storage.GetResult(id)!.Length));
    }

    [Fact]
    public void A_task_more_than_a_whole_ring_below_the_newest_is_dropped_at_once()
    {
        // MaxRecords 10 spans 74 ids: 1 finishing after 100 is below every id the ring can hold beside it.
        using var storage = new InMemoryTaskHistoryStorage(new TaskHistoryOptions { MaxRecords = 10 });

        storage.Write([Done(100), Done(1), Done(40)]);

        Assert.Equal([40UL, 100], storage.Query(new TaskHistoryQuery()).Select(r => r.TaskId));
    }

    [Fact]
    public async Task A_batch_recorded_after_a_queued_event_of_its_task_is_stored_after_it()
    {
        await using var history = TaskHistory.CreateInMemory();

        history.RecordSubmitted(1, clientId: 3, "Work.Power", T0, bytesIn: 40);
        history.RecordTasks([Done(1), Done(2, TaskHistoryStatus.Failed)]);

        Assert.Equal(
            [(1UL, TaskHistoryStatus.Completed, 1), (2UL, TaskHistoryStatus.Failed, 1)],
            (await history.QueryAsync(new TaskHistoryQuery())).Select(r => (r.TaskId, r.Status, r.Attempts)));
    }

    [Fact]
    public async Task A_batch_recorded_with_nothing_queued_keeps_the_policy_on_results_and_bodies()
    {
        await using var history = TaskHistory.CreateInMemory(new TaskHistoryOptions { MaxArgumentBytes = 50 });

        history.RecordTasks([WithResult(WithBody(Done(1), 40, fill: 1), 8), WithBody(Done(2), 60, fill: 2)]);

        Assert.Null(await history.GetResultAsync(1));
        Assert.Equal(Enumerable.Repeat((byte)1, 40), (await history.GetArgumentsAsync(1))!.Body!);
        Assert.Null((await history.GetArgumentsAsync(2))!.Body);
        Assert.Equal(0, history.DroppedEvents);
    }

    [Fact]
    public void Arena_chunks_are_reused_once_their_bodies_are_gone_and_a_large_body_has_its_own()
    {
        var arena = new TaskBodyArena();
        var first = new List<KeptBody>();
        do
        {
            first.Add(arena.Add(new byte[1_000]));
        }
        while (first[^1].Chunk == first[0].Chunk);

        var firstChunk = first[0].Chunk;
        foreach (var body in first.Where(b => b.Chunk == firstChunk))
        {
            arena.Release(body);
        }

        // The second chunk fills up; the third is the first one again, written from its start.
        var second = first[^1].Chunk;
        KeptBody next;
        do
        {
            next = arena.Add([5, 6, 7]);
        }
        while (next.Chunk == second);

        Assert.Same(firstChunk, next.Chunk);
        Assert.Equal(0, next.Offset);
        Assert.Equal([5, 6, 7], TaskBodyArena.ToArray(next));
        var large = arena.Add(new byte[TaskBodyArena.LargestShared + 1]);
        Assert.Equal(TaskBodyArena.LargestShared + 1, large.Chunk!.Bytes.Length);
    }

    [Fact]
    public void A_chunk_still_holding_a_body_is_not_reused()
    {
        var arena = new TaskBodyArena();
        var kept = arena.Add([1, 2, 3]);
        var first = kept.Chunk;
        KeptBody next;
        do
        {
            next = arena.Add(new byte[1_000]);
            if (next.Chunk == first)
            {
                arena.Release(next);
            }
        }
        while (next.Chunk == first);

        // Everything but one body of the first chunk went; filling the second does not reuse it.
        var second = next.Chunk;
        do
        {
            next = arena.Add(new byte[1_000]);
        }
        while (next.Chunk == second);

        Assert.NotSame(first, next.Chunk);
        Assert.Equal([1, 2, 3], TaskBodyArena.ToArray(kept));
    }

    [Fact]
    public void The_arena_keeps_a_body_split_across_segments_whole_beside_the_next_one()
    {
        var arena = new TaskBodyArena();
        var first = new Segment(new byte[] { 1, 2 }, 0);
        var last = first.Append(new byte[] { 3, 4, 5 });

        var kept = arena.Add(new ReadOnlySequence<byte>(first, 0, last, 3));
        var next = arena.Add([6, 7]);

        Assert.Equal([1, 2, 3, 4, 5], TaskBodyArena.Memory(kept).ToArray());
        Assert.Equal([6, 7], TaskBodyArena.Memory(next).ToArray());
        Assert.Same(kept.Chunk, next.Chunk);
    }

    [Fact]
    public async Task Borrowed_bodies_are_copied_during_the_call_whether_stored_at_once_or_queued_for_the_writer()
    {
        // In memory with nothing queued, a batch is stored at once; in SQLite it always waits for the writer.
        var folder = Directory.CreateTempSubdirectory("rk-borrowed-");
        try
        {
            foreach (var history in new[] { TaskHistory.CreateInMemory(), TaskHistory.OpenSqlite(Path.Combine(folder.FullName, "history.db")) })
            {
                await using (history)
                {
                    var body = Enumerable.Repeat((byte)7, 40).ToArray();
                    var change = WithBody(Done(1), 40, fill: 0);
                    change.Body = body;

                    history.RecordTasks([change], borrowedBodies: true);
                    Array.Fill(body, (byte)9);

                    Assert.Equal(Enumerable.Repeat((byte)7, 40), (await history.GetArgumentsAsync(1))!.Body!);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static TaskChange Done(ulong taskId, TaskHistoryStatus status = TaskHistoryStatus.Completed) =>
        TaskChange.Whole(taskId, status, clientId: 1, "Work.Power", engineId: 0, T0, T0.AddSeconds(1), T0.AddSeconds(2), attempts: 1, bytesIn: 100, bytesOut: 10);

    private static TaskChange WithResult(TaskChange change, int size)
    {
        change.Result = new byte[size];
        return change;
    }

    private static TaskChange WithBody(TaskChange change, int size, byte fill)
    {
        change.Placement = new TaskPlacement(Target: 4, Retries: 0, TimeoutMilliseconds: 0, BodyKind: 1, Size: size, ResubmitOf: 11);
        change.Body = Enumerable.Repeat(fill, size).ToArray();
        return change;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
