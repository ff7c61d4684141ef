using System.Diagnostics;
using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>Connecting: to an address and key, through a connection file, or through a profile (ipyparallel's <c>Client(profile="p")</c>).</summary>
public sealed partial class RemoteClient
{
    /// <summary>Connects to the controller described by <paramref name="info"/>.</summary>
    /// <param name="info">Address and key.</param>
    /// <param name="timeout">How long to keep trying (default 30 s).</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    public static RemoteClient Connect(ConnectionInfo info, TimeSpan? timeout = null, ILogger? logger = null) =>
        ConnectAsync(info, timeout, default, logger).GetAwaiter().GetResult();

    /// <summary>Connects using a connection file (<c>remotekit-client.json</c>).</summary>
    /// <param name="connectionFile">The file path.</param>
    /// <param name="timeout">How long to wait for the file and the controller (default 30 s).</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="RemoteKitConnectionException">No file appeared in time, it is stale, or its controller could not be reached in time.</exception>
    public static RemoteClient Connect(string connectionFile, TimeSpan? timeout = null, ILogger? logger = null) =>
        ConnectAsync(connectionFile, timeout, default, logger).GetAwaiter().GetResult();

    /// <summary>
    /// Connects to the controller described by <paramref name="info"/> through an SSH tunnel (<c>ssh -L</c>) to
    /// <paramref name="ssh"/>, a host that can reach the controller's address as the connection file gives it (ipyparallel's
    /// <c>Client(url_file, sshserver=...)</c>). The key, the TLS pin and the handshake are as for any connection; bulk data
    /// goes through the controller (the engines' own addresses are not reachable from here either). The tunnel closes with
    /// the client.
    /// </summary>
    /// <param name="info">Address (as <paramref name="ssh"/> sees it) and key.</param>
    /// <param name="ssh">The SSH server: <c>"user@login"</c>, or options with a port, key or ssh configuration.</param>
    /// <param name="timeout">How long to keep trying to reach the controller through the tunnel (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="RemoteKitConnectionException">ssh could not run or log in, the forward failed, or the controller could not be reached in time; the message says which, with what ssh printed.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The Connect family takes its options as optional parameters; the SSH overloads follow it.")]
    public static async Task<RemoteClient> ConnectAsync(
        ConnectionInfo info, SshTunnelOptions ssh, TimeSpan? timeout = null, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(ssh);
        SshTunnel tunnel;
        try
        {
            tunnel = SshTunnel.Start(ssh.ToSettings(), info.Host, info.Port);
        }
        catch (IOException e)
        {
            throw new RemoteKitConnectionException(e.Message, e);
        }

        try
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _ = tunnel.Exited.ContinueWith(static (_, s) => ((CancellationTokenSource)s!).Cancel(), ended, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            RemoteClient client;
            try
            {
                client = await OpenAsync(
                    info with { Host = "127.0.0.1", Port = tunnel.LocalPort }, null, timeout ?? RemoteClientDefaults.ConnectTimeout, logger ?? NullLogger.Instance,
                    ended.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (tunnel.Failure() is { } failure && e is OperationCanceledException or RemoteKitConnectionException or IOException or SocketException)
            {
                throw new RemoteKitConnectionException($"Could not reach the controller: {failure}.", e);
            }

            client.Tunnel = tunnel;
            client.Direct.Off = true;
            return client;
        }
        catch
        {
            await tunnel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Connects to the cluster of a profile through an SSH tunnel to <paramref name="ssh"/>: the profile's client connection
    /// file (copied to this machine) gives the controller's address as that host sees it, and the key
    /// (<see cref="ConnectAsync(ConnectionInfo, SshTunnelOptions, TimeSpan?, CancellationToken, ILogger?)"/>).
    /// </summary>
    /// <param name="ssh">The SSH server: <c>"user@login"</c>, or options with a port, key or ssh configuration.</param>
    /// <param name="profile">The profile; <see langword="null"/> means <c>default</c>.</param>
    /// <param name="timeout">How long to keep trying to reach the controller (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="RemoteKitConnectionException">The profile or its connection file does not exist, or the controller could not be reached through the tunnel.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The Connect family takes its options as optional parameters; the SSH overloads follow it.")]
    public static Task<RemoteClient> ConnectAsync(
        SshTunnelOptions ssh, string? profile = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        var located = RemoteKitProfile.Locate(profile);
        if (!located.Exists)
        {
            throw NoSuchProfile(located.Name);
        }

        if (TryLoad(located.ClientConnectionFile) is not { } info)
        {
            throw new RemoteKitConnectionException(
                $"Profile '{located.Name}' has no client connection file at '{located.ClientConnectionFile}'. Copy the cluster's " +
                "remotekit-client.json there from the host that runs it, then connect again.");
        }

        return ConnectAsync(info, ssh, timeout, cancellationToken, logger);
    }

    /// <summary>Connects to the cluster of a profile through an SSH tunnel (blocking); see <see cref="ConnectAsync(SshTunnelOptions, string?, TimeSpan?, CancellationToken, ILogger?)"/>.</summary>
    /// <param name="ssh">The SSH server: <c>"user@login"</c>, or options.</param>
    /// <param name="profile">The profile; <see langword="null"/> means <c>default</c>.</param>
    /// <param name="timeout">How long to keep trying (default 30 s).</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026", Justification = "The Connect family takes its options as optional parameters; the SSH overloads follow it.")]
    public static RemoteClient Connect(SshTunnelOptions ssh, string? profile = null, TimeSpan? timeout = null, ILogger? logger = null) =>
        ConnectAsync(ssh, profile, timeout, default, logger).GetAwaiter().GetResult();

    /// <summary>
    /// Connects to the cluster of a profile (<c>default</c> unless named) through its connection file
    /// <c>$REMOTEKIT_DIR/profile_NAME/security/remotekit-client.json</c> (<c>~/.remotekit</c> when <c>REMOTEKIT_DIR</c> is not set).
    /// </summary>
    /// <param name="timeout">How long to wait for the connection file and the controller (default 30 s).</param>
    /// <param name="profile">The profile; <see langword="null"/> means <c>default</c>.</param>
    /// <param name="logger">Where to log, e.g. that it waits for a cluster to start; nothing by default.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="RemoteKitConnectionException">
    /// The profile does not exist (the message lists those that do), no cluster of it runs or is starting, its connection
    /// file is stale, or its controller could not be reached in time; the message says what to do.
    /// </exception>
    public static RemoteClient Connect(TimeSpan? timeout = null, string? profile = null, ILogger? logger = null) =>
        ConnectAsync(timeout, profile, default, logger).GetAwaiter().GetResult();

    /// <summary>Connects using a connection file, waiting up to <paramref name="timeout"/> for it to appear.</summary>
    /// <param name="connectionFile">The file path.</param>
    /// <param name="timeout">How long to wait for the file and the controller (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="RemoteKitConnectionException">No file appeared in time, it is stale, or its controller could not be reached in time.</exception>
    public static Task<RemoteClient> ConnectAsync(string connectionFile, TimeSpan? timeout = null, CancellationToken cancellationToken = default, ILogger? logger = null) =>
        ConnectToFileAsync(connectionFile, null, timeout ?? RemoteClientDefaults.ConnectTimeout, cancellationToken, logger);

    /// <summary>Connects to the controller described by <paramref name="info"/>.</summary>
    /// <param name="info">Address and key.</param>
    /// <param name="timeout">How long to keep trying to reach the controller (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <param name="logger">Where to log; nothing by default.</param>
    /// <returns>The connected client.</returns>
    public static Task<RemoteClient> ConnectAsync(ConnectionInfo info, TimeSpan? timeout = null, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        return OpenAsync(info, null, timeout ?? RemoteClientDefaults.ConnectTimeout, logger ?? NullLogger.Instance, cancellationToken);
    }

    /// <summary>
    /// Connects to the cluster of a profile (<c>default</c> unless named) through its connection file
    /// <c>$REMOTEKIT_DIR/profile_NAME/security/remotekit-client.json</c> (<c>~/.remotekit</c> when <c>REMOTEKIT_DIR</c> is not set).
    /// A profile that does not exist, or whose cluster is not running, fails at once; a cluster that is starting
    /// (<c>remotekit cluster start</c> has begun but its controller does not listen yet) is waited for.
    /// </summary>
    /// <param name="timeout">How long to wait for the connection file and the controller (default 30 s).</param>
    /// <param name="profile">The profile; <see langword="null"/> means <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <param name="logger">Where to log, e.g. that it waits for a cluster to start; nothing by default.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="RemoteKitConnectionException">
    /// The profile does not exist (the message lists those that do), no cluster of it runs or is starting, its connection
    /// file is stale, or its controller could not be reached in time; the message says what to do.
    /// </exception>
    public static async Task<RemoteClient> ConnectAsync(TimeSpan? timeout = null, string? profile = null, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        var located = RemoteKitProfile.Locate(profile);
        if (!located.Exists)
        {
            throw NoSuchProfile(located.Name);
        }

        // A cluster stopped (or never started) leaves no connection file: say so now rather than wait for one that will not
        // come. Only a cluster still starting is worth waiting for.
        if (!File.Exists(located.ClientConnectionFile) && !located.IsClusterStarting())
        {
            throw new RemoteKitConnectionException(
                $"No RemoteKit cluster is running for profile '{located.Name}' (no connection file at '{located.ClientConnectionFile}'). " +
                $"Start one with '{StartCommand(located.Name)}', then connect again.");
        }

        return await ConnectToFileAsync(located.ClientConnectionFile, located.Name, timeout ?? RemoteClientDefaults.ConnectTimeout, cancellationToken, logger).ConfigureAwait(false);
    }

    /// <summary>
    /// Connects through a connection file: waits for it to appear, refuses a stale one at once (its controller process is
    /// gone, or nothing listens where it points) instead of retrying until the timeout.
    /// </summary>
    private static async Task<RemoteClient> ConnectToFileAsync(string path, string? profile, TimeSpan timeout, CancellationToken cancellationToken, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        if (!File.Exists(path))
        {
            logger.LogInformation(
                EventIds.WaitingForCluster,
                "Waiting up to {Timeout} s for a RemoteKit cluster{ForProfile} to start: no connection file at {Path} yet. Start one with '{Command}'",
                timeout.TotalSeconds, profile is null ? "" : $" of profile '{profile}'", path, StartCommand(profile));
        }

        var started = Stopwatch.StartNew();
        ConnectionInfo info;
        try
        {
            info = await ConnectionFiles.WaitForAsync(path, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new RemoteKitConnectionException(
                $"No RemoteKit connection file at '{path}' after waiting {timeout.TotalSeconds:0.#} s, so no cluster is running" +
                (profile is null ? "" : $" for profile '{profile}'") + $". Start one with '{StartCommand(profile)}' " +
                "(or Cluster.StartAsync in code), then connect again.",
                e);
        }

        ThrowIfControllerGone(info, path, profile);
        var left = timeout - started.Elapsed;
        return await OpenAsync(info, WhenRefused, left > TimeSpan.Zero ? left : TimeSpan.Zero, logger, cancellationToken).ConfigureAwait(false);

        // The controller writes its file only once it listens, so a refusal means the file outlived it, unless a new
        // controller has just replaced the file.
        ConnectionInfo WhenRefused(ConnectionInfo refused)
        {
            var current = TryLoad(path);
            if (current is null || current == refused)
            {
                throw new RemoteKitConnectionException(
                    $"Nothing is listening at {refused}, where the connection file '{path}' points: the file is stale and its " +
                    $"controller is gone. Start the cluster again with '{StartCommand(profile)}'.");
            }

            ThrowIfControllerGone(current, path, profile);
            return current;
        }
    }

    /// <summary>
    /// Connects to a controller, retrying while it is not reachable yet, and waits for its first list of engines.
    /// <paramref name="whenRefused"/>, if given, decides what a refused connection means: the address to try next, or an exception.
    /// </summary>
    private static async Task<RemoteClient> OpenAsync(
        ConnectionInfo info, Func<ConnectionInfo, ConnectionInfo>? whenRefused, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var connection = await Connector.ConnectAsync(info.Host, info.Port, info.GetKeyBytes(), PeerRole.Client, Connector.DefaultMaxFrameBytes, logger, cts.Token, info.TlsFingerprint).ConfigureAwait(false);
                var target = info;
                var session = ControllerSession.Open(
                    connection, info, logger, ShippingPolicy.Default,
                    reconnect: ct => Connector.ConnectAsync(
                        target.Host, target.Port, target.GetKeyBytes(), PeerRole.Client, Connector.DefaultMaxFrameBytes, logger, ct, target.TlsFingerprint));
                try
                {
                    await session.Engines.Announced.WaitAsync(cts.Token).ConfigureAwait(false);
                }
                catch
                {
                    await session.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                return new RemoteClient(session);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && whenRefused is not null && !cts.IsCancellationRequested)
            {
                info = whenRefused(info);
            }
            catch (SocketException e) when (!cts.IsCancellationRequested)
            {
                logger.LogDebug(EventIds.ControllerNotReachable, e, "Controller at {Endpoint} not reachable yet", info);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unreachable(info, timeout, e);
            }

            try
            {
                await Task.Delay(Connector.RetryDelay(attempt), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unreachable(info, timeout, e);
            }
        }
    }

    private static RemoteKitConnectionException Unreachable(ConnectionInfo info, TimeSpan timeout, Exception inner) =>
        new($"Could not reach a RemoteKit controller at {info} within {timeout.TotalSeconds:0.#} s: is the cluster running, and " +
            "is that address reachable from here?", new TimeoutException("The connection attempts timed out.", inner));

    private static RemoteKitConnectionException NoSuchProfile(string name)
    {
        var existing = RemoteKitProfile.List().Select(p => p.Name).ToList();
        var where = RemoteKitProfile.BaseDirectory;
        var known = existing.Count == 0
            ? $"There are no profiles in {where} yet."
            : $"The profiles in {where} are: {string.Join(", ", existing)}.";
        var create = name == RemoteKitProfile.DefaultName
            ? $"Start a cluster with '{StartCommand(name)}' (it creates the profile '{name}')"
            : $"Create it with 'remotekit profile create {name}' and start its cluster with '{StartCommand(name)}'";
        return new RemoteKitConnectionException($"There is no RemoteKit profile '{name}'. {known} {create}, or connect to one of those.");
    }

    private static string StartCommand(string? profile) =>
        profile is null or RemoteKitProfile.DefaultName ? "remotekit cluster start" : $"remotekit cluster start --profile {profile}";

    private static ConnectionInfo? TryLoad(string path)
    {
        try
        {
            return File.Exists(path) ? ConnectionInfo.Load(path) : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void ThrowIfControllerGone(ConnectionInfo info, string path, string? profile)
    {
        if (info.ControllerPid is not { } pid || !IsThisMachine(info.Host) || IsRunning(pid))
        {
            return;
        }

        throw new RemoteKitConnectionException(
            $"The connection file '{path}' is stale: the controller that wrote it (process {pid.ToString(CultureInfo.InvariantCulture)}) " +
            $"is no longer running. Start the cluster again with '{StartCommand(profile)}'.");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="host"/> names this machine, so a process id in a connection file can be checked here.</summary>
    private static bool IsThisMachine(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(host, Dns.GetHostName(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Any(a => a.Address.Equals(address));
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
