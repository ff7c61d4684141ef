using System.Text.RegularExpressions;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>
/// The README's "Using a local build" commands, run verbatim from the root of the repository as a newcomer runs them:
/// pack with a version into a folder, install the tool from it, a nuget.config naming it, `dotnet add package`, a first
/// program on a cluster the tool started, and a file-based app. HOME (and so ~/.dotnet/tools, ~/.remotekit, NuGet's own
/// settings) is a fresh directory; only NuGet's package cache is the machine's, and the run's packages leave it after.
/// </summary>
[Collection(PackagesCollection.Name)] // the pack writes the repository's bin/ and obj/: never beside the fixture's pack
public sealed class LocalBuildReadmeTests
{
    [Fact]
    public async Task The_local_build_instructions_in_the_README_run_verbatim_and_their_first_programs_reach_clusters()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var block = Regex.Match(doc, @"<!-- local-build[^>]*-->\s*```sh\n(?<commands>.*?)```\s*<!-- /local-build -->", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no local-build block");
        var commands = block.Groups["commands"].Value;
        Assert.Contains("dotnet pack RemoteKit.sln", commands);
        Assert.Contains("dotnet tool install --global RemoteKit.Cli", commands);
        Assert.Contains("dotnet add", commands);
        Assert.Contains("dotnet run hello.cs", commands);

        using var home = new TempDirectory("remotekit-newcomer-");
        var cache = PackagesFixture.NuGetCache();
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home.Path,
            ["DOTNET_CLI_HOME"] = home.Path,
            ["NUGET_PACKAGES"] = cache,
            ["REMOTEKIT_DIR"] = null,
            // What the SDK's first run adds to a login shell's PATH for global tools.
            ["PATH"] = Path.Combine(home.Path, ".dotnet", "tools") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        Run? run = null;
        try
        {
            run = await Processes.RunAsync("bash", ["-euo", "pipefail", "-c", commands], workingDirectory: Repository.Root,
                environment: environment, timeout: Patience.Build);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Matches(@"3\^2 on engines 0, 1: 9, 9", run.Out);
            Assert.Matches(@"7 squared on engine [01] of 2: 49", run.Out);
            Assert.True(File.Exists(Path.Combine(home.Path, ".dotnet", "tools", "remotekit")), "the tool is not where --global installs it under HOME");
        }
        finally
        {
            var tool = Path.Combine(home.Path, ".dotnet", "tools", "remotekit");
            if (File.Exists(tool))
            {
                await Processes.RunAsync(tool, ["cluster", "stop", "--profile", "local"], environment: environment);
            }

            // The run's own version: packages of it are of no use to anyone later.
            var feed = Path.Combine(home.Path, "remotekit-feed");
            var versions = Directory.Exists(feed)
                ? Directory.GetFiles(feed, "RemoteKit.Cli.*.nupkg").Select(f => Path.GetFileNameWithoutExtension(f)["RemoteKit.Cli.".Length..]).ToList()
                : [];
            foreach (var version in versions)
            {
                foreach (var id in new[] { "remotekit", "remotekit.hosting", "remotekit.cli" })
                {
                    var folder = Path.Combine(cache, id, version);
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
            }
        }
    }
}
