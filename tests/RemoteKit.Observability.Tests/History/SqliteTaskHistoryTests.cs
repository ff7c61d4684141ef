using System.Buffers;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using RemoteKit.Controller.History;
using Xunit.Abstractions;

namespace RemoteKit.Observability.Tests.History;

[Trait("Category", "Unit")]
public sealed class SqliteTaskHistoryTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new("remotekit-observe-");

    private string File => Path.Combine(_folder.Path, "profile_demo", TaskHistory.SqliteFileName);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_file_lives_in_the_profile_folder()
    {
        var profile = RemoteKitProfile.Locate("demo");

        Assert.Equal(Path.Combine(profile.Directory, "history.db"), TaskHistory.SqliteFileIn(profile));
    }

    [Fact]
    public async Task Records_and_results_survive_a_controller_restart_and_task_ids_continue()
    {
        var options = new TaskHistoryOptions { Results = ResultRetention.Recent };
        await using (var first = TaskHistory.OpenSqlite(File, options))
        {
            Assert.Equal(0UL, first.LastTaskId);
            first.RecordSubmitted(1, 0, "Work.Square", T0, 16);
            first.RecordStarted(1, 0, T0.AddSeconds(1));
            first.RecordFinished(1, TaskHistoryStatus.Completed, T0.AddSeconds(2), 3, result: new ReadOnlySequence<byte>([9, 8, 7]));
            first.RecordSubmitted(2, 0, "Work.Fail", T0, 16);
            first.RecordStarted(2, 1, T0.AddSeconds(1));
            first.RecordFinished(2, TaskHistoryStatus.Failed, T0.AddSeconds(2), 50, "System.DivideByZeroException", "Attempted to divide by zero.");
            first.RecordSubmitted(3, 0, "Work.Long", T0, 16);
            first.RecordStarted(3, 1, T0.AddSeconds(1));
        }

        await using var second = TaskHistory.OpenSqlite(File, options);
        var records = await second.QueryAsync(new TaskHistoryQuery());

        Assert.Equal(3UL, second.LastTaskId);
        Assert.Equal([TaskHistoryStatus.Completed, TaskHistoryStatus.Failed, TaskHistoryStatus.Running], records.Select(r => r.Status));
        Assert.Equal("Attempted to divide by zero.", records[1].ErrorMessage);
        Assert.Equal(T0.AddSeconds(2), records[0].CompletedAt);
        Assert.Equal(new byte[] { 9, 8, 7 }, await second.GetResultAsync(1));
        second.RecordFinished(3, TaskHistoryStatus.Lost, T0.AddSeconds(5), 0, "RemoteKit.EngineLostException", "controller restarted");
        second.RecordSubmitted(second.LastTaskId + 1, 1, "Work.Square", T0.AddSeconds(6), 16);
        Assert.Equal(TaskHistoryStatus.Lost, (await second.GetAsync(3))!.Status);
        Assert.Equal(4, (await second.QueryAsync(new TaskHistoryQuery())).Count);
    }

    [Fact]
    public async Task A_version_1_file_gains_what_resubmission_needs_and_keeps_its_records()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        using (var v1 = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ConnectionString))
        {
            v1.Open();
            using var create = v1.CreateCommand();
            create.CommandText =
                """
                CREATE TABLE tasks (task_id INTEGER PRIMARY KEY, status TEXT NOT NULL, client_id INTEGER, method TEXT, engine_id INTEGER,
                    submitted INTEGER, started INTEGER, completed INTEGER, attempts INTEGER NOT NULL DEFAULT 0, error_type TEXT,
                    error_message TEXT, bytes_in INTEGER, bytes_out INTEGER);
                CREATE TABLE results (task_id INTEGER PRIMARY KEY, size INTEGER NOT NULL, bytes BLOB NOT NULL);
                INSERT INTO tasks (task_id, status, method, attempts) VALUES (7, 'completed', 'Work.Old', 1);
                PRAGMA user_version = 1;
                """;
            create.ExecuteNonQuery();
        }

        await using var history = TaskHistory.OpenSqlite(File);
        history.RecordTask(
            new TaskHistoryRecord { TaskId = 8, Status = TaskHistoryStatus.Completed, Method = "Work.New", SubmittedAt = T0, BytesIn = 3 },
            arguments: new TaskArguments { Target = -1, BodyKind = 1, Size = 3, Body = [1, 2, 3] });

        Assert.Equal(7UL, history.LastTaskId);
        Assert.Equal("Work.Old", (await history.GetAsync(7))!.Method);
        Assert.Null(await history.GetArgumentsAsync(7));
        Assert.Equal(new byte[] { 1, 2, 3 }, (await history.GetArgumentsAsync(8))!.Body);
    }

    [Fact]
    public async Task The_limit_holds_across_restarts()
    {
        var options = new TaskHistoryOptions { MaxRecords = 5 };
        await using (var first = TaskHistory.OpenSqlite(File, options))
        {
            for (ulong id = 1; id <= 4; id++)
            {
                first.RecordSubmitted(id, 0, "m", T0, 1);
            }
        }

        await using var second = TaskHistory.OpenSqlite(File, options);
        for (var id = second.LastTaskId + 1; id <= 7; id++)
        {
            second.RecordSubmitted(id, 0, "m", T0, 1);
        }

        Assert.Equal([3UL, 4UL, 5UL, 6UL, 7UL], (await second.QueryAsync(new TaskHistoryQuery())).Select(r => r.TaskId));
    }

    [Fact]
    public async Task The_sqlite_shell_reads_statuses_and_methods_as_text()
    {
        await using (var history = TaskHistory.OpenSqlite(File))
        {
            history.RecordSubmitted(1, 0, "Work.Square", T0, 16);
            history.RecordFinished(1, TaskHistoryStatus.TimedOut, T0, 0, "RemoteKit.TaskTimeoutException", "too slow");
        }

        using var connection = new SqliteConnection($"Data Source={File};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status || ' ' || method FROM tasks";

        Assert.Equal("timedout Work.Square", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_stalled_writer_drops_and_counts_events_instead_of_blocking_the_task_path()
    {
        const int Capacity = 100;
        const int Tasks = 1000;
        await using var history = TaskHistory.OpenSqlite(File, new TaskHistoryOptions { QueueCapacity = Capacity, MaxBatchSize = 10 });

        // Another connection holds the write lock, so the writer waits inside SQLite's busy handler.
        using var blocker = new SqliteConnection($"Data Source={File};Pooling=False");
        blocker.Open();
        using (var begin = blocker.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        await Task.Run(() =>
        {
            for (ulong id = 1; id <= Tasks; id++)
            {
                history.RecordSubmitted(id, 0, "Work.Square", T0, 16);
            }
        }).WaitAsync(TimeSpan.FromSeconds(60));

        var dropped = history.DroppedEvents;
        using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        var stored = await history.QueryAsync(new TaskHistoryQuery());
        Assert.InRange(dropped, Tasks - Capacity - 20, Tasks - Capacity);
        Assert.Equal(Tasks - dropped, stored.Count);
        Assert.Equal(1UL, stored[0].TaskId);
    }

    [Fact]
    public async Task Inserts_per_second_are_measured_and_every_task_is_stored()
    {
        const int Tasks = 100_000;
        await using var history = TaskHistory.OpenSqlite(File, new TaskHistoryOptions { MaxRecords = Tasks, QueueCapacity = 3 * Tasks + 1 });

        var clock = Stopwatch.StartNew();
        for (ulong id = 1; id <= Tasks; id++)
        {
            history.RecordSubmitted(id, 1, "Work.Square", T0, 24);
            history.RecordStarted(id, (int)(id % 4), T0);
            history.RecordFinished(id, TaskHistoryStatus.Completed, T0, 16);
        }

        var recording = clock.Elapsed;
        await history.FlushAsync();
        var stored = clock.Elapsed;
        var count = (await history.QueryAsync(new TaskHistoryQuery { Statuses = [TaskHistoryStatus.Completed] })).Count;

        output.WriteLine(
            $"{Tasks:N0} tasks, 3 events each: task path {recording.TotalMilliseconds * 1e6 / (3 * Tasks):F0} ns per event; " +
            $"stored in {stored.TotalSeconds:F2} s = {Tasks / stored.TotalSeconds:N0} task records/s ({3 * Tasks / stored.TotalSeconds:N0} events/s); dropped {history.DroppedEvents}");
        Assert.Equal(Tasks, count);
        Assert.Equal(0, history.DroppedEvents);
    }
}
