using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using RemoteKit;
using RemoteKit.Launchers;

namespace Sample;

/// <summary>
/// A launcher as a site writes one: it starts each engine process itself (here under <c>nice</c>), gives it the
/// environment the launch context holds (where the controller is, its key, the unit's launch id), and describes each
/// process as an <see cref="EngineUnit"/> so that the cluster's supervisor can watch it, replace it when it dies, and end
/// it. Everything it uses is RemoteKit's public launcher API.
/// </summary>
public sealed class NiceLauncher : EngineLauncher
{
    private readonly int _niceness;
    private readonly ConcurrentDictionary<int, Process> _processes = new();

    /// <summary>Engines run with the given niceness (0-19).</summary>
    public NiceLauncher(int niceness)
    {
        _niceness = niceness;
    }

    /// <summary>For <c>remotekit cluster start --engines custom --launcher-type "Sample.NiceLauncher, CustomLauncher"</c>.</summary>
    public NiceLauncher(EngineLaunchOptions options)
        : base(options)
    {
        _niceness = 10;
    }

    /// <summary>Engines run on this machine: the controller may listen on loopback only.</summary>
    public override bool IsRemote => false;

    public override Task<IReadOnlyList<LaunchedEngines>> LaunchAsync(int count, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        var launched = new List<LaunchedEngines>(count);
        for (var i = 0; i < count; i++)
        {
            // Engines tell the controller their unit's launch id; its verdict on a lost engine names the unit to end.
            var launchId = EngineLaunchContext.NewLaunchId();
            var start = new ProcessStartInfo("nice") { RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add(_niceness.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(context.EngineCommand.Program);
            foreach (var argument in context.EngineCommand.Arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The engine leaves when its standard input closes: when this program stops it, or dies.
            start.ArgumentList.Add("--watch-stdin");

            // The controller's address and key go in the environment, never on the command line.
            foreach (var (name, value) in (context with { LaunchId = launchId }).EngineEnvironment)
            {
                start.Environment[name] = value;
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("nice did not start.");
            _processes[process.Id] = process;
            launched.Add(new LaunchedEngines(new EngineUnit { Launcher = Kind, Engines = 1, Pid = process.Id, LaunchId = launchId }, process));
        }

        return Task.FromResult<IReadOnlyList<LaunchedEngines>>(launched);
    }

    /// <summary>Asks an engine to leave by closing its standard input (this process started it).</summary>
    public override Task CancelAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit.Pid is { } pid && _processes.TryGetValue(pid, out var process) && !process.HasExited)
        {
            process.StandardInput.Close();
        }

        return Task.CompletedTask;
    }

    /// <summary>An engine the controller gave up on may be frozen: it is killed.</summary>
    public override Task EndAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit.Pid is { } pid && _processes.TryGetValue(pid, out var process) && !process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        return Task.CompletedTask;
    }

    public override Task<bool> IsGoneAsync(EngineUnit unit, CancellationToken cancellationToken) =>
        Task.FromResult(unit.Pid is not { } pid || !_processes.TryGetValue(pid, out var process) || process.HasExited);
}
