using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RemoteKit;

/// <summary>Settings for <see cref="Cluster.StartAsync(int, ClusterOptions?, CancellationToken)"/>.</summary>
public sealed class ClusterOptions
{
    /// <summary>The address the controller listens on (loopback by default).</summary>
    public string Ip { get; set; } = "127.0.0.1";

    /// <summary>The controller port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Path to <c>RemoteKit.Host.dll</c>, the process that runs controller and engines. By default it is found next to the
    /// application, or through the <c>REMOTEKIT_HOST</c> environment variable.
    /// </summary>
    public string? HostPath { get; set; }

    /// <summary>How long starting may take before it fails.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many load-balanced tasks one engine may hold at once.</summary>
    public int? EngineTaskLimit { get; set; }

    /// <summary>Extra configuration passed to controller and engines (e.g. <c>Logging:LogLevel:Default=Information</c>).</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// An embedded cluster (ipyparallel's <c>ipp.Cluster(n=4)</c>): a controller and engine processes on this machine, started
/// by this process with a fresh key and a free port. Disposing stops them; they also exit by themselves if this process dies.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly ClusterOptions _options;
    private readonly string _hostPath;

    private Cluster(ClusterOptions options, string hostPath, ConnectionInfo info)
    {
        _options = options;
        _hostPath = hostPath;
        ConnectionInfo = info;
    }

    /// <summary>The client connected to this cluster.</summary>
    public RemoteClient Client { get; private set; } = null!;

    /// <summary>Where the controller listens, with the key.</summary>
    public ConnectionInfo ConnectionInfo { get; }

    /// <summary>The process ids of the controller (first) and the engines this cluster started.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_processes)
            {
                return _processes.Select(p => p.Id).ToArray();
            }
        }
    }

    /// <summary>Starts a controller and <paramref name="engines"/> engines and connects a client to them.</summary>
    /// <param name="engines">How many engines; 0 means one per processor.</param>
    /// <param name="options">Optional settings.</param>
    /// <param name="cancellationToken">Cancels the start (everything started is stopped).</param>
    /// <returns>The running cluster.</returns>
    public static async Task<Cluster> StartAsync(int engines = 0, ClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(engines);
        options ??= new ClusterOptions();
        if (engines == 0)
        {
            engines = Environment.ProcessorCount;
        }

        var hostPath = FindHost(options);
        var port = options.Port != 0 ? options.Port : FreePort(options.Ip);
        var info = ConnectionInfo.CreateNew(options.Ip, port);
        var cluster = new Cluster(options, hostPath, info);
        try
        {
            var controllerSettings = new Dictionary<string, string>
            {
                ["RemoteKit:Controller:Ip"] = options.Ip,
                ["RemoteKit:Controller:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (options.EngineTaskLimit is { } limit)
            {
                controllerSettings["RemoteKit:Controller:EngineTaskLimit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            cluster.Launch("controller", controllerSettings, "REMOTEKIT__CONTROLLER__KEY");
            cluster.StartEngines(engines);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(options.StartTimeout);
            cluster.Client = await RemoteClient.ConnectAsync(info, options.StartTimeout, cts.Token).ConfigureAwait(false);
            await cluster.Client.WaitForEnginesAsync(engines, options.StartTimeout, cts.Token).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts more engines; their ids appear in <see cref="RemoteClient.Ids"/> as they register.</summary>
    /// <param name="count">How many engines to add.</param>
    /// <param name="cancellationToken">Stops waiting for them.</param>
    /// <returns>A task completing when they have registered.</returns>
    public async Task AddEnginesAsync(int count, CancellationToken cancellationToken = default)
    {
        var target = Client.Ids.Count + count;
        StartEngines(count);
        await Client.WaitForEnginesAsync(target, _options.StartTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the engines and the controller and closes the client.</summary>
    /// <returns>A task completing when every process has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            try
            {
                await Client.ShutdownAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RemoteKitConnectionException or TimeoutException or InvalidOperationException)
            {
                // Already gone; closing stdin below stops whatever is left.
            }

            await Client.DisposeAsync().ConfigureAwait(false);
        }

        Process[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
            _processes.Clear();
        }

        foreach (var process in processes)
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
            }
        }

        foreach (var process in processes)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }

    private void StartEngines(int count)
    {
        var settings = new Dictionary<string, string>
        {
            ["RemoteKit:Engine:Host"] = ConnectionInfo.Host,
            ["RemoteKit:Engine:Port"] = ConnectionInfo.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < count; i++)
        {
            Launch("engine", settings, "REMOTEKIT__ENGINE__KEY");
        }
    }

    private void Launch(string role, Dictionary<string, string> settings, string keyVariable)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(_hostPath);
        start.ArgumentList.Add(role);
        start.ArgumentList.Add("--watch-stdin");
        foreach (var (k, v) in settings.Concat(_options.Settings))
        {
            start.ArgumentList.Add($"--{k}={v}");
        }

        // The key travels in the environment, never on the command line where any user could read it.
        start.Environment[keyVariable] = ConnectionInfo.Key;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the RemoteKit {role} process.");
        lock (_processes)
        {
            _processes.Add(process);
        }
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        var runtimeDir = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var guess = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", "..", OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
        return File.Exists(guess) ? guess : "dotnet";
    }

    private static string FindHost(ClusterOptions options)
    {
        var candidates = new[]
        {
            options.HostPath,
            Environment.GetEnvironmentVariable("REMOTEKIT_HOST"),
            Path.Combine(AppContext.BaseDirectory, "remotekit-host", "RemoteKit.Host.dll"),
            Path.Combine(AppContext.BaseDirectory, "RemoteKit.Host.dll"),
            Path.Combine(Path.GetDirectoryName(typeof(Cluster).Assembly.Location) ?? ".", "RemoteKit.Host.dll"),
        };
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new FileNotFoundException(
                "Could not find RemoteKit.Host.dll, the controller/engine process. It ships in the RemoteKit package and is copied next to your program; " +
                "set ClusterOptions.HostPath or REMOTEKIT_HOST if you moved it.");
    }

    private static int FreePort(string ip)
    {
        using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Parse(ip), 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
