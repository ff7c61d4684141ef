using System.Globalization;
using Microsoft.Extensions.Configuration;
using RemoteKit.Configuration;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// Launcher settings given on the command line of <c>cluster start</c> and <c>cluster engines</c>. They override the
/// profile's: most as configuration values, lists (<c>--hosts</c>) by replacing the profile's list.
/// </summary>
internal sealed record LaunchArguments
{
    [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EngineLauncherKind>))]
    public EngineLauncherKind? Launcher { get; init; }

    public string? Ip { get; init; }

    public string? Location { get; init; }

    public bool NoRestart { get; init; }

    /// <summary><c>--tls</c>: TLS even on loopback (beyond loopback it is on anyway).</summary>
    public bool Tls { get; init; }

    /// <summary><c>--dashboard [address]</c>: where the dashboard listens (IP or IP:PORT, <c>*</c> for every address), or null for none.</summary>
    public string? Dashboard { get; init; }

    public TimeSpan? EngineTimeout { get; init; }

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public string? Partition { get; init; }

    public string? Account { get; init; }

    public string? Qos { get; init; }

    public string? Queue { get; init; }

    /// <summary><c>--launcher-type</c>: the custom launcher's type name.</summary>
    public string? LauncherType { get; init; }

    /// <summary><c>--launcher-assembly</c>: the file that holds <see cref="LauncherType"/>, as a full path.</summary>
    public string? LauncherAssembly { get; init; }

    public TimeSpan? Walltime { get; init; }

    public string? Mpiexec { get; init; }

    /// <summary><c>--mpiexec-args</c>: one shell line, replacing the profile's <c>Mpi:Arguments</c>.</summary>
    public string? MpiexecArguments { get; init; }

    /// <summary><c>--job-line</c>: extra <c>#SBATCH</c> / <c>#PBS</c> lines, replacing the profile's.</summary>
    public IReadOnlyList<string> JobLines { get; init; } = [];

    public string? Template { get; init; }

    public bool JobArray { get; init; }

    public string? SshConfig { get; init; }

    public string? IdentityFile { get; init; }

    public int? SshPort { get; init; }

    public string? EngineCommand { get; init; }

    /// <summary><c>--engine-ssh HOST</c>: engines reach the controller through an SSH tunnel to HOST.</summary>
    public string? EngineSsh { get; init; }

    /// <summary><c>--engine-ssh-config FILE</c>: the ssh_config for <see cref="EngineSsh"/>, as the engines' hosts see it.</summary>
    public string? EngineSshConfig { get; init; }

    /// <summary><c>--engines-per-process K</c>: each launched process runs K engines.</summary>
    public int? EnginesPerProcess { get; init; }

    /// <summary><c>--controller local|ssh|slurm|pbs</c>: where the controller runs.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ControllerLauncherKind>))]
    public ControllerLauncherKind? Controller { get; init; }

    /// <summary><c>--controller-host</c>: the SSH host of <c>--controller ssh</c>.</summary>
    public string? ControllerHost { get; init; }

    /// <summary><c>--controller-ssh-config</c>: the ssh_config for <see cref="ControllerHost"/>.</summary>
    public string? ControllerSshConfig { get; init; }

    /// <summary><c>--controller-command</c>: the shell command that runs a controller where it is placed.</summary>
    public string? ControllerCommand { get; init; }

    /// <summary><c>--controller-job-line</c>: extra lines of the controller's batch job, replacing the profile's.</summary>
    public IReadOnlyList<string> ControllerJobLines { get; init; } = [];

    /// <summary><c>--set KEY=VALUE</c>: any setting; a key without a <c>RemoteKit:</c> or <c>Logging:</c> prefix is under <c>RemoteKit:Cluster</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

    /// <summary>These arguments over <paramref name="earlier"/> ones: what is given here wins, the rest is kept.</summary>
    public LaunchArguments Over(LaunchArguments earlier) => new()
    {
        Launcher = Launcher ?? earlier.Launcher,
        Ip = Ip ?? earlier.Ip,
        Location = Location ?? earlier.Location,
        NoRestart = NoRestart || earlier.NoRestart,
        Tls = Tls || earlier.Tls,
        EngineTimeout = EngineTimeout ?? earlier.EngineTimeout,
        Hosts = Hosts.Count > 0 ? Hosts : earlier.Hosts,
        Partition = Partition ?? earlier.Partition,
        Account = Account ?? earlier.Account,
        Qos = Qos ?? earlier.Qos,
        Queue = Queue ?? earlier.Queue,
        LauncherType = LauncherType ?? earlier.LauncherType,
        LauncherAssembly = LauncherAssembly ?? earlier.LauncherAssembly,
        Walltime = Walltime ?? earlier.Walltime,
        Mpiexec = Mpiexec ?? earlier.Mpiexec,
        MpiexecArguments = MpiexecArguments ?? earlier.MpiexecArguments,
        JobLines = JobLines.Count > 0 ? JobLines : earlier.JobLines,
        Template = Template ?? earlier.Template,
        JobArray = JobArray || earlier.JobArray,
        SshConfig = SshConfig ?? earlier.SshConfig,
        IdentityFile = IdentityFile ?? earlier.IdentityFile,
        SshPort = SshPort ?? earlier.SshPort,
        EngineCommand = EngineCommand ?? earlier.EngineCommand,
        EngineSsh = EngineSsh ?? earlier.EngineSsh,
        EngineSshConfig = EngineSshConfig ?? earlier.EngineSshConfig,
        EnginesPerProcess = EnginesPerProcess ?? earlier.EnginesPerProcess,
        Controller = Controller ?? earlier.Controller,
        ControllerHost = ControllerHost ?? earlier.ControllerHost,
        ControllerSshConfig = ControllerSshConfig ?? earlier.ControllerSshConfig,
        ControllerCommand = ControllerCommand ?? earlier.ControllerCommand,
        ControllerJobLines = ControllerJobLines.Count > 0 ? ControllerJobLines : earlier.ControllerJobLines,
        Set = [.. earlier.Set, .. Set],
    };

    /// <summary>The configuration values these arguments set, winning over the profile and the environment.</summary>
    public Dictionary<string, string?> ConfigurationOverrides()
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Put(string key, string? value)
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        Put(SettingKeys.Controller.Ip, Ip);
        Put(SettingKeys.Controller.Location, Location);
        Put(SettingKeys.Controller.Tls, Tls ? "true" : null);
        if (Dashboard is not null)
        {
            var endpoint = System.Net.IPEndPoint.TryParse(Dashboard, out var parsed) && Dashboard.Contains(':', StringComparison.Ordinal) ? parsed : null;
            Put(SettingKeys.Dashboard.Enabled, "true");
            Put(SettingKeys.Dashboard.Address, endpoint?.Address.ToString() ?? Dashboard);
            Put(SettingKeys.Dashboard.Port, endpoint?.Port.ToString(CultureInfo.InvariantCulture));
        }

        // Keys of the profile's RemoteKit:Cluster section, named by the properties they bind to.
        static string Cluster(params string[] path) => ConfigurationPath.Combine([ClusterSettings.Section, .. path]);
        Put(Cluster(nameof(ClusterSettings.Launcher)), Launcher?.ToString());
        Put(Cluster(nameof(ClusterSettings.EngineCommand)), EngineCommand);
        Put(Cluster(nameof(ClusterSettings.EngineSsh)), EngineSsh);
        Put(Cluster(nameof(ClusterSettings.EngineSshConfigFile)), EngineSshConfig);
        Put(Cluster(nameof(ClusterSettings.EnginesPerProcess)), EnginesPerProcess?.ToString(CultureInfo.InvariantCulture));
        Put(Cluster(nameof(ClusterSettings.EngineTimeout)), EngineTimeout?.ToString("c", CultureInfo.InvariantCulture));
        Put(Cluster(nameof(ClusterSettings.Restart), nameof(EngineRestartOptions.Enabled)), NoRestart ? "false" : null);
        Put(Cluster(nameof(ClusterSettings.Slurm), nameof(SlurmLauncherOptions.Partition)), Partition);
        Put(Cluster(nameof(ClusterSettings.Slurm), nameof(SlurmLauncherOptions.Account)), Account);
        Put(Cluster(nameof(ClusterSettings.Slurm), nameof(SlurmLauncherOptions.Qos)), Qos);
        Put(Cluster(nameof(ClusterSettings.Pbs), nameof(PbsLauncherOptions.Queue)), Queue);
        Put(Cluster(nameof(ClusterSettings.Sge), nameof(SgeLauncherOptions.Queue)), Queue);
        Put(Cluster(nameof(ClusterSettings.Sge), nameof(SgeLauncherOptions.Walltime)), Walltime?.ToString("c", CultureInfo.InvariantCulture));
        Put(Cluster(nameof(ClusterSettings.Sge), nameof(SgeLauncherOptions.Template)), Template);
        Put(Cluster(nameof(ClusterSettings.LauncherType)), LauncherType);
        Put(Cluster(nameof(ClusterSettings.LauncherAssembly)), LauncherAssembly);
        Put(Cluster(nameof(ClusterSettings.Slurm), nameof(SlurmLauncherOptions.Walltime)), Walltime?.ToString("c", CultureInfo.InvariantCulture));
        Put(Cluster(nameof(ClusterSettings.Pbs), nameof(PbsLauncherOptions.Walltime)), Walltime?.ToString("c", CultureInfo.InvariantCulture));
        Put(Cluster(nameof(ClusterSettings.Mpi), nameof(MpiLauncherOptions.Command)), Mpiexec);
        Put(Cluster(nameof(ClusterSettings.Slurm), nameof(SlurmLauncherOptions.Template)), Template);
        Put(Cluster(nameof(ClusterSettings.Pbs), nameof(PbsLauncherOptions.Template)), Template);
        Put(Cluster(nameof(ClusterSettings.Slurm), nameof(SlurmLauncherOptions.JobArray)), JobArray ? "true" : null);
        Put(Cluster(nameof(ClusterSettings.Ssh), nameof(SshLauncherOptions.ConfigFile)), SshConfig);
        Put(Cluster(nameof(ClusterSettings.Ssh), nameof(SshLauncherOptions.IdentityFile)), IdentityFile);
        Put(Cluster(nameof(ClusterSettings.Ssh), nameof(SshLauncherOptions.Port)), SshPort?.ToString(CultureInfo.InvariantCulture));
        Put(Cluster(nameof(ClusterSettings.Controller), nameof(ControllerPlacement.Launcher)), Controller?.ToString());
        Put(Cluster(nameof(ClusterSettings.Controller), nameof(ControllerPlacement.Host)), ControllerHost);
        Put(Cluster(nameof(ClusterSettings.Controller), nameof(ControllerPlacement.SshConfigFile)), ControllerSshConfig);
        Put(Cluster(nameof(ClusterSettings.Controller), nameof(ControllerPlacement.Command)), ControllerCommand);
        foreach (var pair in Set)
        {
            var (key, value) = SplitSetting(pair);
            values[key] = value;
        }

        return values;
    }

    /// <summary>Applies what configuration cannot express: lists that replace the profile's.</summary>
    public void Apply(ClusterSettings settings)
    {
        if (Hosts.Count > 0)
        {
            settings.Ssh.Hosts = Hosts.SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        }

        if (MpiexecArguments is not null)
        {
            settings.Mpi.Arguments = ShellWords.Split(MpiexecArguments).ToList();
        }

        if (JobLines.Count > 0)
        {
            settings.Slurm.ExtraLines = [.. JobLines];
            settings.Pbs.ExtraLines = [.. JobLines];
            settings.Sge.ExtraLines = [.. JobLines];
        }

        if (ControllerJobLines.Count > 0)
        {
            settings.Controller.ExtraLines = [.. ControllerJobLines];
        }
    }

    /// <summary>The same arguments as a command line, for a daemonized child.</summary>
    public IEnumerable<string> ToArguments()
    {
        IEnumerable<string> Option(string name, string? value) => value is null ? [] : [name, value];
        return
        [
            .. Option("--engines", Launcher?.ToString().ToLowerInvariant()),
            .. Option("--ip", Ip),
            .. Option("--location", Location),
            .. NoRestart ? ["--no-restart"] : Array.Empty<string>(),
            .. Tls ? ["--tls"] : Array.Empty<string>(),
            .. Option("--dashboard", Dashboard),
            .. Option("--engine-timeout", EngineTimeout?.ToString("c", CultureInfo.InvariantCulture)),
            .. Hosts.SelectMany(h => Option("--hosts", h)),
            .. Option("--partition", Partition),
            .. Option("--account", Account),
            .. Option("--qos", Qos),
            .. Option("--queue", Queue),
            .. Option("--launcher-type", LauncherType),
            .. Option("--launcher-assembly", LauncherAssembly),
            .. Option("--walltime", Walltime?.ToString("c", CultureInfo.InvariantCulture)),
            .. Option("--mpiexec", Mpiexec),
            .. Option("--mpiexec-args", MpiexecArguments),
            .. JobLines.SelectMany(l => Option("--job-line", l)),
            .. Option("--template", Template),
            .. JobArray ? ["--job-array"] : Array.Empty<string>(),
            .. Option("--ssh-config", SshConfig),
            .. Option("--identity-file", IdentityFile),
            .. Option("--ssh-port", SshPort?.ToString(CultureInfo.InvariantCulture)),
            .. Option("--engine-command", EngineCommand),
            .. Option("--engine-ssh", EngineSsh),
            .. Option("--engine-ssh-config", EngineSshConfig),
            .. Option("--engines-per-process", EnginesPerProcess?.ToString(CultureInfo.InvariantCulture)),
            .. Option("--controller", Controller?.ToString().ToLowerInvariant()),
            .. Option("--controller-host", ControllerHost),
            .. Option("--controller-ssh-config", ControllerSshConfig),
            .. Option("--controller-command", ControllerCommand),
            .. ControllerJobLines.SelectMany(l => Option("--controller-job-line", l)),
            .. Set.SelectMany(s => Option("--set", s)),
        ];
    }

    /// <summary>A <c>--set</c> pair: its full configuration key and its value.</summary>
    public static (string Key, string Value) SplitSetting(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException($"'{pair}' is not KEY=VALUE.");
        }

        var key = pair[..equals].Trim();
        var full = key.StartsWith("RemoteKit:", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase)
            ? key
            : ClusterSettings.Section + ":" + key;
        return (full, pair[(equals + 1)..]);
    }
}
