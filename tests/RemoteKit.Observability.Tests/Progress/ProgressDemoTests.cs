using System.Diagnostics;

namespace RemoteKit.Observability.Tests.Progress;

/// <summary>
/// The progress display's automatic choice in a real process: the demo program (tests/testassets/
/// RemoteKit.TestAssets.ProgressDemo) run redirected, and in a pseudo-terminal made by util-linux's <c>script</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProgressDemoTests
{
    [Fact]
    public async Task Redirected_output_shows_plain_lines_ending_at_total_over_total()
    {
        var stdout = await RunDemoAsync(redirected: true);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.DoesNotContain('\r', stdout);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.True(lines.Length >= 3, $"Expected periodic lines before the final one:\n{stdout}");
        Assert.All(lines, line => Assert.Matches(@"^\d+/40 items done", line));
        var counts = lines.Select(l => int.Parse(l[..l.IndexOf('/')])).ToArray();
        Assert.Equal(counts.Order(), counts);
        Assert.Matches(@"^40/40 items done, 4 failed, in \d+\.\d s", lines[^1]);
    }

    [Fact]
    public async Task A_terminal_shows_the_bar()
    {
        var screen = await RunDemoAsync(redirected: false);
        var frames = screen.Split('\r', StringSplitOptions.RemoveEmptyEntries).Where(f => f.StartsWith('[')).ToArray();

        Assert.True(frames.Length >= 3, $"Expected the bar to be redrawn:\n{screen}");
        Assert.Contains('░', ProgressDisplayTests.BarOf(frames[0]));
        Assert.DoesNotContain('░', ProgressDisplayTests.BarOf(frames[^1]));
        Assert.Contains("40/40 items 100%", frames[^1]);
        Assert.Contains("\u001b[31m4 failed\u001b[0m", frames[^1]);
        Assert.Matches(@"\n40/40 items done, 4 failed, in \d+\.\d s", screen);
    }

    /// <summary>Runs the demo program redirected, or in a pseudo-terminal made by util-linux's <c>script</c>.</summary>
    private static async Task<string> RunDemoAsync(bool redirected)
    {
        var demo = Path.Combine(AppContext.BaseDirectory, "RemoteKit.TestAssets.ProgressDemo.dll");
        var start = redirected
            ? new ProcessStartInfo("dotnet") { ArgumentList = { "exec", demo, "100" } }
            : new ProcessStartInfo("script") { ArgumentList = { "--quiet", "--return", "--command", $"dotnet exec '{demo}' 100", "/dev/null" } };
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        // Kept open and unused, so script never sees end of input and stops the program early.
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Patience.Long);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"The demo exited with {process.ExitCode}:\n{output}\n{await stderr}");
        return output;
    }
}
