using System.Globalization;
using System.Text;

namespace RemoteKit.Launchers;

/// <summary>
/// Engines in a batch job (Slurm, PBS). The job script holds no secret: the submit command runs with the controller's
/// address and key in its environment, which the scheduler hands to the job (Slurm's default <c>--export=ALL</c>, PBS's
/// <c>qsub -V</c>). Scripts and engine output go to the log folder, which must be reachable from the compute nodes.
/// </summary>
internal abstract class BatchLauncher(EngineLaunchOptions options) : EngineLauncher(options)
{
    protected static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public override TimeSpan DefaultEngineTimeout => TimeSpan.FromHours(1);

    /// <summary>The file ending of job scripts.</summary>
    protected abstract string ScriptExtension { get; }

    /// <summary>The job script for <paramref name="count"/> engines that each run <paramref name="engine"/>.</summary>
    public abstract string Script(int count, string engine, EngineLaunchContext context);

    /// <summary>The command that submits <paramref name="script"/> (run in the log folder).</summary>
    protected abstract ProcessCommand Submit(string script, int count, EngineLaunchContext context);

    /// <summary>The environment variable that holds a task's index in a job array (each engine's launch id adds it).</summary>
    protected virtual string? ArrayIndexVariable => null;

    /// <summary>The command that cancels <paramref name="job"/>.</summary>
    protected abstract ProcessCommand Cancel(string job);

    /// <summary>The states of a job's tasks, or none when the scheduler no longer knows it.</summary>
    protected abstract Task<IReadOnlyList<JobState>> QueryAsync(string job, CancellationToken cancellationToken);

    public override async Task<IReadOnlyList<LaunchedEngines>> LaunchAsync(int count, EngineLaunchContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.LogDirectory);
        var engine = Options.EngineCommand is { Length: > 0 } line ? line : context.EngineCommand.ToShell();
        var path = Path.Combine(context.LogDirectory, context.UniqueName(ScriptExtension));
        await File.WriteAllTextAsync(path, Script(count, engine, context), cancellationToken).ConfigureAwait(false);
        var launchId = EngineLaunchContext.NewLaunchId();
        var submit = Submit(path, count, context) with
        {
            Environment = (context with { LaunchId = launchId, LaunchIndexVariable = ArrayIndexVariable }).EngineEnvironment,
        };
        var result = await ChildProcess.RunAsync(submit, timeout: CommandTimeout, workingDirectory: context.LogDirectory, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        result.EnsureSuccess($"Submitting the engine job {path}");
        var job = ParseJobId(result.Output);
        return [new LaunchedEngines(new EngineUnit { Launcher = Kind, Engines = count, JobId = job, LaunchId = launchId })];
    }

    public override async Task CancelAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit.JobId is { } job)
        {
            // A job that already ended makes the cancel command complain; whether it is gone is checked separately.
            await ChildProcess.RunAsync(Cancel(job), timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task<bool> IsGoneAsync(EngineUnit unit, CancellationToken cancellationToken) =>
        unit.JobId is not { } job || (await QueryAsync(job, cancellationToken).ConfigureAwait(false)).All(s => s.Finished);

    public override async Task<IReadOnlyList<string>> DescribeAsync(IReadOnlyList<EngineUnit> units, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var unit in units.Where(u => u.JobId is not null))
        {
            var states = await QueryAsync(unit.JobId!, cancellationToken).ConfigureAwait(false);
            lines.Add(states.Count == 0
                ? $"job {unit.JobId}: ended"
                : $"job {unit.JobId}: " + string.Join(", ", states.Select(s => s.ToString())));
        }

        return lines;
    }

    /// <summary>The job id in what the submit command printed (its last word, e.g. <c>12</c>, <c>12;cluster</c>, <c>12.server</c>).</summary>
    protected virtual string ParseJobId(string output)
    {
        var id = output.Split((char[])['\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return string.IsNullOrEmpty(id) ? throw new InvalidOperationException($"The job was submitted but no job id was printed: '{output.Trim()}'.") : id;
    }

    /// <summary>Runs a query command; <see langword="null"/> when the scheduler answers that it no longer knows the job, or that it finished.</summary>
    protected static async Task<string?> RunQueryAsync(ProcessCommand command, IReadOnlyList<string> goneMessages, CancellationToken cancellationToken)
    {
        var result = await ChildProcess.RunAsync(command, timeout: CommandTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded && goneMessages.Any(m => (result.Error + result.Output).Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return result.EnsureSuccess("Querying the engine job").Output;
    }

    /// <summary>A script from the user's template file, its placeholders filled in.</summary>
    protected static string FromTemplate(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder(File.ReadAllText(template));
        foreach (var (name, value) in values)
        {
            text.Replace("{" + name + "}", value);
        }

        return text.ToString();
    }

    /// <summary>Extra directive lines, each with the directive prefix added where missing.</summary>
    protected static IEnumerable<string> Directives(string prefix, IEnumerable<string> lines) =>
        lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.TrimStart().StartsWith(prefix, StringComparison.Ordinal) ? l.Trim() : $"{prefix} {l.Trim()}");

    /// <summary>A time limit as <c>H:MM:SS</c> (hours may exceed 24).</summary>
    protected static string Clock(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}");
}

/// <summary>One task of a batch job and its state.</summary>
/// <param name="Id">The job (or array task) id.</param>
/// <param name="State">The scheduler's word for the state (<c>PENDING</c>, <c>RUNNING</c>, <c>Q</c>, ...).</param>
/// <param name="Detail">Why it waits, or where it runs.</param>
/// <param name="Finished">Whether it has ended for good.</param>
internal sealed record JobState(string Id, string State, string Detail, bool Finished)
{
    /// <inheritdoc />
    public override string ToString() => Detail.Length == 0 ? $"{Id} {State}" : $"{Id} {State} ({Detail})";
}
