using Microsoft.Extensions.DependencyInjection;
using RemoteKit.Engine;

namespace RemoteKit.Cli;

/// <summary><c>remotekit controller</c> and <c>remotekit engine</c>: one role in the foreground.</summary>
internal static class RoleActions
{
    public static async Task<int> ControllerAsync(string? profileName, string? ip, int? port)
    {
        var profile = ProfileSettings.Resolve(profileName, createDefault: true);
        ClusterActions.EnsureNotRunning(profile);
        var overrides = new Dictionary<string, string?>();
        if (ip is not null)
        {
            overrides["RemoteKit:Controller:Ip"] = ip;
        }

        if (port is { } p)
        {
            overrides["RemoteKit:Controller:Port"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var builder = ProcessHosts.CreateBuilder(profile, overrides);
        builder.Services.AddRemoteKitController();
        using var host = builder.Build();
        return await ProcessHosts.RunAsync(host).ConfigureAwait(false);
    }

    public static async Task<int> EngineAsync(string? profileName, FileInfo? file, bool watchStdin, string? daemonLog)
    {
        var profile = file is null ? ProfileSettings.Resolve(profileName, createDefault: true) : null;
        var overrides = new Dictionary<string, string?>();
        if (file is not null)
        {
            overrides["RemoteKit:Engine:ConnectionFile"] = file.FullName;
        }

        var builder = ProcessHosts.CreateBuilder(profile, overrides);
        builder.Services.AddRemoteKitEngine();
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

        if (watchStdin)
        {
            builder.Services.AddHostedService<StdinWatcher>();
        }

        using var host = builder.Build();
        return await ProcessHosts.RunAsync(host).ConfigureAwait(false);
    }
}
