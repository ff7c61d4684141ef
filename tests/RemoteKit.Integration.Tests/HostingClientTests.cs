using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary><c>services.AddRemoteKitClient()</c> in a generic host: RemoteClient by injection, connected at start, disposed with the host.</summary>
public sealed class HostingClientTests
{
    [Fact]
    public async Task A_hosted_service_gets_the_connected_RemoteClient_injected_and_the_host_disposes_it_once()
    {
        await using var cluster = await Cluster.StartAsync(engines: 1);
        var folder = Directory.CreateTempSubdirectory("remotekit-hosting-");
        try
        {
            var file = Path.Combine(folder.FullName, "remotekit-client.json");
            cluster.ConnectionInfo.Save(file);
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddRemoteKitClient(o => o.ConnectionFile = file);
            builder.Services.AddSingleton<Injected>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<Injected>());

            RemoteClient client;
            using (var host = builder.Build())
            {
                // The hosted service is built before the host starts: resolving RemoteClient waits for the connection.
                await host.StartAsync().WaitAsync(Patience.Long);
                client = host.Services.GetRequiredService<Injected>().Client;
                Assert.Same(client, host.Services.GetRequiredService<RemoteClient>());
                Assert.Same(client, await host.Services.GetRequiredService<RemoteKitClientProvider>().GetClientAsync());
                Assert.Equal(9, await client.LoadBalancedView().ApplyAsync(Work.Power, 3, 2).Task.WaitAsync(Patience.Long));
                await host.StopAsync().WaitAsync(Patience.Long);
            }

            // Disposed by the host (once: the provider leaves it to the container), so no new work goes out on it.
            await Assert.ThrowsAnyAsync<Exception>(() => client.LoadBalancedView().ApplyAsync(Work.Power, 3, 2).Task.WaitAsync(Patience.Long));

            // The cluster is still there for others.
            Assert.Equal(9, await cluster.Client.LoadBalancedView().ApplyAsync(Work.Power, 3, 2).Task.WaitAsync(Patience.Long));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_host_whose_client_cannot_connect_fails_to_start_with_the_connection_error()
    {
        var folder = Directory.CreateTempSubdirectory("remotekit-hosting-");
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Services.AddRemoteKitClient(o =>
            {
                o.ConnectionFile = Path.Combine(folder.FullName, "never-written.json");
                o.ConnectTimeout = TimeSpan.FromSeconds(1);
            });
            using var host = builder.Build();
            var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().WaitAsync(Patience.Long));
            Assert.Contains("never-written.json", error.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class Injected(RemoteClient client) : IHostedService
    {
        public RemoteClient Client { get; } = client;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
