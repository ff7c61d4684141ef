using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RemoteKit;

/// <summary>Registers a RemoteKit client in a generic host.</summary>
public static class ClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds the host's one <see cref="RemoteClient"/>, connected with options bound from <c>RemoteKit:Client</c> and the
    /// host's <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/>: inject <see cref="RemoteClient"/> directly, or
    /// <see cref="RemoteKitClientProvider"/> and await <see cref="RemoteKitClientProvider.GetClientAsync"/> in async code.
    /// The client connects when the host starts (<see cref="RemoteKitClientOptions.ConnectAtStart"/>), so resolving
    /// <see cref="RemoteClient"/> after that returns at once; resolving it earlier (a hosted service's constructor, for
    /// example) blocks until it is connected. The host disposes the client.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional extra configuration applied after binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRemoteKitClient(this IServiceCollection services, Action<RemoteKitClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<RemoteKitClientOptions>().BindConfiguration(RemoteKitClientOptions.Section);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddSingleton<RemoteKitClientProvider>();
        services.AddSingleton(static sp => sp.GetRequiredService<RemoteKitClientProvider>().GetClientForContainer());
        services.AddHostedService<RemoteKitClientConnector>();
        return services;
    }
}

/// <summary>Connects the host's client when the host starts, unless <see cref="RemoteKitClientOptions.ConnectAtStart"/> is off.</summary>
internal sealed class RemoteKitClientConnector(RemoteKitClientProvider provider, Microsoft.Extensions.Options.IOptions<RemoteKitClientOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.ConnectAtStart ? provider.GetClientAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
