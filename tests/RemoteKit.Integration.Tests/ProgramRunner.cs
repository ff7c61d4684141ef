using System.Diagnostics;

namespace RemoteKit.Integration.Tests;

/// <summary>Starts the .NET programs built beside the tests (launcher, other client program, samples).</summary>
internal static class ProgramRunner
{
    /// <summary>Starts <paramref name="dll"/> from the test output folder with redirected output (and input, if asked).</summary>
    public static Process Start(string dll, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = !redirectInput,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
    }

    /// <summary>Runs <paramref name="dll"/> to its end and returns its standard output; fails the test if it fails.</summary>
    public static async Task<string> RunAsync(string dll, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var run = await Processes.RunAsync("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, dll), .. arguments], timeout: timeout);
        Xunit.Assert.True(run.ExitCode == 0, $"{dll} exited with {run.ExitCode}:\n{run.Out}\n{run.Err}");
        return run.Out;
    }
}
