using Microsoft.Extensions.Hosting;
using RemoteKit.Diagnostics;
using RemoteKit.Hosting;

StartupTrace.Mark("main");

// The process Cluster.StartAsync launches: `controller` or `engine`, then configuration (command line
// --RemoteKit:Controller:Port=0 style, environment REMOTEKIT__CONTROLLER__PORT, appsettings.json beside it).
// `probe-script` measures a first script's cold compile instead (see ScriptProbe).
if (args is ["probe-script"])
{
    return ScriptProbe.Run();
}

// `script-server`: the host's compile service for Execute, which its engines start when none runs (see ScriptServerRole).
if (args.Length > 0 && args[0] == "script-server")
{
    return await ScriptServerRole.RunAsync(args[1..]);
}

if (args.Length == 0 || args[0] is not ("controller" or "engine"))
{
    Console.Error.WriteLine("usage: RemoteKit.Host controller|engine [--watch-stdin] [--RemoteKit:Section:Key=value ...] | probe-script | " + ScriptServerRole.Usage);
    return 2;
}

if (args[0] == "engine")
{
    RemoteKit.Engine.EngineScripts.UseServerCommand(typeof(ScriptServerRole).Assembly, "script-server");
}

var watchStdin = args.Contains("--watch-stdin");
var builder = RoleHost.CreateBuilder(new RoleHostSettings
{
    ContentRoot = AppContext.BaseDirectory,
    SettingsFiles = ["appsettings.json"],
    Defaults = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
    Arguments = args.Skip(1).Where(a => a != "--watch-stdin").ToArray(),
});
RoleHost.AddRole(builder, args[0], watchStdin);
using var host = builder.Build();
StartupTrace.Mark("host built");
await host.RunAsync();

// An engine that the controller refused to re-admit says so (non-zero), so that its supervisor replaces it at once.
return Environment.ExitCode;
