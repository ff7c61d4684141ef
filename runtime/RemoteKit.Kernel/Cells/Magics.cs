using System.Diagnostics;
using System.Globalization;

namespace RemoteKit.Kernel.Cells;

/// <summary>
/// The line magics a cell's code calls where it wrote them (<c>%px</c>, <c>%autopx</c>, <c>%pxresult</c>,
/// <c>%lsmagic</c>), shell commands (<c>!cmd</c>), and <c>%time</c>'s report.
/// </summary>
internal sealed class Magics(KernelSession session)
{
    public const string List =
        "Available line magics:\n" +
        "%autopx  %lsmagic  %px  %pxresult  %time\n\n" +
        "Available cell magics:\n" +
        "%%px  %%time\n\n" +
        "Shell commands: !cmd\n" +
        "Packages: #r \"nuget: Name, Version\"   Assemblies: #r \"path/to/Library.dll\"\n";

    public async Task RunLineAsync(string name, string arguments)
    {
        switch (name)
        {
            case "px":
            {
                var (options, code) = PxOptions.Parse(arguments);
                await session.Parallel.PxAsync(code, options, session.ExecutionCount, session.CellCancellation).ConfigureAwait(false);
                break;
            }

            case "autopx":
                session.Parallel.AutoPx = !session.Parallel.AutoPx;
                Console.Out.WriteLine(session.Parallel.AutoPx ? "%autopx enabled" : "%autopx disabled");
                break;
            case "pxresult":
                await session.Parallel.ResultAsync(session.CellCancellation).ConfigureAwait(false);
                break;
            case "lsmagic":
                Console.Out.Write(List);
                break;
            case "time":
                throw new InvalidOperationException("UsageError: %time times a cell from its first line: put it on the cell's first line (or use %%time).");
            default:
                throw new InvalidOperationException($"UsageError: Line magic function `%{name}` not found (%lsmagic lists them).");
        }
    }

    /// <summary>
    /// Runs <paramref name="command"/> with <c>/bin/sh -c</c> in the notebook's folder, streaming its output. In it,
    /// <c>remotekit</c> is the tool running this kernel, so <c>!remotekit cluster start ...</c> works whether or not the tool
    /// is on <c>PATH</c>, and with the kernel's own version.
    /// </summary>
    public async Task ShellAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ToolFunction() + command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh.");
        process.StandardInput.Close();
        var token = session.CellCancellation;
        using var kill = token.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        });
        await Task.WhenAll(
            CopyAsync(process.StandardOutput, Console.Out),
            CopyAsync(process.StandardError, Console.Error),
            process.WaitForExitAsync(CancellationToken.None)).ConfigureAwait(false);
        token.ThrowIfCancellationRequested();

        static async Task CopyAsync(TextReader from, TextWriter to)
        {
            var buffer = new char[4096];
            int read;
            while ((read = await from.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                to.Write(buffer, 0, read);
            }

            to.Flush();
        }
    }

    /// <summary>A shell function named <c>remotekit</c> that runs this process's tool.</summary>
    private static string ToolFunction()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        var words = Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? new[] { process, entry } : [process];
        return "remotekit() { " + string.Join(" ", words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'")) + " \"$@\"; }\n";
    }

    /// <summary>Runs <paramref name="run"/> and prints IPython's <c>%time</c> report: CPU times of this process and wall time.</summary>
    public static async Task<T> TimeAsync<T>(Func<Task<T>> run)
    {
        using var self = Process.GetCurrentProcess();
        var user = self.UserProcessorTime;
        var system = self.PrivilegedProcessorTime;
        var clock = Stopwatch.StartNew();
        try
        {
            return await run().ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
            self.Refresh();
            var u = self.UserProcessorTime - user;
            var s = self.PrivilegedProcessorTime - system;
            Console.Out.WriteLine($"CPU times: user {Format(u)}, sys: {Format(s)}, total: {Format(u + s)}");
            Console.Out.WriteLine($"Wall time: {Format(clock.Elapsed)}");
        }
    }

    /// <summary>A duration with three significant digits and its unit, as IPython prints it: <c>1.01 s</c>, <c>12.3 ms</c>.</summary>
    internal static string Format(TimeSpan time)
    {
        var seconds = time.TotalSeconds;
        if (seconds >= 60)
        {
            var whole = TimeSpan.FromSeconds(Math.Round(seconds));
            return whole.TotalHours >= 1 ? $"{(int)whole.TotalHours}h {whole.Minutes}min {whole.Seconds}s" : $"{whole.Minutes}min {whole.Seconds}s";
        }

        var (value, unit) = seconds switch
        {
            >= 1 => (seconds, "s"),
            >= 1e-3 => (seconds * 1e3, "ms"),
            >= 1e-6 => (seconds * 1e6, "µs"),
            _ => (seconds * 1e9, "ns"),
        };
        return value.ToString(value >= 100 ? "F0" : value >= 10 ? "F1" : "F2", CultureInfo.InvariantCulture) + " " + unit;
    }
}
