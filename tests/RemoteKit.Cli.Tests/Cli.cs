using System.Globalization;
using System.Text.Json;

namespace RemoteKit.Cli.Tests;

/// <summary>
/// The remotekit CLI as built beside the tests, with its own REMOTEKIT_DIR. Disposing stops whatever cluster it started
/// and waits for every process it recorded.
/// </summary>
internal sealed class Cli : IAsyncDisposable
{
    private readonly TempDirectory _home = new("remotekit-cli-");
    private readonly HashSet<string> _profiles = [];

    public string Home => _home.Path;

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["REMOTEKIT_DIR"] = Home };

    public RemoteKitProfile Profile(string name) => WithHome(() => RemoteKitProfile.Locate(name));

    public Task<Run> RunAsync(params string[] args)
    {
        if (Array.IndexOf(args, "--profile") is var i and >= 0 && i + 1 < args.Length)
        {
            _profiles.Add(args[i + 1]);
        }

        return Processes.RunAsync("dotnet", ["exec", System.IO.Path.Combine(AppContext.BaseDirectory, "RemoteKit.Cli.dll"), .. args], environment: Environment);
    }

    /// <summary>Creates <paramref name="profile"/> and starts a daemonized cluster of <paramref name="engines"/> on it; fails the test if it does not start.</summary>
    public async Task<Run> StartClusterAsync(string profile, int engines, params string[] options)
    {
        await RunAsync("profile", "create", profile);
        var started = await RunAsync(["cluster", "start", "-n", engines.ToString(CultureInfo.InvariantCulture), "--profile", profile, "--daemonize", .. options]);
        Xunit.Assert.True(started.ExitCode == 0, started.ToString());
        return started;
    }

    /// <summary>Connects a client through a profile, as a user's program would with REMOTEKIT_DIR set.</summary>
    public Task<RemoteClient> ConnectAsync(string profile, TimeSpan? timeout = null) =>
        WithHome(() => RemoteClient.ConnectAsync(timeout ?? Patience.Long, profile: profile));

    /// <summary>The process ids a running cluster recorded (the cluster process first, then local engine processes and mpiexec).</summary>
    public int[] RecordedPids(string profile)
    {
        var p = Profile(profile);
        var pids = new List<int>();
        var state = System.IO.Path.Combine(p.RunDirectory, "cluster.json");
        if (File.Exists(state))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(state));
            pids.Add(json.RootElement.GetProperty("pid").GetInt32());
            pids.AddRange(UnitPids(json.RootElement.GetProperty("units")));
        }

        if (Directory.Exists(p.RunDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(p.RunDirectory, "added-*.json"))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                pids.AddRange(UnitPids(json.RootElement.GetProperty("units")));
            }
        }

        // The cluster takes on added engines into its own state, so a unit may be in both files for a moment.
        return [.. pids.Distinct()];
    }

    private static IEnumerable<int> UnitPids(JsonElement units) =>
        units.EnumerateArray().Where(u => u.TryGetProperty("pid", out _)).Select(u => u.GetProperty("pid").GetInt32()).ToArray();

    public async ValueTask DisposeAsync()
    {
        foreach (var profile in _profiles)
        {
            // Whatever the state files hold, 'cluster stop' runs: a cleanup that fails must not leave a cluster behind.
            int[] pids;
            try
            {
                pids = RecordedPids(profile);
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
            {
                pids = [];
            }

            await RunAsync("cluster", "stop", "--profile", profile);
            foreach (var pid in pids)
            {
                using var left = Processes.TryGet(pid);
                left?.Kill(entireProcessTree: true);
            }
        }

        _home.Dispose();
    }

    private static readonly SemaphoreSlim HomeLock = new(1, 1);

    /// <summary>REMOTEKIT_DIR is process-wide: set it only while locating or connecting.</summary>
    private T WithHome<T>(Func<T> action)
    {
        HomeLock.Wait();
        var before = System.Environment.GetEnvironmentVariable(RemoteKitProfile.DirectoryVariable);
        try
        {
            System.Environment.SetEnvironmentVariable(RemoteKitProfile.DirectoryVariable, Home);
            return action();
        }
        finally
        {
            System.Environment.SetEnvironmentVariable(RemoteKitProfile.DirectoryVariable, before);
            HomeLock.Release();
        }
    }
}
