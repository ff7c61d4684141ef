using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteKit;

// A generic host whose services take the RemoteClient by injection. AddRemoteKitClient connects it when the host starts,
// to the cluster of a profile: RemoteKit:Client:Profile (default "default"), so start one first with
//     remotekit cluster start -n 2 --daemonize
//     dotnet run --project samples/HostedClient                  (--RemoteKit:Client:Profile=NAME for another profile)
// With "embedded" first, it starts a cluster of its own with Cluster.StartAsync and connects the host's client to it
// through the cluster's connection file instead:
//     dotnet run --project samples/HostedClient -- embedded
var embedded = args.FirstOrDefault() == "embedded";
var builder = Host.CreateApplicationBuilder(embedded ? args[1..] : args);
await using var cluster = embedded ? await Cluster.StartAsync(engines: 2) : null;
var connectionFolder = embedded ? Directory.CreateTempSubdirectory("hostedclient-") : null;
if (cluster is not null)
{
    var connectionFile = Path.Combine(connectionFolder!.FullName, "remotekit-client.json");
    cluster.ConnectionInfo.Save(connectionFile);
    builder.Services.AddRemoteKitClient(o => o.ConnectionFile = connectionFile);
}
else
{
    builder.Services.AddRemoteKitClient();
}

builder.Services.AddHostedService<Squares>();
try
{
    await builder.Build().RunAsync();
}
finally
{
    connectionFolder?.Delete(recursive: true);
}

/// <summary>Runs a [Remote] method on every engine with the injected client, prints the results, and stops the host.</summary>
internal sealed class Squares(RemoteClient client, IHostApplicationLifetime lifetime, ILogger<Squares> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            long[] squares = await client[..].ApplyAsync(Work.Square, 7);
            logger.LogInformation("7 squared on engines {Ids}: {Squares}", string.Join(", ", client.Ids), string.Join(", ", squares));
            Console.WriteLine($"SQUARES {string.Join(",", squares)} ON {client.Ids.Count} ENGINES");
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
    public static long Square(long x) => x * x;
}
