using Microsoft.Extensions.DependencyInjection;

namespace RemoteKit;

/// <summary>Registers a RemoteKit client in a generic host.</summary>
public static class ClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RemoteKitClientProvider"/>, which connects a <see cref="RemoteClient"/> on first use with options
    /// bound from <c>RemoteKit:Client</c> and the host's <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/>.
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
        return services;
    }
}
