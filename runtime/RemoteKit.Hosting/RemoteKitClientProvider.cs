using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RemoteKit;

/// <summary>
/// The host's one <see cref="RemoteClient"/>: connects on first use with <see cref="RemoteKitClientOptions"/> and the
/// host's logging, and disposes the client with the host. Registered by <c>AddRemoteKitClient</c>.
/// </summary>
public sealed class RemoteKitClientProvider : IAsyncDisposable
{
    private readonly IOptions<RemoteKitClientOptions> _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RemoteClient? _client;
    private bool _disposed;

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

    /// <summary>Disposes the client, if one was connected.</summary>
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
            if (_client is { } client)
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
