using Microsoft.Extensions.Logging;

namespace RemoteKit;

/// <summary>How engines are started (ipyparallel's <c>--engines=Slurm|MPI|SSH|PBS|SGE</c>).</summary>
public enum EngineLauncherKind
{
    /// <summary>Processes on this machine, children of the process that started the cluster.</summary>
    Local,

    /// <summary>Processes on other hosts, started over SSH (<see cref="EngineLaunchOptions.Ssh"/>).</summary>
    Ssh,

    /// <summary>One <c>mpiexec</c> running every engine as an MPI rank (<see cref="EngineLaunchOptions.Mpi"/>).</summary>
    Mpi,

    /// <summary>A Slurm batch job (<see cref="EngineLaunchOptions.Slurm"/>).</summary>
    Slurm,

    /// <summary>A PBS/Torque batch job (<see cref="EngineLaunchOptions.Pbs"/>).</summary>
    Pbs,

    /// <summary>A (Son of / Univa / Open) Grid Engine array job (<see cref="EngineLaunchOptions.Sge"/>).</summary>
    Sge,

    /// <summary>
    /// A launcher of your own: an <see cref="RemoteKit.Launchers.EngineLauncher"/> given to <c>ClusterOptions.CustomLauncher</c>, or
    /// named by <see cref="EngineLaunchOptions.LauncherType"/>.
    /// </summary>
    Custom,
}

/// <summary>
/// Where and how engines start, and what happens when one dies. Shared by <c>ClusterOptions</c> (code) and the
/// <c>RemoteKit:Cluster</c> section of a profile's <c>remotekit.json</c> (the <c>remotekit</c> tool), where it binds from
/// configuration by the same names.
/// </summary>
public class EngineLaunchOptions
{
    /// <summary>The launcher: <c>local</c> (default), <c>ssh</c>, <c>mpi</c>, <c>slurm</c>, <c>pbs</c>, <c>sge</c> or <c>custom</c>.</summary>
    public EngineLauncherKind Launcher { get; set; } = EngineLauncherKind.Local;

    /// <summary>
    /// With <see cref="EngineLauncherKind.Custom"/>: the launcher's type, an <see cref="RemoteKit.Launchers.EngineLauncher"/>
    /// with a public constructor taking <see cref="EngineLaunchOptions"/>, as an assembly-qualified name
    /// (<c>MySite.Launchers.LsfLauncher, MySite.Launchers</c>). The <c>remotekit</c> tool creates it for <c>cluster start</c>
    /// and again for <c>cluster stop</c>.
    /// </summary>
    public string? LauncherType { get; set; }

    /// <summary>
    /// The assembly file that holds <see cref="LauncherType"/>, when it is not beside the program (the <c>remotekit</c>
    /// tool): loaded into the default load context before the type is looked up.
    /// </summary>
    public string? LauncherAssembly { get; set; }

    /// <summary>
    /// The command that runs one engine where engines run, as a shell line (e.g. <c>remotekit engine</c>, or
    /// <c>dotnet /shared/app/remotekit-host/RemoteKit.Host.dll engine</c>). By default the program that starts the cluster
    /// runs its own engine host by its full path, which works on this machine and on hosts that share its file system.
    /// The engine receives the controller's address and key through its environment or a connection file, never here.
    /// </summary>
    public string? EngineCommand { get; set; }

    /// <summary>
    /// An SSH server the engines reach the controller through (ipyparallel's <c>--enginessh</c>), for engines on hosts that
    /// cannot connect to it directly: each engine process runs <c>ssh -L</c> to it (<c>RemoteKit:Engine:Ssh</c> in its
    /// environment). Null (the default): engines connect directly.
    /// </summary>
    public string? EngineSsh { get; set; }

    /// <summary>The <c>ssh_config</c> file, as the engines' hosts see it, for <see cref="EngineSsh"/>.</summary>
    public string? EngineSshConfigFile { get; set; }

    /// <summary>
    /// How long to wait for engines to register before failing. By default 90 s for local engines, 5 minutes for SSH and
    /// MPI, and 1 hour for Slurm, PBS and SGE, whose queues can be slow.
    /// </summary>
    public TimeSpan? EngineTimeout { get; set; }

    /// <summary>How often the state of batch jobs is queried while waiting for them, and to notice that one ended.</summary>
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The minimum level of the log lines that child processes (controller, engines) write; warnings by default.</summary>
    public LogLevel ChildLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>
    /// Where job scripts and the output of engines that run away from this process (batch jobs, detached processes) are
    /// written. It must be reachable from where engines run. By default the profile's <c>log/</c> folder, or a folder under
    /// the temporary folder for an embedded cluster.
    /// </summary>
    public string? LogDirectory { get; set; }

    /// <summary>Replacing engines that die.</summary>
    public EngineRestartOptions Restart { get; set; } = new();

    /// <summary>Settings of the SSH launcher.</summary>
    public SshLauncherOptions Ssh { get; set; } = new();

    /// <summary>Settings of the MPI launcher.</summary>
    public MpiLauncherOptions Mpi { get; set; } = new();

    /// <summary>Settings of the Slurm launcher.</summary>
    public SlurmLauncherOptions Slurm { get; set; } = new();

    /// <summary>Settings of the PBS launcher.</summary>
    public PbsLauncherOptions Pbs { get; set; } = new();

    /// <summary>Settings of the SGE (Grid Engine) launcher.</summary>
    public SgeLauncherOptions Sge { get; set; } = new();
}

/// <summary>
/// Supervision, as Dask's nanny does it: whoever started engines (an embedded cluster, <c>remotekit cluster start</c>)
/// starts a replacement when one exits unexpectedly. A replacement registers as a new engine and gets the next engine id.
/// </summary>
public sealed class EngineRestartOptions
{
    /// <summary>Whether dead engines are replaced (on by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>At most this many replacements within <see cref="Window"/>; past it, dead engines stay dead and an error is logged.</summary>
    public int MaxRestarts { get; set; } = 10;

    /// <summary>The period <see cref="MaxRestarts"/> counts over.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait before the second replacement within <see cref="Window"/>; it doubles for each further one (the first is immediate).</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between replacements.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>The SSH launcher: engines on other hosts, started with <c>ssh</c>.</summary>
public sealed class SshLauncherOptions
{
    /// <summary>The hosts, each as <c>host</c> or <c>host:engines</c> (also <c>user@host:engines</c>); engines are dealt out in this order.</summary>
    public IList<string> Hosts { get; set; } = [];

    /// <summary>The SSH port, if not the default (or the one in <see cref="ConfigFile"/>).</summary>
    public int? Port { get; set; }

    /// <summary>The private key to log in with (<c>ssh -i</c>).</summary>
    public string? IdentityFile { get; set; }

    /// <summary>An <c>ssh_config</c> file (<c>ssh -F</c>) with host aliases and settings.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>More <c>-o Name=value</c> options for <c>ssh</c>.</summary>
    public IList<string> Options { get; set; } = [];

    /// <summary>The command that runs one engine on the remote hosts; by default <see cref="EngineLaunchOptions.EngineCommand"/>.</summary>
    public string? EngineCommand { get; set; }

    /// <summary>The folder engines run in on the remote hosts (created if missing); by default the login folder.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// The remote folder the engine connection file is copied to (created first, owner-only; the file is mode 0600).
    /// Relative paths start in the login folder. By default <c>.remotekit/security</c>.
    /// </summary>
    public string RemoteDirectory { get; set; } = ".remotekit/security";
}

/// <summary>The MPI launcher: one <c>mpiexec</c> that runs every engine as a rank.</summary>
public sealed class MpiLauncherOptions
{
    /// <summary>The launcher program (<c>mpiexec</c>, <c>mpirun</c>, <c>/usr/bin/mpirun.openmpi</c>, ...).</summary>
    public string Command { get; set; } = "mpiexec";

    /// <summary>Arguments placed before <c>-n N</c>: hosts, <c>--oversubscribe</c>, <c>--mca</c> settings, ...</summary>
    public IList<string> Arguments { get; set; } = [];

    /// <summary>
    /// Forward the controller's address and key to ranks on other hosts with Open MPI's <c>-x NAME</c> (names only, never
    /// values). Turn off for an MPI that does not know <c>-x</c> and forward the environment with its own option instead
    /// (MPICH: <c>-genvall</c> in <see cref="Arguments"/>).
    /// </summary>
    public bool ExportEnvironment { get; set; } = true;
}

/// <summary>The Slurm launcher: engines run in a batch job submitted with <c>sbatch</c> and cancelled with <c>scancel</c>.</summary>
public sealed class SlurmLauncherOptions
{
    /// <summary>The partition (<c>--partition</c>).</summary>
    public string? Partition { get; set; }

    /// <summary>The account to charge (<c>--account</c>).</summary>
    public string? Account { get; set; }

    /// <summary>The quality of service (<c>--qos</c>).</summary>
    public string? Qos { get; set; }

    /// <summary>The job's time limit (<c>--time</c>); engines are asked to leave <see cref="WalltimeMargin"/> before it ends.</summary>
    public TimeSpan? Walltime { get; set; }

    /// <summary>How long before the time limit engines get SIGTERM and leave cleanly (<c>--signal</c>).</summary>
    public TimeSpan WalltimeMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>More <c>#SBATCH</c> lines, with or without the <c>#SBATCH</c> prefix (e.g. <c>--nodes=4</c>, <c>--mem-per-cpu=2G</c>).</summary>
    public IList<string> ExtraLines { get; set; } = [];

    /// <summary>
    /// A job-script template file of your own, used instead of the generated script. Placeholders: <c>{n}</c>,
    /// <c>{engine_command}</c>, <c>{job_name}</c>, <c>{output}</c>, <c>{walltime}</c>, <c>{partition}</c>,
    /// <c>{account}</c>, <c>{qos}</c>. With <see cref="JobArray"/> each array task must run one engine.
    /// </summary>
    public string? Template { get; set; }

    /// <summary>
    /// One array task per engine (<c>--array=1-N</c>) instead of one job whose <c>srun</c> runs N tasks. Array tasks start
    /// as soon as each finds room; the single job starts when there is room for all.
    /// </summary>
    public bool JobArray { get; set; }
}

/// <summary>The PBS launcher (PBS Pro, Torque, OpenPBS): engines run in a batch job submitted with <c>qsub</c>, removed with <c>qdel</c>.</summary>
public sealed class PbsLauncherOptions
{
    /// <summary>The queue (<c>-q</c>).</summary>
    public string? Queue { get; set; }

    /// <summary>The job's time limit (<c>-l walltime</c>); engines leave <see cref="WalltimeMargin"/> before it ends.</summary>
    public TimeSpan? Walltime { get; set; }

    /// <summary>How long before the time limit engines are asked to leave.</summary>
    public TimeSpan WalltimeMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>More <c>#PBS</c> lines, with or without the <c>#PBS</c> prefix (e.g. <c>-l mem=4gb</c>, <c>-A project</c>).</summary>
    public IList<string> ExtraLines { get; set; } = [];

    /// <summary>A job-script template file of your own; placeholders as for Slurm (<c>{n}</c>, <c>{engine_command}</c>, <c>{queue}</c>, ...).</summary>
    public string? Template { get; set; }

    /// <summary>
    /// The option that makes an array job of N tasks, one engine each: <c>-t</c> (Torque, the default) or <c>-J</c>
    /// (PBS Pro, OpenPBS). Empty: one job runs all N engines on its first node.
    /// </summary>
    public string ArrayOption { get; set; } = "-t";
}

/// <summary>
/// The SGE launcher (Son of Grid Engine, Univa/Altair Grid Engine, Open Cluster Scheduler): engines run as the tasks of an
/// array job submitted with <c>qsub -t 1-N</c>, one engine each; one task is ended with <c>qdel JOB.TASK</c>, the job with
/// <c>qdel JOB</c>.
/// </summary>
public sealed class SgeLauncherOptions
{
    /// <summary>The queue (<c>-q</c>).</summary>
    public string? Queue { get; set; }

    /// <summary>The project to charge (<c>-P</c>).</summary>
    public string? Project { get; set; }

    /// <summary>The job's run-time limit (<c>-l h_rt</c>); engines leave <see cref="WalltimeMargin"/> before it ends.</summary>
    public TimeSpan? Walltime { get; set; }

    /// <summary>How long before the run-time limit engines get SIGTERM and leave cleanly.</summary>
    public TimeSpan WalltimeMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>More <c>#$</c> lines, with or without the <c>#$</c> prefix (e.g. <c>-l h_vmem=4G</c>, <c>-pe smp 4</c>).</summary>
    public IList<string> ExtraLines { get; set; } = [];

    /// <summary>
    /// A job-script template file of your own; placeholders <c>{n}</c>, <c>{engine_command}</c>, <c>{job_name}</c>,
    /// <c>{output}</c>, <c>{walltime}</c>, <c>{queue}</c>. Each array task must run one engine.
    /// </summary>
    public string? Template { get; set; }

    /// <summary>
    /// The folder holding Grid Engine's <c>qsub</c>, <c>qstat</c> and <c>qdel</c> (e.g. <c>$SGE_ROOT/bin/lx-amd64</c>),
    /// when those on <c>PATH</c> are missing or belong to another scheduler; by default they are looked up on <c>PATH</c>.
    /// </summary>
    public string? CommandDirectory { get; set; }
}
