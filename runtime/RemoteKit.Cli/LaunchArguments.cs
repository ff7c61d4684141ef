using System.Globalization;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>
/// Launcher settings given on the command line of <c>cluster start</c> and <c>cluster engines</c>. They override the
/// profile's: most as configuration values, lists (<c>--hosts</c>) by replacing the profile's list.
/// </summary>
internal sealed record LaunchArguments
{
    public EngineLauncherKind? Launcher { get; init; }

    public string? Ip { get; init; }

    public string? Location { get; init; }

    public bool NoRestart { get; init; }

    public TimeSpan? EngineTimeout { get; init; }

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public string? Partition { get; init; }

    public string? Account { get; init; }

    public string? Qos { get; init; }

    public string? Queue { get; init; }

    public TimeSpan? Walltime { get; init; }

    public string? Mpiexec { get; init; }

    public string? EngineCommand { get; init; }

    /// <summary><c>--set KEY=VALUE</c>: any setting; a key without a <c>RemoteKit:</c> or <c>Logging:</c> prefix is under <c>RemoteKit:Cluster</c>.</summary>
    public IReadOnlyList<string> Set { get; init; } = [];

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
        Put("RemoteKit:Cluster:Launcher", Launcher?.ToString());
        Put("RemoteKit:Cluster:EngineCommand", EngineCommand);
        Put("RemoteKit:Cluster:EngineTimeout", EngineTimeout?.ToString("c", CultureInfo.InvariantCulture));
        Put("RemoteKit:Cluster:Restart:Enabled", NoRestart ? "false" : null);
        Put("RemoteKit:Cluster:Slurm:Partition", Partition);
        Put("RemoteKit:Cluster:Slurm:Account", Account);
        Put("RemoteKit:Cluster:Slurm:Qos", Qos);
        Put("RemoteKit:Cluster:Pbs:Queue", Queue);
        Put("RemoteKit:Cluster:Slurm:Walltime", Walltime?.ToString("c", CultureInfo.InvariantCulture));
        Put("RemoteKit:Cluster:Pbs:Walltime", Walltime?.ToString("c", CultureInfo.InvariantCulture));
        Put("RemoteKit:Cluster:Mpi:Command", Mpiexec);
        foreach (var pair in Set)
        {
            var (key, value) = SplitSetting(pair);
            values[key] = value;
        }

        return values;
    }

    /// <summary>Applies what configuration cannot express: a list that replaces the profile's.</summary>
    public void Apply(ClusterSettings settings)
    {
        if (Hosts.Count > 0)
        {
            settings.Ssh.Hosts = Hosts.SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
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
            .. Option("--engine-timeout", EngineTimeout?.ToString("c", CultureInfo.InvariantCulture)),
            .. Hosts.SelectMany(h => Option("--hosts", h)),
            .. Option("--partition", Partition),
            .. Option("--account", Account),
            .. Option("--qos", Qos),
            .. Option("--queue", Queue),
            .. Option("--walltime", Walltime?.ToString("c", CultureInfo.InvariantCulture)),
            .. Option("--mpiexec", Mpiexec),
            .. Option("--engine-command", EngineCommand),
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
