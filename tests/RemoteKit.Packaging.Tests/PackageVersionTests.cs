using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>Local packs never collide with a cached copy; .NET 10 file-based apps use the package.</summary>
public sealed partial class PackageTests
{
    [Fact]
    public async Task Packing_twice_gives_two_versions_each_shared_by_the_packages_of_that_pack_and_a_consumer_restoring_between_them_gets_the_newer_package()
    {
        var repo = Repository.Root;
        using var work = new TempDirectory("remotekit-repack-");
        // Two packages packed in one build, as `dotnet pack RemoteKit.sln` packs them: RemoteKit and RemoteKit.Hosting.
        var solution = Path.Combine(work.Path, "Packages.slnx");
        File.WriteAllText(solution, $"""
            <Solution>
              <Project Path="{Path.Combine(repo, "packaging", "RemoteKit", "RemoteKit.Package.csproj")}" />
              <Project Path="{Path.Combine(repo, "packaging", "RemoteKit.Hosting", "RemoteKit.Hosting.Package.csproj")}" />
            </Solution>
            """);
        var feed = Path.Combine(work.Path, "feed");
        var consumer = Path.Combine(work.Path, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(work.Path, "NuGet.config"), File.ReadAllText(packages.NuGetConfig).Replace(packages.Feed, feed, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RemoteKit" Version="0.2.0-dev.*" />
              </ItemGroup>
            </Project>
            """);

        // As on a developer's machine: no version given, not a CI build.
        var local = new Dictionary<string, string?> { ["CI"] = "false", ["GITHUB_ACTIONS"] = "false" };
        var versions = new List<string>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var pack = await Processes.RunAsync("dotnet", ["pack", solution, "-c", "Release", "-o", feed],
                    environment: local, timeout: Patience.Build);
                Assert.True(pack.ExitCode == 0, pack.ToString());
                var created = Regex.Match(pack.Out, @"Successfully created package '[^']*/RemoteKit\.(?<version>\d[^']*?)\.nupkg'");
                Assert.True(created.Success, pack.ToString());
                versions.Add(created.Groups["version"].Value);

                // The package packed beside it has its version, whatever second its own evaluation fell on, and depends on exactly it.
                var hosting = Path.Combine(feed, $"RemoteKit.Hosting.{versions[i]}.nupkg");
                Assert.True(File.Exists(hosting), $"no {hosting}:\n{pack}");
                using (var package = System.IO.Compression.ZipFile.OpenRead(hosting))
                using (var nuspec = package.GetEntry("RemoteKit.Hosting.nuspec")!.Open())
                {
                    var dependency = System.Xml.Linq.XDocument.Load(nuspec).Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "RemoteKit");
                    Assert.Equal($"[{versions[i]}]", (string?)dependency.Attribute("version"));
                }

                var restore = await Processes.RunAsync("dotnet", ["restore", consumer, "--force-evaluate"], workingDirectory: work.Path, timeout: Patience.Build);
                Assert.True(restore.ExitCode == 0, restore.ToString());
                Assert.Equal(versions[i], RestoredVersion(consumer));
            }

            Assert.Matches(@"^0\.2\.0-dev\.\d{14}$", versions[0]);
            // Same prefix and a fixed-width UTC timestamp: ordinal order is NuGet's version order.
            Assert.True(string.CompareOrdinal(versions[1], versions[0]) > 0, $"{versions[1]} is not newer than {versions[0]}");
        }
        finally
        {
            foreach (var version in versions)
            {
                foreach (var id in new[] { "remotekit", "remotekit.hosting" })
                {
                    var cached = Path.Combine(PackagesFixture.NuGetCache(), id, version);
                    if (Directory.Exists(cached))
                    {
                        Directory.Delete(cached, recursive: true);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task A_dotnet_10_file_based_app_references_the_package_with_a_directive_and_runs_remote_methods()
    {
        var folder = Path.Combine(packages.Root, "filebased");
        Directory.CreateDirectory(folder);
        var script = Path.Combine(folder, "tutorial.cs");
        File.WriteAllText(script, $$"""
            #:package RemoteKit@{{packages.Version}}
            using RemoteKit;

            await using var cluster = await Cluster.StartAsync(engines: 2);
            long[] squares = await cluster.Client[..].ApplyAsync(Work.Square, 7);
            Console.WriteLine("SQUARES " + string.Join(",", squares));
            Console.WriteLine("WHO " + await cluster.Client.LoadBalancedView().ApplyAsync(Work.WhoAmI));
            Console.WriteLine("CLIENT " + Environment.ProcessId);

            public static partial class Work
            {
                [Remote]
                public static long Square(long x) => x * x;

                [Remote]
                public static string WhoAmI(RemoteContext ctx) => $"engine {ctx.EngineId} of {ctx.EngineCount} pid {Environment.ProcessId}";
            }
            """);

        var run = await Processes.RunAsync("dotnet", ["run", script], workingDirectory: folder, timeout: Patience.Build);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SQUARES 49,49", run.Out);
        var who = Regex.Match(run.Out, @"WHO engine [01] of 2 pid (?<pid>\d+)");
        var client = Regex.Match(run.Out, @"CLIENT (?<pid>\d+)");
        Assert.True(who.Success && client.Success, run.ToString());
        Assert.NotEqual(client.Groups["pid"].Value, who.Groups["pid"].Value);
    }

    private static string RestoredVersion(string project)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "obj", "project.assets.json")));
        var library = assets.RootElement.GetProperty("libraries").EnumerateObject().Single(p => p.Name.StartsWith("RemoteKit/", StringComparison.Ordinal));
        return library.Name["RemoteKit/".Length..];
    }

}
