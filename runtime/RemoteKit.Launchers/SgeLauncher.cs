using System.Globalization;
using System.Text;

namespace RemoteKit.Launchers;

/// <summary>
/// Engines in a Grid Engine array job: N tasks of one engine each (<c>qsub -t 1-N</c>), submitted with <c>qsub -V</c> so
/// that the controller's address and key reach the tasks through their environment, never the script. One task is ended
/// with <c>qdel JOB.TASK</c> and replaced by a job of its own; the job is removed with <c>qdel JOB</c>, and is gone when
/// <c>qstat</c> no longer lists any of its tasks. With a run-time limit, each engine gets SIGTERM
/// <c>WalltimeMargin</c> before it.
/// </summary>
internal sealed class SgeLauncher(EngineLaunchOptions options) : BatchLauncher(options)
{
    public override EngineLauncherKind Kind => EngineLauncherKind.Sge;

    protected override string ScriptExtension => ".sge";

    protected override string? ArrayIndexVariable => "SGE_TASK_ID";

    private SgeLauncherOptions Sge => Options.Sge;

    public override string Script(int count, string engine, EngineLaunchContext context)
    {
        if (Sge is { Walltime: { } walltime, WalltimeMargin: var margin } && margin > TimeSpan.Zero && margin < walltime)
        {
            engine = $"timeout -s TERM {((long)(walltime - margin).TotalSeconds).ToString(CultureInfo.InvariantCulture)} {engine}";
        }

        // A folder as -o: each task writes NAME.oJOB.TASK in it.
        var output = context.LogDirectory.EndsWith('/') ? context.LogDirectory : context.LogDirectory + "/";
        if (Sge.Template is { Length: > 0 } template)
        {
            return FromTemplate(template, new Dictionary<string, string>
            {
                ["n"] = count.ToString(CultureInfo.InvariantCulture),
                ["engine_command"] = engine,
                ["job_name"] = context.Name,
                ["output"] = output,
                ["walltime"] = Sge.Walltime is { } w ? Clock(w) : "",
                ["queue"] = Sge.Queue ?? "",
            });
        }

        var script = new StringBuilder("#!/bin/sh\n");
        void Directive(string line) => script.Append("#$ ").Append(line).Append('\n');
        Directive("-N " + context.Name);
        Directive("-S /bin/sh");
        Directive("-j y");
        Directive("-o " + output);
        Directive($"-t 1-{count.ToString(CultureInfo.InvariantCulture)}");
        if (Sge.Queue is { Length: > 0 } queue)
        {
            Directive("-q " + queue);
        }

        if (Sge.Project is { Length: > 0 } project)
        {
            Directive("-P " + project);
        }

        if (Sge.Walltime is { } limit)
        {
            Directive("-l h_rt=" + Clock(limit));
        }

        foreach (var line in Directives("#$", Sge.ExtraLines))
        {
            script.Append(line).Append('\n');
        }

        script.Append("exec ").Append(engine).Append('\n');
        return script.ToString();
    }

    // -terse prints the job id alone (an array job: "12.1-4:1"); -V hands this environment (the controller) to the tasks.
    protected override ProcessCommand Submit(string script, int count, EngineLaunchContext context) => new(Command("qsub"), ["-terse", "-V", script]);

    protected override ProcessCommand Cancel(string job) => new(Command("qdel"), [job]);

    protected override string ParseJobId(string output) => base.ParseJobId(output).Split('.')[0];

    public override async Task<bool> EndOneAsync(EngineUnit unit, string index, CancellationToken cancellationToken)
    {
        if (unit.JobId is not { } job || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        // qdel JOB.TASK ends that array task only; one that already ended makes it complain, which changes nothing.
        await ChildProcess.RunAsync(new ProcessCommand(Command("qdel"), [job + "." + index]), timeout: CommandTimeout, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    protected override async Task<IReadOnlyList<JobState>> QueryAsync(string job, CancellationToken cancellationToken)
    {
        // Every user's jobs, one line per array task (-g d); a job that ended is simply not listed.
        var output = await RunQueryAsync(new ProcessCommand(Command("qstat"), ["-u", "*", "-g", "d"]), [], cancellationToken).ConfigureAwait(false);
        return Parse(output ?? "", job);
    }

    /// <summary>The tasks of <paramref name="job"/> in what <c>qstat -g d</c> printed.</summary>
    internal static IReadOnlyList<JobState> Parse(string qstat, string job) =>
        qstat.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            // job-ID prior name user state date time [queue] [slots] [ja-task-ID]
            .Where(f => f.Length >= 7 && f[0] == job)
            .Select(f => new JobState(HasTask(f) ? $"{job}.{f[^1]}" : job, Word(f[4]), f[4], f[4].Contains('E', StringComparison.Ordinal)))
            .ToArray();

    /// <summary>Whether the line ends in an array task id: after the slots of a running task (with its queue@host) or a waiting one.</summary>
    private static bool HasTask(string[] fields) => fields.Length == 10 || (fields.Length == 9 && !fields[7].Contains('@', StringComparison.Ordinal));

    private static string Word(string state) => state switch
    {
        _ when state.Contains('E', StringComparison.Ordinal) => "ERROR",
        _ when state.StartsWith('d') => "DELETING",
        _ when state.Contains('h', StringComparison.Ordinal) => "HELD",
        "qw" => "QUEUED",
        "r" or "t" or "Rr" or "Rt" => "RUNNING",
        _ when state.Contains('s', StringComparison.OrdinalIgnoreCase) => "SUSPENDED",
        _ => state,
    };

    private string Command(string name) => Sge.CommandDirectory is { Length: > 0 } folder ? Path.Combine(folder, name) : name;
}
