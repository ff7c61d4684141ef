namespace RemoteKit.Launchers;

/// <summary>
/// Engines as processes on this machine. Each holds a standard input pipe to the process that started it and exits
/// when that pipe closes, so none outlives its cluster, even if the starter is killed. Detached engines
/// (<c>remotekit cluster engines</c>) log to files instead and are stopped by signal.
/// </summary>
internal sealed class LocalLauncher(EngineLaunchOptions options) : ProcessLauncher(options)
{
    public override EngineLauncherKind Kind => EngineLauncherKind.Local;

    public override TimeSpan DefaultEngineTimeout => TimeSpan.FromSeconds(90);

    public override bool IsRemote => false;

    public override Task<IReadOnlyList<LaunchedEngines>> LaunchAsync(int count, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        var engine = Options.EngineCommand is { Length: > 0 } line ? ProcessCommand.Parse(line) : context.EngineCommand;
        var launched = new List<LaunchedEngines>(count);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var launchId = EngineLaunchContext.NewLaunchId();
            var command = engine with { Environment = (context with { LaunchId = launchId }).EngineEnvironment };
            if (context.Detached)
            {
                var pid = ChildProcess.StartDetached(command, Path.Combine(context.LogDirectory, context.UniqueName(".engine.log")));
                launched.Add(new LaunchedEngines(new EngineUnit { Launcher = Kind, Engines = 1, Pid = pid, LaunchId = launchId }));
            }
            else
            {
                var output = new ChildOutput(context.Loggers, "engine process {pid}", "RemoteKit.Engine");
                var process = ChildProcess.Start(command.Append("--watch-stdin"), watchStdin: true, output);
                launched.Add(new LaunchedEngines(new EngineUnit { Launcher = Kind, Engines = 1, Pid = process.Id, LaunchId = launchId }, process, output));
            }
        }

        return Task.FromResult<IReadOnlyList<LaunchedEngines>>(launched);
    }
}
