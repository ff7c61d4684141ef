using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RemoteKit.Cli;

/// <summary>Starting this tool again as a child process (controller, engines, a daemonized cluster), detaching, signalling.</summary>
internal static partial class ChildProcesses
{
    private const int SigTerm = 15;

    /// <summary>Starts <c>dotnet exec RemoteKit.Cli.dll ARGS</c>.</summary>
    /// <param name="args">The command line after the dll.</param>
    /// <param name="environment">Extra environment variables (secrets go here, never on the command line).</param>
    /// <param name="watchStdin">Give the child a stdin pipe whose end of file tells it to stop (it dies with us).</param>
    public static Process StartSelf(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, bool watchStdin = false)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = watchStdin,
            CreateNoWindow = true,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ChildProcesses).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                start.Environment[k] = v;
            }
        }

        return Process.Start(start) ?? throw new CliException("Could not start a remotekit child process.");
    }

    /// <summary>
    /// Detaches the current process from its terminal and parent: a new session, stdin from /dev/null, stdout and stderr
    /// appended to <paramref name="logFile"/>. Must run before anything touches <see cref="Console"/>.
    /// </summary>
    public static void Detach(string logFile)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var inherited = new[] { 0, 1, 2 }.Select(Target).ToArray();
        _ = setsid();
        using var log = new FileStream(logFile, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Redirect(devNull, 0);
        Redirect(log.SafeFileHandle, 1);
        Redirect(log.SafeFileHandle, 2);

        // The runtime keeps duplicates of the standard descriptors it started with (inheritable ones): point those at
        // the log too, or they would hold the launcher's pipes open for as long as this process lives.
        if (System.IO.Directory.Exists("/proc/self/fd"))
        {
            foreach (var entry in System.IO.Directory.GetFiles("/proc/self/fd"))
            {
                if (int.TryParse(Path.GetFileName(entry), out var fd) && fd > 2 && Target(fd) is { } target && Array.IndexOf(inherited, target) is var which and >= 0)
                {
                    Redirect(which == 0 ? devNull : log.SafeFileHandle, fd);
                }
            }
        }
    }

    private static string? Target(int fd)
    {
        try
        {
            var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
            return target is not null && (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("/dev/pts", StringComparison.Ordinal) ||
                target.StartsWith("/dev/tty", StringComparison.Ordinal) || target.StartsWith("socket:", StringComparison.Ordinal)) ? target : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Asks a process to stop (SIGTERM); on Windows, where there is no such signal, it is killed.</summary>
    public static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
        }
        else
        {
            _ = kill(process.Id, SigTerm);
        }
    }

    /// <summary>The running process with this id, or <see langword="null"/>.</summary>
    public static Process? TryGet(int pid)
    {
        try
        {
            var process = Process.GetProcessById(pid);
            if (!process.HasExited)
            {
                return process;
            }

            process.Dispose();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
        }

        return null;
    }

    /// <summary>Waits for a process to exit; past <paramref name="grace"/> it is sent SIGTERM, and killed after as long again.</summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (await ExitsWithinAsync(process, grace).ConfigureAwait(false))
        {
            return;
        }

        Terminate(process);
        if (!await ExitsWithinAsync(process, grace).ConfigureAwait(false))
        {
            process.Kill(entireProcessTree: true);
            await ExitsWithinAsync(process, grace).ConfigureAwait(false);
        }
    }

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    private static void Redirect(SafeFileHandle from, int to)
    {
        if (dup2((int)from.DangerousGetHandle(), to) < 0)
        {
            throw new CliException($"Could not redirect file descriptor {to} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        foreach (var variable in new[] { "DOTNET_HOST_PATH" })
        {
            var path = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrEmpty(path) && File.Exists(path))
            {
                return path;
            }
        }

        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, exe)))
        {
            return Path.Combine(root, exe);
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        var guess = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(guess) ? guess : "dotnet";
    }

#pragma warning disable SYSLIB1054 // Plain DllImport: no marshalling is needed and LibraryImport would require unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldfd, int newfd);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
