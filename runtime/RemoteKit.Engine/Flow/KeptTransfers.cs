using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit.Engine.Flow;

/// <summary>
/// Sends kept values to other engines' direct paths (<see cref="SendKeptMessage"/>), so a task's input goes engine to engine and
/// never through the controller or the client. One connection per (sending engine, receiving endpoint), opened on first use
/// with the cluster key (and pinned TLS when the cluster uses it), as a client's direct connection is.
/// </summary>
internal sealed class KeptTransfers(ConnectionInfo info, long maxFrameBytes, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(int From, string Host, int Port), Lazy<Task<FrameConnection>>> _connections = new();
    private readonly CancellationTokenSource _closing = new();

    /// <summary>Sends <paramref name="value"/> in the background; a failure is logged, and the receiving task times out naming it.</summary>
    public void Send(int fromEngine, SendKeptMessage request, byte[] value) => _ = SendAsync(fromEngine, request, value);

    private async Task SendAsync(int fromEngine, SendKeptMessage request, byte[] value)
    {
        var key = (fromEngine, request.Host, request.Port);
        try
        {
            var opening = _connections.GetOrAdd(key, k => new Lazy<Task<FrameConnection>>(() => OpenAsync(k.From, request)));
            FrameConnection connection;
            try
            {
                connection = await opening.Value.ConfigureAwait(false);
            }
            catch
            {
                _connections.TryRemove(new KeyValuePair<(int, string, int), Lazy<Task<FrameConnection>>>(key, opening));
                throw;
            }

            var frame = Message.Start(new DirectDataMessage(FlowTask.TransferToken(request.TaskId, request.RefId)), value.Length);
            frame.Write((ReadOnlySpan<byte>)value);
            if (!connection.Send(frame.Finish()))
            {
                _connections.TryRemove(new KeyValuePair<(int, string, int), Lazy<Task<FrameConnection>>>(key, opening));
                throw new IOException($"the connection to {request.Host}:{request.Port} closed");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(EventIds.DirectPathUnavailable, e, "Engine {EngineId} could not send kept value {RefId} to {Host}:{Port} for task {TaskId}",
                fromEngine, request.RefId, request.Host, request.Port, request.TaskId);
        }
    }

    private async Task<FrameConnection> OpenAsync(int fromEngine, SendKeptMessage request)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        timeout.CancelAfter(ConnectTimeout);
        var connection = await Connector.ConnectAsync(
            request.Host, request.Port, info.GetKeyBytes(), PeerRole.Client, maxFrameBytes, logger, timeout.Token,
            request.TlsFingerprint, $"the direct path at {request.Host}:{request.Port}", "the engine (through the controller)").ConfigureAwait(false);
        connection.Name = $"direct path {request.Host}:{request.Port} (kept values)";
        connection.Send(Message.ToFrame(new DirectHelloMessage(FlowTask.EnginePeer(fromEngine))));

        // Nothing comes back on it; reading notices when the other side closes it.
        _ = connection.RunAsync(static (_, in _) => throw new ProtocolViolationException("An engine's direct path sent data on a connection it never sends on."), _closing.Token);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        foreach (var opening in _connections.Values)
        {
            if (opening.IsValueCreated && opening.Value.IsCompletedSuccessfully)
            {
                await opening.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        _closing.Dispose();
    }
}
