using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Security;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>Connecting through a profile's connection file (ipyparallel's <c>Client()</c> and <c>Client(profile="p")</c>).</summary>
public sealed partial class RemoteClient
{
    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connects to the cluster of a profile (<c>default</c> unless named) through its connection file
    /// <c>$REMOTEKIT_DIR/profile_NAME/security/remotekit-client.json</c> (<c>~/.remotekit</c> when <c>REMOTEKIT_DIR</c> is not set).
    /// </summary>
    /// <param name="timeout">How long to wait for the connection file and the controller (default 30 s).</param>
    /// <param name="profile">The profile; <see langword="null"/> means <c>default</c>.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="FileNotFoundException">No connection file appeared in time: no cluster runs for the profile.</exception>
    /// <exception cref="RemoteKitConnectionException">The connection file is stale: its controller is gone.</exception>
    /// <exception cref="TimeoutException">The controller could not be reached in time.</exception>
    public static RemoteClient Connect(TimeSpan? timeout = null, string? profile = null) =>
        ConnectAsync(timeout, profile).GetAwaiter().GetResult();

    /// <summary>
    /// Connects to the cluster of a profile (<c>default</c> unless named) through its connection file
    /// <c>$REMOTEKIT_DIR/profile_NAME/security/remotekit-client.json</c> (<c>~/.remotekit</c> when <c>REMOTEKIT_DIR</c> is not set).
    /// </summary>
    /// <param name="timeout">How long to wait for the connection file and the controller (default 30 s).</param>
    /// <param name="profile">The profile; <see langword="null"/> means <c>default</c>.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="FileNotFoundException">No connection file appeared in time: no cluster runs for the profile.</exception>
    /// <exception cref="RemoteKitConnectionException">The connection file is stale: its controller is gone.</exception>
    /// <exception cref="TimeoutException">The controller could not be reached in time.</exception>
    public static Task<RemoteClient> ConnectAsync(TimeSpan? timeout = null, string? profile = null, CancellationToken cancellationToken = default)
    {
        var located = RemoteKitProfile.Locate(profile);
        return ConnectToFileAsync(located.ClientConnectionFile, located.Name, timeout ?? DefaultConnectTimeout, cancellationToken);
    }

    /// <summary>
    /// Connects through a connection file: waits for it to appear, refuses a stale one at once (its controller process is
    /// gone, or nothing listens where it points) instead of retrying until the timeout.
    /// </summary>
    internal static async Task<RemoteClient> ConnectToFileAsync(string path, string? profile, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        ConnectionInfo info;
        try
        {
            info = await ConnectionFiles.WaitForAsync(path, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException(
                $"No RemoteKit connection file at '{path}' after waiting {timeout.TotalSeconds:0.#} s, so no cluster is running" +
                (profile is null ? "" : $" for profile '{profile}'") + $". Start one with '{StartCommand(profile)}' " +
                "(or Cluster.StartAsync in code), then connect again.",
                path,
                e);
        }

        ThrowIfControllerGone(info, path, profile);
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            try
            {
                var connection = await Connector.ConnectAsync(
                    info.Host, info.Port, info.GetKeyBytes(), PeerRole.Client, Connector.DefaultMaxFrameBytes, NullLogger.Instance, cts.Token).ConfigureAwait(false);
                var client = new RemoteClient(connection, info, NullLogger.Instance);
                try
                {
                    await client._firstEngineSet.Task.WaitAsync(cts.Token).ConfigureAwait(false);
                }
                catch
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                    throw;
                }

                return client;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused && !cts.IsCancellationRequested)
            {
                // The controller writes its file only once it listens, so a refusal means the file outlived it, unless a new
                // controller has just replaced the file.
                var current = TryLoad(path);
                if (current is null || current == info)
                {
                    throw new RemoteKitConnectionException(
                        $"Nothing is listening at {info}, where the connection file '{path}' points: the file is stale and its " +
                        $"controller is gone. Start the cluster again with '{StartCommand(profile)}'.");
                }

                info = current;
                ThrowIfControllerGone(info, path, profile);
            }
            catch (SocketException) when (!cts.IsCancellationRequested)
            {
                await Task.Delay(delay, cts.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Could not reach the RemoteKit controller at {info} (from '{path}') within {timeout}: is the cluster running?", e);
            }

            if (cts.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"Could not reach the RemoteKit controller at {info} (from '{path}') within {timeout}: is the cluster running?");
            }
        }
    }

    private static string StartCommand(string? profile) =>
        profile is null or RemoteKitProfile.DefaultName ? "remotekit cluster start -n 4" : $"remotekit cluster start -n 4 --profile {profile}";

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
