using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RemoteKit.Configuration;
using RemoteKit.Hosting;

namespace RemoteKit.Cli;

/// <summary>
/// The generic hosts the tool runs (controller, engine, cluster), built by the same <see cref="RoleHost"/> as
/// <c>RemoteKit.Host</c>. Configuration, lowest precedence first: built-in defaults (the profile's connection files), the
/// profile's <c>remotekit.json</c>, environment variables (<c>REMOTEKIT__CONTROLLER__PORT</c>, ...), then command-line options.
/// </summary>
internal static class ProcessHosts
{
    public static HostApplicationBuilder CreateBuilder(RemoteKitProfile? profile, IReadOnlyDictionary<string, string?> overrides)
    {
        var defaults = new Dictionary<string, string?>();
        if (profile is not null)
        {
            defaults[SettingKeys.Controller.ClientConnectionFile] = profile.ClientConnectionFile;
            defaults[SettingKeys.Controller.EngineConnectionFile] = profile.EngineConnectionFile;
            defaults[SettingKeys.History.Path] = Controller.History.TaskHistory.SqliteFileIn(profile);
            defaults[SettingKeys.Dashboard.UrlFile] = DashboardUrlFile(profile);
        }

        var builder = RoleHost.CreateBuilder(new RoleHostSettings
        {
            ContentRoot = profile?.Directory ?? Environment.CurrentDirectory,
            Defaults = defaults,
            SettingsFiles = profile is null ? [] : [profile.SettingsFile],
            Overrides = overrides,
        });
        builder.Services.AddSystemd();
        return builder;
    }

    /// <summary>Where a profile's controller writes its dashboard's URL, token included.</summary>
    public static string DashboardUrlFile(RemoteKitProfile profile) =>
        Path.Combine(Path.GetDirectoryName(profile.ClientConnectionFile)!, "remotekit-dashboard.url");

    /// <summary>Runs the host; fails if one of its background services failed.</summary>
    public static async Task<int> RunAsync(IHost host)
    {
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToArray();
        await host.RunAsync().ConfigureAwait(false);
        var failed = services.Any(s => s.ExecuteTask is { IsFaulted: true });
        return failed || Environment.ExitCode != 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
