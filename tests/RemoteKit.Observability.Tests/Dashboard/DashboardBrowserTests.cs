using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using RemoteKit.Controller.Observing;
using RemoteKit.Dashboard;
using Xunit.Abstractions;

namespace RemoteKit.Observability.Tests.Dashboard;

/// <summary>
/// Loads the dashboard in a real headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c> packages) and
/// reads what the page shows.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_page_shows_the_observers_engines_and_completed_count_and_follows_its_changes()
    {
        var observer = new FakeClusterObserver(FakeClusterObserver.Cluster(3, 4));
        await using var server = await DashboardServer.StartAsync(observer, new DashboardOptions { UpdateInterval = TimeSpan.FromMilliseconds(100) });
        using var browser = StartChromium();

        browser.Navigate().GoToUrl(server.Url);
        var wait = new WebDriverWait(browser, Patience.Long);
        wait.Until(_ => EngineIds(browser).SequenceEqual(["0", "1", "2"]) && Text(browser, "total-completed") == "12");
        var before = EngineTable(browser);

        observer.Update(s => s with
        {
            Engines =
            [
                .. s.Engines.Where(e => e.Id != 0),
                FakeClusterObserver.Engine(3, 0) with { State = EngineStatus.Busy, RunningTaskId = 99, RunningMethod = "Work.SlowPower", KeptBytes = 300L << 20 },
            ],
            Totals = s.Totals with { Completed = 1234 },
        });
        wait.Until(_ => EngineIds(browser).SequenceEqual(["1", "2", "3"]) && Text(browser, "total-completed") == "1,234");
        var after = EngineTable(browser);

        // Columns: id, host, pid, state, running task, queue, completed, failed, memory, kept for RemoteRefs (blank when none).
        Assert.Equal(["1", "node1", "4001", "idle", "", "0", "4", "0", "91 MiB", ""], before[1]);
        Assert.Equal("92 MiB", before[2][8]);
        Assert.Equal(["3", "node1", "4003", "busy", "Work.SlowPower #99", "0", "0", "0", "93 MiB", "300 MiB"], after[2]);
        Assert.Equal("3", Text(browser, "total-engines"));
        Assert.Equal("live", Text(browser, "status"));
    }

    [Fact]
    public async Task A_running_cluster_draws_both_charts_and_lists_failures_with_their_stack_traces()
    {
        var observer = new SimulatedMapObserver();
        await using var server = await DashboardServer.StartAsync(observer, new DashboardOptions
        {
            UpdateInterval = TimeSpan.FromMilliseconds(50),
            SampleInterval = TimeSpan.FromMilliseconds(100),
        });
        using var browser = StartChromium();

        browser.Navigate().GoToUrl(server.Url);
        var wait = new WebDriverWait(browser, Patience.Long);
        wait.Until(_ => int.Parse(Attribute(browser, "rate-chart", "data-samples")) >= 50 && int.Parse(Attribute(browser, "queue-chart", "data-samples")) >= 50);
        const string Failure = "#failures li[data-task-id='1017']";
        browser.FindElement(By.CssSelector(Failure + " summary")).Click();
        wait.Until(_ => browser.FindElement(By.CssSelector(Failure + " pre")).Displayed);
        var failure = browser.FindElement(By.CssSelector(Failure + " summary")).Text;
        var stack = browser.FindElement(By.CssSelector(Failure + " pre")).Text;
        var screenshot = ((ITakesScreenshot)browser).GetScreenshot();
        var saved = SaveScreenshot(screenshot);

        Assert.Contains("System.InvalidOperationException: item 17 is negative", failure);
        Assert.Contains("at Work.Checked(Int64 x) in Work.cs:line 42", stack);
        Assert.Equal(["0", "1"], (IEnumerable<object>)((IJavaScriptExecutor)browser).ExecuteScript(
            "return [...document.querySelectorAll('#clients tbody tr')].map(r => r.dataset.clientId);")!);
        Assert.True(new FileInfo(saved).Length > 10_000, $"The screenshot {saved} is too small to show the page.");
        Assert.InRange(double.Parse(Text(browser, "rate-now").TrimEnd('/', 's'), System.Globalization.CultureInfo.InvariantCulture), 1, 1e6);
        Assert.Equal("4", Text(browser, "total-engines"));
    }

    internal static ChromeDriver StartChromium()
    {
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000");
        return new ChromeDriver(service, options, Patience.Long);
    }

    // The page re-renders on every update, so it is read in one script call rather than element by element.
    private static string[] EngineIds(IWebDriver browser) => EngineTable(browser).Select(row => row[0]).ToArray();

    internal static string[][] EngineTable(IWebDriver browser) =>
        ((IReadOnlyCollection<object>)((IJavaScriptExecutor)browser).ExecuteScript(
            "return [...document.querySelectorAll('#engines tbody tr')].map(r => [...r.cells].map(c => c.textContent));")!)
        .Select(row => ((IReadOnlyCollection<object>)row).Select(c => (string)c).ToArray())
        .ToArray();

    internal static string Text(IWebDriver browser, string id) =>
        (string)((IJavaScriptExecutor)browser).ExecuteScript("return document.getElementById(arguments[0]).textContent;", id)!;

    private static string Attribute(IWebDriver browser, string id, string name) =>
        (string?)((IJavaScriptExecutor)browser).ExecuteScript("return document.getElementById(arguments[0]).getAttribute(arguments[1]);", id, name) ?? "0";

    /// <summary>
    /// A 4-engine cluster running a map of 20,000 items with a few failures, paced by the clock: ten simulated seconds
    /// pass each real second, with a rate and queue that rise and fall.
    /// </summary>
    private sealed class SimulatedMapObserver : IClusterObserver
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public event EventHandler? Changed
        {
            add { }
            remove { }
        }

        public ClusterSnapshot GetSnapshot()
        {
            var t = _clock.Elapsed.TotalSeconds * 10;
            return Busy((long)((t * 180) + (Math.Sin(t / 3) * 150)));
        }
    }

    private static ClusterSnapshot Busy(long finished)
    {
        const long Total = 20_000;
        var failed = finished / 400;
        var engines = Enumerable.Range(0, 4).Select(i => FakeClusterObserver.Engine(i, (finished - failed) / 4) with
        {
            Host = i < 2 ? "node1" : "node2",
            State = EngineStatus.Busy,
            RunningTaskId = (ulong)(1000 + finished + i),
            RunningMethod = "Work.Checked",
            Queued = 16,
            Failed = i == 1 ? failed : 0,
        }).ToArray();
        var failures = Enumerable.Range(0, (int)Math.Min(failed, 5)).Select(i => new FailureSnapshot
        {
            TaskId = (ulong)(1017 + (i * 400)),
            Method = "Work.Checked",
            EngineId = 1,
            Time = DateTimeOffset.UtcNow.AddSeconds(-i),
            ErrorType = "System.InvalidOperationException",
            Message = $"item {17 + (i * 400)} is negative",
            StackTrace = "   at Work.Checked(Int64 x) in Work.cs:line 42\n   at RemoteKit.Generated.Work_Checked_Invoker.Invoke(RemoteInvocation call)",
        }).Reverse().ToArray();
        return new ClusterSnapshot
        {
            Time = DateTimeOffset.UtcNow,
            Engines = engines,
            Clients =
            [
                new ClientSnapshot { Id = 0, Peer = "127.0.0.1:41822", ConnectedAt = DateTimeOffset.UtcNow.AddMinutes(-3), Outstanding = (int)(Total - finished) },
                new ClientSnapshot { Id = 1, Peer = "10.0.0.7:50210", ConnectedAt = DateTimeOffset.UtcNow.AddMinutes(-1), Outstanding = 0 },
            ],
            Totals = new ClusterTotals
            {
                Submitted = Math.Min(Total, finished + 600),
                Completed = finished - failed,
                Failed = failed,
                Queued = (int)Math.Max(0, Math.Min(Total, finished + 600) - finished - 4 + (Math.Cos(finished / 500.0) * 200)),
                Running = 4,
            },
            RecentFailures = failures,
        };
    }

    /// <summary>Saves the screenshot beside the tests; with REMOTEKIT_UPDATE_DOCS=1 also as docs/dashboard.png.</summary>
    private string SaveScreenshot(Screenshot screenshot)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        screenshot.SaveAsFile(path);
        output.WriteLine($"Screenshot: {path}");
        if (Environment.GetEnvironmentVariable("REMOTEKIT_UPDATE_DOCS") == "1")
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "RemoteKit.sln")))
            {
                root = root.Parent;
            }

            var docs = Path.Combine(root?.FullName ?? throw new InvalidOperationException("RemoteKit.sln not found above the tests."), "docs", "dashboard.png");
            File.Copy(path, docs, overwrite: true);
            output.WriteLine($"Updated {docs}");
        }

        return path;
    }
}
