using System.CommandLine;
using System.CommandLine.Parsing;

namespace RemoteKit.Cli;

/// <summary>The command tree of the <c>remotekit</c> tool.</summary>
internal static class Commands
{
    public static Command Build()
    {
        // A plain command named like the tool (a RootCommand would be named after the assembly, RemoteKit.Cli).
        var root = new Command("remotekit", "RemoteKit: run [Remote] methods on a cluster of engine processes (ipyparallel for .NET).")
        {
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
            BuildProfile(),
            BuildCluster(),
            BuildController(),
            BuildEngine(),
            BuildStatus(),
            BuildHistory(),
            BuildResubmit(),
            BuildKernel(),
            ScriptServerActions.Build(),
        };
        return root;
    }

    private static Option<string?> SshOption() => new("--ssh")
    {
        Description = "Reach the controller through an SSH tunnel to this host ([user@]host, or an alias of your ssh configuration) that can reach it.",
    };

    private static Option<string?> SshConfigOption() => new("--ssh-config") { Description = "The ssh_config file for --ssh (ssh -F)." };

    private static Option<string?> ProfileOption() => new("--profile", "-p")
    {
        Description = "The profile (default: 'default'); its files live in $REMOTEKIT_DIR/profile_NAME or ~/.remotekit/profile_NAME.",
        Validators = { ValidateProfileName },
    };

    private static Option<int?> EngineCountOption(string description, bool required) => new("-n", "--count")
    {
        Description = description,
        Required = required,
        CustomParser = ParseInteger,
        Validators =
        {
            r =>
            {
                if (Value<int?>(r) is < 1)
                {
                    r.AddError("The engine count (-n) must be at least 1.");
                }
            },
        },
    };

    private static Option<string?> HiddenDaemonLog() => new("--daemon-log") { Hidden = true, Description = "Detach and log to this file." };

    internal static int? ParseInteger(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"'{token}' is not a whole number.");
        return null;
    }

    /// <summary>The option's value, or the default when it does not convert (the parser reports that error itself).</summary>
    private static T? Value<T>(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }

    private static void ValidateProfileName(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } name && !RemoteKitProfile.IsValidName(name))
        {
            result.AddError($"'{name}' is not a valid profile name: use letters, digits, '-', '_' and '.'.");
        }
    }

    private static Command BuildProfile()
    {
        var name = new Argument<string>("NAME") { Description = "The profile name." };
        name.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } n && !RemoteKitProfile.IsValidName(n))
            {
                r.AddError($"'{n}' is not a valid profile name: use letters, digits, '-', '_' and '.'.");
            }
        });
        var create = new Command("create", "Create a profile: its folder, settings file (remotekit.json) and security folder.") { name };
        create.SetAction(r => ProfileActions.Create(r.GetRequiredValue(name)));
        var list = new Command("list", "List the profiles and whether a cluster is running for each.");
        list.SetAction(_ => ProfileActions.List());
        return new Command("profile", "Create and list profiles.") { create, list };
    }

    private static Command BuildCluster()
    {
        var profile = ProfileOption();
        var engines = EngineCountOption("How many engines (default: the profile's RemoteKit:Cluster:Engines, 0 = one per processor).", required: false);
        var daemonize = new Option<bool>("--daemonize", "-d") { Description = "Run in the background; stop it with 'remotekit cluster stop'." };
        var daemonLog = HiddenDaemonLog();
        var restore = new Option<bool>("--restore")
        {
            Description = "Take over from the profile's cluster whose process died: a controller restored on its address and key, the engines it " +
                "recorded that still run (batch jobs, SSH engines) adopted with their ids and namespaces, and only the missing ones started.",
        };
        var launch = new LaunchOptions(forStart: true);
        var start = new Command(
            "start",
            "Start a controller and engines: on this machine, or with --engines ssh|mpi|slurm|pbs elsewhere. Runs in the foreground until Ctrl+C or SIGTERM, unless --daemonize. " +
            "Engines that die are replaced (new ids) unless --no-restart.")
        {
            engines, profile, daemonize, daemonLog, restore,
        };
        launch.AddTo(start);
        start.SetAction((r, ct) => ClusterActions.StartAsync(
            r.GetValue(profile), r.GetValue(engines), launch.Read(r), r.GetValue(daemonize), r.GetValue(daemonLog), ct, r.GetValue(restore)));

        var stopProfile = ProfileOption();
        var stop = new Command("stop", "Stop the profile's cluster: the controller, every engine, process and job it started, and remove its connection files.") { stopProfile };
        stop.SetAction((r, ct) => ClusterActions.StopAsync(r.GetValue(stopProfile), ct));

        var addProfile = ProfileOption();
        var addCount = EngineCountOption("How many engines to add.", required: true);
        var addLaunch = new LaunchOptions(forStart: false);
        var add = new Command("engines", "Start more engines for the profile's running cluster (with its launcher, or --engines KIND); they get new ids.") { addCount, addProfile };
        addLaunch.AddTo(add);
        add.SetAction((r, ct) => ClusterActions.AddEnginesAsync(r.GetValue(addProfile), r.GetValue(addCount)!.Value, addLaunch.Read(r), ct));

        return new Command("cluster", "Start and stop clusters, and add engines to them.") { start, stop, add };
    }

    private static Command BuildController()
    {
        var profile = ProfileOption();
        var ip = LaunchOptions.IpOption();
        var port = new Option<int?>("--port")
        {
            Description = "The TCP port (default: the profile's RemoteKit:Controller:Port; 0 picks a free one).",
            CustomParser = ParseInteger,
        };
        port.Validators.Add(r =>
        {
            if (Value<int?>(r) is < 0 or > 65535)
            {
                r.AddError("The port must be between 0 and 65535.");
            }
        });
        var location = LaunchOptions.LocationOption();
        var tls = LaunchOptions.TlsOption();
        var restore = new Option<bool>("--restore")
        {
            Description = "Take over from the profile's controller that died: same address, port and key (from its connection file), and its engines " +
                "come back with their ids and namespaces; clients reconnect.",
        };
        var supervised = new Option<bool>("--supervised")
        {
            Hidden = true,
            Description = "Run as the controller of 'cluster start', which supervises it: stop when standard input closes.",
        };
        var announce = new Option<bool>("--announce")
        {
            Hidden = true,
            Description = "Run as a controller placed by 'cluster start --controller ssh|slurm|pbs': no profile, settings and key from the environment; " +
                "print where it listens as one line on standard output instead of writing connection files.",
        };
        var controller = new Command("controller", "Run a controller in the foreground; it writes the profile's connection files while it runs.")
        {
            profile, ip, location, port, tls, restore, supervised, announce,
        };
        controller.SetAction(r => RoleActions.ControllerAsync(
            r.GetValue(profile), r.GetValue(ip), r.GetValue(location), r.GetValue(port), r.GetValue(tls), r.GetValue(restore), r.GetValue(supervised), r.GetValue(announce)));
        return controller;
    }

    private static Command BuildEngine()
    {
        var profile = ProfileOption();
        var file = new Option<FileInfo?>("--file", "-f") { Description = "An engine connection file (remotekit-engine.json) to use instead of the profile's." };
        var watchStdin = new Option<bool>("--watch-stdin") { Hidden = true, Description = "Stop when standard input closes." };
        var count = new Option<int>("--count", "-n")
        {
            Description = "How many engines this process runs, each with its own id, namespace and task loop (they share static state and one crash).",
            DefaultValueFactory = _ => 1,
        };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--count must be at least 1.");
            }
        });
        var ssh = SshOption();
        var sshConfig = SshConfigOption();
        var engine = new Command(
            "engine",
            "Run engines in the foreground (one unless --count), connected to the profile's controller (or the one in --file, or REMOTEKIT__ENGINE__HOST, __PORT and __KEY in the environment).")
        {
            profile, file, count, watchStdin, ssh, sshConfig,
        };
        engine.Validators.Add(r =>
        {
            if (r.GetResult(profile) is not null && r.GetResult(file) is not null)
            {
                r.AddError("Give either --profile or --file, not both.");
            }
        });
        engine.SetAction(r => RoleActions.EngineAsync(
            r.GetValue(profile), r.GetValue(file), r.GetValue(count), r.GetValue(watchStdin), new SshArguments(r.GetValue(ssh), r.GetValue(sshConfig))));
        return engine;
    }

    private static Command BuildStatus()
    {
        var profile = ProfileOption();
        var ssh = SshOption();
        var sshConfig = SshConfigOption();
        var status = new Command("status", "Show the profile's cluster: its engines, their state and queue lengths.") { profile, ssh, sshConfig };
        status.SetAction((r, ct) => StatusActions.ShowAsync(r.GetValue(profile), new SshArguments(r.GetValue(ssh), r.GetValue(sshConfig)), ct));
        return status;
    }

    private static Command BuildKernel()
    {
        var file = new Option<FileInfo>("--connection-file", "-f") { Description = "The connection file Jupyter wrote ({connection_file} in the kernelspec).", Required = true };
        var run = new Command("run", "Run the kernel on the sockets of a Jupyter connection file (Jupyter starts this through the kernelspec).") { file };
        run.SetAction((r, ct) => KernelActions.RunAsync(r.GetRequiredValue(file), ct));

        var user = new Option<bool>("--user") { Description = "Install for the current user (the Jupyter data folder, $JUPYTER_DATA_DIR or ~/.local/share/jupyter) rather than system-wide." };
        var name = KernelNameOption();
        var displayName = new Option<string>("--display-name")
        {
            Description = "The name Jupyter shows (default: \"C# (RemoteKit)\").",
            DefaultValueFactory = _ => Kernel.KernelSpec.DefaultDisplayName,
        };
        var prefix = new Option<string?>("--prefix") { Description = "Install under PREFIX/share/jupyter (e.g. a virtual environment) instead." };
        var install = new Command("install", "Register the kernel with Jupyter: writes a kernelspec that starts this tool.") { user, name, displayName, prefix };
        install.SetAction(r => KernelActions.Install(r.GetValue(user), r.GetValue(name)!, r.GetValue(displayName)!, r.GetValue(prefix)));

        var uninstallName = KernelNameOption();
        var uninstallPrefix = new Option<string?>("--prefix") { Description = "Only the kernelspec under PREFIX/share/jupyter." };
        var uninstall = new Command("uninstall", "Remove the kernel's kernelspec (the user's and the system-wide one).") { uninstallName, uninstallPrefix };
        uninstall.SetAction(r => KernelActions.Uninstall(r.GetValue(uninstallName)!, r.GetValue(uninstallPrefix)));

        return new Command("kernel", "The Jupyter kernel for C# with RemoteKit: install it, then pick \"C# (RemoteKit)\" in Jupyter.") { install, uninstall, run };
    }

    private static Option<string> KernelNameOption()
    {
        var name = new Option<string>("--name")
        {
            Description = "The kernel's name (default: remotekit).",
            DefaultValueFactory = _ => Kernel.KernelSpec.DefaultName,
        };
        name.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } n && (n.Length == 0 || !n.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            {
                r.AddError($"'{n}' is not a valid kernel name: use letters, digits, '-', '_' and '.'.");
            }
        });
        return name;
    }

    private static Command BuildHistory()
    {
        var profile = ProfileOption();
        var failed = new Option<bool>("--failed") { Description = "Only tasks that failed, were aborted, lost or timed out." };
        var last = new Option<int?>("--last") { Description = "Only the most recent N records.", CustomParser = ParseInteger };
        var ssh = SshOption();
        var sshConfig = SshConfigOption();
        var history = new Command("history", "Show the profile's task records (id, status, method, engine, client, times, error), from its running controller or its history file.")
        {
            profile, failed, last, ssh, sshConfig,
        };
        history.SetAction((r, ct) => HistoryActions.ShowAsync(r.GetValue(profile), r.GetValue(failed), r.GetValue(last), new SshArguments(r.GetValue(ssh), r.GetValue(sshConfig)), ct));
        return history;
    }

    private static Command BuildResubmit()
    {
        var profile = ProfileOption();
        var id = new Argument<ulong>("ID")
        {
            Description = "The task id to run again, as 'remotekit history' shows it.",
            CustomParser = r =>
            {
                var token = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (ulong.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0)
                {
                    return value;
                }

                r.AddError($"'{token}' is not a task id (a whole number from 1).");
                return 0;
            },
        };
        var wait = new Option<bool>("--wait") { Description = "Wait for the task and print its outcome; exit with 1 if it failed." };
        var ssh = SshOption();
        var sshConfig = SshConfigOption();
        var resubmit = new Command("resubmit", "Run a task of the profile's running cluster again, with the arguments its history kept (prints the new task id).")
        {
            id, profile, wait, ssh, sshConfig,
        };
        resubmit.SetAction((r, ct) => ResubmitActions.ResubmitAsync(r.GetValue(profile), r.GetValue(id), r.GetValue(wait), new SshArguments(r.GetValue(ssh), r.GetValue(sshConfig)), ct));
        return resubmit;
    }
}

/// <summary>The <c>--ssh</c> and <c>--ssh-config</c> options of commands that connect to a running cluster.</summary>
/// <param name="Server">The SSH server to tunnel through, or null to connect directly.</param>
/// <param name="ConfigFile">The ssh_config file, or null for ssh's own.</param>
internal readonly record struct SshArguments(string? Server, string? ConfigFile);
