using System.Diagnostics;
using System.Text.RegularExpressions;
using RemoteKit.Progress;

namespace RemoteKit.Observability.Tests;

public sealed partial class ProgressTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RedirectedOutputPrintsPlainLinesEndingAtTotalOverTotal()
    {
        var (exitCode, output) = await RunDemoAsync(redirected: true, total: 25, failEvery: 5);

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length > 2, output);
        Assert.DoesNotContain('\e', output);
        Assert.DoesNotContain('\r', output);
        var done = lines.Select(l => int.Parse(ProgressLine().Match(l) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("not a progress line: " + l))).ToArray();
        Assert.Equal(done.Order(), done);
        Assert.StartsWith("25/25 tasks, 5 failed, ", lines[^1]);
        Assert.Contains(" in ", lines[^1]);
    }

    [Fact]
    public async Task ATerminalShowsABarRedrawnInPlace()
    {
        var (exitCode, output) = await RunDemoAsync(redirected: false, total: 20, failEvery: 4);

        Assert.Equal(0, exitCode);
        Assert.Contains("\r", output);
        Assert.Contains("\e[K", output);
        Assert.Contains(new string('█', 30) + "\e[0m 20/20 tasks, 5 failed", output);
        Assert.Contains("░", output);
        Assert.Contains("ETA", output);
    }

    [Fact]
    public async Task RendererStopsWithAFinalLineWhenTheResultCompletes()
    {
        var writer = new StringWriter();
        var progress = new TaskProgress(0, 0, 3);
        var completion = new TaskCompletionSource();

        var rendering = ProgressRenderer.RenderAsync(() => progress, completion.Task, writer, interactive: false, TimeSpan.FromMilliseconds(10), CancellationToken.None);
        progress = new TaskProgress(2, 1, 3);
        completion.SetException(new InvalidOperationException("a task failed"));
        await rendering.WaitAsync(ProcessTimeout);

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("0/3 tasks", lines[0]);
        Assert.StartsWith("3/3 tasks, 1 failed", lines[^1]);
    }

    [Fact]
    public void LinesShowRateAndEta()
    {
        Assert.Equal("5/20 tasks, 1 failed, 2.5/s, ETA 00:06", ProgressRenderer.Format(new TaskProgress(4, 1, 20), TimeSpan.FromSeconds(2), final: false));
        Assert.Equal("0/20 tasks, 0.0/s, ETA --:--", ProgressRenderer.Format(new TaskProgress(0, 0, 20), TimeSpan.FromSeconds(2), final: false));
        Assert.Equal("20/20 tasks, 4.0/s, in 00:05", ProgressRenderer.Format(new TaskProgress(20, 0, 20), TimeSpan.FromSeconds(5), final: true));
    }

    private static async Task<(int ExitCode, string Output)> RunDemoAsync(bool redirected, int total, int failEvery)
    {
        var demo = Path.Combine(AppContext.BaseDirectory, "RemoteKit.Observability.ProgressDemo.dll");
        var dotnet = Environment.ProcessPath!;
        var start = redirected
            ? new ProcessStartInfo(dotnet) { ArgumentList = { demo, total.ToString(), failEvery.ToString() } }
            // `script` gives the program a pseudo-terminal for its standard output and copies what it draws to ours.
            : new ProcessStartInfo("script") { ArgumentList = { "-qfec", $"'{dotnet}' '{demo}' {total} {failEvery}", "/dev/null" } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^(\d+)/\d+ tasks")]
    private static partial Regex ProgressLine();
}
