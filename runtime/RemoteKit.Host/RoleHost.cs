using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RemoteKit.Diagnostics;
using RemoteKit.Engine;

namespace RemoteKit.Hosting;

/// <summary>Where a controller or engine process takes its configuration from.</summary>
internal sealed record RoleHostSettings
{
    /// <summary>The content root: relative settings files are found here.</summary>
    public required string ContentRoot { get; init; }

    /// <summary>Built-in defaults, the lowest precedence.</summary>
    public IReadOnlyDictionary<string, string?> Defaults { get; init; } = new Dictionary<string, string?>();

    /// <summary>Optional JSON settings files (<c>appsettings.json</c>, a profile's <c>remotekit.json</c>).</summary>
    public IReadOnlyList<string> SettingsFiles { get; init; } = [];

    /// <summary>Command-line configuration (<c>--RemoteKit:Controller:Port=0</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Values that win over everything else (the CLI's own options).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The one host builder for controller and engine processes: <c>RemoteKit.Host</c> (what <c>Cluster.StartAsync</c>
/// launches) and the <c>remotekit</c> tool both build their hosts here. Configuration, lowest precedence first: defaults,
/// settings files, <c>REMOTEKIT__…</c> environment variables, the command line, overrides. Logs go to standard error,
/// one line per entry (<c>warn: Category[id] message</c>), which the process that started this one reads and forwards
/// to its own logging.
/// </summary>
internal static class RoleHost
{
    public static HostApplicationBuilder CreateBuilder(RoleHostSettings settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "remotekit",
            ContentRootPath = settings.ContentRoot,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings.Defaults);
        foreach (var file in settings.SettingsFiles)
        {
            builder.Configuration.AddJsonFile(file, optional: true, reloadOnChange: false);
        }

        builder.Configuration
            .AddEnvironmentVariables()
            .AddCommandLine([.. settings.Arguments])
            .AddInMemoryCollection(settings.Overrides);
        builder.Logging
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(o =>
            {
                // The format ChildOutput reads back in the process that started this one.
                o.SingleLine = true;
                o.TimestampFormat = ChildLogFormat.TimestampFormat;
            });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }

    /// <summary>Adds the controller or an engine; with <paramref name="watchStdin"/> the process stops when its standard input closes.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="role">"controller" or "engine".</param>
    /// <param name="watchStdin">Whether the process stops when its standard input closes.</param>
    /// <param name="parentDeathIsACrash">Whether an end of input without a stop request ends the process at once (see <see cref="StdinWatcher"/>).</param>
    public static void AddRole(HostApplicationBuilder builder, string role, bool watchStdin, bool parentDeathIsACrash = false)
    {
        if (builder.Configuration.GetValue<bool>(StartupTrace.Setting))
        {
            // First, so it is attached before the role's service reaches its first usable phase.
            builder.Logging.AddFilter(StartupTrace.Category, LogLevel.Information);
            builder.Services.AddSingleton<IHostedService>(services => new StartupTraceReporter(
                services.GetRequiredService<ILoggerFactory>(), services.GetRequiredService<IHostApplicationLifetime>(), role));
        }

        if (role == "controller")
        {
            builder.Services.AddRemoteKitController();
            Dashboard.DashboardServiceCollectionExtensions.AddRemoteKitDashboard(builder.Services);
        }
        else
        {
            builder.Services.AddRemoteKitEngine();
        }

        if (watchStdin)
        {
            builder.Services.AddHostedService(services => new StdinWatcher(services.GetRequiredService<IHostApplicationLifetime>(), parentDeathIsACrash));
        }
    }
}

/// <summary>Attaches the startup trace to the process's logging and marks when the host has started (see <see cref="StartupTrace"/>).</summary>
internal sealed class StartupTraceReporter(ILoggerFactory loggers, IHostApplicationLifetime lifetime, string role) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        StartupTrace.Attach(loggers.CreateLogger(StartupTrace.Category), role);
        lifetime.ApplicationStarted.Register(static () => StartupTrace.Mark("host started"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
