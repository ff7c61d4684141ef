using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RemoteKit;

/// <summary>
/// The host's one <see cref="RemoteClient"/>: connects on first use (or when the host starts) with
/// <see cref="RemoteKitClientOptions"/> and the host's logging, and disposes the client with the host. Registered by
/// <c>AddRemoteKitClient</c>, which also registers <see cref="RemoteClient"/> itself for injection; use this provider
/// where code can await the connection instead of blocking on it.
/// </summary>
public sealed class RemoteKitClientProvider : IAsyncDisposable
{
    private readonly IOptions<RemoteKitClientOptions> _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RemoteClient? _client;
    private bool _disposed;
    private bool _containerOwnsClient;

    /// <summary>Creates the provider; the generic host does this.</summary>
    /// <param name="options">How to connect.</param>
    /// <param name="loggerFactory">The host's logging; the client logs under the category <c>RemoteKit.Client</c>.</param>
    public RemoteKitClientProvider(IOptions<RemoteKitClientOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _logger = loggerFactory.CreateLogger("RemoteKit.Client");
    }

    /// <summary>The connected client, connecting first if this is the first call (or an earlier attempt failed).</summary>
    /// <param name="cancellationToken">Cancels waiting for the connection.</param>
    /// <returns>The client, shared by every caller; do not dispose it, the host does.</returns>
    public async Task<RemoteClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _client) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is null)
            {
                var o = _options.Value;
                var client = o.ConnectionFile is { Length: > 0 } file
                    ? await RemoteClient.ConnectAsync(file, o.ConnectTimeout, cancellationToken, _logger).ConfigureAwait(false)
                    : await RemoteClient.ConnectAsync(o.ConnectTimeout, o.Profile, cancellationToken, _logger).ConfigureAwait(false);
                Volatile.Write(ref _client, client);
            }

            return _client!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The client for the <see cref="RemoteClient"/> registration, waiting for the connection if it is not made yet. The
    /// container disposes what its factories return, so from then on it, not this provider, disposes the client.
    /// </summary>
    internal RemoteClient GetClientForContainer()
    {
        var client = GetClientAsync().GetAwaiter().GetResult();
        Volatile.Write(ref _containerOwnsClient, true);
        return client;
    }

    /// <summary>Disposes the client, if one was connected (and not handed to the container as <see cref="RemoteClient"/>).</summary>
    /// <returns>A task that completes when the client is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_client is { } client && !Volatile.Read(ref _containerOwnsClient))
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
