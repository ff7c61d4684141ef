using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RemoteKit.Engine;

namespace RemoteKit;

/// <summary>Registers a RemoteKit engine in a generic host.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Adds an engine as a hosted service, with options bound from <c>RemoteKit:Engine</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional extra configuration applied after binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRemoteKitEngine(this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section);
        services.AddOptions<ScriptServerOptions>().BindConfiguration(ScriptServerOptions.Section);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddHostedService<EngineService>();
        return services;
    }
}
