using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RemoteKit.Controller;

namespace RemoteKit.Cli;

/// <summary>What the cluster host was asked for.</summary>
internal sealed record ClusterRequest(RemoteKitProfile Profile, int Engines, ClusterSettings Settings, Action<ClusterState, ConnectionInfo>? OnReady);

/// <summary>
/// The local launcher of <c>cluster start</c>: once the in-process controller listens, starts the engine processes, waits
/// until they registered, records the cluster in the profile's <c>run/</c> folder, and on stop closes the engines and
/// removes the record. Engines hold a stdin pipe to this process, so they also stop if it dies.
/// </summary>
internal sealed partial class EngineLauncher(
    ClusterRequest request, ControllerService controller, IHostApplicationLifetime lifetime, ILogger<EngineLauncher> logger) : BackgroundService
{
    private readonly List<Process> _engines = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var info = await controller.Listening.WaitAsync(request.Settings.StartTimeout, stoppingToken).ConfigureAwait(false);
            var environment = new Dictionary<string, string>
            {
                ["REMOTEKIT__ENGINE__HOST"] = info.Host,
                ["REMOTEKIT__ENGINE__PORT"] = info.Port.ToString(CultureInfo.InvariantCulture),
                ["REMOTEKIT__ENGINE__KEY"] = info.Key,
            };
            string[] args = ["engine", "--profile", request.Profile.Name, "--watch-stdin"];
            lock (_engines)
            {
                for (var i = 0; i < request.Engines; i++)
                {
                    _engines.Add(ChildProcesses.StartSelf(args, environment, watchStdin: true));
                }
            }

            await using (var client = await RemoteClient.ConnectAsync(info, request.Settings.StartTimeout, stoppingToken).ConfigureAwait(false))
            {
                await client.WaitForEnginesAsync(request.Engines, request.Settings.StartTimeout, stoppingToken).ConfigureAwait(false);
            }

            var state = new ClusterState { Pid = Environment.ProcessId, Engines = EnginePids(), Controller = info.ToString() };
            state.Write(request.Profile);
            LogReady(logger, request.Profile.Name, request.Engines, info.ToString());
            request.OnReady?.Invoke(state, info);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogStartFailed(logger, e, request.Profile.Name);
            Environment.ExitCode = ExitCodes.Failure;
            lifetime.StopApplication();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Process[] engines;
        lock (_engines)
        {
            engines = [.. _engines];
            _engines.Clear();
        }

        foreach (var engine in engines)
        {
            try
            {
                engine.StandardInput.Close();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
            }
        }

        await Task.WhenAll(engines.Select(e => ChildProcesses.StopAsync(e, request.Settings.StopTimeout / 3))).ConfigureAwait(false);
        foreach (var engine in engines)
        {
            engine.Dispose();
        }

        ClusterState.Delete(request.Profile);
    }

    private int[] EnginePids()
    {
        lock (_engines)
        {
            return _engines.Select(e => e.Id).ToArray();
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Cluster '{Profile}' is running: controller at {Controller}, {Engines} engines")]
    private static partial void LogReady(ILogger logger, string profile, int engines, string controller);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Cluster '{Profile}' failed to start")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string profile);
}
