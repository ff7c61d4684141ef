using System.Globalization;

namespace RemoteKit.Launchers;

/// <summary>
/// All engines as the ranks of one <c>mpiexec</c> (or <c>mpirun</c>, or whatever the site calls it). Ranks on this
/// machine inherit the controller's address and key from the environment; with Open MPI's <c>-x NAME</c> ranks on other
/// hosts get them too (names only on the command line, never the key). Stopping sends SIGTERM to <c>mpiexec</c>, which
/// passes it to every rank.
/// </summary>
internal sealed class MpiLauncher(EngineLaunchOptions options) : ProcessLauncher(options)
{
    public override EngineLauncherKind Kind => EngineLauncherKind.Mpi;

    /// <summary>The <c>mpiexec</c> command line for <paramref name="count"/> engines.</summary>
    /// <param name="count">How many ranks.</param>
    /// <param name="context">The cluster the engines join.</param>
    /// <param name="launchId">What the run is named; each rank adds its rank to it.</param>
    public ProcessCommand Command(int count, EngineLaunchContext context, string? launchId = null)
    {
        var engine = Options.EngineCommand is { Length: > 0 } line ? ProcessCommand.Parse(line) : context.EngineCommand;
        var environment = (context with { LaunchId = launchId, LaunchIndexVariable = "OMPI_COMM_WORLD_RANK" }).EngineEnvironment;
        var args = new List<string>(Options.Mpi.Arguments) { "-n", count.ToString(CultureInfo.InvariantCulture) };
        if (Options.Mpi.ExportEnvironment)
        {
            foreach (var name in environment.Keys)
            {
                args.AddRange(["-x", name]);
            }
        }

        args.Add(engine.Program);
        args.AddRange(engine.Arguments);
        return new ProcessCommand(Options.Mpi.Command, args) { Environment = environment };
    }

    public override Task<IReadOnlyList<LaunchedEngines>> LaunchAsync(int count, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        var launchId = EngineLaunchContext.NewLaunchId();
        var command = Command(count, context, launchId);
        LaunchedEngines launched;
        if (context.Detached)
        {
            var pid = ChildProcess.StartDetached(command, Path.Combine(context.LogDirectory, context.UniqueName(".mpiexec.log")));
            launched = new LaunchedEngines(new EngineUnit { Launcher = Kind, Engines = count, Pid = pid, LaunchId = launchId });
        }
        else
        {
            // A standard input pipe of its own, so mpiexec (which forwards its input to rank 0) never reads ours.
            var output = new ChildOutput(context.Loggers, "mpiexec process {pid}", "RemoteKit.Launchers.Mpi");
            var process = ChildProcess.Start(command, watchStdin: true, output);
            launched = new LaunchedEngines(new EngineUnit { Launcher = Kind, Engines = count, Pid = process.Id, LaunchId = launchId }, process, output);
        }

        return Task.FromResult<IReadOnlyList<LaunchedEngines>>([launched]);
    }
}
