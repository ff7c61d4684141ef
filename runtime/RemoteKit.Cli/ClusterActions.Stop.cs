using System.Globalization;
using System.Security.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Logging;
using RemoteKit.Configuration;
using RemoteKit.Connections;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary><c>remotekit cluster stop</c>: the controller, the cluster process, every unit it recorded, and their files.</summary>
internal static partial class ClusterActions
{
    public static async Task<int> StopAsync(string? profileName, CancellationToken cancellationToken)
    {
        var profile = ResolveExisting(profileName);
        var state = ClusterState.Read(profile);
        var settings = SettingsFor(profile, state?.Launch ?? new LaunchArguments());
        var added = ClusterState.Added(profile);
        var found = false;

        // Ask the controller first: it stops its engines and, when run by 'cluster start', the whole cluster with it.
        if (File.Exists(profile.ClientConnectionFile))
        {
            try
            {
                await using var client = await RemoteClient.ConnectAsync(TimeSpan.FromSeconds(10), profile.Name, cancellationToken).ConfigureAwait(false);
                await client.ShutdownAsync(cancellationToken).ConfigureAwait(false);
                found = true;
            }
            catch (Exception e) when (e is RemoteKitConnectionException or TimeoutException or IOException or InvalidDataException or AuthenticationException)
            {
                // Stale or unusable file: the processes and units recorded below are stopped directly instead.
            }
        }

        var pids = new List<int>();
        if (state is not null)
        {
            pids.Add(state.Pid);
        }

        if (LiveController(profile) is { } controllerPid)
        {
            pids.Add(controllerPid);
        }

        var processes = pids.Distinct().Select(ChildProcess.TryGet).OfType<System.Diagnostics.Process>().ToList();
        found |= processes.Count > 0;
        await Task.WhenAll(processes.Select(p => ChildProcess.StopAsync(p, settings.StopTimeout))).ConfigureAwait(false);
        foreach (var process in processes)
        {
            process.Dispose();
        }

        // The cluster process stops its own units; whatever it could not stop, or did not live to, is stopped here.
        var recorded = new List<(LaunchArguments Launch, EngineUnit[] Units)>();
        if (state is not null)
        {
            recorded.Add((state.Launch, [.. state.Units.Union(ClusterState.Read(profile)?.Units ?? [])]));
        }

        recorded.AddRange(added.Select(a => (a.Engines.Launch, a.Engines.Units)));
        var left = new List<string>();
        if (state?.ControllerUnit is { } controllerUnit)
        {
            // A placed controller that outlived the cluster process (a batch job): its job is cancelled, its process killed.
            var (running, notStopped) = await StopControllerAsync(controllerUnit, settings, cancellationToken).ConfigureAwait(false);
            found |= running;
            left.AddRange(notStopped);
        }

        foreach (var (launch, units) in recorded)
        {
            var (anyRunning, notStopped) = await StopUnitsAsync(units, SettingsFor(profile, launch), cancellationToken).ConfigureAwait(false);
            found |= anyRunning;
            left.AddRange(notStopped);
        }

        ClusterState.TryDelete(profile.ClientConnectionFile);
        ClusterState.TryDelete(profile.EngineConnectionFile);
        ClusterState.Delete(profile);
        foreach (var file in added.Select(a => a.File))
        {
            ClusterState.TryDelete(file);
        }

        if (left.Count > 0)
        {
            throw new CliException($"Cluster '{profile.Name}' stopped, but these are still running: {string.Join("; ", left)}.");
        }

        if (!found)
        {
            throw new CliException($"No cluster is running for profile '{profile.Name}'.");
        }

        Console.WriteLine($"Stopped cluster '{profile.Name}'.");
        return ExitCodes.Success;
    }

    /// <summary>Ends a placed controller recorded in the cluster's state; returns whether it ran, and what is left running.</summary>
    private static async Task<(bool Running, List<string> Left)> StopControllerAsync(EngineUnit unit, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var launcher = ControllerLauncher.UnitLauncher(settings, unit);
        try
        {
            if (await launcher.IsGoneAsync(unit, cancellationToken).ConfigureAwait(false))
            {
                return (false, []);
            }

            var gone = await launcher.CancelAndWaitAsync(unit, settings.StopTimeout, cancellationToken).ConfigureAwait(false);
            return (true, gone ? [] : [$"the controller ({Describe(unit)})"]);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return (true, [$"the controller ({Describe(unit)}: {e.Message})"]);
        }
    }

    /// <summary>A placed controller as recorded: <c>process 12 on host</c>, <c>Slurm job 7</c>.</summary>
    private static string Describe(EngineUnit controller) => controller switch
    {
        { Host: { } host, RemotePid: { } pid } => $"process {pid.ToString(CultureInfo.InvariantCulture)} on {host}",
        { JobId: { } job } => $"{controller.Launcher} job {job}",
        _ => controller.ToString(),
    };

    /// <summary>Cancels every unit that still runs and checks it is gone; returns whether any ran, and those left running.</summary>
    private static async Task<(bool AnyRunning, List<string> Left)> StopUnitsAsync(IReadOnlyList<EngineUnit> units, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var anyRunning = false;
        var left = new List<string>();
        foreach (var group in units.GroupBy(u => u.Launcher))
        {
            var launcher = EngineLauncher.Create(group.Key, settings);
            var results = await Task.WhenAll(group.Select(async unit =>
            {
                try
                {
                    if (await launcher.IsGoneAsync(unit, cancellationToken).ConfigureAwait(false))
                    {
                        return (false, (string?)null);
                    }

                    var gone = await launcher.CancelAndWaitAsync(unit, settings.StopTimeout, cancellationToken).ConfigureAwait(false);
                    return (true, gone ? null : unit.ToString());
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    return (true, $"{unit} ({e.Message})");
                }
            })).ConfigureAwait(false);
            anyRunning |= results.Any(r => r.Item1);
            left.AddRange(results.Select(r => r.Item2).OfType<string>());
            try
            {
                await launcher.CleanUpAsync([.. group], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                left.Add($"files of {group.Key} engines ({e.Message})");
            }
        }

        return (anyRunning, left);
    }

    /// <summary>Where a placed controller runs, for the message that the cluster runs; nothing for a local one.</summary>
    private static string ControllerWhere(ClusterState? state) =>
        state?.ControllerUnit is { } controller ? $", its controller as {Describe(controller)}" : "";
}
