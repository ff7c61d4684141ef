using System.Runtime.Loader;
using Xunit;

namespace RemoteKit.Integration.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CodeShippingTests(ClusterFixture fixture)
{
    private RemoteClient Client => fixture.Client;

    [Fact]
    public async Task Engines_run_shipped_code_in_a_collectible_load_context_and_share_RemoteKit_with_the_host()
    {
        var contexts = await Client[..].ApplyAsync(Work.DescribeLoadContext);
        Assert.All(contexts, c => Assert.StartsWith("remotekit:RemoteKit.Integration.Tests:", c));
        Assert.All(contexts, c => Assert.EndsWith("collectible; RemoteKit from Default", c));
        Assert.NotNull(AssemblyLoadContext.GetLoadContext(typeof(Work).Assembly));
    }

    [Fact]
    public async Task Two_other_programs_use_the_running_cluster_at_the_same_time_and_one_after_the_other()
    {
        var file = Path.Combine(Path.GetTempPath(), $"remotekit-test-{Guid.NewGuid():N}.json");
        fixture.Cluster.ConnectionInfo.Save(file);
        try
        {
            var together = await Task.WhenAll(RunOtherAsync(file, "alpha"), RunOtherAsync(file, "beta"), Client[..].ApplyAsync(Work.EngineId).Task.ContinueWith(_ => string.Empty));
            var after = await RunOtherAsync(file, "gamma");

            foreach (var (output, tag) in new[] { (together[0], "alpha"), (together[1], "beta"), (after, "gamma") })
            {
                var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                Assert.Equal(string.Join('|', Client.Ids.Select(id => $"{tag}@{id}")), lines[0]);
                Assert.StartsWith($"{tag}-lb@", lines[1]);
                Assert.StartsWith("remotekit:RemoteKit.TestAssets.OtherProgram:", lines[2]);
            }

            Assert.Equal(Client.Ids, await Client[..].ApplyAsync(Work.EngineId));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<string> RunOtherAsync(string connectionFile, string tag) =>
        ProgramRunner.RunAsync("RemoteKit.TestAssets.OtherProgram.dll", [connectionFile, tag], Patience.Long);
}
