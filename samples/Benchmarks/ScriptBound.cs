using System.Diagnostics;
using System.Text.Json;

namespace RemoteKit.Benchmarks;

/// <summary>
/// What bounds <c>execute_first_ms</c> with a given host build: one fresh host process per engine, all at once (as a
/// cluster's engines warm up at once), each compiling and running the first script cold and nothing else
/// (<c>RemoteKit.Host probe-script</c>). The figure is the slowest process's time, from the start of the compile to the
/// script's result.
/// </summary>
internal static class ScriptBound
{
    /// <summary>Runs <paramref name="processes"/> probes of <paramref name="hostPath"/> at once; the slowest one's milliseconds.</summary>
    public static async Task<double> FirstScriptMillisecondsAsync(string hostPath, int processes)
    {
        var probes = Enumerable.Range(0, processes).Select(_ => ProbeAsync(hostPath)).ToArray();
        return (await Task.WhenAll(probes)).Max();
    }

    private static async Task<double> ProbeAsync(string hostPath)
    {
        // The dotnet this program runs on, as a cluster's processes use (run through its apphost: the one on PATH).
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(hostPath);
        start.ArgumentList.Add("probe-script");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the script probe");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the script probe ({hostPath}) exited with {process.ExitCode}: {await errors}");
        }

        using var json = JsonDocument.Parse(await output);
        return json.RootElement.GetProperty("script_first_ms").GetDouble();
    }
}
