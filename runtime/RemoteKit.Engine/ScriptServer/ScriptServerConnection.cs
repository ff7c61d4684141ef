using System.Net.Sockets;

namespace RemoteKit.Engine;

/// <summary>The script server unreachable, with why: no server runs and none can be started, or it did not start.</summary>
internal sealed class ScriptServerUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The host cannot start a server (your own generic host): compiling in the engine is then the configuration, not a failure.</summary>
    public bool CannotStart { get; init; }
}

/// <summary>One request and its reply over the server's socket: the client side, shared by engines and the CLI.</summary>
internal static class ScriptServerConnection
{
    /// <summary>How long a reply may take: a cold server compiles its first script in a second or two.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A connection to the server at <paramref name="socketPath"/>, or null when none listens there.</summary>
    public static async Task<Socket?> TryConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported
            || e.SocketErrorCode == SocketError.SocketError && !File.Exists(socketPath))
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request on <paramref name="socket"/> (which it then closes) and reads the reply.</summary>
    public static async Task<(ScriptMessageKind Kind, byte[] Body)> ExchangeAsync(
        Socket socket, ScriptMessageKind kind, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReplyTimeout);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            await ScriptWire.WriteAsync(stream, kind, body, timeout.Token).ConfigureAwait(false);
            return await ScriptWire.ReadAsync(stream, ScriptWire.MaxBodyBytes, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The script server did not reply within {ReplyTimeout.TotalSeconds:F0} s.");
        }
    }

    /// <summary>The server's status, or null when none runs.</summary>
    public static async Task<ScriptServerStatus?> StatusAsync(ScriptServerPaths paths, CancellationToken cancellationToken)
    {
        if (await TryConnectAsync(paths.Socket, cancellationToken).ConfigureAwait(false) is not { } socket)
        {
            return null;
        }

        var (kind, body) = await ExchangeAsync(socket, ScriptMessageKind.Status, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        return kind == ScriptMessageKind.StatusReply ? ScriptServerStatus.Read(body) : throw Unexpected(kind, body);
    }

    /// <summary>Asks the server to exit; false when none runs.</summary>
    public static async Task<bool> ShutdownAsync(ScriptServerPaths paths, CancellationToken cancellationToken)
    {
        if (await TryConnectAsync(paths.Socket, cancellationToken).ConfigureAwait(false) is not { } socket)
        {
            return false;
        }

        var (kind, body) = await ExchangeAsync(socket, ScriptMessageKind.Shutdown, ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        return kind == ScriptMessageKind.Done ? true : throw Unexpected(kind, body);
    }

    /// <summary>A reply that is not the one asked for: the server's error, or what came instead.</summary>
    public static IOException Unexpected(ScriptMessageKind kind, byte[] body) => kind == ScriptMessageKind.Error
        ? new IOException("The script server refused the request: " + ScriptTextBody.ReadText(body))
        : new IOException($"The script server replied with a message of kind {(byte)kind}, not the one asked for.");
}
