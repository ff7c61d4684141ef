using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Controller.History;
using RemoteKit.Diagnostics;
using Xunit.Abstractions;

namespace RemoteKit.Observability.Tests;

/// <summary>The same behaviour from both stores; the SQLite one also survives a reopen (a controller restart).</summary>
public abstract class TaskHistoryContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero);

    protected TaskHistoryOptions Options { get; } = new() { MaxRecords = 1000, MaxResultBytes = 16 };

    private protected ITaskHistory History { get; set; } = null!;

    private protected abstract Task<ITaskHistory> OpenAsync();

    public async Task InitializeAsync() => History = await OpenAsync();

    public virtual async Task DisposeAsync() => await History.DisposeAsync();

    protected static TaskHistoryRecord Finished(ulong id, RemoteTaskStatus status, string method = "Work.SlowPower", int engine = 0, int minute = 0) => new()
    {
        TaskId = id,
        ClientId = 1,
        Method = method,
        EngineId = engine,
        SubmittedAt = T0.AddMinutes(minute),
        StartedAt = T0.AddMinutes(minute).AddSeconds(1),
        CompletedAt = T0.AddMinutes(minute).AddSeconds(2),
        Status = status,
        Attempts = 1,
        ErrorType = status == RemoteTaskStatus.Failed ? "System.InvalidOperationException" : null,
        ErrorMessage = status == RemoteTaskStatus.Failed ? "item " + id + " is bad" : null,
        BytesIn = 100 + (long)id,
        BytesOut = 8,
    };

    private async Task RecordMapWithFailuresAsync()
    {
        // Ten tasks of a map on two engines; every third fails, and one is aborted.
        for (ulong id = 1; id <= 10; id++)
        {
            var status = id == 10 ? RemoteTaskStatus.Aborted : id % 3 == 0 ? RemoteTaskStatus.Failed : RemoteTaskStatus.Completed;
            History.Record(Finished(id, status, engine: (int)(id % 2), minute: (int)id));
        }

        History.Record(Finished(11, RemoteTaskStatus.Completed, method: "Work.Other", engine: 1, minute: 11));
        await History.FlushAsync();
    }

    [Fact]
    public async Task EveryTaskIsReturnedWithItsStatusAndDetails()
    {
        await RecordMapWithFailuresAsync();

        var all = await History.QueryAsync(new TaskHistoryQuery());

        Assert.Equal(Enumerable.Range(1, 11).Select(i => (ulong)i), all.Select(r => r.TaskId));
        Assert.Equal(Finished(6, RemoteTaskStatus.Failed, engine: 0, minute: 6), all[5]);
        Assert.Equal(RemoteTaskStatus.Aborted, all[9].Status);
        Assert.Equal(11UL, History.HighestTaskId);
    }

    [Fact]
    public async Task QueriesFilterByStatusMethodEngineAndTime()
    {
        await RecordMapWithFailuresAsync();

        var failed = await History.QueryAsync(new TaskHistoryQuery { Status = RemoteTaskStatus.Failed });
        var other = await History.QueryAsync(new TaskHistoryQuery { Method = "Work.Other" });
        var engineOne = await History.QueryAsync(new TaskHistoryQuery { EngineId = 1 });
        var window = await History.QueryAsync(new TaskHistoryQuery { SubmittedFrom = T0.AddMinutes(4), SubmittedBefore = T0.AddMinutes(7) });
        var failedOnEngineZero = await History.QueryAsync(new TaskHistoryQuery { Status = RemoteTaskStatus.Failed, EngineId = 0 });
        var lastThree = await History.QueryAsync(new TaskHistoryQuery { Limit = 3 });

        Assert.Equal([3UL, 6UL, 9UL], failed.Select(r => r.TaskId));
        Assert.All(failed, r => Assert.Equal("System.InvalidOperationException", r.ErrorType));
        Assert.Equal([11UL], other.Select(r => r.TaskId));
        Assert.Equal([1UL, 3UL, 5UL, 7UL, 9UL, 11UL], engineOne.Select(r => r.TaskId));
        Assert.Equal([4UL, 5UL, 6UL], window.Select(r => r.TaskId));
        Assert.Equal([6UL], failedOnEngineZero.Select(r => r.TaskId));
        Assert.Equal([9UL, 10UL, 11UL], lastThree.Select(r => r.TaskId));
    }

    [Fact]
    public async Task ALaterRecordOfTheSameTaskReplacesTheEarlierOne()
    {
        var queued = new TaskHistoryRecord { TaskId = 1, ClientId = 2, Method = "Work.SlowPower", SubmittedAt = T0, Status = RemoteTaskStatus.Queued };
        History.Record(queued);
        History.Record(queued with { Status = RemoteTaskStatus.Running, EngineId = 3, StartedAt = T0.AddSeconds(1), Attempts = 1 });
        History.Record(queued with { Status = RemoteTaskStatus.Lost, EngineId = 3, StartedAt = T0.AddSeconds(1), CompletedAt = T0.AddSeconds(5), Attempts = 1 });

        var records = await History.QueryAsync(new TaskHistoryQuery());

        var only = Assert.Single(records);
        Assert.Equal(RemoteTaskStatus.Lost, only.Status);
        Assert.Equal(3, only.EngineId);
        Assert.Equal(T0.AddSeconds(5), only.CompletedAt);
    }

    [Fact]
    public async Task OnlyTheNewestRecordsUpToTheLimitAreKept()
    {
        await History.DisposeAsync();
        Options.MaxRecords = 5;
        History = await OpenAsync();

        for (ulong id = 1; id <= 12; id++)
        {
            History.Record(Finished(id, RemoteTaskStatus.Completed, minute: (int)id), new ReadOnlySequence<byte>([(byte)id]));
        }

        var kept = await History.QueryAsync(new TaskHistoryQuery());

        Assert.Equal([8UL, 9UL, 10UL, 11UL, 12UL], kept.Select(r => r.TaskId));
        Assert.Null(await History.GetResultAsync(7));
        Assert.Equal([12], await History.GetResultAsync(12));
    }

    [Fact]
    public async Task ResultsAreKeptUpToTheSizeThePolicyAllows()
    {
        History.Record(Finished(1, RemoteTaskStatus.Completed), new ReadOnlySequence<byte>(new byte[16]));
        History.Record(Finished(2, RemoteTaskStatus.Completed), new ReadOnlySequence<byte>(new byte[17]));
        History.Record(Finished(3, RemoteTaskStatus.Completed));

        Assert.Equal(new byte[16], await History.GetResultAsync(1));
        Assert.Null(await History.GetResultAsync(2));
        Assert.Null(await History.GetResultAsync(3));
        Assert.Null(await History.GetResultAsync(99));
        Assert.Equal(3, (await History.QueryAsync(new TaskHistoryQuery())).Count);
    }

    [Fact]
    public async Task NoResultIsKeptWhenThePolicySaysNone()
    {
        await History.DisposeAsync();
        Options.MaxResultBytes = 0;
        History = await OpenAsync();

        History.Record(Finished(1, RemoteTaskStatus.Completed), new ReadOnlySequence<byte>([1, 2, 3]));

        Assert.Null(await History.GetResultAsync(1));
    }
}

public sealed class InMemoryTaskHistoryTests : TaskHistoryContract
{
    private protected override Task<ITaskHistory> OpenAsync() => Task.FromResult<ITaskHistory>(new InMemoryTaskHistory(Options));
}

public sealed class SqliteTaskHistoryTests(ITestOutputHelper output) : TaskHistoryContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("remotekit-history-").FullName;

    private string File => Path.Combine(_directory, TaskHistoryOptions.FileName);

    private protected override async Task<ITaskHistory> OpenAsync() =>
        (await TaskHistory.OpenAsync(Options, _directory, NullLogger.Instance, CancellationToken.None))!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task RecordsAndResultsSurviveAControllerRestart()
    {
        History.Record(Finished(1, RemoteTaskStatus.Completed), new ReadOnlySequence<byte>([42]));
        History.Record(Finished(2, RemoteTaskStatus.Failed));
        await History.DisposeAsync();
        Assert.True(System.IO.File.Exists(File));

        History = await OpenAsync();
        var records = await History.QueryAsync(new TaskHistoryQuery());

        Assert.Equal([Finished(1, RemoteTaskStatus.Completed), Finished(2, RemoteTaskStatus.Failed)], records);
        Assert.Equal([42], await History.GetResultAsync(1));
        Assert.Equal(2UL, History.HighestTaskId);
    }

    [Fact]
    public async Task AnEmbeddedControllerWithoutAProfileKeepsItsHistoryInMemory()
    {
        await using var history = await TaskHistory.OpenAsync(new TaskHistoryOptions(), profileDirectory: null, NullLogger.Instance, CancellationToken.None);
        await using var off = await TaskHistory.OpenAsync(new TaskHistoryOptions { Enabled = false }, _directory, NullLogger.Instance, CancellationToken.None);

        Assert.IsType<InMemoryTaskHistory>(history);
        Assert.Null(off);
    }

    [Fact]
    public async Task RecordingReturnsAtOnceAndTheWriterStoresEveryRecord()
    {
        const int Tasks = 50_000;
        var records = Enumerable.Range(1, Tasks).Select(i => Finished((ulong)i, RemoteTaskStatus.Completed, minute: i % 60)).ToArray();
        await History.DisposeAsync();
        Options.MaxRecords = Tasks;
        Options.WriteQueueCapacity = Tasks;
        History = await OpenAsync();

        var enqueue = Stopwatch.StartNew();
        foreach (var record in records)
        {
            History.Record(record);
        }

        enqueue.Stop();
        var drain = Stopwatch.StartNew();
        await History.FlushAsync();
        drain.Stop();
        var stored = await History.QueryAsync(new TaskHistoryQuery());

        output.WriteLine($"Recording {Tasks} records on the task path: {enqueue.Elapsed.TotalMicroseconds * 1000 / Tasks:F0} ns each");
        output.WriteLine($"SQLite writer: {Tasks / (enqueue.Elapsed + drain.Elapsed).TotalSeconds:F0} inserts/s (batched transactions)");
        Assert.Equal(Tasks, stored.Count);
        Assert.Equal(0, History.DroppedRecords);
    }
}
