using System.Globalization;
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

    /// <summary><c>--engines-per-process K</c>: each launched process runs K engines.</summary>
    public int? EnginesPerProcess { get; init; }

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
        EnginesPerProcess = EnginesPerProcess ?? earlier.EnginesPerProcess,
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

        Put("RemoteKit:Controller:Ip", Ip);
        Put("RemoteKit:Controller:Location", Location);
        Put("RemoteKit:Controller:Tls", Tls ? "true" : null);
        if (Dashboard is not null)
        {
            var endpoint = System.Net.IPEndPoint.TryParse(Dashboard, out var parsed) && Dashboard.Contains(':', StringComparison.Ordinal) ? parsed : null;
            Put("RemoteKit:Controller:Dashboard:Enabled", "true");
            Put("RemoteKit:Controller:Dashboard:Address", endpoint?.Address.ToString() ?? Dashboard);
            Put("RemoteKit:Controller:Dashboard:Port", endpoint?.Port.ToString(CultureInfo.InvariantCulture));
        }

        Put("RemoteKit:Cluster:Launcher", Launcher?.ToString());
        Put("RemoteKit:Cluster:EngineCommand", EngineCommand);
        Put("RemoteKit:Cluster:EnginesPerProcess", EnginesPerProcess?.ToString(CultureInfo.InvariantCulture));
        Put("RemoteKit:Cluster:EngineTimeout", EngineTimeout?.ToString("c", CultureInfo.InvariantCulture));
        Put("RemoteKit:Cluster:Restart:Enabled", NoRestart ? "false" : null);
        Put("RemoteKit:Cluster:Slurm:Partition", Partition);
        Put("RemoteKit:Cluster:Slurm:Account", Account);
        Put("RemoteKit:Cluster:Slurm:Qos", Qos);
        Put("RemoteKit:Cluster:Pbs:Queue", Queue);
        Put("RemoteKit:Cluster:Slurm:Walltime", Walltime?.ToString("c", CultureInfo.InvariantCulture));
        Put("RemoteKit:Cluster:Pbs:Walltime", Walltime?.ToString("c", CultureInfo.InvariantCulture));
        Put("RemoteKit:Cluster:Mpi:Command", Mpiexec);
        Put("RemoteKit:Cluster:Slurm:Template", Template);
        Put("RemoteKit:Cluster:Pbs:Template", Template);
        Put("RemoteKit:Cluster:Slurm:JobArray", JobArray ? "true" : null);
        Put("RemoteKit:Cluster:Ssh:ConfigFile", SshConfig);
        Put("RemoteKit:Cluster:Ssh:IdentityFile", IdentityFile);
        Put("RemoteKit:Cluster:Ssh:Port", SshPort?.ToString(CultureInfo.InvariantCulture));
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
            .. Option("--engines-per-process", EnginesPerProcess?.ToString(CultureInfo.InvariantCulture)),
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
