using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Diagnostics;

namespace RemoteKit.Controller.Dashboard;

/// <summary>
/// The controller's live dashboard: a page and a server-sent-events stream of <see cref="ClusterSnapshot"/>s, served by Kestrel
/// from the shared framework. Every request must carry the token (like Jupyter's), and no token is allowed beyond loopback.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, string token, Uri url)
    {
        _app = app;
        Token = token;
        Url = url;
    }

    /// <summary>The token requests must carry (empty when none is needed).</summary>
    public string Token { get; }

    /// <summary>The page's address, token included: what to print at start and write to the profile.</summary>
    public Uri Url { get; }

    /// <summary>Starts serving the dashboard of <paramref name="observer"/> as <paramref name="options"/> say.</summary>
    /// <exception cref="ArgumentException">The address is not an IP address, or the token is empty on a non-loopback address.</exception>
    internal static async Task<DashboardServer> StartAsync(
        IClusterObserver observer, DashboardOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var address = string.Equals(options.Address, "localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(options.Address, out var parsed) ? parsed
            : throw new ArgumentException($"The dashboard address '{options.Address}' is not an IP address.", nameof(options));
        var token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        if (token.Length == 0 && !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The dashboard needs a token to listen on {address}: only loopback may go without one.", nameof(options));
        }

        var logger = (ILogger?)loggerFactory?.CreateLogger<DashboardServer>() ?? NullLogger.Instance;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(address, options.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();

        var expected = Encoding.UTF8.GetBytes(token);
        app.Use((context, next) => Authorize(context, expected, logger) ? next(context) : Task.CompletedTask);
        app.MapGet("/", () => Asset("index.html", "text/html; charset=utf-8"));
        app.MapGet("/dashboard.js", () => Asset("dashboard.js", "text/javascript; charset=utf-8"));
        app.MapGet("/dashboard.css", () => Asset("dashboard.css", "text/css; charset=utf-8"));
        app.MapGet("/api/snapshot", () => Results.Json(observer.GetSnapshot(), DashboardJson.Default.ClusterSnapshot));
        app.MapGet("/events", (HttpContext context) => StreamAsync(observer, context));

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : bound.Host;
        var url = new UriBuilder(Uri.UriSchemeHttp, host, bound.Port, "/") { Query = token.Length == 0 ? "" : "token=" + token }.Uri;
        logger.LogInformation(ObservabilityEventIds.DashboardListening, "Dashboard at {Url}", url);
        return new DashboardServer(app, token, url);
    }

    private static bool Authorize(HttpContext context, byte[] expected, ILogger logger)
    {
        if (expected.Length == 0)
        {
            return true;
        }

        // Like Jupyter: the token in the URL opens the page, and a cookie set then lets the page's own requests (script,
        // style, event stream) through. The cookie is named by port because cookies are shared across ports of one host.
        var cookie = "remotekit-dashboard-" + context.Connection.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string? offered = context.Request.Query["token"];
        var fromQuery = offered is not null;
        var header = context.Request.Headers.Authorization.ToString();
        if (offered is null && header.StartsWith("token ", StringComparison.OrdinalIgnoreCase))
        {
            offered = header["token ".Length..];
        }

        offered ??= context.Request.Cookies[cookie];
        if (offered is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(offered), expected))
        {
            context.Response.Headers.CacheControl = "no-store";
            if (fromQuery)
            {
                context.Response.Cookies.Append(cookie, offered, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            }

            return true;
        }

        // 401 asks for the token, 403 says the one given is wrong.
        context.Response.StatusCode = offered is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        logger.LogDebug(ObservabilityEventIds.DashboardRefused, "Dashboard request from {Peer} refused ({Status})", context.Connection.RemoteIpAddress, context.Response.StatusCode);
        return false;
    }

    private static async Task StreamAsync(IClusterObserver observer, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var changed = new SemaphoreSlim(0, 1);
        void OnChanged()
        {
            if (changed.CurrentCount == 0)
            {
                try
                {
                    changed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another change already signalled; one redraw covers both.
                }
            }
        }

        observer.Changed += OnChanged;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var json = JsonSerializer.SerializeToUtf8Bytes(observer.GetSnapshot(), DashboardJson.Default.ClusterSnapshot);
                await context.Response.Body.WriteAsync("data: "u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await context.Response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
                await context.Response.Body.WriteAsync("\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);

                // A heartbeat keeps the charts moving when nothing changes; the pause coalesces a burst of changes into one event.
                await changed.WaitAsync(Heartbeat, cancellationToken).ConfigureAwait(false);
                await Task.Delay(MinimumInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed.
        }
        finally
        {
            observer.Changed -= OnChanged;
        }
    }

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("RemoteKit.Dashboard." + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded.");
        return Results.Stream(stream, contentType);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClusterSnapshot))]
internal sealed partial class DashboardJson : JsonSerializerContext;
