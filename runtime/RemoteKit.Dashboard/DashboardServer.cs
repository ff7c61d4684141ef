using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using RemoteKit.Controller.Observing;
using RemoteKit.Diagnostics;
using RemoteKit.Connections;

namespace RemoteKit.Dashboard;

/// <summary>
/// The controller's live dashboard: a web page (engines, clients, totals, task-rate and queue-length charts, recent
/// failures) fed by server-sent events, served by Kestrel from the ASP.NET Core shared framework. Everything, page
/// included, needs the token: in the URL (<c>?token=…</c>, which also sets a cookie for the page's own requests), or in an
/// <c>Authorization: token …</c> header. The page's assets are embedded in this assembly; it needs no internet.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private const string ResourcePrefix = "RemoteKit.Dashboard.";

    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/index.html"] = ("index.html", "text/html; charset=utf-8"),
        ["/dashboard.js"] = ("dashboard.js", "text/javascript; charset=utf-8"),
        ["/dashboard.css"] = ("dashboard.css", "text/css; charset=utf-8"),
    };

    private readonly WebApplication _app;
    private readonly DashboardFeed _feed;
    private readonly byte[]? _tokenHash;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    private DashboardServer(WebApplication app, DashboardFeed feed, string token, ILogger logger)
    {
        _app = app;
        _feed = feed;
        _logger = logger;
        Token = token;
        _tokenHash = token.Length == 0 ? null : Hash(token);
    }

    /// <summary>The address the dashboard listens on, without the token.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The URL to open: <see cref="BaseAddress"/> with the token. Treat it as a secret.</summary>
    public Uri Url => Token.Length == 0 ? BaseAddress : new Uri(BaseAddress, "?token=" + Uri.EscapeDataString(Token));

    /// <summary>The token requests must carry (empty when none is required).</summary>
    public string Token { get; }

    /// <summary>Starts serving the dashboard.</summary>
    /// <param name="observer">What the page shows: the hub.</param>
    /// <param name="options">Address, port and token.</param>
    /// <param name="loggerFactory">Where the server logs (its address, never its token).</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException">The address is not valid, or no token was asked for on a non-loopback address.</exception>
    public static async Task<DashboardServer> StartAsync(
        IClusterObserver observer,
        DashboardOptions options,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.UpdateInterval, TimeSpan.Zero, nameof(options.UpdateInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SampleInterval, TimeSpan.Zero, nameof(options.SampleInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SampleCount, 2, nameof(options.SampleCount));
        var address = ParseAddress(options.Address);
        var token = options.Token ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        if (token.Length == 0 && !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException(
                $"The dashboard needs a token to listen on {options.Address}: only a loopback address may serve it without one.", nameof(options));
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<DashboardServer>();

        // An empty builder: no configuration files or environment variables of the controller's process leak into Kestrel.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(DashboardServer).Assembly.GetName().Name });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, options.Port);
        });
        var app = builder.Build();
        var feed = new DashboardFeed(observer, options, logger);
        var server = new DashboardServer(app, feed, token, logger);
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await feed.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = ClusterAddress.IsAny(address) ? ClusterAddress.Location(options.Address, location: null) : bound.Host;
        server.BaseAddress = new UriBuilder(Uri.UriSchemeHttp, host, bound.Port, "/").Uri;
        logger.LogInformation(EventIds.DashboardListening, "Dashboard listening on {Address}", server.BaseAddress);
        return server;
    }

    /// <summary>Stops serving: open pages are disconnected.</summary>
    /// <returns>A task completing once stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _feed.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static IPAddress ParseAddress(string address) => address switch
    {
        "localhost" => IPAddress.Loopback,
        "*" => IPAddress.Any,
        _ when IPAddress.TryParse(address, out var ip) => ip,
        _ => throw new ArgumentException($"'{address}' is not an IP address, 'localhost' or '*'.", nameof(address)),
    };

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        if (!Authorize(context))
        {
            // A page a person can act on, rather than an empty one: what to open instead.
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(
                response.StatusCode == StatusCodes.Status401Unauthorized
                    ? "This RemoteKit dashboard needs its token. Open the full URL that 'remotekit cluster start --dashboard' printed " +
                      "(or Cluster.DashboardUrl): it ends with ?token=..., and the profile keeps it in security/remotekit-dashboard.url.\n"
                    : "The token in this URL is not this dashboard's: the cluster may have been restarted with a new one. Open the URL " +
                      "the cluster printed when it started.\n",
                context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (Assets.TryGetValue(path, out var asset))
        {
            response.ContentType = asset.ContentType;
            await using var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream(ResourcePrefix + asset.Resource)
                ?? throw new InvalidOperationException($"The dashboard asset {asset.Resource} is missing from the assembly.");
            await stream.CopyToAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        switch (path)
        {
            case "/api/snapshot":
                response.ContentType = "application/json";
                await response.Body.WriteAsync(_feed.Snapshot, context.RequestAborted).ConfigureAwait(false);
                return;
            case "/api/events":
                await StreamAsync(context).ConfigureAwait(false);
                return;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    /// <summary>Missing token: 401; wrong token: 403. A right token in the URL also sets a cookie for the page's requests.</summary>
    private bool Authorize(HttpContext context)
    {
        if (_tokenHash is null)
        {
            return true;
        }

        var request = context.Request;

        // Cookies are not kept apart by port: each dashboard on a host names its own.
        var cookie = "remotekit-dashboard-" + context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
        string? fromQuery = request.Query["token"];
        var given = fromQuery ?? HeaderToken(request) ?? request.Cookies[cookie];
        if (string.IsNullOrEmpty(given))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "token";
            _logger.LogInformation(EventIds.DashboardRequestRefused, "Dashboard request for {Path} from {Peer} refused: no token", request.Path, context.Connection.RemoteIpAddress);
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(Hash(given), _tokenHash))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            _logger.LogWarning(EventIds.DashboardRequestRefused, "Dashboard request for {Path} from {Peer} refused: wrong token", request.Path, context.Connection.RemoteIpAddress);
            return false;
        }

        if (fromQuery is not null)
        {
            context.Response.Cookies.Append(cookie, fromQuery, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }

        return true;
    }

    private static string? HeaderToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        foreach (var scheme in (ReadOnlySpan<string>)["token ", "Bearer "])
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return header[scheme.Length..].Trim();
            }
        }

        return null;
    }

    private async Task StreamAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers["X-Accel-Buffering"] = "no";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var cancel = linked.Token;
        long version = 0;
        long seq = 0;
        try
        {
            while (true)
            {
                var update = _feed.After(version, seq);
                if (update.Snapshot is not null)
                {
                    await WriteEventAsync(response, "snapshot", update.Snapshot, cancel).ConfigureAwait(false);
                    version = update.Version;
                }

                if (update.Samples.Length > 0)
                {
                    await WriteEventAsync(response, "samples", DashboardFeed.Serialize(update.Samples), cancel).ConfigureAwait(false);
                    seq = update.Samples[^1].Seq;
                }

                await response.Body.FlushAsync(cancel).ConfigureAwait(false);
                await update.Next.WaitAsync(cancel).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the server is stopping.
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, byte[] json, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {name}\ndata: "), cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync("\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
