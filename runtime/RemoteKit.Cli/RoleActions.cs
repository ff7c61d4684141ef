using Microsoft.Extensions.DependencyInjection;
using RemoteKit.Configuration;
using RemoteKit.Connections;
using RemoteKit.Engine;
using RemoteKit.Hosting;

namespace RemoteKit.Cli;

/// <summary><c>remotekit controller</c> and <c>remotekit engine</c>: one role in the foreground.</summary>
internal static class RoleActions
{
    public static async Task<int> ControllerAsync(
        string? profileName, string? ip, string? location, int? port, bool tls, bool restore = false, bool supervised = false, bool announce = false)
    {
        // Placed by 'cluster start --controller ssh|slurm|pbs', a controller has no profile where it runs: its settings come
        // in its environment, and it announces where it listens instead of writing connection files.
        var profile = announce ? null : ProfileSettings.Resolve(profileName, createDefault: true);
        var overrides = new Dictionary<string, string?>();
        if (announce && restore)
        {
            throw new CliException("--announce and --restore do not go together: a placed controller is restored through its environment.", ExitCodes.Usage);
        }

        if (profile is not null && restore)
        {
            Restore(profile, overrides);
        }
        else if (profile is not null && !supervised)
        {
            await ClusterActions.EnsureNotRunningAsync(profile, CancellationToken.None).ConfigureAwait(false);
        }

        if (ip is not null)
        {
            overrides[SettingKeys.Controller.Ip] = ip;
        }

        if (location is not null)
        {
            overrides[SettingKeys.Controller.Location] = location;
        }

        if (tls)
        {
            overrides[SettingKeys.Controller.Tls] = "true";
        }

        if (port is { } p)
        {
            overrides[SettingKeys.Controller.Port] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var builder = ProcessHosts.CreateBuilder(profile, overrides);
        RoleHost.AddRole(builder, "controller", watchStdin: supervised, parentDeathIsACrash: supervised);
        if (announce)
        {
            builder.Services.AddHostedService<ControllerAnnouncer>();
        }

        using var host = builder.Build();
        return await ProcessHosts.RunAsync(host).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>controller --restore</c>: the address, port and key of the profile's last controller, which must be gone (its
    /// connection file stays behind when it dies), and the restore setting that lets its engines come back with their ids.
    /// </summary>
    private static void Restore(RemoteKitProfile profile, Dictionary<string, string?> overrides)
    {
        if (!File.Exists(profile.ClientConnectionFile))
        {
            throw new CliException(
                $"There is no controller of profile '{profile.Name}' to restore: {profile.ClientConnectionFile} does not exist (it is removed when a cluster stops normally).");
        }

        if (ClusterActions.LiveController(profile) is { } pid)
        {
            throw new CliException($"The controller of profile '{profile.Name}' is running (process {pid}); only one that died can be restored.");
        }

        var last = ConnectionInfo.Load(profile.ClientConnectionFile);
        overrides[SettingKeys.Controller.Port] = last.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        overrides[SettingKeys.Controller.Key] = last.Key;
        overrides[SettingKeys.Controller.Restore] = "true";
        if (last.TlsFingerprint is not null)
        {
            // The certificate is kept beside the connection files, so the engines' and clients' pin still holds.
            overrides[SettingKeys.Controller.Tls] = "true";
        }
    }

    public static async Task<int> EngineAsync(string? profileName, FileInfo? file, int count, bool watchStdin, SshArguments ssh = default)
    {
        // An engine told where its controller is (a launcher sets REMOTEKIT__ENGINE__KEY or __CONNECTIONFILE) needs no
        // profile, which may not exist on the host it runs on.
        var toldWhere = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Any(k => k.Equals("REMOTEKIT__ENGINE__KEY", StringComparison.OrdinalIgnoreCase) || k.Equals("REMOTEKIT__ENGINE__CONNECTIONFILE", StringComparison.OrdinalIgnoreCase));
        var profile = file is null && (profileName is not null || !toldWhere) ? ProfileSettings.Resolve(profileName, createDefault: true) : null;
        var overrides = new Dictionary<string, string?>();
        if (file is not null)
        {
            overrides[SettingKeys.Engine.ConnectionFile] = file.FullName;
        }

        if (count != 1)
        {
            overrides[SettingKeys.Engine.Count] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (ssh.Server is { Length: > 0 } server)
        {
            overrides[SettingKeys.Engine.Ssh] = server;
            overrides[SettingKeys.Engine.SshConfigFile] = ssh.ConfigFile;
        }

        EngineScripts.UseServerCommand(typeof(RoleActions).Assembly, "script-server");
        var builder = ProcessHosts.CreateBuilder(profile, overrides);
        RoleHost.AddRole(builder, "engine", watchStdin);
        if (profile is not null)
        {
            // Without an explicit controller (address and key, or a file), an engine joins its profile's cluster.
            builder.Services.PostConfigure<EngineOptions>(o =>
            {
                if (string.IsNullOrEmpty(o.ConnectionFile) && string.IsNullOrEmpty(o.Key))
                {
                    o.ConnectionFile = profile.EngineConnectionFile;
                }
            });
        }

        using var host = builder.Build();
        return await ProcessHosts.RunAsync(host).ConfigureAwait(false);
    }
}
