using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;

namespace RemoteKit.Launchers;

/// <summary>
/// Engines started together, as far as another process needs to know to stop them: a local process, an <c>mpiexec</c>,
/// a batch job, or one engine on an SSH host. Kept in a CLI cluster's state file, so <c>cluster stop</c> can cancel it.
/// A launcher of your own describes its units with whichever of these fit (a <see cref="Pid"/>, a <see cref="JobId"/>).
/// </summary>
public sealed record EngineUnit
{
    /// <summary>The launcher that started it.</summary>
    [JsonPropertyName("launcher")]
    [JsonConverter(typeof(JsonStringEnumConverter<EngineLauncherKind>))]
    public required EngineLauncherKind Launcher { get; init; }

    /// <summary>How many engines it runs.</summary>
    [JsonPropertyName("engines")]
    public required int Engines { get; init; }

    /// <summary>
    /// What its launcher named it, told to its engines, which tell the controller: the controller's verdict that an engine
    /// is gone for good names it, so that this unit is ended and replaced. An engine of a job array or MPI run adds its
    /// index (<c>id.3</c>).
    /// </summary>
    [JsonPropertyName("launchId")]
    public string? LaunchId { get; init; }

    /// <summary>A process on this machine: the engine itself, or <c>mpiexec</c>.</summary>
    [JsonPropertyName("pid")]
    public int? Pid { get; init; }

    /// <summary>A batch job id (Slurm, PBS, SGE).</summary>
    [JsonPropertyName("job")]
    public string? JobId { get; init; }

    /// <summary>The SSH host (as configured: <c>host</c> or <c>user@host</c>).</summary>
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    /// <summary>The engine's process id on <see cref="Host"/>.</summary>
    [JsonPropertyName("remotePid")]
    public int? RemotePid { get; init; }

    /// <summary>The connection file copied to <see cref="Host"/>, removed when the cluster stops.</summary>
    [JsonPropertyName("remoteFile")]
    public string? RemoteFile { get; init; }

    /// <summary>A short description for messages.</summary>
    public override string ToString()
    {
        var engines = Plural.Engines(Engines);
        return Launcher switch
        {
            EngineLauncherKind.Slurm => $"Slurm job {JobId} ({engines})",
            EngineLauncherKind.Pbs => $"PBS job {JobId} ({engines})",
            EngineLauncherKind.Sge => $"SGE job {JobId} ({engines})",
            EngineLauncherKind.Custom when JobId is not null => $"job {JobId} ({engines})",
            EngineLauncherKind.Mpi => $"mpiexec process {Pid?.ToString(CultureInfo.InvariantCulture)} ({engines})",
            EngineLauncherKind.Ssh => $"engine process {RemotePid?.ToString(CultureInfo.InvariantCulture)} on {Host}",
            _ => $"engine process {Pid?.ToString(CultureInfo.InvariantCulture)}",
        };
    }
}

/// <summary>A unit started by this process, with the live process that runs or watches it, if any.</summary>
public sealed class LaunchedEngines
{
    /// <summary>A unit started by this process.</summary>
    /// <param name="unit">What another process would need to stop it.</param>
    /// <param name="process">
    /// The child process of this one that runs it, if any: its exit is the unit's end (a replacement starts unless it was
    /// asked to stop). Without one, the unit has ended once <see cref="EngineLauncher.IsGoneAsync"/> says so.
    /// </param>
    public LaunchedEngines(EngineUnit unit, Process? process = null)
        : this(unit, process, null)
    {
    }

    internal LaunchedEngines(EngineUnit unit, Process? process, ChildOutput? output)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Unit = unit;
        Process = process;
        Output = output;
    }

    /// <summary>What another process would need to stop it.</summary>
    public EngineUnit Unit { get; }

    /// <summary>The child process of this one that runs it (local engine, <c>mpiexec</c>, an SSH session), if any.</summary>
    public Process? Process { get; }

    /// <summary>Where the process's output goes.</summary>
    internal ChildOutput? Output { get; }

    /// <summary>Set once this process asked it to stop, so its exit is not a death.</summary>
    internal bool StopRequested { get; set; }

    /// <summary>The indexes of its engines (job array tasks) ended one by one and replaced elsewhere.</summary>
    internal HashSet<string> EndedIndexes { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Unit.ToString();
}

/// <summary>English plurals of the words RemoteKit prints.</summary>
internal static class Plural
{
    /// <summary><c>1 engine</c>, <c>2 engines</c>.</summary>
    public static string Engines(int count) => count == 1 ? "1 engine" : count.ToString(CultureInfo.InvariantCulture) + " engines";
}
