using System.Reflection.PortableExecutable;
using System.Text.Json;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>
/// A program that only submits work to a running cluster, with the RemoteKit package alone: what it restores, what its
/// output holds, and that it reaches a cluster the installed tool started.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ClientOnlyPackageTests(PackagesFixture packages)
{
    private const string ClientApp = """
        using RemoteKit;

        if (args[0] == "embedded")
        {
            await using var cluster = await Cluster.StartAsync(engines: 1);
            return;
        }

        await using var client = await RemoteClient.ConnectAsync(TimeSpan.FromSeconds(90), profile: args[1]);
        long[] powers = await client[..].ApplyAsync(Work.Power, 3, 2);
        Console.WriteLine("POWERS " + string.Join(",", powers));

        public static partial class Work
        {
            [Remote]
            public static long Power(long x, int i) => (long)Math.Pow(x, i);
        }
        """;

    [Fact]
    public async Task A_client_only_console_app_restores_no_Roslyn_no_SQLite_and_no_hosting_stack_and_runs_work_on_a_cluster_of_the_tool()
    {
        var app = await packages.BuildProjectAsync("ClientOnlyApp",
            packages.ConsoleProject(properties: "\n    <RemoteKitCopyHost>false</RemoteKitCopyHost>"),
            new Dictionary<string, string> { ["Program.cs"] = ClientApp });

        using (var assets = JsonDocument.Parse(File.ReadAllText(PackagesFixture.AssetsFile(app))))
        {
            var restored = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
            Assert.Contains("RemoteKit", restored);
            Assert.Contains("MemoryPack", restored);
            Assert.DoesNotContain(restored, p => p.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(restored, p => p.StartsWith("Microsoft.Data.Sqlite", StringComparison.OrdinalIgnoreCase) || p.StartsWith("SQLitePCLRaw", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("RemoteKit.Hosting", restored);
            Assert.DoesNotContain("Microsoft.Extensions.Hosting", restored);
        }

        var output = Path.GetDirectoryName(app)!;
        Assert.False(Directory.Exists(Path.Combine(output, "remotekit-host")), "RemoteKitCopyHost=false still copied the host");
        Assert.False(File.Exists(Path.Combine(output, "RemoteKit.Engine.dll")));
        Assert.False(File.Exists(Path.Combine(output, "RemoteKit.Controller.dll")));

        using var home = new TempDirectory("remotekit-home-");
        var environment = new Dictionary<string, string?> { ["REMOTEKIT_DIR"] = home.Path };
        try
        {
            Assert.Equal(0, (await Processes.RunAsync(packages.Remotekit, ["profile", "create", "client"], environment: environment)).ExitCode);
            var start = await Processes.RunAsync(packages.Remotekit, ["cluster", "start", "-n", "2", "--profile", "client", "--daemonize"], environment: environment);
            Assert.True(start.ExitCode == 0, start.ToString());

            var run = await Processes.RunAsync("dotnet", [app, "profile", "client"], environment: environment);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("POWERS 9,9", run.Out);
        }
        finally
        {
            await Processes.RunAsync(packages.Remotekit, ["cluster", "stop", "--profile", "client"], environment: environment);
        }

        // Without the host, starting a cluster from this program says why and what to change.
        var embedded = await Processes.RunAsync("dotnet", [app, "embedded"]);
        Assert.NotEqual(0, embedded.ExitCode);
        Assert.Contains("<RemoteKitCopyHost>false</RemoteKitCopyHost>", embedded.Err);
    }

    [Fact]
    public void The_installed_tool_runs_assemblies_precompiled_for_linux_x64_from_a_package_for_any_platform()
    {
        var tool = Directory.GetFiles(packages.ToolDirectory, "RemoteKit.Cli.dll", SearchOption.AllDirectories).Single();
        Assert.Equal("any", Path.GetFileName(Path.GetDirectoryName(tool)));
        foreach (var assembly in new[] { "RemoteKit.Cli.dll", "RemoteKit.Engine.dll", "RemoteKit.Controller.dll", "Microsoft.CodeAnalysis.CSharp.dll", "Microsoft.CodeAnalysis.CSharp.Scripting.dll" })
        {
            using var pe = new PEReader(File.OpenRead(Path.Combine(Path.GetDirectoryName(tool)!, assembly)));
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, assembly + " is not precompiled (ReadyToRun)");
            Assert.True(pe.HasMetadata, assembly + " has no IL metadata");
        }
    }
}
