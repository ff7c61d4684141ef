using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>Many engines in one process (<c>remotekit engine --count N</c>, <see cref="ClusterOptions.EnginesPerProcess"/>).</summary>
public sealed class HostedTogetherTests
{
    [Fact]
    public async Task Engines_hosted_in_one_process_have_their_own_ids_namespaces_and_captured_output()
    {
        await using var cluster = await Cluster.StartAsync(engines: 4, new ClusterOptions { EnginesPerProcess = 4 });
        var client = cluster.Client;
        Assert.Equal([0, 1, 2, 3], client.Ids);

        // One engine process besides the controller, and every engine runs in it.
        Assert.Equal(2, cluster.ProcessIds.Count);
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(Patience.Long);
        Assert.Single(pids.Distinct());
        Assert.Equal(cluster.ProcessIds[1], pids[0]);

        foreach (var id in client.Ids)
        {
            await client[id].PushAsync(new Dictionary<string, object?> { ["owner"] = id * 10 }).Completion.WaitAsync(Patience.Long);
        }

        var owners = await client[..].PullAsync<int>("owner").Task.WaitAsync(Patience.Long);
        Assert.Equal([0, 10, 20, 30], owners);

        // The four talk at the same time in one process; each task's metadata holds only its own lines.
        var talks = client.Ids.Select(id => client[id].ApplyAsync(Work.Talk, $"engine{id}", 200)).ToArray();
        await Task.WhenAll(talks.Select(t => t.Task)).WaitAsync(Patience.Long);
        foreach (var (talk, id) in talks.Select((t, i) => (t, i)))
        {
            var lines = talk.Metadata!.Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(200, lines.Length);
            Assert.All(lines, line => Assert.StartsWith($"engine{id} ", line));
            Assert.Equal($"done engine{id}", talk.Metadata.Stderr);
        }
    }

    [Fact]
    public async Task A_cluster_of_200_engines_in_four_processes_runs_an_apply_on_all_of_them()
    {
        await using var cluster = await Cluster.StartAsync(engines: 200, new ClusterOptions { EnginesPerProcess = 50, StartTimeout = TimeSpan.FromMinutes(3) });
        var client = cluster.Client;
        Assert.Equal(200, client.Ids.Count);
        Assert.Equal(5, cluster.ProcessIds.Count);

        var ids = await client[..].ApplyAsync(Work.EngineId).Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(client.Ids, ids);
        var pids = await client[..].ApplyAsync(Work.ProcessId).Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(4, pids.Distinct().Count());
        Assert.All(pids.GroupBy(p => p), g => Assert.Equal(50, g.Count()));
    }
}
