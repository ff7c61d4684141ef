using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RemoteKit.Controller;
using RemoteKit.Controller.History;

namespace RemoteKit;

/// <summary>Registers the RemoteKit controller in a generic host.</summary>
public static class ControllerServiceCollectionExtensions
{
    /// <summary>Adds the controller as a hosted service, with options bound from <c>RemoteKit:Controller</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional extra configuration applied after binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRemoteKitController(this IServiceCollection services, Action<ControllerOptions>? configure = null)
    {
        services.AddOptions<ControllerOptions>().BindConfiguration(ControllerOptions.Section);
        services.AddOptions<TaskHistoryOptions>().BindConfiguration(TaskHistoryOptions.Section);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddSingleton<ControllerService>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerService>());
        return services;
    }
}
