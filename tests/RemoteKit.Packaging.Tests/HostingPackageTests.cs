using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>
/// The RemoteKit.Hosting package: a user's own generic host runs the controller (with its task history in a SQLite file)
/// and engines from it, and what each package declares it depends on.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class HostingPackageTests(PackagesFixture packages)
{
    // run <history.db>: a controller keeping its history in that file, one engine process (this program, "engine"), three
    // tasks, then the history a client reads. history <history.db>: a controller on the same file and no engine, so a
    // restarted controller; a client reads the history it kept.
    private const string HistoryApp = """
        using System.Diagnostics;
        using System.Globalization;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using RemoteKit;
        using RemoteKit.Controller;

        if (args[0] == "engine")
        {
            var engine = Host.CreateApplicationBuilder(args[1..]);
            engine.Services.AddRemoteKitEngine();
            await engine.Build().RunAsync();
            return;
        }

        var builder = Host.CreateApplicationBuilder(["--RemoteKit:Controller:History:Path=" + args[1]]);
        builder.Services.AddRemoteKitController();
        builder.Services.AddHostedService(sp => new Session(args[0] == "run", sp.GetRequiredService<ControllerService>(), sp.GetRequiredService<IHostApplicationLifetime>()));
        await builder.Build().RunAsync();

        sealed class Session(bool run, ControllerService controller, IHostApplicationLifetime lifetime) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                Process? engine = null;
                try
                {
                    var info = await controller.Listening.WaitAsync(stoppingToken);
                    if (run)
                    {
                        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true };
                        start.ArgumentList.Add("exec");
                        start.ArgumentList.Add(typeof(Session).Assembly.Location);
                        start.ArgumentList.Add("engine");
                        start.Environment["REMOTEKIT__ENGINE__HOST"] = info.Host;
                        start.Environment["REMOTEKIT__ENGINE__PORT"] = info.Port.ToString(CultureInfo.InvariantCulture);
                        start.Environment["REMOTEKIT__ENGINE__KEY"] = info.Key;
                        engine = Process.Start(start)!;
                    }

                    await using var client = await RemoteClient.ConnectAsync(info, TimeSpan.FromSeconds(90), stoppingToken);
                    if (run)
                    {
                        await client.WaitForEnginesAsync(1, TimeSpan.FromSeconds(90), stoppingToken);
                        var lb = client.LoadBalancedView();
                        for (var x = 1; x <= 3; x++)
                        {
                            Console.WriteLine("POWER " + await lb.ApplyAsync(Work.Power, x, 2));
                        }
                    }

                    // The user's tasks: the history also lists the client's set-up of its direct path ("direct endpoint").
                    var history = await client.HistoryAsync(new TaskHistoryQuery { Method = "Work.Power" }, stoppingToken);
                    Console.WriteLine("HISTORY " + string.Join(" | ", history.OrderBy(r => r.TaskId).Select(r => $"{r.Method}:{r.Status}")));
                }
                finally
                {
                    lifetime.StopApplication();
                }

                if (engine is not null)
                {
                    await engine.WaitForExitAsync(CancellationToken.None); // engines exit when their controller stops
                }
            }
        }

        public static partial class Work
        {
            [Remote]
            public static long Power(long x, int i) => (long)Math.Pow(x, i);
        }
        """;

    private static readonly SemaphoreSlim HistoryAppGate = new(1, 1);
    private static string? _historyApp;

    private async Task<string> HistoryAppAsync()
    {
        await HistoryAppGate.WaitAsync();
        try
        {
            return _historyApp ??= await packages.BuildProjectAsync("HistoryApp",
                packages.ConsoleProject(package: "RemoteKit.Hosting"),
                new Dictionary<string, string> { ["Program.cs"] = HistoryApp });
        }
        finally
        {
            HistoryAppGate.Release();
        }
    }

    [Fact]
    public async Task A_generic_host_with_the_controller_from_RemoteKit_Hosting_keeps_its_task_history_in_SQLite_across_a_restart()
    {
        var app = await HistoryAppAsync();
        using var data = new TempDirectory("remotekit-history-");
        var file = Path.Combine(data.Path, "history.db");

        var run = await Processes.RunAsync("dotnet", [app, "run", file]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["1", "4", "9"], run.Out.Split('\n').Where(l => l.StartsWith("POWER ", StringComparison.Ordinal)).Select(l => l["POWER ".Length..].Trim()));
        AssertThreeCompletedPowers(run);
        Assert.True(File.Exists(file), "no history file at " + file);

        // A new controller process on the same file, with no engine and no task of its own: the records are the file's.
        var restarted = await Processes.RunAsync("dotnet", [app, "history", file]);
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        AssertThreeCompletedPowers(restarted);
    }

    private static void AssertThreeCompletedPowers(Run run)
    {
        var line = run.Out.Split('\n').Select(l => l.TrimEnd('\r')).SingleOrDefault(l => l.StartsWith("HISTORY ", StringComparison.Ordinal));
        Assert.True(line is not null, run.ToString());
        var records = line["HISTORY ".Length..].Split(" | ");
        Assert.Equal(3, records.Length);
        Assert.All(records, r => Assert.Matches(@"^Work\.Power\b.*:Completed$", r));
    }

    [Fact]
    public async Task A_project_using_RemoteKit_Hosting_compiles_with_the_RemoteKit_generator_but_without_Roslyn_authoring_analyzers()
    {
        var folder = Path.GetDirectoryName(PackagesFixture.AssetsFile(await HistoryAppAsync()))!;
        folder = Path.GetDirectoryName(folder)!;

        // The engine's scripting dependency brings Microsoft.CodeAnalysis.Analyzers into the project's package graph...
        var assets = File.ReadAllText(Path.Combine(folder, "obj", "project.assets.json"));
        Assert.Contains("\"Microsoft.CodeAnalysis.Analyzers/", assets, StringComparison.Ordinal);

        // ...and the packages keep its analyzers out of the compiler's list, but not RemoteKit's generator.
        var run = await Processes.RunAsync("dotnet", ["msbuild", folder, "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer", "-p:Configuration=Release"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var analyzers = JsonDocument.Parse(run.Out).RootElement.GetProperty("Items").GetProperty("Analyzer")
            .EnumerateArray().Select(a => a.GetProperty("Identity").GetString()!).ToList();
        Assert.Contains(analyzers, a => Path.GetFileName(a) == "RemoteKit.Generators.dll");
        Assert.DoesNotContain(analyzers, a => a.Contains("microsoft.codeanalysis.analyzers", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void RemoteKit_depends_only_on_MemoryPack_and_abstractions_and_RemoteKit_Hosting_on_exactly_its_RemoteKit_and_the_controller_and_engine_needs()
    {
        var (remoteKitLib, remoteKitDependencies) = Package("RemoteKit");
        Assert.Equal(["RemoteKit.Abstractions.dll", "RemoteKit.Core.dll", "RemoteKit.Launchers.dll", "RemoteKit.dll"], remoteKitLib);
        Assert.Equal(
            ["MemoryPack", "Microsoft.Extensions.Hosting.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options.ConfigurationExtensions"],
            remoteKitDependencies.Keys.Order(StringComparer.Ordinal));

        var (hostingLib, hostingDependencies) = Package("RemoteKit.Hosting");
        Assert.Equal(["RemoteKit.Controller.dll", "RemoteKit.Engine.dll"], hostingLib);
        Assert.Equal(
            ["Microsoft.CodeAnalysis.CSharp.Scripting", "Microsoft.Data.Sqlite", "Microsoft.Extensions.Hosting", "RemoteKit"],
            hostingDependencies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"[{packages.Version}]", hostingDependencies["RemoteKit"]);
    }

    /// <summary>A package's lib/net10.0 assemblies (names, sorted) and its dependencies (id to version range).</summary>
    private (List<string> Lib, Dictionary<string, string> Dependencies) Package(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Feed, $"{id}.{packages.Version}.nupkg"));
        var lib = package.Entries.Where(e => e.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
            .Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        using var nuspec = package.GetEntry($"{id}.nuspec")!.Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        return (lib, dependencies);
    }
}
