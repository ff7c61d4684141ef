using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// The controller in a batch job (<c>--controller slurm|pbs</c>), submitted like the engines' jobs: the submit command runs
/// with the controller's key and certificate in its environment, which the scheduler hands to the job (Slurm's default
/// <c>--export=ALL</c>, <c>qsub -V</c>); the script holds no secret. The job's output goes to the log folder, which must be
/// reachable from the node (as for batch engines): the controller announces where it listens there, the script records its
/// node and, once it ends, its exit code. A job that ends without one that is 0 died, and a new job is submitted (for
/// Slurm, on the same node, so the address stays the same).
/// </summary>
internal sealed class BatchControllerLauncher(ClusterRequest request, IConfiguration configuration, ILoggerFactory loggers)
    : PlacedControllerLauncher(request, configuration, loggers)
{
    private const string NodePrefix = "remotekit-controller-node ";
    private const string ExitPrefix = "remotekit-controller-exit ";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan FilePoll = TimeSpan.FromMilliseconds(250);

    private readonly EngineLauncher _jobs = EngineLauncher.Create(
        request.Settings.Controller.Launcher == ControllerLauncherKind.Slurm ? EngineLauncherKind.Slurm : EngineLauncherKind.Pbs, request.Settings);

    private string? _node;

    public override ControllerLauncherKind Kind => Settings.Controller.Launcher;

    public override TimeSpan StartTimeout => TimeoutFor(Settings);

    private bool IsSlurm => Kind == ControllerLauncherKind.Slurm;

    /// <summary>How long a controller job may queue and start: as configured, else the engine timeout, else an hour.</summary>
    public static TimeSpan TimeoutFor(ClusterSettings settings) => settings.Controller.StartTimeout ?? settings.EngineTimeout ?? TimeSpan.FromHours(1);

    /// <summary>The job script that runs <paramref name="command"/>, writing to <paramref name="output"/>; on <paramref name="node"/> when given (Slurm).</summary>
    public string Script(string name, string output, string command, string? node)
    {
        var script = new StringBuilder("#!/bin/sh\n");
        foreach (var directive in Directives(name, output, node))
        {
            script.Append(IsSlurm ? "#SBATCH " : "#PBS ").Append(directive).Append('\n');
        }

        foreach (var line in Settings.Controller.ExtraLines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var prefix = IsSlurm ? "#SBATCH" : "#PBS";
            script.Append(line.TrimStart().StartsWith(prefix, StringComparison.Ordinal) ? line.Trim() : $"{prefix} {line.Trim()}").Append('\n');
        }

        script.Append(IsSlurm ? $"echo \"{NodePrefix}${{SLURMD_NODENAME:-$(hostname)}}\"\n" : $"echo \"{NodePrefix}$(hostname)\"\n");
        script.Append(command).Append('\n');
        script.Append($"echo \"{ExitPrefix}$?\"\n");
        return script.ToString();
    }

    /// <summary>The submit command (run in the log folder); PBS options go on its command line too, for front ends that read only that.</summary>
    public ProcessCommand Submit(string script, string name, string output) => IsSlurm
        ? new ProcessCommand("sbatch", ["--parsable", script])
        : new ProcessCommand("qsub", ["-V", .. Directives(name, output, null).SelectMany(d => d.Split(' ', 2)), script]);

    public override async Task<ControllerRun> StartAsync(bool restore, CancellationToken cancellationToken)
    {
        var directory = Settings.LogDirectory ?? Request.Profile.LogDirectory;
        Directory.CreateDirectory(directory);
        var name = $"remotekit-{Request.Profile.Name}-controller";
        var unique = $"{name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";
        var output = Path.Combine(directory, unique + ".out");
        var path = Path.Combine(directory, unique + (IsSlurm ? ".sbatch" : ".pbs"));
        await File.WriteAllTextAsync(path, Script(name, output, ControllerCommand(supervised: false), restore && IsSlurm ? _node : null), cancellationToken)
            .ConfigureAwait(false);
        var submit = Submit(path, name, output) with { Environment = Environment(restore, out _) };
        var result = await ChildProcess.RunAsync(submit, timeout: CommandTimeout, workingDirectory: directory, cancellationToken: cancellationToken).ConfigureAwait(false);
        result.EnsureSuccess($"Submitting the controller job {path}");
        var job = result.Output.Split((char[])['\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split(';')[0]
            ?? throw new InvalidOperationException($"The controller job was submitted but no job id was printed: '{result.Output.Trim()}'.");
        return new BatchControllerRun(this, job, output);
    }

    private IEnumerable<string> Directives(string name, string output, string? node)
    {
        if (IsSlurm)
        {
            yield return "--job-name=" + name;
            yield return "--output=" + output;
            yield return "--ntasks=1";
            if (Settings.Slurm.Partition is { Length: > 0 } partition)
            {
                yield return "--partition=" + partition;
            }

            if (Settings.Slurm.Account is { Length: > 0 } account)
            {
                yield return "--account=" + account;
            }

            if (Settings.Slurm.Qos is { Length: > 0 } qos)
            {
                yield return "--qos=" + qos;
            }

            if (Settings.Slurm.Walltime is { } walltime)
            {
                yield return "--time=" + Clock(walltime);
            }

            if (node is not null)
            {
                yield return "--nodelist=" + node;
            }
        }
        else
        {
            yield return "-N " + name;
            yield return "-j oe";
            yield return "-o " + output;
            if (Settings.Pbs.Queue is { Length: > 0 } queue)
            {
                yield return "-q " + queue;
            }

            if (Settings.Pbs.Walltime is { } walltime)
            {
                yield return "-l walltime=" + Clock(walltime);
            }
        }
    }

    private static string Clock(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}");

    private sealed class BatchControllerRun(BatchControllerLauncher launcher, string job, string output) : ControllerRun
    {
        private DateTime _nextQuery = DateTime.MinValue;

        public override string Name => $"{(launcher.IsSlurm ? "Slurm" : "PBS")} job {job}";

        public override EngineUnit Unit { get; } = new()
        {
            Launcher = launcher.IsSlurm ? EngineLauncherKind.Slurm : EngineLauncherKind.Pbs, Engines = 0, JobId = job,
        };

        public override async Task<ConnectionInfo> WaitListeningAsync(CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(launcher.StartTimeout);
            try
            {
                while (true)
                {
                    var (announced, _) = Read();
                    if (announced is not null)
                    {
                        return launcher.Publish(announced);
                    }

                    if (await GoneAsync(deadline.Token).ConfigureAwait(false))
                    {
                        // It may have announced just before it ended.
                        if (Read().Announced is null)
                        {
                            throw new InvalidOperationException($"The controller's {Name} ended before it listened; its output ({output}):{System.Environment.NewLine}{Tail()}");
                        }

                        continue;
                    }

                    await Task.Delay(FilePoll, deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var states = await launcher._jobs.DescribeAsync([Unit], CancellationToken.None).ConfigureAwait(false);
                throw new TimeoutException(
                    $"The controller's {Name} did not announce that it listens within {launcher.StartTimeout}: {string.Join("; ", states)}. Its output goes to {output}.");
            }
        }

        public override async Task<int?> WaitForExitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                if (Read().ExitCode is { } code)
                {
                    return code;
                }

                if (await GoneAsync(cancellationToken).ConfigureAwait(false))
                {
                    return Read().ExitCode;
                }

                await Task.Delay(FilePoll, cancellationToken).ConfigureAwait(false);
            }
        }

        public override async Task StopAsync(TimeSpan grace)
        {
            // scancel and qdel send SIGTERM first, on which the controller tells its engines to stop.
            if (!await launcher._jobs.IsGoneAsync(Unit, CancellationToken.None).ConfigureAwait(false))
            {
                await launcher._jobs.CancelAndWaitAsync(Unit, grace * 2, CancellationToken.None).ConfigureAwait(false);
            }
        }

        /// <summary>Whether the scheduler says the job ended; asked once per poll interval, the output file more often.</summary>
        private async Task<bool> GoneAsync(CancellationToken cancellationToken)
        {
            if (DateTime.UtcNow < _nextQuery)
            {
                return false;
            }

            _nextQuery = DateTime.UtcNow + launcher.Settings.JobPollInterval;
            return await launcher._jobs.IsGoneAsync(Unit, cancellationToken).ConfigureAwait(false);
        }

        private (ControllerAnnouncement? Announced, int? ExitCode) Read()
        {
            ControllerAnnouncement? announced = null;
            int? exit = null;
            foreach (var line in Lines())
            {
                announced ??= ControllerAnnouncement.TryParse(line);
                if (line.StartsWith(NodePrefix, StringComparison.Ordinal))
                {
                    launcher._node = line[NodePrefix.Length..].Trim();
                }
                else if (line.StartsWith(ExitPrefix, StringComparison.Ordinal) &&
                    int.TryParse(line.AsSpan(ExitPrefix.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
                {
                    exit = code;
                }
            }

            return (announced, exit);
        }

        private string[] Lines()
        {
            try
            {
                using var stream = new FileStream(output, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd().Split('\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }

        private string Tail() => string.Join(System.Environment.NewLine, Lines().TakeLast(20));
    }
}
