using System.Text.Json;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>
/// samples/HostedClient built from the packages: a generic host whose background service takes RemoteClient by injection
/// (services.AddRemoteKitClient()), on a cluster of the tool through a profile and on one it starts itself.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class HostedClientSampleTests(PackagesFixture packages)
{
    private static readonly SemaphoreSlim SampleGate = new(1, 1);
    private static string? _sample;

    private async Task<string> SampleAsync()
    {
        await SampleGate.WaitAsync();
        try
        {
            var sample = Path.Combine(Repository.Root, "samples", "HostedClient");
            return _sample ??= await packages.BuildProjectAsync("HostedClient", File.ReadAllText(Path.Combine(sample, "HostedClient.csproj")),
                new Dictionary<string, string> { ["Program.cs"] = File.ReadAllText(Path.Combine(sample, "Program.cs")) },
                "-p:RemoteKitFromPackages=true", $"-p:RemoteKitVersion={packages.Version}");
        }
        finally
        {
            SampleGate.Release();
        }
    }

    [Fact]
    public async Task The_HostedClient_sample_gets_RemoteClient_injected_connected_to_the_cluster_of_its_configured_profile()
    {
        var app = await SampleAsync();
        using (var assets = JsonDocument.Parse(File.ReadAllText(PackagesFixture.AssetsFile(app))))
        {
            var restored = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
            Assert.DoesNotContain(restored, p => p.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("RemoteKit.Hosting", restored);
        }

        using var home = new TempDirectory("remotekit-home-");
        var environment = new Dictionary<string, string?> { ["REMOTEKIT_DIR"] = home.Path };
        try
        {
            Assert.Equal(0, (await Processes.RunAsync(packages.Remotekit, ["profile", "create", "injected"], environment: environment)).ExitCode);
            var start = await Processes.RunAsync(packages.Remotekit, ["cluster", "start", "-n", "2", "--profile", "injected", "--daemonize"], environment: environment);
            Assert.True(start.ExitCode == 0, start.ToString());

            var run = await Processes.RunAsync("dotnet", [app, "--RemoteKit:Client:Profile=injected"], environment: environment);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("SQUARES 49,49 ON 2 ENGINES", run.Out);
        }
        finally
        {
            await Processes.RunAsync(packages.Remotekit, ["cluster", "stop", "--profile", "injected"], environment: environment);
        }
    }

    [Fact]
    public async Task The_HostedClient_sample_gets_RemoteClient_injected_connected_to_a_cluster_it_starts_with_Cluster_StartAsync()
    {
        var app = await SampleAsync();
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(app)!, "remotekit-host", "RemoteKit.Host.dll")));
        var run = await Processes.RunAsync("dotnet", [app, "embedded"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SQUARES 49,49 ON 2 ENGINES", run.Out);
    }
}
