using System.CommandLine.Parsing;
using System.CommandLine;
using System.Globalization;
using RemoteKit.Connections;

namespace RemoteKit.Cli;

/// <summary>The launcher options of <c>cluster start</c> and <c>cluster engines</c>, read into <see cref="LaunchArguments"/>.</summary>
internal sealed class LaunchOptions
{
    private readonly Option<EngineLauncherKind?> _launcher = new("--engines")
    {
        Description = "How engines start: local (default), ssh, mpi, slurm, pbs, sge, or custom with --launcher-type (default: the profile's RemoteKit:Cluster:Launcher).",
        HelpName = "local|ssh|mpi|slurm|pbs|sge|custom",
        CustomParser = ParseLauncher,
    };

    private readonly Option<string?> _ip = IpOption();
    private readonly Option<string?> _location = LocationOption();
    private readonly Option<bool> _tls = TlsOption();
    private readonly Option<string?> _dashboard = new("--dashboard")
    {
        Description = "Serve the live dashboard on ADDRESS (an IP, IP:PORT or *; default 127.0.0.1 and a free port). Its URL carries a token; it is printed and written to the profile's security/remotekit-dashboard.url.",
        HelpName = "address",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<bool> _noRestart = new("--no-restart") { Description = "Do not replace engines that die (default: the profile's RemoteKit:Cluster:Restart:Enabled, on)." };
    private readonly Option<TimeSpan?> _engineTimeout = Duration("--engine-timeout", "How long to wait for engines to register (default 90s local, 5m ssh/mpi, 1h slurm/pbs/sge).");
    private readonly Option<string[]> _hosts = new("--hosts") { Description = "SSH hosts as host[:engines], comma-separated or repeated.", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> _partition = new("--partition") { Description = "Slurm partition." };
    private readonly Option<string?> _account = new("--account") { Description = "Slurm account." };
    private readonly Option<string?> _qos = new("--qos") { Description = "Slurm quality of service." };
    private readonly Option<string?> _queue = new("--queue") { Description = "PBS or SGE queue." };
    private readonly Option<string?> _launcherType = new("--launcher-type")
    {
        Description = "With --engines custom: your launcher, an EngineLauncher subclass, as \"Namespace.Type, Assembly\".",
        HelpName = "type",
    };
    private readonly Option<string?> _launcherAssembly = new("--launcher-assembly") { Description = "The assembly file that holds --launcher-type.", HelpName = "file" };
    private readonly Option<TimeSpan?> _walltime = Duration("--walltime", "The batch job's time limit (Slurm, PBS, SGE), e.g. 2h or 01:30:00.");
    private readonly Option<string?> _mpiexec = new("--mpiexec") { Description = "The MPI launcher program (default: the profile's RemoteKit:Cluster:Mpi:Command, mpiexec)." };
    private readonly Option<string?> _mpiexecArgs = new("--mpiexec-args") { Description = "Arguments for the MPI launcher, as one shell line (e.g. \"--host a:4,b:4 --oversubscribe\")." };
    private readonly Option<string[]> _jobLines = new("--job-line") { Description = "An extra #SBATCH, #PBS or #$ line (e.g. --job-line \"--nodes=4\"), repeatable." };
    private readonly Option<string?> _template = new("--template") { Description = "A job-script template file of your own (Slurm, PBS, SGE)." };
    private readonly Option<bool> _jobArray = new("--job-array") { Description = "Slurm: one array task per engine instead of one job running srun over all." };
    private readonly Option<string?> _sshConfig = new("--ssh-config") { Description = "An ssh_config file (ssh -F)." };
    private readonly Option<string?> _identityFile = new("--identity-file") { Description = "The SSH private key (ssh -i)." };
    private readonly Option<int?> _sshPort = new("--ssh-port") { Description = "The SSH port.", CustomParser = Commands.ParseInteger };
    private readonly Option<string?> _engineSsh = new("--engine-ssh") { Description = "Engines reach the controller through an SSH tunnel to this host ([user@]host), for hosts that cannot connect to it directly." };
    private readonly Option<string?> _engineSshConfig = new("--engine-ssh-config") { Description = "The ssh_config file for --engine-ssh, as the engines' hosts see it." };
    private readonly Option<string?> _engineCommand = new("--engine-command") { Description = "The shell command that runs one engine where engines run (default: this tool's own)." };
    private readonly Option<int?> _enginesPerProcess = new("--engines-per-process")
    {
        Description = "Run K engines in each process (default: the profile's RemoteKit:Cluster:EnginesPerProcess, 1); -n must be a multiple of K. " +
            "Engines in one process share static state and one crash; it suits many-core nodes.",
        HelpName = "K",
        CustomParser = Commands.ParseInteger,
    };

    private readonly Option<ControllerLauncherKind?> _controller = new("--controller")
    {
        Description = "Where the controller runs: local (default, a child process here), ssh (on --controller-host), slurm or pbs (in a batch job). " +
            "A placed controller listens on 0.0.0.0 (or --ip) of its host; its connection files are written here, in the profile.",
        HelpName = "local|ssh|slurm|pbs",
        CustomParser = ParseController,
    };

    private readonly Option<string?> _controllerHost = new("--controller-host") { Description = "With --controller ssh: the host ([user@]host, or an ssh_config alias).", HelpName = "host" };
    private readonly Option<string?> _controllerSshConfig = new("--controller-ssh-config") { Description = "The ssh_config file for --controller-host (default: --ssh-config).", HelpName = "file" };
    private readonly Option<string?> _controllerCommand = new("--controller-command")
    {
        Description = "The shell command that runs a controller where it is placed (e.g. \"remotekit controller\"; default: this tool's own).",
        HelpName = "command",
    };

    private readonly Option<string[]> _controllerJobLines = new("--controller-job-line") { Description = "An extra #SBATCH or #PBS line for the controller's job, repeatable." };

    private readonly Option<string[]> _set = new("--set")
    {
        Description = "Any setting as KEY=VALUE, repeatable; keys are under RemoteKit:Cluster unless they start with RemoteKit: or Logging: (e.g. --set Slurm:JobArray=true).",
    };

    private readonly bool _forStart;

    public LaunchOptions(bool forStart)
    {
        _forStart = forStart;
        _set.Validators.Add(r =>
        {
            foreach (var pair in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (pair.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    r.AddError($"'{pair}' is not KEY=VALUE.");
                }
            }
        });
    }

    public static Option<string?> IpOption()
    {
        var ip = new Option<string?>("--ip")
        {
            Description = "The address the controller listens on (default: the profile's RemoteKit:Controller:Ip; 127.0.0.1 for local engines, 0.0.0.0 for the other launchers).",
        };
        ip.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } v && !System.Net.IPAddress.TryParse(v, out _))
            {
                r.AddError($"'{v}' is not an IP address.");
            }
        });
        return ip;
    }

    public static Option<bool> TlsOption() => new("--tls")
    {
        Description = "Use TLS even on loopback; the controller's certificate is pinned in the connection files (TLS is always on when it listens beyond loopback).",
    };

    public static Option<string?> LocationOption() => new("--location")
    {
        Description = "The address written into connection files, which engines and clients connect to (default: the listen address, or this host's name when listening on 0.0.0.0).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_launcher);
        if (_forStart)
        {
            command.Options.Add(_ip);
            command.Options.Add(_location);
            command.Options.Add(_noRestart);
            command.Options.Add(_tls);
            command.Options.Add(_dashboard);
            command.Options.Add(_controller);
            command.Options.Add(_controllerHost);
            command.Options.Add(_controllerSshConfig);
            command.Options.Add(_controllerCommand);
            command.Options.Add(_controllerJobLines);
        }

        foreach (var option in new Option[]
        {
            _engineTimeout, _engineCommand, _engineSsh, _engineSshConfig, _enginesPerProcess, _hosts, _sshConfig, _identityFile, _sshPort, _mpiexec, _mpiexecArgs,
            _partition, _account, _qos, _queue, _walltime, _jobLines, _template, _jobArray, _launcherType, _launcherAssembly, _set,
        })
        {
            command.Options.Add(option);
        }
    }

    public LaunchArguments Read(ParseResult result) => new()
    {
        Launcher = result.GetValue(_launcher),
        Ip = _forStart ? result.GetValue(_ip) : null,
        Location = _forStart ? result.GetValue(_location) : null,
        NoRestart = _forStart && result.GetValue(_noRestart),
        Tls = _forStart && result.GetValue(_tls),
        Dashboard = _forStart && result.GetResult(_dashboard) is not null ? result.GetValue(_dashboard) ?? ClusterAddress.Loopback : null,
        EngineTimeout = result.GetValue(_engineTimeout),
        Hosts = result.GetValue(_hosts) ?? [],
        Partition = result.GetValue(_partition),
        Account = result.GetValue(_account),
        Qos = result.GetValue(_qos),
        Queue = result.GetValue(_queue),
        LauncherType = result.GetValue(_launcherType),
        LauncherAssembly = result.GetValue(_launcherAssembly) is { } assembly ? Path.GetFullPath(assembly) : null,
        Walltime = result.GetValue(_walltime),
        Mpiexec = result.GetValue(_mpiexec),
        MpiexecArguments = result.GetValue(_mpiexecArgs),
        JobLines = result.GetValue(_jobLines) ?? [],
        Template = result.GetValue(_template),
        JobArray = result.GetValue(_jobArray),
        SshConfig = result.GetValue(_sshConfig),
        IdentityFile = result.GetValue(_identityFile),
        SshPort = result.GetValue(_sshPort),
        EngineCommand = result.GetValue(_engineCommand),
        EngineSsh = result.GetValue(_engineSsh),
        EngineSshConfig = result.GetValue(_engineSshConfig),
        EnginesPerProcess = result.GetValue(_enginesPerProcess),
        Controller = _forStart ? result.GetValue(_controller) : null,
        ControllerHost = _forStart ? result.GetValue(_controllerHost) : null,
        ControllerSshConfig = _forStart ? result.GetValue(_controllerSshConfig) : null,
        ControllerCommand = _forStart ? result.GetValue(_controllerCommand) : null,
        ControllerJobLines = _forStart ? result.GetValue(_controllerJobLines) ?? [] : [],
        Set = result.GetValue(_set) ?? [],
    };

    private static ControllerLauncherKind? ParseController(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (Enum.TryParse<ControllerLauncherKind>(token, ignoreCase: true, out var kind) && !int.TryParse(token, out _))
        {
            return kind;
        }

        result.AddError($"'{token}' is not a place for the controller: use local, ssh, slurm or pbs.");
        return null;
    }

    private static EngineLauncherKind? ParseLauncher(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (Enum.TryParse<EngineLauncherKind>(token, ignoreCase: true, out var kind) && !int.TryParse(token, out _))
        {
            return kind;
        }

        result.AddError($"'{token}' is not a launcher: use local, ssh, mpi, slurm, pbs, sge or custom.");
        return null;
    }

    private static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = r =>
        {
            var token = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
            if (TryParseDuration(token, out var value))
            {
                return value;
            }

            r.AddError($"'{token}' is not a duration: use 90s, 30m, 2h, HH:MM:SS or D-HH:MM:SS.");
            return null;
        },
    };

    /// <summary><c>90s</c>, <c>30m</c>, <c>2h</c>, <c>HH:MM:SS</c>, <c>D-HH:MM:SS</c> (Slurm's form) or <c>D.HH:MM:SS</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length > 1 && char.IsAsciiLetter(text[^1]) &&
            double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            double? seconds = text[^1] switch { 's' => amount, 'm' => amount * 60, 'h' => amount * 3600, 'd' => amount * 86400, _ => null };
            value = seconds is { } s ? TimeSpan.FromSeconds(s) : default;
            return seconds is not null;
        }

        return text.Contains(':', StringComparison.Ordinal) &&
            TimeSpan.TryParse(text.Replace('-', '.'), CultureInfo.InvariantCulture, out value) && value > TimeSpan.Zero;
    }
}
