using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RemoteKit.Engine;

/// <summary>
/// The script server: one per host, user and RemoteKit build. It holds its lock file for its whole life (a second server
/// started beside it exits at once), listens on a Unix domain socket in the user's private folder, answers one request per
/// connection, and exits after <see cref="ScriptServerOptions.IdleTimeout"/> without one, on a shutdown request, or on
/// SIGTERM. A connection that sends something else than a request of this build is answered with an error saying what was
/// wrong, and closed; the others are served as before.
/// </summary>
internal sealed class ScriptServerHost
{
    /// <summary>How long a connection may take to send its request.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly ScriptServerPaths _paths;
    private readonly TimeSpan _idleTimeout;
    private readonly TextWriter _log;
    private readonly ScriptServerCompiler _compiler = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private long _requests;
    private long _rejected;
    private int _active;
    private long _lastActivity = Stopwatch.GetTimestamp();

    private ScriptServerHost(ScriptServerPaths paths, TimeSpan idleTimeout, TextWriter log)
    {
        _paths = paths;
        _idleTimeout = idleTimeout;
        _log = log;
    }

    /// <summary>Runs a server until it is idle, asked to shut down, or <paramref name="cancellationToken"/> ends.</summary>
    /// <param name="options">Folder and idle timeout.</param>
    /// <param name="detached">Started by an engine: Ctrl+C and hang-ups of the terminal it came from do not end it.</param>
    /// <param name="log">Where it says what it does.</param>
    /// <param name="cancellationToken">Ends the server.</param>
    /// <returns>0; also when another server already serves this socket (it says so).</returns>
    public static async Task<int> RunAsync(ScriptServerOptions options, bool detached, TextWriter log, CancellationToken cancellationToken)
    {
        var paths = ScriptServerPaths.For(options);
        if (await TakeLockAsync(paths, cancellationToken).ConfigureAwait(false) is not { } held)
        {
            await log.WriteLineAsync($"A script server already serves {paths.Socket}; this one exits.").ConfigureAwait(false);
            return 0;
        }

        await using (held.ConfigureAwait(false))
        {
            var server = new ScriptServerHost(paths, options.IdleTimeout, log);
            using var stop = cancellationToken.Register(server._stopping.Cancel);
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                server._stopping.Cancel();
            });
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
            {
                c.Cancel = true;
                if (!detached)
                {
                    server._stopping.Cancel();
                }
            });
            using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = detached);
            await server.ServeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// The server's lock, or null when another server holds it and serves. A holder that does not serve is starting (the
    /// lock is taken before the socket listens) or exiting (a shutdown just asked for): wait for it to listen or let go.
    /// </summary>
    private static async Task<FileStream?> TakeLockAsync(ScriptServerPaths paths, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(paths.ServerLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
            }

            using (var serving = await ScriptServerConnection.TryConnectAsync(paths.Socket, cancellationToken).ConfigureAwait(false))
            {
                if (serving is not null || deadline.Elapsed > TimeSpan.FromSeconds(20))
                {
                    return null;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync()
    {
        // The socket is bound and listening under a private name, then renamed into place (which replaces a dead server's
        // socket; this one holds the lock now): whoever sees the socket's path can connect to it at once.
        var binding = Path.Combine(_paths.Directory, $"bind-{Environment.ProcessId}.sock"); // no longer than the socket's own path
        File.Delete(binding);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(binding));
        listener.Listen(128);
        File.Move(binding, _paths.Socket, overwrite: true);
        await _log.WriteLineAsync($"{DateTimeOffset.UtcNow:u} script server {Environment.ProcessId} listening on {_paths.Socket} (idle timeout {_idleTimeout})").ConfigureAwait(false);
        var idle = WatchIdleAsync();
        _ = Task.Run(WarmUp);
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(Task.Run(() => HandleAsync(connection)));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            File.Delete(_paths.Socket);
            await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await idle.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _log.WriteLineAsync($"{DateTimeOffset.UtcNow:u} script server {Environment.ProcessId} stopped after {_requests} requests").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Compiles a small script against this process's own assemblies as it starts, so that loading and JIT-compiling the
    /// compiler, and reading the framework's metadata (kept by file), overlap the start of the engines that will ask.
    /// </summary>
    private void WarmUp()
    {
        try
        {
            _compiler.Compile(new ScriptCompileRequest(
                "var warmed = (int)Math.Pow(warm, 5);", ScriptPrelude.LoadedAssemblyPaths().ToArray(), [new ScriptVariableCandidate("warm", "global::System.Int32")]));
        }
        catch (Exception e)
        {
            _log.WriteLine($"{DateTimeOffset.UtcNow:u} warm-up failed: {e.Message}");
        }
    }

    private async Task WatchIdleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Clamp(_idleTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 100, TimeSpan.TicksPerSecond * 5)));
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            if (Volatile.Read(ref _active) == 0 && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastActivity)) > _idleTimeout)
            {
                await _log.WriteLineAsync($"{DateTimeOffset.UtcNow:u} idle for {_idleTimeout}: exiting").ConfigureAwait(false);
                await _stopping.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(Socket connection)
    {
        Interlocked.Increment(ref _active);
        try
        {
            await using var stream = new NetworkStream(connection, ownsSocket: true);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            deadline.CancelAfter(RequestTimeout);
            (ScriptMessageKind Kind, byte[] Body) request;
            try
            {
                if (await ScriptWire.TryReadAsync(stream, ScriptWire.MaxBodyBytes, deadline.Token).ConfigureAwait(false) is not { } read)
                {
                    // An engine that only checked the server is there (it starts one otherwise): nothing refused.
                    return;
                }

                request = read;
            }
            catch (ScriptWireException e)
            {
                await RejectAsync(stream, e.Message).ConfigureAwait(false);
                return;
            }

            Interlocked.Increment(ref _requests);
            var (kind, body) = Answer(request.Kind, request.Body);
            await ScriptWire.WriteAsync(stream, kind, body, deadline.Token).ConfigureAwait(false);
            if (request.Kind == ScriptMessageKind.Shutdown)
            {
                await _log.WriteLineAsync($"{DateTimeOffset.UtcNow:u} shutdown requested").ConfigureAwait(false);
                await _stopping.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or stalled: nothing to answer.
        }
        finally
        {
            Interlocked.Exchange(ref _lastActivity, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref _active);
        }
    }

    private (ScriptMessageKind Kind, ReadOnlyMemory<byte> Body) Answer(ScriptMessageKind kind, byte[] body)
    {
        try
        {
            return kind switch
            {
                ScriptMessageKind.Compile => _compiler.Compile(ScriptCompileRequest.Read(body)),
                ScriptMessageKind.Status => (ScriptMessageKind.StatusReply, Status().Write()),
                ScriptMessageKind.Shutdown => (ScriptMessageKind.Done, ReadOnlyMemory<byte>.Empty),
                _ => throw new ScriptWireException($"Unknown script-server request kind {(byte)kind}."),
            };
        }
        catch (Exception e) when (e is ScriptWireException or IOException or BadImageFormatException or ArgumentException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _rejected);
            _log.WriteLine($"{DateTimeOffset.UtcNow:u} request refused: {e.Message}");
            return (ScriptMessageKind.Error, ScriptTextBody.Text(e.Message));
        }
    }

    private async Task RejectAsync(Stream stream, string why)
    {
        Interlocked.Increment(ref _rejected);
        await _log.WriteLineAsync($"{DateTimeOffset.UtcNow:u} frame refused: {why}").ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await ScriptWire.WriteAsync(stream, ScriptMessageKind.Error, ScriptTextBody.Text(why), timeout.Token).ConfigureAwait(false);
    }

    private ScriptServerStatus Status() => new(
        Environment.ProcessId, ScriptServerPaths.VersionText, _paths.Socket, _started,
        Interlocked.Read(ref _requests), _compiler.Compilations, _compiler.CacheHits, Interlocked.Read(ref _rejected), _idleTimeout,
        _compiler.Bases, _compiler.FilesRead, _compiler.FilesMapped, Environment.WorkingSet);
}
