using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteKit;
using RemoteKit.Controller;

// Run with no arguments: this host embeds the controller (options from appsettings.json, REMOTEKIT__CONTROLLER__*
// environment variables or --RemoteKit:Controller:Port=5000 on the command line), starts engines as copies of this
// program, and a client uses them. With "engine" first, the process is one of those engines.
if (args.FirstOrDefault() == "engine")
{
    var engine = Host.CreateApplicationBuilder(args[1..]);
    engine.Services.AddRemoteKitEngine(); // RemoteKit:Engine:Host, Port and Key come from the environment set below
    await engine.Build().RunAsync();
    return;
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddRemoteKitController();
builder.Services.AddHostedService<EngineProcesses>();
builder.Services.AddHostedService<Demo>();
await builder.Build().RunAsync();

/// <summary>Starts the engines once the controller listens, and stops them with the host.</summary>
internal sealed class EngineProcesses(ControllerService controller, IConfiguration configuration) : BackgroundService
{
    private readonly List<Process> _engines = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var info = await controller.Listening.WaitAsync(stoppingToken);
        var count = configuration.GetValue("Sample:Engines", 2);
        for (var i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardInput = true };
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(EngineProcesses).Assembly.Location);
            start.ArgumentList.Add("engine");
            start.Environment["REMOTEKIT__ENGINE__HOST"] = info.Host;
            start.Environment["REMOTEKIT__ENGINE__PORT"] = info.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["REMOTEKIT__ENGINE__KEY"] = info.Key; // the environment, never the command line
            _engines.Add(Process.Start(start)!);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var engine in _engines)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await engine.WaitForExitAsync(timeout.Token); // they exit when the controller stops
            }
            catch (OperationCanceledException)
            {
                engine.Kill(entireProcessTree: true);
            }

            engine.Dispose();
        }
    }
}

/// <summary>A client of the embedded cluster: runs [Remote] work, prints it, and stops the host.</summary>
internal sealed class Demo(ControllerService controller, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<Demo> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var info = await controller.Listening.WaitAsync(stoppingToken);
            await using var client = await RemoteClient.ConnectAsync(info, TimeSpan.FromSeconds(60), stoppingToken);
            await client.WaitForEnginesAsync(configuration.GetValue("Sample:Engines", 2), TimeSpan.FromSeconds(60), stoppingToken);

            long[] squares = await client[..].ApplyAsync(Work.Power, 3, 2);
            logger.LogInformation("3^2 on every engine: {Results}", string.Join(", ", squares));
            var who = await client.LoadBalancedView().ApplyAsync(Work.WhoAmI);
            logger.LogInformation("Load-balanced: {Who}", who);
            Console.WriteLine($"RESULT {string.Join(",", squares)} | {who}");
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}

public static partial class Work
{
    [Remote]
    public static long Power(long x, int i) => (long)Math.Pow(x, i);

    [Remote]
    public static async Task<string> WhoAmI(RemoteContext ctx, CancellationToken ct)
    {
        await Task.Delay(1, ct);
        return $"engine {ctx.EngineId} of {ctx.EngineCount}";
    }
}
