using System.Diagnostics;
using System.Globalization;
using System.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace RemoteKit.Cli;

/// <summary><c>remotekit cluster start|stop|engines</c>.</summary>
internal static class ClusterActions
{
    public static async Task<int> StartAsync(string? profileName, int? engines, bool daemonize, string? daemonLog, CancellationToken cancellationToken)
    {
        var profile = ProfileSettings.Resolve(profileName, createDefault: true);
        var builder = ProcessHosts.CreateBuilder(profile, new Dictionary<string, string?>());
        var settings = ClusterSettings.From(builder.Configuration);
        var count = engines ?? (settings.Engines == 0 ? Environment.ProcessorCount : settings.Engines);
        EnsureNotRunning(profile);

        if (daemonize)
        {
            return await StartInBackgroundAsync(profile, count, settings, cancellationToken).ConfigureAwait(false);
        }

        var foreground = daemonLog is null;
        builder.Services.AddRemoteKitController();
        builder.Services.AddSingleton(new ClusterRequest(profile, count, settings, (state, info) =>
        {
            if (foreground)
            {
                Console.WriteLine($"Cluster '{profile.Name}' is running: controller at {info}, {state.Engines.Length} engines. Press Ctrl+C to stop it.");
            }
        }));
        builder.Services.AddHostedService<EngineLauncher>();
        using var host = builder.Build();
        return await ProcessHosts.RunAsync(host).ConfigureAwait(false);
    }

    public static async Task<int> StopAsync(string? profileName, CancellationToken cancellationToken)
    {
        var profile = ResolveExisting(profileName);
        var settings = ClusterSettings.From(ProcessHosts.CreateBuilder(profile, new Dictionary<string, string?>()).Configuration);
        var state = ClusterState.Read(profile);
        var found = false;

        // Ask the controller first: it stops its engines and, when run by 'cluster start', the whole cluster with it.
        if (File.Exists(profile.ClientConnectionFile))
        {
            try
            {
                await using var client = await RemoteClient.ConnectToFileAsync(profile.ClientConnectionFile, profile.Name, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
                await client.ShutdownAsync(cancellationToken).ConfigureAwait(false);
                found = true;
            }
            catch (Exception e) when (e is RemoteKitConnectionException or TimeoutException or IOException or InvalidDataException or AuthenticationException)
            {
                // Stale or unusable file: the processes recorded below are stopped by signal instead.
            }
        }

        var pids = new List<int>();
        if (state is not null)
        {
            pids.Add(state.Pid);
            pids.AddRange(state.Engines);
        }

        if (LiveController(profile) is { } controllerPid)
        {
            pids.Add(controllerPid);
        }

        var added = ClusterState.AddedEngines(profile);
        pids.AddRange(added.Select(a => a.Pid));
        var processes = pids.Distinct().Select(ChildProcesses.TryGet).OfType<Process>().ToList();
        found |= processes.Count > 0;
        await Task.WhenAll(processes.Select(p => ChildProcesses.StopAsync(p, settings.StopTimeout))).ConfigureAwait(false);
        foreach (var process in processes)
        {
            process.Dispose();
        }

        ClusterState.TryDelete(profile.ClientConnectionFile);
        ClusterState.TryDelete(profile.EngineConnectionFile);
        ClusterState.Delete(profile);
        foreach (var (_, file) in added)
        {
            ClusterState.TryDelete(file);
        }

        if (!found)
        {
            throw new CliException($"No cluster is running for profile '{profile.Name}'.");
        }

        Console.WriteLine($"Stopped cluster '{profile.Name}'.");
        return ExitCodes.Success;
    }

    public static async Task<int> AddEnginesAsync(string? profileName, int count, CancellationToken cancellationToken)
    {
        var profile = ResolveRunning(profileName);
        var settings = ClusterSettings.From(ProcessHosts.CreateBuilder(profile, new Dictionary<string, string?>()).Configuration);
        await using var client = await RemoteClient.ConnectToFileAsync(profile.ClientConnectionFile, profile.Name, settings.StartTimeout, cancellationToken).ConfigureAwait(false);
        var before = client.Ids.ToHashSet();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var log = Path.Combine(profile.LogDirectory, $"engine-{stamp}-{i.ToString(CultureInfo.InvariantCulture)}.log");
            using var engine = ChildProcesses.StartSelf(["engine", "--profile", profile.Name, "--daemon-log", log]);
            ClusterState.AddEngine(profile, engine.Id);
        }

        await client.WaitForEnginesAsync(before.Count + count, settings.StartTimeout, cancellationToken).ConfigureAwait(false);
        var added = client.Ids.Where(id => !before.Contains(id)).Select(id => id.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"Added {count} engines to cluster '{profile.Name}': ids {string.Join(", ", added)}.");
        return ExitCodes.Success;
    }

    /// <summary>Fails if a cluster or controller already runs for the profile; removes what a dead one left behind.</summary>
    public static void EnsureNotRunning(RemoteKitProfile profile)
    {
        var state = ClusterState.Read(profile);
        if (state is not null && state.Pid != Environment.ProcessId && ChildProcesses.TryGet(state.Pid) is { } process)
        {
            process.Dispose();
            throw new CliException($"A cluster is already running for profile '{profile.Name}' (process {state.Pid}); stop it with 'remotekit cluster stop{ProfileArgument(profile)}'.");
        }

        if (LiveController(profile) is { } pid && pid != Environment.ProcessId)
        {
            throw new CliException($"A controller is already running for profile '{profile.Name}' (process {pid}); stop it with 'remotekit cluster stop{ProfileArgument(profile)}'.");
        }

        if (state is not null && state.Pid != Environment.ProcessId)
        {
            ClusterState.Delete(profile);
        }
    }

    /// <summary>The process id of a live controller named in the profile's connection file.</summary>
    public static int? LiveController(RemoteKitProfile profile)
    {
        try
        {
            if (File.Exists(profile.ClientConnectionFile) && ConnectionInfo.Load(profile.ClientConnectionFile).ControllerPid is { } pid &&
                ChildProcesses.TryGet(pid) is { } process)
            {
                process.Dispose();
                return pid;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>A profile that must exist (without creating <c>default</c>).</summary>
    public static RemoteKitProfile ResolveExisting(string? profileName)
    {
        var profile = ProfileSettings.Resolve(profileName, createDefault: false);
        return profile;
    }

    /// <summary>A profile whose cluster must be running (its client connection file exists).</summary>
    public static RemoteKitProfile ResolveRunning(string? profileName)
    {
        var profile = RemoteKitProfile.Locate(profileName);
        if (!File.Exists(profile.ClientConnectionFile))
        {
            throw new CliException(
                $"No cluster is running for profile '{profile.Name}' (no connection file at {profile.ClientConnectionFile}); " +
                $"start one with 'remotekit cluster start -n 4{ProfileArgument(profile)}'.");
        }

        return profile;
    }

    private static string ProfileArgument(RemoteKitProfile profile) =>
        profile.Name == RemoteKitProfile.DefaultName ? "" : " --profile " + profile.Name;

    private static async Task<int> StartInBackgroundAsync(RemoteKitProfile profile, int count, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var log = Path.Combine(profile.LogDirectory, $"cluster-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.log");
        using var child = ChildProcesses.StartSelf(
            ["cluster", "start", "-n", count.ToString(CultureInfo.InvariantCulture), "--profile", profile.Name, "--daemon-log", log]);
        var exited = child.WaitForExitAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.StartTimeout + TimeSpan.FromSeconds(10));
        var delay = TimeSpan.FromMilliseconds(20);
        while (ClusterState.Read(profile) is not { } state || state.Pid != child.Id)
        {
            if (exited.IsCompleted || deadline.IsCancellationRequested)
            {
                if (!exited.IsCompleted)
                {
                    child.Kill(entireProcessTree: true);
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new CliException($"The cluster did not start{(exited.IsCompleted ? "" : " in time")}; see its log {log}:{Environment.NewLine}{Tail(log)}");
            }

            await Task.WhenAny(exited, Task.Delay(delay, deadline.Token)).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }

        Console.WriteLine(
            $"Cluster '{profile.Name}' is running in the background (process {child.Id.ToString(CultureInfo.InvariantCulture)}) with {count} engines; " +
            $"stop it with 'remotekit cluster stop{ProfileArgument(profile)}'. Log: {log}");
        return ExitCodes.Success;
    }

    private static string Tail(string log)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(log).TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
