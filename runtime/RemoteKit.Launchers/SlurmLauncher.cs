using System.Globalization;
using System.Text;

namespace RemoteKit.Launchers;

/// <summary>
/// Engines in a Slurm job: by default one job whose <c>srun</c> runs N tasks (it starts when there is room for all), or a
/// job array of N one-engine tasks. With a walltime, engines get SIGTERM <c>WalltimeMargin</c> before it ends
/// (<c>--signal</c>) and leave cleanly. Stopped with <c>scancel</c>; gone when <c>squeue</c> no longer lists it.
/// </summary>
internal sealed class SlurmLauncher(EngineLaunchOptions options) : BatchLauncher(options)
{
    private static readonly HashSet<string> Finished = new(StringComparer.Ordinal)
    {
        "BOOT_FAIL", "CANCELLED", "COMPLETED", "DEADLINE", "FAILED", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "REVOKED", "SPECIAL_EXIT", "TIMEOUT",
    };

    public override EngineLauncherKind Kind => EngineLauncherKind.Slurm;

    protected override string ScriptExtension => ".sbatch";

    protected override string? ArrayIndexVariable => "SLURM_ARRAY_TASK_ID";

    private SlurmLauncherOptions Slurm => Options.Slurm;

    public override string Script(int count, string engine, EngineLaunchContext context)
    {
        var output = Path.Combine(context.LogDirectory, Slurm.JobArray ? "%x-%A_%a.out" : "%x-%j.out");
        if (Slurm.Template is { Length: > 0 } template)
        {
            return FromTemplate(template, new Dictionary<string, string>
            {
                ["n"] = count.ToString(CultureInfo.InvariantCulture),
                ["engine_command"] = engine,
                ["job_name"] = context.Name,
                ["output"] = output,
                ["walltime"] = Slurm.Walltime is { } w ? Clock(w) : "",
                ["partition"] = Slurm.Partition ?? "",
                ["account"] = Slurm.Account ?? "",
                ["qos"] = Slurm.Qos ?? "",
            });
        }

        var script = new StringBuilder("#!/bin/sh\n");
        void Directive(string line) => script.Append("#SBATCH ").Append(line).Append('\n');
        Directive("--job-name=" + context.Name);
        Directive("--output=" + output);
        if (Slurm.JobArray)
        {
            Directive($"--array=1-{count.ToString(CultureInfo.InvariantCulture)}");
            Directive("--ntasks=1");
        }
        else
        {
            Directive($"--ntasks={count.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Slurm.Partition is { Length: > 0 } partition)
        {
            Directive("--partition=" + partition);
        }

        if (Slurm.Account is { Length: > 0 } account)
        {
            Directive("--account=" + account);
        }

        if (Slurm.Qos is { Length: > 0 } qos)
        {
            Directive("--qos=" + qos);
        }

        if (Slurm.Walltime is { } walltime)
        {
            Directive("--time=" + Clock(walltime));
            if (Slurm.WalltimeMargin > TimeSpan.Zero && Slurm.WalltimeMargin < walltime)
            {
                // Array tasks run the engine as the batch shell itself (B:); srun tasks are job steps.
                var seconds = (int)Math.Min(65535, Slurm.WalltimeMargin.TotalSeconds);
                Directive($"--signal={(Slurm.JobArray ? "B:" : "")}TERM@{seconds.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        foreach (var line in Directives("#SBATCH", Slurm.ExtraLines))
        {
            script.Append(line).Append('\n');
        }

        script.Append(Slurm.JobArray ? "exec " : "srun ").Append(engine).Append('\n');
        return script.ToString();
    }

    protected override ProcessCommand Submit(string script, int count, EngineLaunchContext context) => new("sbatch", ["--parsable", script]);

    protected override ProcessCommand Cancel(string job) => new("scancel", [job]);

    public override async Task<bool> EndOneAsync(EngineUnit unit, string index, CancellationToken cancellationToken)
    {
        if (unit.JobId is not { } job || !Slurm.JobArray || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return false;
        }

        // scancel JOB_TASK ends that array task only; one that already ended makes it complain, which changes nothing.
        await ChildProcess.RunAsync(new ProcessCommand("scancel", ["--signal=KILL", job + "_" + index]), timeout: CommandTimeout, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    protected override string ParseJobId(string output) => base.ParseJobId(output).Split(';')[0];

    protected override async Task<IReadOnlyList<JobState>> QueryAsync(string job, CancellationToken cancellationToken)
    {
        var output = await RunQueryAsync(new ProcessCommand("squeue", ["-h", "-j", job, "-o", "%i|%T|%R"]), ["Invalid job id"], cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return [];
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|'))
            .Where(f => f.Length == 3)
            .Select(f => new JobState(f[0], f[1], f[2].Trim('(', ')'), Finished.Contains(f[1])))
            .ToArray();
    }
}
