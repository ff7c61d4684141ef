using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// Cluster settings of a profile, bound from <c>RemoteKit:Cluster</c> in the profile's <c>remotekit.json</c> (then the
/// environment, then the command line): the engine count and timeouts here, the launcher and its settings inherited.
/// </summary>
internal sealed class ClusterSettings : EngineLaunchOptions
{
    public const string Section = "RemoteKit:Cluster";

    /// <summary>Engines <c>cluster start</c> runs when <c>-n</c> is not given; 0 means one per processor.</summary>
    public int Engines { get; set; }

    /// <summary>How many engines each launched process runs (<c>--engines-per-process</c>).</summary>
    public int EnginesPerProcess { get; set; } = 1;

    /// <summary>The processes that run <paramref name="engines"/> engines, <see cref="EnginesPerProcess"/> in each.</summary>
    /// <exception cref="CliException"><paramref name="engines"/> is not a multiple of <see cref="EnginesPerProcess"/>.</exception>
    public int ProcessesFor(int engines) => engines % EnginesPerProcess == 0
        ? engines / EnginesPerProcess
        : throw new CliException(
            $"{Plural.Engines(engines)} cannot be split into processes of {EnginesPerProcess.ToString(System.Globalization.CultureInfo.InvariantCulture)} " +
            "(--engines-per-process): ask for a multiple of it.");

    /// <summary>How long starting the controller may take, and (for local engines) waiting for them to register.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How long stopping may take before processes are killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the cluster's controller runs (<c>--controller</c>): a child process here, or placed on a host or in a batch job.</summary>
    public ControllerPlacement Controller { get; set; } = new();

    public static ClusterSettings From(IConfiguration configuration, LaunchArguments? arguments = null)
    {
        var settings = new ClusterSettings();
        try
        {
            configuration.GetSection(Section).Bind(settings);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"The settings in {Section} are not valid: {e.Message} (launchers: local, ssh, mpi, slurm, pbs)");
        }

        arguments?.Apply(settings);
        if (settings.Engines < 0)
        {
            throw new CliException($"{Section}:Engines must be 0 (one per processor) or more, not {settings.Engines}.");
        }

        if (settings.EnginesPerProcess < 1)
        {
            throw new CliException($"{Section}:EnginesPerProcess (--engines-per-process) must be 1 or more, not {settings.EnginesPerProcess}.");
        }

        return settings;
    }
}

/// <summary>How <c>cluster start</c> runs its controller.</summary>
internal enum ControllerLauncherKind
{
    /// <summary>A child process of the cluster process, on this machine.</summary>
    Local,

    /// <summary>On another host, in an SSH session (<see cref="ControllerPlacement.Host"/>).</summary>
    Ssh,

    /// <summary>In a Slurm job.</summary>
    Slurm,

    /// <summary>In a PBS job.</summary>
    Pbs,
}

/// <summary>
/// Where the controller of <c>cluster start</c> runs, bound from <c>RemoteKit:Cluster:Controller</c>. Batch jobs take the
/// partition, account, QOS, queue and walltime of the engines' sections, with <see cref="ExtraLines"/> of their own.
/// </summary>
internal sealed class ControllerPlacement
{
    /// <summary>Where it runs (<c>--controller</c>).</summary>
    public ControllerLauncherKind Launcher { get; set; }

    /// <summary>The SSH host (<c>--controller-host</c>, <c>[user@]host</c> or an ssh_config alias).</summary>
    public string? Host { get; set; }

    /// <summary>The ssh_config file for <see cref="Host"/> (<c>--controller-ssh-config</c>); by default the engines' (<c>--ssh-config</c>).</summary>
    public string? SshConfigFile { get; set; }

    /// <summary>
    /// The shell command that runs a controller where it is placed (<c>--controller-command</c>, e.g. <c>remotekit controller</c>);
    /// by default this tool's own.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>More <c>#SBATCH</c> or <c>#PBS</c> lines for the controller's job (<c>--controller-job-line</c>).</summary>
    public IList<string> ExtraLines { get; set; } = [];

    /// <summary>How long a controller in a batch job may wait in the queue and start (default: the engine timeout, else 1 hour).</summary>
    public TimeSpan? StartTimeout { get; set; }
}

/// <summary>Creates a profile's folders and its settings file.</summary>
internal static class ProfileSettings
{
    /// <summary>Creates the profile if needed; returns <see langword="false"/> if its settings file already existed.</summary>
    public static bool Create(RemoteKitProfile profile)
    {
        profile.EnsureDirectories();
        if (File.Exists(profile.SettingsFile))
        {
            return false;
        }

        var settings = new JsonObject
        {
            ["RemoteKit"] = new JsonObject
            {
                ["Cluster"] = new JsonObject
                {
                    ["Engines"] = 0,
                    ["Launcher"] = "local",
                    ["StartTimeout"] = "00:01:30",
                    ["Restart"] = new JsonObject { ["Enabled"] = true, ["MaxRestarts"] = 10 },
                },
                ["Controller"] = new JsonObject
                {
                    ["Port"] = 0,
                    ["EngineTaskLimit"] = 16,
                },
                ["Engine"] = new JsonObject
                {
                    ["ConnectTimeout"] = "00:00:30",
                },
            },
            ["Logging"] = new JsonObject
            {
                ["LogLevel"] = new JsonObject { ["Default"] = "Information", ["Microsoft.Hosting.Lifetime"] = "Warning" },
            },
        };
        var temp = profile.SettingsFile + ".tmp";
        File.WriteAllText(temp, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine);
        File.Move(temp, profile.SettingsFile, overwrite: true);
        return true;
    }

    /// <summary>The profile to use: <c>default</c> is created on first use, any other must have been created.</summary>
    public static RemoteKitProfile Resolve(string? name, bool createDefault)
    {
        RemoteKitProfile profile;
        try
        {
            profile = RemoteKitProfile.Locate(name);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message.Split(" (Parameter")[0], ExitCodes.Usage);
        }

        if (!profile.Exists)
        {
            if (createDefault && profile.Name == RemoteKitProfile.DefaultName)
            {
                Create(profile);
            }
            else
            {
                throw new CliException($"Profile '{profile.Name}' does not exist (looked in {profile.Directory}); create it with 'remotekit profile create {profile.Name}'.");
            }
        }

        return profile;
    }
}
