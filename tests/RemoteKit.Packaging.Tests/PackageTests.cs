using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>
/// Packs the solution once into a local feed (with a version of its own, so no cached or public package can stand in, and
/// with the opt-in composite host package), installs the remotekit tool from it, and builds a fresh console project that
/// references RemoteKit from that feed only. Shared by every test class of <see cref="PackagesCollection"/>.
/// </summary>
public sealed class PackagesFixture : IAsyncLifetime
{
    private readonly TempDirectory _root = new("remotekit-packages-");

    public string Version { get; } = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    public string Feed => Path.Combine(_root.Path, "feed");

    public string ToolDirectory => Path.Combine(_root.Path, "tools");

    public string NuGetConfig => Path.Combine(_root.Path, "NuGet.config");

    public string AppDll => Path.Combine(_root.Path, "app", "bin", "Release", "net10.0", "App.dll");

    public string Remotekit => Path.Combine(ToolDirectory, OperatingSystem.IsWindows() ? "remotekit.exe" : "remotekit");

    public async Task InitializeAsync()
    {
        var repo = Repository.Root;
        var pack = await Processes.RunAsync("dotnet",
            ["pack", Path.Combine(repo, "RemoteKit.sln"), "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-p:RemoteKitPackComposite=true"],
            timeout: Patience.Build);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        File.WriteAllText(NuGetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="RemoteKit" /><package pattern="RemoteKit.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        var install = await Processes.RunAsync("dotnet",
            ["tool", "install", "--tool-path", ToolDirectory, "--configfile", NuGetConfig, "--version", Version, "RemoteKit.Cli"],
            workingDirectory: _root.Path, timeout: Patience.Build);
        Assert.True(install.ExitCode == 0, install.ToString());

        var app = Path.Combine(_root.Path, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "App.csproj"), ConsoleProject());
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using RemoteKit;

            if (args[0] == "embedded")
            {
                await using var cluster = await Cluster.StartAsync(engines: 2);
                await RunAsync(cluster.Client);
            }
            else
            {
                await using var client = await RemoteClient.ConnectAsync(TimeSpan.FromSeconds(90), profile: args[1]);
                await RunAsync(client);
            }

            static async Task RunAsync(RemoteClient client)
            {
                long[] powers = await client[..].ApplyAsync(Work.Power, 3, 2);
                Console.WriteLine("POWERS " + string.Join(",", powers));
                var who = await client.LoadBalancedView().ApplyAsync(Work.WhoAmI);
                Console.WriteLine("WHO " + who);
            }

            public static partial class Work
            {
                [Remote]
                public static long Power(long x, int i) => (long)Math.Pow(x, i);

                [Remote]
                public static async Task<string> WhoAmI(RemoteContext ctx, CancellationToken ct)
                {
                    await Task.Yield();
                    return $"engine {ctx.EngineId} of {ctx.EngineCount}";
                }
            }
            """);
        var build = await Processes.RunAsync("dotnet", ["build", app, "-c", "Release"], workingDirectory: _root.Path, timeout: Patience.Build);
        Assert.True(build.ExitCode == 0, build.ToString());
    }

    /// <summary>A console project referencing this run's RemoteKit package (or <paramref name="package"/>), and any further package references.</summary>
    public string ConsoleProject(string otherPackageReferences = "", string package = "RemoteKit", string properties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>{properties}
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{package}" Version="{Version}" />{otherPackageReferences}
          </ItemGroup>
        </Project>
        """;

    /// <summary>The project.assets.json of a project built by <see cref="BuildProjectAsync"/>, from the path of its output assembly.</summary>
    public static string AssetsFile(string outputAssembly) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(outputAssembly))))!, "obj", "project.assets.json");

    /// <summary>Writes a project into a fresh folder under the fixture's root (so it restores from the local feed) and builds it.</summary>
    public async Task<string> BuildProjectAsync(string name, string projectXml, IReadOnlyDictionary<string, string> files, params string[] buildArguments)
    {
        var folder = Path.Combine(_root.Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), projectXml);
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, file), text);
        }

        var build = await Processes.RunAsync("dotnet", ["build", folder, "-c", "Release", .. buildArguments], workingDirectory: _root.Path, timeout: Patience.Build);
        Assert.True(build.ExitCode == 0, build.ToString());
        return Path.Combine(folder, "bin", "Release", "net10.0", name + ".dll");
    }

    /// <summary>The global packages folder restores extract into.</summary>
    public static string NuGetCache() => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The fixture's root folder: projects and scripts under it restore through its NuGet.config.</summary>
    public string Root => _root.Path;

    public Task DisposeAsync()
    {
        // Packages of this run's private version are of no use to anyone later.
        var cache = NuGetCache();
        foreach (var id in new[] { "remotekit", "remotekit.hosting", "remotekit.cli", "remotekit.host.composite.linux-x64" })
        {
            var folder = Path.Combine(cache, id, Version);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        _root.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The test classes that share one pack of the solution (<see cref="PackagesFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagesFixture>
{
    public const string Name = "Packages";
}

[Collection(PackagesCollection.Name)]
public sealed partial class PackageTests(PackagesFixture packages)
{
    [Fact]
    public async Task A_fresh_project_referencing_only_the_RemoteKit_package_runs_remote_calls_on_an_embedded_cluster()
    {
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(packages.AppDll)!, "remotekit-host", "RemoteKit.Host.dll")));
        var run = await Processes.RunAsync("dotnet", [packages.AppDll, "embedded"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("POWERS 9,9", run.Out);
        Assert.Matches(@"WHO engine [01] of 2", run.Out);
    }

    [Fact]
    public async Task The_installed_tool_starts_a_cluster_that_a_fresh_project_reaches_through_its_profile()
    {
        using var home = new TempDirectory("remotekit-home-");
        var environment = new Dictionary<string, string?> { ["REMOTEKIT_DIR"] = home.Path };
        try
        {
            Assert.Equal(0, (await Processes.RunAsync(packages.Remotekit, ["profile", "create", "pk"], environment: environment)).ExitCode);
            var start = await Processes.RunAsync(packages.Remotekit, ["cluster", "start", "-n", "2", "--profile", "pk", "--daemonize"], environment: environment);
            Assert.True(start.ExitCode == 0, start.ToString());

            var run = await Processes.RunAsync("dotnet", [packages.AppDll, "profile", "pk"], environment: environment);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("POWERS 9,9", run.Out);
            Assert.Matches(@"WHO engine [01] of 2", run.Out);
        }
        finally
        {
            var stop = await Processes.RunAsync(packages.Remotekit, ["cluster", "stop", "--profile", "pk"], environment: environment);
            Assert.True(stop.ExitCode == 0, stop.ToString());
        }
    }

    [Fact]
    public async Task The_cli_quick_start_in_the_README_runs_verbatim_in_a_fresh_directory()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var block = Regex.Match(doc, @"<!-- quickstart[^>]*-->\s*```sh\n(?<commands>.*?)```\s*<!-- /quickstart -->", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no CLI quick start block");
        var commands = block.Groups["commands"].Value;
        Assert.Contains("remotekit cluster stop", commands);

        using var fresh = new TempDirectory("remotekit-quickstart-");
        using var home = new TempDirectory("remotekit-home-");
        var environment = new Dictionary<string, string?>
        {
            ["REMOTEKIT_DIR"] = home.Path,
            ["PATH"] = packages.ToolDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        try
        {
            var run = await Processes.RunAsync("bash", ["-euo", "pipefail", "-c", commands], workingDirectory: fresh.Path, environment: environment);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("ids 2", run.Out);
            Assert.Contains("Stopped cluster 'demo'", run.Out);
            Assert.False(File.Exists(Path.Combine(home.Path, "profile_demo", "security", "remotekit-client.json")));
        }
        finally
        {
            await Processes.RunAsync(packages.Remotekit, ["cluster", "stop", "--profile", "demo"], environment: environment);
        }
    }
}
