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

/// <summary><c>remotekit cluster start|stop|engines</c>.</summary>
internal static partial class ClusterActions
{
    public static async Task<int> StartAsync(
        string? profileName, int? engines, LaunchArguments launch, bool daemonize, string? daemonLog, CancellationToken cancellationToken, bool restore = false)
    {
        var profile = ProfileSettings.Resolve(profileName, createDefault: true);
        var overrides = launch.ConfigurationOverrides();
        var builder = ProcessHosts.CreateBuilder(profile, overrides);
        var settings = ClusterSettings.From(builder.Configuration, launch);
        var count = engines ?? (settings.Engines == 0 ? Environment.ProcessorCount : settings.Engines);
        _ = settings.ProcessesFor(count);
        var placed = settings.Controller.Launcher != ControllerLauncherKind.Local;
        if (placed && launch.Dashboard is not null)
        {
            throw new CliException("--dashboard needs the controller on this machine: a placed controller (--controller ssh|slurm|pbs) serves no dashboard.", ExitCodes.Usage);
        }

        if (settings.Controller.Launcher == ControllerLauncherKind.Ssh && string.IsNullOrEmpty(settings.Controller.Host))
        {
            throw new CliException("--controller ssh needs the host to run the controller on: --controller-host HOST.", ExitCodes.Usage);
        }

        if (string.IsNullOrEmpty(builder.Configuration[SettingKeys.Controller.Ip]))
        {
            // Engines of the other launchers connect from elsewhere, and clients here reach a placed controller from elsewhere:
            // listen beyond loopback unless told where.
            overrides[SettingKeys.Controller.Ip] = ClusterAddress.DefaultIp(enginesElsewhere: placed || settings.Launcher != EngineLauncherKind.Local);
            builder.Configuration.AddInMemoryCollection([new(SettingKeys.Controller.Ip, overrides[SettingKeys.Controller.Ip])]);
        }

        EngineUnit[] adopt = [];
        if (restore)
        {
            if (placed)
            {
                throw new CliException("--restore restores a controller on this machine; it cannot be combined with --controller ssh|slurm|pbs.", ExitCodes.Usage);
            }

            adopt = await RestorableUnitsAsync(profile, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await EnsureNotRunningAsync(profile, cancellationToken).ConfigureAwait(false);
        }

        // Until the controller listens, clients of this profile wait for it instead of being told no cluster runs.
        profile.MarkStarting();
        try
        {
            return daemonize
                ? await StartInBackgroundAsync(profile, count, launch, settings, restore, cancellationToken).ConfigureAwait(false)
                : await RunAsync(profile, count, launch, settings, builder, overrides, daemonLog is null, restore, adopt).ConfigureAwait(false);
        }
        finally
        {
            profile.ClearStarting();
        }
    }

    private static async Task<int> RunAsync(
        RemoteKitProfile profile, int count, LaunchArguments launch, ClusterSettings settings, HostApplicationBuilder builder,
        IReadOnlyDictionary<string, string?> overrides, bool foreground, bool restore, EngineUnit[] adopt)
    {
        builder.Services.AddSingleton(new ClusterRequest(profile, count, settings, launch, (state, info, dashboard) =>
        {
            if (foreground)
            {
                Console.WriteLine($"Cluster '{profile.Name}' is running: controller at {info}, {Plural.Engines(count)} ({Launcher(state.Launcher)}){ControllerWhere(state)}. Press Ctrl+C to stop it.");
                if (dashboard is not null)
                {
                    Console.WriteLine($"Dashboard: {dashboard}");
                }
            }
        }, foreground ? Console.WriteLine : null) { Overrides = overrides, Restore = restore, Adopt = adopt });

        // Stopped in reverse: the engines' supervisor first, then the controller.
        builder.Services.AddSingleton<ControllerProcess>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ControllerProcess>());
        builder.Services.AddHostedService<ClusterHost>();
        using var host = builder.Build();
        return await ProcessHosts.RunAsync(host).ConfigureAwait(false);
    }

    public static async Task<int> AddEnginesAsync(string? profileName, int count, LaunchArguments launch, CancellationToken cancellationToken)
    {
        var profile = ResolveRunning(profileName);
        if (ClusterState.Read(profile) is { } state)
        {
            // The running cluster's launcher and settings, unless given here.
            launch = launch.Over(state.Launch with { Launcher = state.Launch.Launcher ?? state.Launcher });
        }

        var settings = SettingsFor(profile, launch);
        launch = launch with { Launcher = settings.Launcher };
        var info = ConnectionInfo.Load(profile.EngineConnectionFile);
        await using var client = await RemoteClient.ConnectAsync(settings.StartTimeout, profile.Name, cancellationToken).ConfigureAwait(false);
        var before = client.Ids.ToHashSet();
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(null, LogLevel.Warning)
            .Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var context = ClusterStart.ContextFor(
            settings, info, ChildProcesses.Self("engine"), "remotekit-" + profile.Name, profile.LogDirectory, loggers, settings.EnginesPerProcess);
        var start = new ClusterStart(settings, context with { Detached = true }, settings.StartTimeout);
        var launcher = start.Launcher;

        // These engines outlive this command: nobody replaces them, and 'cluster stop' finds them in run/added-*.json.
        var engines = start.Supervise(cancellationToken, new EngineRestartOptions { Enabled = false });
        await engines.LaunchAsync(settings.ProcessesFor(count), cancellationToken).ConfigureAwait(false);
        ClusterState.AddEngines(profile, launch, engines.Units, settings.EnginesPerProcess);
        try
        {
            await engines.WaitForEnginesAsync(
                () => client.Ids.Count, (n, t, c) => client.WaitForEnginesAsync(n, t, c), before.Count + count, start.EngineTimeout, Console.WriteLine, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            await engines.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
            throw new CliException($"Adding engines to cluster '{profile.Name}' failed; what was started is stopped again. {e.Message}");
        }

        var ids = client.Ids.Where(id => !before.Contains(id)).Select(id => id.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"Added {Plural.Engines(count)} to cluster '{profile.Name}' ({Launcher(launcher.Kind)}): ids {string.Join(", ", ids)}.");
        return ExitCodes.Success;
    }

    /// <summary>
    /// For <c>cluster start --restore</c>: checks that the profile's last cluster process and its controller are gone and
    /// left their connection files, and returns the engine units it recorded that still run, to adopt.
    /// </summary>
    private static async Task<EngineUnit[]> RestorableUnitsAsync(RemoteKitProfile profile, CancellationToken cancellationToken)
    {
        var state = ClusterState.Read(profile);
        if (state is not null && state.Pid != Environment.ProcessId && ChildProcess.IsRunning(state.Pid))
        {
            throw new CliException($"The cluster of profile '{profile.Name}' is running (process {state.Pid}); only one whose process died can be restored.");
        }

        if (LiveController(profile) is { } pid && pid != Environment.ProcessId)
        {
            throw new CliException($"The controller of profile '{profile.Name}' is running (process {pid}); only one that died can be restored.");
        }

        if (!File.Exists(profile.ClientConnectionFile))
        {
            throw new CliException(
                $"There is no cluster of profile '{profile.Name}' to restore: {profile.ClientConnectionFile} does not exist (it is removed when a cluster stops normally).");
        }

        if (state is null)
        {
            return [];
        }

        var settings = SettingsFor(profile, state.Launch);
        var running = new List<EngineUnit>();
        foreach (var unit in state.Units)
        {
            if (!await AllGoneAsync([unit], settings, cancellationToken).ConfigureAwait(false))
            {
                running.Add(unit);
            }
        }

        return [.. running];
    }

    /// <summary>Fails if a cluster or controller already runs for the profile; removes what a dead one left behind.</summary>
    public static async Task EnsureNotRunningAsync(RemoteKitProfile profile, CancellationToken cancellationToken)
    {
        var state = ClusterState.Read(profile);
        if (state is not null && state.Pid != Environment.ProcessId && ChildProcess.IsRunning(state.Pid))
        {
            throw new CliException($"A cluster is already running for profile '{profile.Name}' (process {state.Pid}); stop it with 'remotekit cluster stop{ProfileArgument(profile)}'.");
        }

        if (LiveController(profile) is { } pid && pid != Environment.ProcessId)
        {
            throw new CliException($"A controller is already running for profile '{profile.Name}' (process {pid}); stop it with 'remotekit cluster stop{ProfileArgument(profile)}'.");
        }

        if (state is not null && state.Pid != Environment.ProcessId)
        {
            var settings = SettingsFor(profile, state.Launch);
            if (state.ControllerUnit is { } controller && !await AllGoneAsync([controller], settings, cancellationToken, ControllerLauncher.UnitLauncher).ConfigureAwait(false))
            {
                throw new CliException(
                    $"The last cluster of profile '{profile.Name}' died and left its controller running ({Describe(controller)}); " +
                    $"stop it with 'remotekit cluster stop{ProfileArgument(profile)}'.");
            }

            if (state.Units.Length > 0 && !await AllGoneAsync(state.Units, settings, cancellationToken).ConfigureAwait(false))
            {
                throw new CliException(
                    $"The last cluster of profile '{profile.Name}' died and left engines running ({string.Join("; ", state.Units)}); " +
                    $"stop them with 'remotekit cluster stop{ProfileArgument(profile)}'.");
            }

            ClusterState.Delete(profile);
        }
    }

    /// <summary>The process id of a live controller named in the profile's connection file.</summary>
    public static int? LiveController(RemoteKitProfile profile)
    {
        try
        {
            if (File.Exists(profile.ClientConnectionFile) && ConnectionInfo.Load(profile.ClientConnectionFile).ControllerPid is { } pid && ChildProcess.IsRunning(pid))
            {
                return pid;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>A profile that must exist (without creating <c>default</c>).</summary>
    public static RemoteKitProfile ResolveExisting(string? profileName) => ProfileSettings.Resolve(profileName, createDefault: false);

    /// <summary>A profile whose cluster must be running (its client connection file exists).</summary>
    /// <summary>Connects to the profile's running cluster, through an SSH tunnel to <paramref name="ssh"/> when one is named.</summary>
    public static Task<RemoteClient> ConnectAsync(RemoteKitProfile profile, SshArguments ssh, TimeSpan timeout, CancellationToken cancellationToken) =>
        ssh.Server is { Length: > 0 } server
            ? RemoteClient.ConnectAsync(new SshTunnelOptions(server) { ConfigFile = ssh.ConfigFile }, profile.Name, timeout, cancellationToken)
            : RemoteClient.ConnectAsync(timeout, profile.Name, cancellationToken);

    public static RemoteKitProfile ResolveRunning(string? profileName)
    {
        var profile = ResolveExisting(profileName);
        if (!File.Exists(profile.ClientConnectionFile))
        {
            throw new CliException(
                $"No cluster is running for profile '{profile.Name}' (no connection file at {profile.ClientConnectionFile}); " +
                $"start one with 'remotekit cluster start{ProfileArgument(profile)}'.");
        }

        return profile;
    }

    private static ClusterSettings SettingsFor(RemoteKitProfile profile, LaunchArguments launch) =>
        ClusterSettings.From(ProcessHosts.CreateBuilder(profile, launch.ConfigurationOverrides()).Configuration, launch);

    private static string ProfileArgument(RemoteKitProfile profile) =>
        profile.Name == RemoteKitProfile.DefaultName ? "" : " --profile " + profile.Name;

    private static string Launcher(EngineLauncherKind kind) => kind.ToString().ToLowerInvariant() + " launcher";

    private static async Task<bool> AllGoneAsync(
        IReadOnlyList<EngineUnit> units, ClusterSettings settings, CancellationToken cancellationToken, Func<ClusterSettings, EngineUnit, EngineLauncher>? launcherFor = null)
    {
        foreach (var unit in units)
        {
            try
            {
                var launcher = launcherFor?.Invoke(settings, unit) ?? EngineLauncher.Create(unit.Launcher, settings);
                if (!await launcher.IsGoneAsync(unit, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<int> StartInBackgroundAsync(
        RemoteKitProfile profile, int count, LaunchArguments launch, ClusterSettings settings, bool restore, CancellationToken cancellationToken)
    {
        var log = Path.Combine(profile.LogDirectory, $"cluster-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.log");
        using var child = ChildProcess.Start(ChildProcesses.Self(
            ["cluster", "start", "-n", count.ToString(CultureInfo.InvariantCulture), "--profile", profile.Name, "--daemon-log", log, .. launch.ToArguments(),
             .. restore ? ["--restore"] : Array.Empty<string>()]));
        var exited = child.WaitForExitAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(
            ControllerLauncher.StartTimeoutFor(settings) + ClusterStart.EngineTimeoutFor(settings, EngineLauncher.Create(settings), settings.StartTimeout) + TimeSpan.FromSeconds(20));
        var delay = TimeSpan.FromMilliseconds(20);
        string? progress = null;
        while (ClusterState.Read(profile) is not { Ready: true } state || state.Pid != child.Id)
        {
            if (ClusterState.Read(profile) is { Progress: { } line } starting && starting.Pid == child.Id && line != progress)
            {
                Console.WriteLine(progress = line);
            }

            if (exited.IsCompleted || deadline.IsCancellationRequested)
            {
                if (!exited.IsCompleted)
                {
                    // Interrupts it: it stops what it launched as it exits.
                    ChildProcess.Terminate(child.Id);
                    await child.WaitForExitAsync(CancellationToken.None).WaitAsync(settings.StopTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                cancellationToken.ThrowIfCancellationRequested();
                throw new CliException($"The cluster did not start{(exited.IsCompleted ? "" : " in time")}; see its log {log}:{Environment.NewLine}{Tail(log)}");
            }

            await Task.WhenAny(exited, Task.Delay(delay, deadline.Token)).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }

        Console.WriteLine(
            $"Cluster '{profile.Name}' is running in the background (process {child.Id.ToString(CultureInfo.InvariantCulture)}) with {Plural.Engines(count)} " +
            $"({Launcher(settings.Launcher)}){ControllerWhere(ClusterState.Read(profile))}; stop it with 'remotekit cluster stop{ProfileArgument(profile)}'. Log: {log}");
        if (launch.Dashboard is not null && File.Exists(ProcessHosts.DashboardUrlFile(profile)))
        {
            Console.WriteLine($"Dashboard: {File.ReadAllText(ProcessHosts.DashboardUrlFile(profile)).Trim()}");
        }

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
