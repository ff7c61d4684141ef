using System.Diagnostics;
using System.Text;

namespace RemoteKit.Testing;

/// <summary>What a finished process printed.</summary>
public sealed record Run(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs processes to completion, capturing output; kills them (and their children) if they overrun.</summary>
public static class Processes
{
    public static async Task<Run> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild variables would point child builds at the wrong SDK pieces.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null)
                {
                    start.Environment.Remove(k);
                }
                else
                {
                    start.Environment[k] = v;
                }
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var error = new StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, output);
        var readErr = PumpAsync(process.StandardError, error);
        using var deadline = new CancellationTokenSource(timeout ?? Patience.Long);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in time.\n{output}\n{error}");
        }

        await Task.WhenAll(readOut, readErr).WaitAsync(Patience.Long);
        return new Run(process.ExitCode, output.ToString(), error.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        // Read until our child exits; daemonized grandchildren have their own output, so this ends.
        var text = await reader.ReadToEndAsync();
        lock (into)
        {
            into.Append(text);
        }
    }

    public static Process? TryGet(int pid)
    {
        try
        {
            var p = Process.GetProcessById(pid);
            return p.HasExited ? null : p;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static async Task<bool> ExitsAsync(int pid)
    {
        using var process = TryGet(pid);
        if (process is null)
        {
            return true;
        }

        using var deadline = new CancellationTokenSource(Patience.Long);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
