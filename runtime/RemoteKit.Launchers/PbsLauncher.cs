using System.Globalization;
using System.Text;

namespace RemoteKit.Launchers;

/// <summary>
/// Engines in a PBS job (PBS Pro, OpenPBS, Torque): by default an array of N one-engine tasks. The essential settings
/// are passed to <c>qsub</c> on its command line as well as in the script, since some PBS front ends (Slurm's Torque
/// wrappers) read only the command line. With a walltime, each engine is stopped with SIGTERM <c>WalltimeMargin</c>
/// before it ends. Removed with <c>qdel</c>; gone when <c>qstat</c> reports it finished or no longer knows it.
/// </summary>
internal sealed class PbsLauncher(EngineLaunchOptions options) : BatchLauncher(options)
{
    public override EngineLauncherKind Kind => EngineLauncherKind.Pbs;

    protected override string ScriptExtension => ".pbs";

    // PBS Pro and OpenPBS name it PBS_ARRAY_INDEX (Torque: PBS_ARRAYID).
    protected override string? ArrayIndexVariable => "PBS_ARRAY_INDEX";

    private PbsLauncherOptions Pbs => Options.Pbs;

    private bool IsArray => Pbs.ArrayOption.Length > 0;

    public override string Script(int count, string engine, EngineLaunchContext context)
    {
        var n = count.ToString(CultureInfo.InvariantCulture);
        if (Pbs is { Walltime: { } walltime, WalltimeMargin: var margin } && margin > TimeSpan.Zero && margin < walltime)
        {
            engine = $"timeout -s TERM {((long)(walltime - margin).TotalSeconds).ToString(CultureInfo.InvariantCulture)} {engine}";
        }

        if (Pbs.Template is { Length: > 0 } template)
        {
            return FromTemplate(template, new Dictionary<string, string>
            {
                ["n"] = n,
                ["engine_command"] = engine,
                ["job_name"] = context.Name,
                ["output"] = context.LogDirectory,
                ["walltime"] = Pbs.Walltime is { } w ? Clock(w) : "",
                ["queue"] = Pbs.Queue ?? "",
            });
        }

        var script = new StringBuilder("#!/bin/sh\n");
        foreach (var option in QsubOptions(count, context))
        {
            script.Append("#PBS ").Append(option).Append('\n');
        }

        foreach (var line in Directives("#PBS", Pbs.ExtraLines))
        {
            script.Append(line).Append('\n');
        }

        script.Append(IsArray ? $"exec {engine}\n" : $"for i in $(seq {n}); do {engine} & done\nwait\n");
        return script.ToString();
    }

    protected override ProcessCommand Submit(string script, int count, EngineLaunchContext context)
    {
        var args = new List<string> { "-V" };
        foreach (var option in QsubOptions(count, context))
        {
            args.AddRange(option.Split(' ', 2));
        }

        if (IsArray)
        {
            args.AddRange([Pbs.ArrayOption, $"1-{count.ToString(CultureInfo.InvariantCulture)}"]);
        }

        args.Add(script);
        return new ProcessCommand("qsub", args);
    }

    protected override ProcessCommand Cancel(string job) => new("qdel", [job]);

    protected override async Task<IReadOnlyList<JobState>> QueryAsync(string job, CancellationToken cancellationToken)
    {
        var output = await RunQueryAsync(new ProcessCommand("qstat", [job]), ["Unknown Job", "has finished"], cancellationToken).ConfigureAwait(false);
        if (output is null)
        {
            return [];
        }

        // Job id, Name, User, Time Use, S, Queue; after two header lines.
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SkipWhile(l => !l.StartsWith("---", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6)
            .Select(f => new JobState(f[0], Word(f[^2]), "", f[^2] is "C" or "F" or "X"))
            .ToArray();
    }

    private static string Word(string state) => state switch
    {
        "Q" => "QUEUED",
        "H" => "HELD",
        "W" => "WAITING",
        "R" => "RUNNING",
        "B" => "RUNNING",
        "E" => "EXITING",
        "C" or "F" or "X" => "FINISHED",
        _ => state,
    };

    /// <summary>Options both in the script's <c>#PBS</c> lines and on the <c>qsub</c> command line.</summary>
    private IEnumerable<string> QsubOptions(int count, EngineLaunchContext context)
    {
        yield return "-N " + context.Name;
        yield return "-j oe";
        if (Pbs.Queue is { Length: > 0 } queue)
        {
            yield return "-q " + queue;
        }

        if (Pbs.Walltime is { } walltime)
        {
            yield return "-l walltime=" + Clock(walltime);
        }

        if (!IsArray)
        {
            yield return $"-l nodes=1:ppn={count.ToString(CultureInfo.InvariantCulture)}";
        }
    }
}
