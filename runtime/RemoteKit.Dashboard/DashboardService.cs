using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RemoteKit.Controller;
using RemoteKit.Diagnostics;
using RemoteKit.Security;

namespace RemoteKit.Dashboard;

/// <summary>
/// Serves the dashboard of the controller in the same host, once the controller listens, when
/// <see cref="DashboardOptions.Enabled"/>; writes its URL to <see cref="DashboardOptions.UrlFile"/>.
/// </summary>
internal sealed class DashboardService(
    ControllerService controller, IOptions<DashboardOptions> options, DashboardEndpoint endpoint, ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DashboardService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ServeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            endpoint.Fail(e);
            throw;
        }
        finally
        {
            endpoint.Set(null);
        }
    }

    private async Task ServeAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        await controller.Listening.WaitAsync(stoppingToken).ConfigureAwait(false);
        var observer = await controller.Observer.WaitAsync(stoppingToken).ConfigureAwait(false);
        if (observer is null)
        {
            _logger.LogWarning(EventIds.DashboardWithoutMonitoring, "The dashboard is not served: the controller's monitoring is off (RemoteKit:Controller:Monitoring=false)");
            return;
        }

        await using var server = await DashboardServer.StartAsync(observer, settings, loggerFactory, stoppingToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(settings.UrlFile))
        {
            SecretFile.Write(settings.UrlFile, stream => stream.Write(Encoding.UTF8.GetBytes(server.Url.ToString() + "\n")));
        }

        endpoint.Set(server.Url);

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            if (!string.IsNullOrEmpty(settings.UrlFile))
            {
                File.Delete(settings.UrlFile);
            }
        }
    }
}

/// <summary>Where the dashboard of this host's controller can be opened, once it serves.</summary>
public sealed class DashboardEndpoint
{
    private readonly TaskCompletionSource<Uri?> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The dashboard's URL, token included (a secret), once it serves; <see langword="null"/> when it is off. Faults when it
    /// could not start.
    /// </summary>
    public Task<Uri?> Url => _url.Task;

    internal void Set(Uri? url) => _url.TrySetResult(url);

    internal void Fail(Exception error) => _url.TrySetException(error);
}

/// <summary>Registers the controller's dashboard in a generic host that runs the controller.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard, served beside the controller once it listens, with options bound from
    /// <c>RemoteKit:Controller:Dashboard</c>; it stays off unless <see cref="DashboardOptions.Enabled"/>.
    /// </summary>
    /// <param name="services">The services, with the controller added (<c>AddRemoteKitController</c>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRemoteKitDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        services.AddSingleton<DashboardEndpoint>();
        services.AddHostedService<DashboardService>();
        return services;
    }
}
