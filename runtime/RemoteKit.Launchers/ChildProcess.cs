using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RemoteKit.Launchers;

/// <summary>What to start: a program, its arguments and extra environment variables.</summary>
/// <param name="Program">The executable (a path, or a name looked up on <c>PATH</c>).</param>
/// <param name="Arguments">The arguments, passed as they are (no shell).</param>
public sealed record ProcessCommand(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Extra environment variables; secrets go here, never into <see cref="Arguments"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The command as one shell line (for job scripts and remote hosts), every word quoted as needed.</summary>
    /// <returns>The program and its arguments, quoted for a POSIX shell.</returns>
    public string ToShell() => ShellWords.Join([Program, .. Arguments]);

    /// <summary>The same command with more arguments.</summary>
    internal ProcessCommand Append(params string[] arguments) => this with { Arguments = [.. Arguments, .. arguments] };

    /// <summary>A command given as one shell line (<c>remotekit engine</c>), split into words.</summary>
    internal static ProcessCommand Parse(string line)
    {
        var words = ShellWords.Split(line);
        if (words.Count == 0)
        {
            throw new ArgumentException("The command is empty.", nameof(line));
        }

        return new ProcessCommand(words[0], words.Skip(1).ToArray());
    }

    /// <summary><c>dotnet exec ASSEMBLY ARGS</c> with the dotnet host this process runs on.</summary>
    internal static ProcessCommand DotnetExec(string assembly, params string[] arguments) =>
        new(ChildProcess.DotnetHost(), ["exec", assembly, .. arguments]);

    /// <inheritdoc />
    public override string ToString() => ToShell();
}

/// <summary>
/// Starting, signalling and stopping child processes: the one place the embedded <c>Cluster</c>, the CLI and every
/// launcher use.
/// </summary>
internal static partial class ChildProcess
{
    private const int SigTerm = 15;

    /// <summary>
    /// Starts <paramref name="command"/>. With <paramref name="watchStdin"/> the child gets a standard input pipe whose end
    /// of file tells it to stop, so it dies with this process. With <paramref name="output"/> its standard output and error
    /// are read line by line into that sink instead of being inherited.
    /// </summary>
    public static Process Start(ProcessCommand command, bool watchStdin = false, ChildOutput? output = null, string? workingDirectory = null)
    {
        var start = StartInfo(command, watchStdin, output is not null);
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        var process = StartOrExplain(start, command);
        output?.Attach(process);
        return process;
    }

    /// <summary>
    /// Starts <paramref name="command"/> so that it outlives this process: in a session of its own, standard input from
    /// <c>/dev/null</c>, output appended to <paramref name="logFile"/>, holding none of this process's pipes.
    /// </summary>
    /// <returns>Its process id.</returns>
    public static int StartDetached(ProcessCommand command, string logFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
        var detached = new ProcessCommand("/bin/sh", ["-c", "exec setsid \"$@\" </dev/null >>\"$REMOTEKIT_DETACHED_LOG\" 2>&1", "sh", command.Program, .. command.Arguments])
        {
            Environment = new Dictionary<string, string>(command.Environment) { ["REMOTEKIT_DETACHED_LOG"] = logFile },
        };
        using var process = StartOrExplain(StartInfo(detached, redirectInput: false, redirectOutput: false), detached);
        return process.Id;
    }

    /// <summary>Runs a command to its end, with <paramref name="input"/> as its standard input; returns its exit code and output.</summary>
    public static async Task<CommandResult> RunAsync(
        ProcessCommand command, string? input = null, TimeSpan? timeout = null, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var start = StartInfo(command, redirectInput: true, redirectOutput: true);
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.StandardInputEncoding = new UTF8Encoding(false);
        using var process = StartOrExplain(start, command);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading its input; its exit code says why.
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{command.ToShell()}' did not finish within {timeout ?? TimeSpan.FromMinutes(2)}.");
        }

        return new CommandResult(command, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Asks a process to stop (SIGTERM); on Windows, where there is no such signal, it is killed.</summary>
    public static void Terminate(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            using var process = TryGet(pid);
            process?.Kill(entireProcessTree: true);
        }
        else
        {
            _ = kill(pid, SigTerm);
        }
    }

    /// <summary>The running process with this id, or <see langword="null"/>.</summary>
    public static Process? TryGet(int pid)
    {
        try
        {
            var process = Process.GetProcessById(pid);
            if (IsRunning(pid) && !process.HasExited)
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

    /// <summary>
    /// Whether a process with this id runs. A zombie (exited, not yet reaped by its parent) does not: where pid 1 reaps
    /// orphans only now and then, a stopped process can linger as one.
    /// </summary>
    public static bool IsRunning(int pid)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return false;
            }
        }

        try
        {
            // /proc/PID/stat: "pid (comm) S ..."; comm may hold spaces and parentheses, the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops a process: waits <paramref name="grace"/> for it to exit by itself (it was asked to, e.g. by closing its
    /// standard input), then sends SIGTERM and waits as long again, then kills it with its children.
    /// </summary>
    /// <returns><see langword="true"/> if it exited without being killed.</returns>
    public static async Task<bool> StopAsync(Process process, TimeSpan grace)
    {
        if (await ExitsWithinAsync(process, grace).ConfigureAwait(false))
        {
            return true;
        }

        Terminate(process.Id);
        if (await ExitsWithinAsync(process, grace).ConfigureAwait(false))
        {
            return true;
        }

        process.Kill(entireProcessTree: true);
        await ExitsWithinAsync(process, grace).ConfigureAwait(false);
        return false;
    }

    /// <summary>Closes the standard input of a process started with <c>watchStdin</c>: it stops by itself.</summary>
    public static void CloseInput(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already exited, or started without a stdin pipe.
        }
    }

    /// <summary>Waits for a process that is not this one's child (found by id) to end; false if it still runs after <paramref name="limit"/>.</summary>
    public static async Task<bool> WaitGoneAsync(int pid, TimeSpan limit)
    {
        using var process = TryGet(pid);
        return process is null || await ExitsWithinAsync(process, limit).ConfigureAwait(false) || !IsRunning(pid);
    }

    /// <summary>
    /// The <c>dotnet</c> executable this process runs on (or the SDK's, or <c>DOTNET_ROOT</c>'s), so children use the same
    /// runtime even when <c>dotnet</c> is not on <c>PATH</c>.
    /// </summary>
    public static string DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var current = Environment.ProcessPath;
        if (current is not null && string.Equals(Path.GetFileName(current), exe, StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        foreach (var candidate in new[]
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root ? Path.Combine(root, exe) : null,

            // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
            Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe)),
        })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return exe;
    }

    private static ProcessStartInfo StartInfo(ProcessCommand command, bool redirectInput, bool redirectOutput)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = redirectOutput,
            CreateNoWindow = true,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static Process StartOrExplain(ProcessStartInfo start, ProcessCommand command)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{command.Program}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run '{command.Program}' ({e.Message}): is it installed and on PATH?", e);
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

#pragma warning disable SYSLIB1054 // Plain DllImport: no marshalling is needed and LibraryImport would require unsafe code.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}

/// <summary>What a command printed and how it ended.</summary>
internal sealed record CommandResult(ProcessCommand Command, int ExitCode, string Output, string Error)
{
    /// <summary>Whether it exited with code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command's error output unless it succeeded.</summary>
    public CommandResult EnsureSuccess(string what)
    {
        if (!Succeeded)
        {
            var detail = string.IsNullOrWhiteSpace(Error) ? Output : Error;
            throw new InvalidOperationException($"{what} failed: '{Command.Program}' exited with code {ExitCode}: {detail.Trim()}");
        }

        return this;
    }
}
