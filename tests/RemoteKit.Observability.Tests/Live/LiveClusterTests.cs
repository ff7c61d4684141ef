using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenQA.Selenium.Support.UI;
using RemoteKit.Controller;
using RemoteKit.Observability.Tests.Dashboard;

namespace RemoteKit.Observability.Tests.Live;

/// <summary>History, metrics, traces and the dashboard against real controller and engine processes on 127.0.0.1.</summary>
[Trait("Category", "Integration")]
public sealed class LiveClusterTests
{
    [Fact]
    public async Task History_returns_every_task_of_a_map_with_failures_with_the_right_status()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var items = Enumerable.Range(1, 12).Select(i => (long)i).ToArray();
        var map = cluster.Client.LoadBalancedView().MapAsync(ObsWork.Checked, items);
        await Assert.ThrowsAnyAsync<AggregateException>(async () => await map);

        var records = await cluster.Client.HistoryAsync(new TaskHistoryQuery { Method = "ObsWork.Checked" });
        var failed = await cluster.Client.HistoryAsync(new TaskHistoryQuery { Statuses = TaskHistoryQuery.Unsuccessful });

        // One task per item (chunk size 1), in submission order.
        Assert.Equal(items.Length, records.Count);
        Assert.Equal(items.Select(x => x % 3 == 0 ? TaskHistoryStatus.Failed : TaskHistoryStatus.Completed), records.Select(r => r.Status));
        Assert.All(records.Where(r => r.Status == TaskHistoryStatus.Failed), r => Assert.Equal("System.InvalidOperationException", r.ErrorType));
        Assert.All(records, r => Assert.True(r.EngineId is 0 or 1 && r.Attempts == 1 && r.CompletedAt >= r.SubmittedAt && r.BytesIn > 0));
        Assert.Equal(records.Where(r => r.Status == TaskHistoryStatus.Failed).Select(r => r.TaskId), failed.Select(r => r.TaskId));
    }

    [Fact]
    public async Task History_shows_a_running_task_beside_finished_ones_until_it_ends()
    {
        await using var cluster = await Cluster.StartAsync(1);
        var lb = cluster.Client.LoadBalancedView();
        Assert.Equal(25, await lb.ApplyAsync(ObsWork.Square, 5));
        var running = lb.ApplyAsync(ObsWork.RunUntilAborted);

        // The controller stores a task once it ends; until then it answers from what it watches live.
        var deadline = DateTime.UtcNow + Patience.Long;
        IReadOnlyList<TaskHistoryRecord> records;
        while ((records = await cluster.Client.HistoryAsync()).Count < 2 || records[1].Status != TaskHistoryStatus.Running)
        {
            // Each query is a round trip to the controller: the loop waits on its answers, not on a clock.
            Assert.True(DateTime.UtcNow < deadline, $"the running task never showed as running: {string.Join(", ", records.Select(r => r.Status))}");
        }

        Assert.Equal(TaskHistoryStatus.Completed, records[0].Status);
        Assert.True(records[1].TaskId > records[0].TaskId);
        Assert.Equal(("ObsWork.RunUntilAborted", 0, 1), (records[1].Method, records[1].EngineId, records[1].Attempts));
        Assert.Null(records[1].CompletedAt);
        Assert.Equal(records[1].TaskId, Assert.Single(await cluster.Client.HistoryAsync(new TaskHistoryQuery { MaxRecords = 1 })).TaskId);
        var notYet = await Assert.ThrowsAsync<KeyNotFoundException>(() => cluster.Client.GetResultAsync<bool>(records[1].TaskId));
        Assert.Contains("Running", notYet.Message);

        running.Abort();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await running);
        var ended = await cluster.Client.HistoryAsync(new TaskHistoryQuery { Method = "ObsWork.RunUntilAborted" });
        Assert.Equal(TaskHistoryStatus.Aborted, Assert.Single(ended).Status);
    }

    [Fact]
    public async Task A_second_client_gets_a_finished_tasks_result_by_its_id()
    {
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:History:Results"] = "Recent";
        await using var cluster = await Cluster.StartAsync(1, options);
        Assert.Equal(49, await cluster.Client.LoadBalancedView().ApplyAsync(ObsWork.Square, 7));
        Assert.Equal(new long[] { 1, 4, 9 }, await cluster.Client.LoadBalancedView().MapAsync(ObsWork.Square, new long[] { 1, 2, 3 }));

        // The map went in one hop on a lease: its engine reports the outcomes within milliseconds, and at once when the
        // client that sent them reads the history (another client's read does not hurry them).
        await cluster.Client.HistoryAsync();
        await using var second = await RemoteClient.ConnectAsync(cluster.ConnectionInfo, Patience.Long);
        var records = await second.HistoryAsync(new TaskHistoryQuery { Method = "ObsWork.Square" });

        Assert.Equal(49, await second.GetResultAsync<long>(records[0].TaskId));
        Assert.Equal(9, await second.GetResultAsync<long>(records[3].TaskId));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => second.GetResultAsync<long>(records[^1].TaskId + 1000));
    }

    [Fact]
    public async Task Records_kept_in_sqlite_survive_a_controller_restart_and_task_ids_go_on()
    {
        using var folder = new TempDirectory("remotekit-observe-");
        var options = new ClusterOptions();
        options.Settings["RemoteKit:Controller:History:Path"] = Path.Combine(folder.Path, "history.db");
        ulong firstId;
        await using (var first = await Cluster.StartAsync(1, options))
        {
            Assert.Equal(9, await first.Client.LoadBalancedView().ApplyAsync(ObsWork.Square, 3));
            firstId = Assert.Single(await first.Client.HistoryAsync()).TaskId;
        }

        await using var second = await Cluster.StartAsync(1, options);
        Assert.Equal(16, await second.Client.LoadBalancedView().ApplyAsync(ObsWork.Square, 4));
        var records = await second.Client.HistoryAsync();

        Assert.Equal(2, records.Count);
        Assert.Equal(firstId, records[0].TaskId);
        Assert.Equal(TaskHistoryStatus.Completed, records[0].Status);
        Assert.True(records[1].TaskId > firstId);
    }

    [Fact]
    public async Task Listeners_see_the_instruments_and_one_trace_from_client_through_controller_to_engine()
    {
        var stopped = new List<Activity>();
        using var spans = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "RemoteKit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (stopped)
                {
                    stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(spans);
        var measured = new Dictionary<string, long>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "RemoteKit")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => Add(instrument.Name, value));
        meters.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        meters.SetMeasurementEventCallback<double>((instrument, _, _, _) => Add(instrument.Name, 1));
        meters.Start();

        // The controller runs in this process, so its metrics and spans reach these listeners; the engine is a process of its own.
        await using var controller = await InProcessController.StartAsync();
        using var engine = controller.StartEngineProcess();
        await using var client = await RemoteClient.ConnectAsync(controller.Info, Patience.Long);
        await client.WaitForEnginesAsync(1, Patience.Long);
        Assert.True(await client[0].ApplyAsync(ObsWork.ListenForSpans));

        string[] onEngine;
        using (var parent = new Activity("test operation").Start())
        {
            onEngine = await client[0].ApplyAsync(ObsWork.CurrentSpan);
        }

        await client.LoadBalancedView().MapAsync(ObsWork.Square, new long[] { 1, 2, 3 });
        await Assert.ThrowsAsync<RemoteException>(async () => await client[0].ApplyAsync(ObsWork.Checked, 3));
        meters.RecordObservableInstruments();

        Activity submit, route;
        lock (stopped)
        {
            submit = stopped.Single(a => a.OperationName == "remotekit.submit" && a.DisplayName == "submit ObsWork.CurrentSpan");
            route = stopped.Single(a => a.OperationName == "remotekit.route" && a.ParentSpanId == submit.SpanId);
        }

        Assert.Equal("test operation", submit.Parent?.OperationName);
        Assert.Equal(submit.TraceId, route.TraceId);
        Assert.Equal("ObsWork.CurrentSpan", route.GetTagItem("remotekit.method"));
        Assert.Equal(["remotekit.execute", submit.TraceId.ToString(), route.SpanId.ToString()], onEngine);
        lock (measured)
        {
            Assert.True(measured.GetValueOrDefault("remotekit.task.submitted") >= 6, $"submitted: {measured.GetValueOrDefault("remotekit.task.submitted")}");
            Assert.True(measured.GetValueOrDefault("remotekit.task.completed") >= 5);
            Assert.True(measured.GetValueOrDefault("remotekit.task.failed") >= 1);
            Assert.True(measured.GetValueOrDefault("remotekit.task.duration") >= 6);
            Assert.True(measured.GetValueOrDefault("remotekit.io.received") > 0 && measured.GetValueOrDefault("remotekit.io.sent") > 0);
            Assert.True(measured.GetValueOrDefault("remotekit.engine.count") >= 1);
            Assert.True(measured.ContainsKey("remotekit.queue.length"));
        }

        void Add(string name, long value)
        {
            lock (measured)
            {
                measured[name] = measured.GetValueOrDefault(name) + value;
            }
        }
    }

    [Fact]
    public async Task The_dashboard_of_a_real_controller_shows_its_engines_and_follows_a_running_map()
    {
        await using var cluster = await Cluster.StartAsync(2, new ClusterOptions { Dashboard = "127.0.0.1" });
        Assert.NotNull(cluster.DashboardUrl);
        using var browser = DashboardBrowserTests.StartChromium();
        var wait = new WebDriverWait(browser, Patience.Long);
        browser.Navigate().GoToUrl(cluster.DashboardUrl);
        wait.Until(_ => DashboardBrowserTests.Text(browser, "status") == "live");
        wait.Until(_ => DashboardBrowserTests.EngineTable(browser).Select(r => r[0]).SequenceEqual(["0", "1"]));

        var map = cluster.Client.LoadBalancedView().MapAsync(ObsWork.Slow, Enumerable.Range(0, 40).Select(i => (long)i));
        wait.Until(_ => long.Parse(DashboardBrowserTests.Text(browser, "total-completed"), System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture) is > 0 and < 40);
        await map;
        wait.Until(_ => DashboardBrowserTests.Text(browser, "total-completed") == "40");

        var table = DashboardBrowserTests.EngineTable(browser);
        Assert.Equal(40, table.Sum(row => int.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(table, row => Assert.Equal("127.0.0.1", row[1]));

        // Each engine's process id and memory come with its heartbeat replies.
        var pids = await cluster.Client[..].ApplyAsync(ObsWork.ProcessId);
        wait.Until(_ => DashboardBrowserTests.EngineTable(browser).Select(r => r[2]).SequenceEqual(pids.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(DashboardBrowserTests.EngineTable(browser), row => Assert.Matches(@"^\d[\d.,]* (KiB|MiB|GiB)$", row[8]));
    }

    [Fact]
    public async Task The_dashboard_shows_an_engine_busy_while_it_runs_a_task_sent_in_one_hop()
    {
        await using var cluster = await Cluster.StartAsync(1, new ClusterOptions { Dashboard = "127.0.0.1" });
        Assert.NotNull(cluster.DashboardUrl);
        using var browser = DashboardBrowserTests.StartChromium();
        var wait = new WebDriverWait(browser, Patience.Long);
        browser.Navigate().GoToUrl(cluster.DashboardUrl);
        wait.Until(_ => DashboardBrowserTests.Text(browser, "status") == "live");
        var engine = cluster.Client[0];

        // A method's first tasks go through the controller (which learns its name) while the direct connection opens.
        using (var ready = new CancellationTokenSource(Patience.Long))
        {
            Assert.True(await cluster.Client.Direct.WaitReadyAsync(0, ready.Token));
            for (var before = cluster.Client.DirectTasksSent; cluster.Client.DirectTasksSent == before;)
            {
                Assert.False(await engine.ApplyAsync(ObsWork.Hold, false).Task.WaitAsync(ready.Token));
            }
        }

        // The next goes in one hop: the controller knows of it by the engine's count, until it ended.
        var sentInOneHop = cluster.Client.DirectTasksSent;
        var held = engine.ApplyAsync(ObsWork.Hold, true);
        Assert.Equal(sentInOneHop + 1, cluster.Client.DirectTasksSent);
        wait.Until(_ => DashboardBrowserTests.EngineTable(browser) is [[_, _, _, "busy", "1 in one hop", "0", ..]]);
        Assert.Equal("1", DashboardBrowserTests.Text(browser, "total-running"));
        held.Abort();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await held);
        wait.Until(_ => DashboardBrowserTests.EngineTable(browser) is [[_, _, _, "idle", "", ..]] && DashboardBrowserTests.Text(browser, "total-running") == "0");
    }

    [Fact]
    public async Task The_dashboard_refuses_a_request_without_its_token_and_serves_one_with_it()
    {
        await using var cluster = await Cluster.StartAsync(1, new ClusterOptions { Dashboard = "127.0.0.1" });
        using var http = new HttpClient();
        var url = cluster.DashboardUrl!;
        var withoutToken = new UriBuilder(url) { Query = "" }.Uri;
        var wrongToken = new UriBuilder(url) { Query = "token=not-the-token" }.Uri;

        using var refused = await http.GetAsync(withoutToken);
        using var wrong = await http.GetAsync(wrongToken);
        using var served = await http.GetAsync(url);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("RemoteKit", await served.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_maps_progress_counts_items_reports_them_and_its_redirected_lines_end_at_total_of_total()
    {
        await using var cluster = await Cluster.StartAsync(2);
        var reports = new List<TaskProgress>();
        var output = new StringWriter();
        var items = Enumerable.Range(1, 24).Select(i => (long)i).ToArray();

        var map = cluster.Client.LoadBalancedView().MapAsync(ObsWork.Checked, items)
            .ReportProgress(new SynchronousProgress(p => { lock (reports) { reports.Add(p); } }));
        await map.WaitInteractiveAsync(new ProgressDisplayOptions { Output = output, Mode = ProgressDisplayMode.Lines, Unit = "items" });

        Assert.Equal((16, 8, 24), (map.Completed, map.Failed, map.Total));
        Assert.StartsWith("24/24 items done, 8 failed, in ", output.ToString().TrimEnd().Split('\n')[^1]);
        lock (reports)
        {
            Assert.Equal(new TaskProgress(16, 8, 24), reports[^1]);
            Assert.True(reports.Count >= 2, "reported at the start and as chunks finished");
        }

        var apply = cluster.Client[..].ApplyAsync(ObsWork.Square, 5);
        await apply.WaitInteractiveAsync(new ProgressDisplayOptions { Output = TextWriter.Null, Mode = ProgressDisplayMode.Lines });
        Assert.Equal(new TaskProgress(2, 0, 2), apply.Progress);
    }

    private sealed class SynchronousProgress(Action<TaskProgress> report) : IProgress<TaskProgress>
    {
        public void Report(TaskProgress value) => report(value);
    }

    /// <summary>A controller in this process (so listeners here see it) and engine processes connected to it.</summary>
    private sealed class InProcessController : IAsyncDisposable
    {
        private readonly IHost _host;

        private InProcessController(IHost host, ConnectionInfo info)
        {
            _host = host;
            Info = info;
        }

        public ConnectionInfo Info { get; }

        public static async Task<InProcessController> StartAsync()
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddRemoteKitController(o => o.Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            var host = builder.Build();
            await host.StartAsync();
            var info = await host.Services.GetRequiredService<ControllerService>().Listening.WaitAsync(Patience.Long);
            return new InProcessController(host, info);
        }

        public Process StartEngineProcess()
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, UseShellExecute = false };
            foreach (var argument in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "RemoteKit.Host.dll"), "engine", "--watch-stdin" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["REMOTEKIT__ENGINE__HOST"] = Info.Host;
            start.Environment["REMOTEKIT__ENGINE__PORT"] = Info.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["REMOTEKIT__ENGINE__KEY"] = Info.Key;
            return Process.Start(start)!;
        }

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }
}
