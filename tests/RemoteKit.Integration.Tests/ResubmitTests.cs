using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// A real cluster whose history keeps task bodies up to 1 KiB (<c>MaxArgumentBytes</c>), shared by the resubmission tests.
/// </summary>
public sealed class ResubmitClusterFixture : IAsyncLifetime
{
    public const int MaxArgumentBytes = 1024;

    public Cluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new ClusterOptions { StartTimeout = TimeSpan.FromMinutes(2) };
        options.Settings["RemoteKit:Controller:History:MaxArgumentBytes"] = MaxArgumentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Cluster = await Cluster.StartAsync(engines: 2, options);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary><c>client.ResubmitAsync(taskId)</c>, ipyparallel's <c>resubmit</c>, against real controller and engine processes.</summary>
public sealed class ResubmitTests(ResubmitClusterFixture fixture) : IClassFixture<ResubmitClusterFixture>
{
    [Fact]
    public async Task A_task_of_one_client_resubmitted_by_another_gives_it_the_same_result_and_the_history_two_tasks()
    {
        var a = fixture.Cluster.Client;
        await using var b = await RemoteClient.ConnectAsync(fixture.Cluster.ConnectionInfo, Patience.Long);
        Assert.Equal(81L, await a.LoadBalancedView().ApplyAsync(ResubmitWork.Power, 3L, 4));
        var original = Assert.Single(await a.HistoryAsync(new TaskHistoryQuery { Method = "ResubmitWork.Power" }));
        Assert.True(original.HasArguments);

        var again = b.ResubmitAsync<long>(original.TaskId);

        Assert.Equal(81L, await again.WaitAsync(CancellationToken.None).WaitAsync(Patience.Long));
        var newId = await again.GetTaskIdAsync();
        Assert.NotNull(newId);
        Assert.NotEqual(original.TaskId, newId);
        Assert.NotNull(again.Metadata);
        Assert.InRange(again.Metadata.EngineId, 0, 1);
        var records = await b.HistoryAsync(new TaskHistoryQuery { Method = "ResubmitWork.Power" });
        Assert.Equal([original.TaskId, newId.Value], records.Select(r => r.TaskId));
        Assert.Equal([TaskHistoryStatus.Completed, TaskHistoryStatus.Completed], records.Select(r => r.Status));
        Assert.Equal([null, original.TaskId], records.Select(r => r.ResubmitOf));
        Assert.NotEqual(records[0].ClientId, records[1].ClientId);

        // Untyped, the outcome alone; and a resubmission runs again itself.
        await b.ResubmitAsync(newId.Value).WaitAsync(CancellationToken.None).WaitAsync(Patience.Long);
        Assert.Equal(3, (await a.HistoryAsync(new TaskHistoryQuery { Method = "ResubmitWork.Power" })).Count);
    }

    [Fact]
    public async Task A_task_that_named_an_engine_runs_again_on_that_engine()
    {
        var client = fixture.Cluster.Client;
        Assert.Equal(1, await client[1].ApplyAsync(ResubmitWork.Engine));
        var original = Assert.Single(await client.HistoryAsync(new TaskHistoryQuery { Method = "ResubmitWork.Engine" }));

        var again = client.ResubmitAsync<int>(original.TaskId);

        Assert.Equal(1, await again.WaitAsync(CancellationToken.None).WaitAsync(Patience.Long));
        Assert.Equal(1, again.Metadata!.EngineId);
    }

    [Fact]
    public async Task A_task_whose_arguments_were_over_MaxArgumentBytes_fails_with_a_message_naming_the_setting()
    {
        var client = fixture.Cluster.Client;
        Assert.Equal(4096, await client.LoadBalancedView().ApplyAsync(ResubmitWork.Length, new byte[4096]));
        var original = Assert.Single(await client.HistoryAsync(new TaskHistoryQuery { Method = "ResubmitWork.Length" }));
        Assert.False(original.HasArguments);

        var again = client.ResubmitAsync<int>(original.TaskId);

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => again.Task.WaitAsync(Patience.Long));
        Assert.Contains($"The arguments of task {original.TaskId} were not kept", error.Message, StringComparison.Ordinal);
        Assert.Contains($"larger than RemoteKit:Controller:History:MaxArgumentBytes = {ResubmitClusterFixture.MaxArgumentBytes} bytes", error.Message, StringComparison.Ordinal);
        Assert.Null(await again.GetTaskIdAsync());
    }

    [Fact]
    public async Task An_unknown_task_id_fails_clearly()
    {
        var again = fixture.Cluster.Client.ResubmitAsync<int>(987_654_321);

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => again.Task.WaitAsync(Patience.Long));
        Assert.Contains("There is no record of task 987654321", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The [Remote] methods of the resubmission tests, each used by one test so their history records are told apart.</summary>
public static partial class ResubmitWork
{
    [Remote]
    public static long Power(long x, int i) => (long)Math.Pow(x, i);

    [Remote]
    public static int Engine(RemoteContext ctx) => ctx.EngineId;

    [Remote]
    public static int Length(byte[] data) => data.Length;
}
