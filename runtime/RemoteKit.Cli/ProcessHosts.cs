using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace RemoteKit.Cli;

/// <summary>
/// The generic hosts the tool runs (controller, engine, cluster). Configuration, lowest precedence first: built-in defaults
/// (the profile's connection files), the profile's <c>remotekit.json</c>, environment variables
/// (<c>REMOTEKIT__CONTROLLER__PORT</c>, ...), then command-line options.
/// </summary>
internal static class ProcessHosts
{
    public static HostApplicationBuilder CreateBuilder(RemoteKitProfile? profile, IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "remotekit",
            ContentRootPath = profile?.Directory ?? Environment.CurrentDirectory,
        });
        var defaults = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        if (profile is not null)
        {
            defaults["RemoteKit:Controller:ClientConnectionFile"] = profile.ClientConnectionFile;
            defaults["RemoteKit:Controller:EngineConnectionFile"] = profile.EngineConnectionFile;
        }

        builder.Configuration.AddInMemoryCollection(defaults);
        if (profile is not null)
        {
            builder.Configuration.AddJsonFile(profile.SettingsFile, optional: true, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(overrides);
        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSystemd();
        return builder;
    }

    /// <summary>Runs the host; fails if one of its background services failed.</summary>
    public static async Task<int> RunAsync(IHost host)
    {
        var services = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToArray();
        await host.RunAsync().ConfigureAwait(false);
        var failed = services.Any(s => s.ExecuteTask is { IsFaulted: true });
        return failed || Environment.ExitCode != 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
