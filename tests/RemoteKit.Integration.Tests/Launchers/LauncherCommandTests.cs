using Microsoft.Extensions.Logging.Abstractions;
using RemoteKit.Launchers;
using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>What the launchers would run and submit, without running it: settings land where they belong, and the key never.</summary>
public sealed class LauncherCommandTests
{
    private static readonly EngineLaunchContext Context = new()
    {
        Controller = ConnectionInfo.CreateNew("login1", 40123),
        EngineCommand = new ProcessCommand("/opt/dotnet/dotnet", ["exec", "/shared/app dir/RemoteKit.Host.dll", "engine"]),
        Name = "remotekit-demo",
        LogDirectory = "/shared/logs",
        Loggers = NullLoggerFactory.Instance,
    };

    [Fact]
    public void Shell_words_survive_quoting_and_splitting()
    {
        string[] words = ["dotnet", "/path with spaces/x.dll", "it's", "$HOME", "a\"b", "", "--opt=1"];
        Assert.Equal(words, ShellWords.Split(ShellWords.Join(words)));
        Assert.Equal(["remotekit", "engine", "--x", "a b"], ShellWords.Split("remotekit  engine --x \"a b\""));
    }

    [Fact]
    public void A_slurm_job_script_carries_the_settings_and_the_engine_command_but_not_the_key()
    {
        var options = new EngineLaunchOptions
        {
            Slurm = { Partition = "compute", Account = "proj42", Qos = "normal", Walltime = TimeSpan.FromHours(2), ExtraLines = ["--mem-per-cpu=2G", "#SBATCH --nodes=4"] },
        };
        var launcher = new SlurmLauncher(options);
        var script = launcher.Script(64, Context.EngineCommand.ToShell(), Context);

        Assert.Equal(
            """
            #!/bin/sh
            #SBATCH --job-name=remotekit-demo
            #SBATCH --output=/shared/logs/%x-%j.out
            #SBATCH --ntasks=64
            #SBATCH --partition=compute
            #SBATCH --account=proj42
            #SBATCH --qos=normal
            #SBATCH --time=2:00:00
            #SBATCH --signal=TERM@120
            #SBATCH --mem-per-cpu=2G
            #SBATCH --nodes=4
            srun /opt/dotnet/dotnet exec '/shared/app dir/RemoteKit.Host.dll' engine

            """.ReplaceLineEndings("\n"),
            script);
        Assert.DoesNotContain(Context.Controller.Key, script);

        options.Slurm.JobArray = true;
        var array = launcher.Script(4, "remotekit engine", Context);
        Assert.Contains("#SBATCH --array=1-4\n#SBATCH --ntasks=1\n", array);
        Assert.Contains("#SBATCH --signal=B:TERM@120\n", array);
        Assert.EndsWith("exec remotekit engine\n", array);
    }

    [Fact]
    public void A_job_script_template_gets_its_placeholders_filled()
    {
        var template = Path.GetTempFileName();
        try
        {
            File.WriteAllText(template, "#SBATCH -J {job_name} -n {n} -t {walltime} -p {partition}\nmodule load dotnet\nsrun {engine_command}\n");
            var options = new EngineLaunchOptions { Slurm = { Template = template, Partition = "gpu", Walltime = TimeSpan.FromMinutes(90) } };
            var script = new SlurmLauncher(options).Script(8, "remotekit engine", Context);
            Assert.Equal("#SBATCH -J remotekit-demo -n 8 -t 1:30:00 -p gpu\nmodule load dotnet\nsrun remotekit engine\n", script);
        }
        finally
        {
            File.Delete(template);
        }
    }

    [Fact]
    public void A_pbs_script_runs_one_engine_per_array_task_and_leaves_before_the_walltime()
    {
        var options = new EngineLaunchOptions { Pbs = { Queue = "batch", Walltime = TimeSpan.FromHours(1), ExtraLines = ["-l mem=4gb"] } };
        var script = new PbsLauncher(options).Script(4, "remotekit engine", Context);
        Assert.Equal(
            "#!/bin/sh\n#PBS -N remotekit-demo\n#PBS -j oe\n#PBS -q batch\n#PBS -l walltime=1:00:00\n#PBS -l mem=4gb\nexec timeout -s TERM 3480 remotekit engine\n",
            script);

        options.Pbs.ArrayOption = "";
        options.Pbs.Walltime = null;
        var single = new PbsLauncher(options).Script(4, "remotekit engine", Context);
        Assert.Contains("#PBS -l nodes=1:ppn=4\n", single);
        Assert.EndsWith("for i in $(seq 4); do remotekit engine & done\nwait\n", single);
    }

    [Fact]
    public void An_sge_script_is_an_array_of_one_engine_per_task_that_leaves_before_its_run_time_limit()
    {
        var options = new EngineLaunchOptions { Sge = { Queue = "all.q", Project = "proj42", Walltime = TimeSpan.FromHours(1), ExtraLines = ["-l h_vmem=4G", "#$ -pe smp 1"] } };
        var script = new SgeLauncher(options).Script(4, Context.EngineCommand.ToShell(), Context);
        Assert.Equal(
            """
            #!/bin/sh
            #$ -N remotekit-demo
            #$ -S /bin/sh
            #$ -j y
            #$ -o /shared/logs/
            #$ -t 1-4
            #$ -q all.q
            #$ -P proj42
            #$ -l h_rt=1:00:00
            #$ -l h_vmem=4G
            #$ -pe smp 1
            exec timeout -s TERM 3480 /opt/dotnet/dotnet exec '/shared/app dir/RemoteKit.Host.dll' engine

            """.ReplaceLineEndings("\n"),
            script);
        Assert.DoesNotContain(Context.Controller.Key, script);
    }

    [Fact]
    public void Sge_task_states_are_read_from_qstat_one_line_per_array_task()
    {
        const string qstat = """
            job-ID  prior   name       user         state submit/start at     queue                          slots ja-task-ID
            -----------------------------------------------------------------------------------------------------------------
                 12 0.50000 remotekit  root         r     12/05/2026 03:50:13 rk.q@vm                            1 1
                 12 0.50000 remotekit  root         dr    12/05/2026 03:50:13 rk.q@vm                            1 2
                 13 0.50000 other      alice        r     12/05/2026 03:50:14 rk.q@vm                            1
                 12 0.00000 remotekit  root         qw    12/05/2026 03:50:12                                    1 3
                 12 0.00000 remotekit  root         Eqw   12/05/2026 03:50:12                                    1 4
            """;
        Assert.Equal(
            ["12.1 RUNNING (r)", "12.2 DELETING (dr)", "12.3 QUEUED (qw)", "12.4 ERROR (Eqw)"],
            SgeLauncher.Parse(qstat, "12").Select(s => s.ToString()));
        Assert.Equal([false, false, false, true], SgeLauncher.Parse(qstat, "12").Select(s => s.Finished));
        Assert.Equal(["13 RUNNING (r)"], SgeLauncher.Parse(qstat, "13").Select(s => s.ToString()));
        Assert.Empty(SgeLauncher.Parse(qstat, "14"));
    }

    [Fact]
    public void Mpiexec_forwards_the_controller_by_variable_name_and_keeps_the_key_in_the_environment()
    {
        var options = new EngineLaunchOptions { Mpi = { Command = "mpirun", Arguments = ["--hostfile", "hosts"] } };
        var command = new MpiLauncher(options).Command(4, Context);

        Assert.Equal("mpirun", command.Program);
        Assert.Equal(["--hostfile", "hosts", "-n", "4"], command.Arguments.Take(4));
        Assert.Contains("REMOTEKIT__ENGINE__KEY", command.Arguments);
        Assert.Equal(["/opt/dotnet/dotnet", "exec", "/shared/app dir/RemoteKit.Host.dll", "engine"], command.Arguments.TakeLast(4));
        Assert.DoesNotContain(command.Arguments, a => a.Contains(Context.Controller.Key, StringComparison.Ordinal));
        Assert.Equal(Context.Controller.Key, command.Environment["REMOTEKIT__ENGINE__KEY"]);
        Assert.Equal("login1", command.Environment["REMOTEKIT__ENGINE__HOST"]);
    }

    [Fact]
    public void Ssh_deals_engines_out_host_by_host_and_builds_its_command_from_the_settings()
    {
        var options = new EngineLaunchOptions { Ssh = { Hosts = ["node1:2", "me@node2:3", "node3"], Port = 2222, IdentityFile = "/keys/id", Options = ["ConnectTimeout=5"] } };
        var ssh = new SshLauncher(options);

        Assert.Equal(["node1", "node1", "me@node2", "me@node2", "me@node2", "node3", "node1", "node1"], ssh.Deal(8));
        var command = ssh.Command("node1", "true");
        Assert.Equal(["-o", "BatchMode=yes", "-p", "2222", "-i", "/keys/id", "-o", "ConnectTimeout=5", "node1", "true"], command.Arguments);
        Assert.Equal("\"$HOME\"/.remotekit/security", SshLauncher.PathWord(".remotekit/security"));
        Assert.Equal("'/scratch/my dir'", SshLauncher.PathWord("/scratch/my dir"));

        options.Ssh.Hosts = ["node1:zero"];
        Assert.Throws<FormatException>(() => ssh.Deal(1));
        options.Ssh.Hosts = [];
        Assert.Contains("needs hosts", Assert.Throws<InvalidOperationException>(() => ssh.Deal(1)).Message);
    }
}
