using Microsoft.Extensions.Logging.Abstractions;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using RemoteKit.Controller.Dashboard;
using Xunit.Abstractions;

namespace RemoteKit.Observability.Tests;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c> packages) loads the dashboard fed by a fake
/// observer and must show what the observer says, and follow it when it changes.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ThePageShowsTheEnginesAndCompletedCountAndFollowsChanges()
    {
        Assert.True(File.Exists(Chromium) && File.Exists(ChromeDriver), "Install the browser: apt-get install -y chromium chromium-driver");
        var observer = new FakeClusterObserver();
        observer.Set(FakeClusterObserver.Snapshot(completed: 10, engines: 3));
        await using var server = await DashboardServer.StartAsync(observer, new DashboardOptions { Enabled = true }, NullLoggerFactory.Instance, CancellationToken.None);
        var profile = Directory.CreateTempSubdirectory("remotekit-chromium-");
        try
        {
            using var driver = StartBrowser(profile.FullName);
            var wait = new WebDriverWait(driver, Timeout);
            driver.Navigate().GoToUrl(server.Url);

            wait.Until(d => d.FindElement(By.Id("status")).Text == "live");
            wait.Until(d => Text(d, "completed") == "10");
            Assert.Equal(["node-0", "node-1", "node-2"], EngineHosts(driver));
            Assert.Equal("3", Text(driver, "engine-count"));
            Assert.Contains("System.InvalidOperationException: item 17 is bad", driver.FindElement(By.Id("failures")).Text);

            // The cluster grows and works on; each step must reach the page through the event stream.
            long[] steps = [40, 95, 160, 240, 300, 390, 470];
            for (var i = 0; i < steps.Length; i++)
            {
                observer.Set(FakeClusterObserver.Snapshot(completed: steps[i], engines: 4) with { QueueLength = 12 - i });
                var expected = steps[i].ToString();
                wait.Until(d => Text(d, "completed") == expected);
            }

            Assert.Equal(["node-0", "node-1", "node-2", "node-3"], EngineHosts(driver));
            var engineThree = driver.FindElement(By.CssSelector("#engines tbody tr[data-engine-id='3']"));
            Assert.Equal(["3", "node-3", "4003", "idle", "", "3", "117", "0", "83 MiB"], engineThree.FindElements(By.TagName("td")).Select(td => td.Text));
            Assert.Equal("6", Text(driver, "queue"));

            var shot = ((ITakesScreenshot)driver).GetScreenshot();
            var file = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
            shot.SaveAsFile(file);
            output.WriteLine("Screenshot: " + file);
            // REMOTEKIT_UPDATE_SCREENSHOT=1 refreshes the README's picture in docs/.
            if (Environment.GetEnvironmentVariable("REMOTEKIT_UPDATE_SCREENSHOT") == "1")
            {
                File.Copy(file, Path.Combine(RepositoryRoot(), "docs", "dashboard.png"), overwrite: true);
            }
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static ChromeDriver StartBrowser(string profileDirectory)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        // --no-sandbox: tests run as root in CI, where Chromium's sandbox cannot start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1100", "--user-data-dir=" + profileDirectory);
        return new ChromeDriver(service, options, Timeout);
    }

    private static string Text(IWebDriver driver, string id) => driver.FindElement(By.Id(id)).Text;

    private static string[] EngineHosts(IWebDriver driver) =>
        [.. driver.FindElements(By.CssSelector("#engines tbody tr td:nth-child(2)")).Select(td => td.Text)];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RemoteKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("RemoteKit.sln not found above " + AppContext.BaseDirectory);
    }
}
