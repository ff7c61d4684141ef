using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary>This tool as a child process of itself (a daemonized cluster), and detaching from the terminal.</summary>
internal static partial class ChildProcesses
{
    /// <summary><c>dotnet exec RemoteKit.Cli.dll ARGS</c>: this tool, run again.</summary>
    public static ProcessCommand Self(params string[] args) => ProcessCommand.DotnetExec(typeof(ChildProcesses).Assembly.Location, args);

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

    private static void Redirect(SafeFileHandle from, int to)
    {
        if (dup2((int)from.DangerousGetHandle(), to) < 0)
        {
            throw new CliException($"Could not redirect file descriptor {to} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

#pragma warning disable SYSLIB1054 // Plain DllImport: no marshalling is needed and LibraryImport would require unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern int setsid();

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldfd, int newfd);

#pragma warning restore SYSLIB1054
}
