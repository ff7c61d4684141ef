using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteKit;
using RemoteKit.Engine;

// The process Cluster.StartAsync and the remotekit CLI launch: `controller` or `engine`, then configuration
// (command line --RemoteKit:Controller:Port=0 style, environment REMOTEKIT__CONTROLLER__PORT, appsettings.json).
if (args.Length == 0 || args[0] is not ("controller" or "engine"))
{
    Console.Error.WriteLine("usage: RemoteKit.Host controller|engine [--watch-stdin] [--RemoteKit:Section:Key=value ...]");
    return 2;
}

var role = args[0];
var watchStdin = args.Contains("--watch-stdin");
var rest = args.Skip(1).Where(a => a != "--watch-stdin").ToArray();
var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = rest, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(rest);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true)
    .AddConfiguration(builder.Configuration.GetSection("Logging"))
    .SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
if (role == "controller")
{
    builder.Services.AddRemoteKitController();
}
else
{
    builder.Services.AddRemoteKitEngine();
}

if (watchStdin)
{
    builder.Services.AddHostedService<StdinWatcher>();
}

using var host = builder.Build();
await host.RunAsync();
return 0;
