using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Engine;

/// <summary>
/// An engine process's way to the host's script server: sends a script with the files of the assemblies loaded here and
/// the namespace variables it may name, and loads what comes back. Starts the server, detached, when none runs and this
/// host says how (<see cref="StartCommand"/>); the engines of a host that start at once start one between them.
/// </summary>
/// <remarks>
/// When the server cannot be reached or started, <see cref="TryCompileAsync"/> returns null and the engine compiles in its
/// own process; the first such fallback is logged as a warning with why. A failed start or an unusable folder turns the
/// server off for the rest of the process, so later scripts do not wait for it again; a server that merely went away (idle,
/// killed, shut down) is started again by the next script.
/// </remarks>
internal sealed class ScriptServerClient
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ScriptServerOptions _options;
    private readonly ILogger _logger;
    private readonly LoadedScripts _loaded = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private ScriptServerPaths? _paths;
    private volatile string? _off;
    private int _warned;

    private ScriptServerClient(ScriptServerOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>The process's client, once an engine has configured it with the server enabled; null otherwise.</summary>
    public static ScriptServerClient? Shared { get; private set; }

    /// <summary>
    /// How this host starts a script server (program and leading arguments), set by the hosts that can run one (the
    /// <c>remotekit</c> tool, <c>RemoteKit.Host</c>); null: engines of this host use a running server but start none.
    /// </summary>
    public static IReadOnlyList<string>? StartCommand { get; set; }

    /// <summary>Sets up the process's client from an engine's options (the first engine's win).</summary>
    public static void Configure(ScriptServerOptions options, ILogger logger)
    {
        if (options.Enabled && Shared is null)
        {
            Shared = new ScriptServerClient(options, logger);
        }
    }

    /// <summary>
    /// Starts the host's server in the background if none runs, without waiting for it: an engine calls this as it starts,
    /// so that the server starts and warms its compiler while the engine connects and registers.
    /// </summary>
    public void StartEarly()
    {
        if (StartCommand is null)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                var paths = _paths ??= ScriptServerPaths.For(_options);
                using var socket = await ScriptServerConnection.TryConnectAsync(paths.Socket, CancellationToken.None).ConfigureAwait(false)
                    ?? await StartAsync(paths, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The warm-up's request tries again, and says why if it cannot either.
                _logger.LogDebug(EventIds.ScriptServerFallback, e, "Starting the host's script server early failed");
            }
        });
    }

    /// <summary>The compiled script, or null to compile in this process (the server could not be used; logged once).</summary>
    /// <exception cref="ScriptCompilationException">The script does not compile.</exception>
    public async Task<ICompiledScript?> TryCompileAsync(string code, IReadOnlyList<ScriptVariableCandidate> candidates, CancellationToken cancellationToken)
    {
        var key = LoadedScripts.Key(code, candidates);
        if (_loaded.TryGet(key, out var known))
        {
            return known;
        }

        if (_off is { } off)
        {
            FallBack(off);
            return null;
        }

        try
        {
            var request = new ScriptCompileRequest(code, ScriptPrelude.LoadedAssemblyPaths().ToArray(), candidates);
            var (kind, body) = await RequestAsync(request.Write(), cancellationToken).ConfigureAwait(false);
            switch (kind)
            {
                case ScriptMessageKind.Compiled:
                    return _loaded.Add(key, LoadedScript.Load(ScriptCompiledReply.Read(body)));
                case ScriptMessageKind.CompileErrors:
                    throw new ScriptCompilationException(ScriptTextBody.ReadLines(body));
                default:
                    FallBack(ScriptServerConnection.Unexpected(kind, body).Message);
                    return null;
            }
        }
        catch (ScriptServerUnavailableException e)
        {
            _off = e.Message;
            FallBack(e.Message, e.CannotStart ? LogLevel.Information : LogLevel.Warning);
            return null;
        }
        catch (Exception e) when (e is IOException or SocketException or TimeoutException or UnauthorizedAccessException or BadImageFormatException)
        {
            FallBack(e.Message);
            return null;
        }
    }

    private void FallBack(string why, LogLevel level = LogLevel.Warning)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            _logger.Log(level, EventIds.ScriptServerFallback, "Compiling scripts in the engine process instead of the host's script server: {Reason}", why);
        }
        else
        {
            _logger.LogDebug(EventIds.ScriptServerFallback, "Compiling a script in the engine process: {Reason}", why);
        }
    }

    private async Task<(ScriptMessageKind Kind, byte[] Body)> RequestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ScriptServerPaths paths;
        try
        {
            paths = _paths ??= ScriptServerPaths.For(_options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScriptServerUnavailableException(e.Message, e);
        }

        var socket = await ScriptServerConnection.TryConnectAsync(paths.Socket, cancellationToken).ConfigureAwait(false)
            ?? await StartAsync(paths, cancellationToken).ConfigureAwait(false);
        return await ScriptServerConnection.ExchangeAsync(socket, ScriptMessageKind.Compile, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a server and connects to it. Under the start lock (one engine of the host at a time) it first tries again to
    /// connect, so only the first engine starts one; the server's own lock makes a second server exit even if two started.
    /// </summary>
    private async Task<Socket> StartAsync(ScriptServerPaths paths, CancellationToken cancellationToken)
    {
        if (StartCommand is not { Count: > 0 } command)
        {
            throw new ScriptServerUnavailableException($"no script server listens on {paths.Socket}, and this host cannot start one") { CannotStart = true };
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        await _starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var held = await LockAsync(paths.StartLock, deadline.Token).ConfigureAwait(false);
            if (await ScriptServerConnection.TryConnectAsync(paths.Socket, cancellationToken).ConfigureAwait(false) is { } running)
            {
                return running;
            }

            StartDetached(command, paths);
            while (true)
            {
                if (await ScriptServerConnection.TryConnectAsync(paths.Socket, cancellationToken).ConfigureAwait(false) is { } started)
                {
                    return started;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScriptServerUnavailableException(
                $"the script server started with '{string.Join(' ', command)}' did not listen on {paths.Socket} within {StartTimeout.TotalSeconds:F0} s (its log: {paths.Log})");
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Holds an exclusive lock on <paramref name="path"/> (released when disposed, or when the process ends).</summary>
    internal static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Starts the server so that it outlives this engine and its cluster: on Unix in a session of its own (<c>setsid</c>,
    /// when there is one) through a shell that exits at once, so it is neither this process's child when a launcher ends
    /// the engine's process tree nor in its terminal's process group; its output goes to a log beside its socket.
    /// </summary>
    private void StartDetached(IReadOnlyList<string> command, ScriptServerPaths paths)
    {
        var arguments = command.Skip(1).Concat(
        [
            "--directory", paths.Directory,
            "--idle-timeout", _options.IdleTimeout.ToString("c", CultureInfo.InvariantCulture),
            "--detached",
        ]).ToList();
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo(command[0])
            : new ProcessStartInfo("/bin/sh")
            {
                ArgumentList =
                {
                    "-c",
                    "log=$1; shift; if command -v setsid >/dev/null 2>&1; then setsid \"$@\" </dev/null >>\"$log\" 2>&1 & else \"$@\" </dev/null >>\"$log\" 2>&1 & fi",
                    "sh", paths.Log, command[0],
                },
            };
        start.UseShellExecute = false;
        start.CreateNoWindow = true;

        // It outlives this cluster: it keeps none of its settings (the key among them), nor its working folder (a mount).
        start.WorkingDirectory = paths.Directory;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("REMOTEKIT__", StringComparison.OrdinalIgnoreCase)
            && !k.StartsWith("REMOTEKIT__SCRIPTSERVER__", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(name);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _logger.LogInformation(EventIds.ScriptServerStarting, "Starting the host's script server: {Command}", string.Join(' ', command));
        using var shell = Process.Start(start) ?? throw new ScriptServerUnavailableException($"could not start '{command[0]}'");
        if (!OperatingSystem.IsWindows())
        {
            shell.WaitForExit();
        }
    }
}
