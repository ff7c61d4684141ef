using System.Diagnostics;
using RemoteKit.Engine;
using Xunit;

namespace RemoteKit.Cli.Tests;

/// <summary><c>remotekit script-server</c>: run in the foreground, <c>status</c>, <c>shutdown</c>, each on a folder of the test's own.</summary>
public sealed class CliScriptServerTests
{
    [Fact]
    public async Task Script_server_runs_reports_its_status_and_shutdown_ends_it()
    {
        using var folder = new TempDirectory("rkss-");
        var cli = Path.Combine(AppContext.BaseDirectory, "RemoteKit.Cli.dll");
        using var server = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "script-server", "--directory", folder.Path, "--idle-timeout", "00:05:00"])
        {
            RedirectStandardError = true,
        })!;
        try
        {
            await Events.FileAppearsAsync(EngineScripts.ServerSocket(EngineScripts.Options(folder.Path)));
            var status = await RunAsync("script-server", "status", "--directory", folder.Path);
            Assert.True(status.ExitCode == 0, status.ToString());
            Assert.Contains($"pid: {server.Id}", status.Out);
            Assert.Contains("idle timeout: 00:05:00", status.Out);
            Assert.Matches(@"reference sets: \d+", status.Out);
            Assert.Matches(@"assembly files read: \d+ \(\d+ of them a shared framework's, mapped\)", status.Out);
            Assert.Matches(@"resident memory: [1-9]\d* MiB", status.Out);

            var shutdown = await RunAsync("script-server", "shutdown", "--directory", folder.Path);
            Assert.True(shutdown.ExitCode == 0, shutdown.ToString());
            await server.WaitForExitAsync().WaitAsync(Patience.Long);
            Assert.Equal(0, server.ExitCode);

            var none = await RunAsync("script-server", "status", "--directory", folder.Path);
            Assert.Equal(1, none.ExitCode);
            Assert.Contains("No script server runs", none.Out);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }

    [Fact]
    public async Task A_second_script_server_on_the_same_folder_exits_and_says_one_already_serves()
    {
        using var folder = new TempDirectory("rkss-");
        var cli = Path.Combine(AppContext.BaseDirectory, "RemoteKit.Cli.dll");
        using var first = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, "script-server", "--directory", folder.Path]) { RedirectStandardError = true })!;
        try
        {
            await Events.FileAppearsAsync(EngineScripts.ServerSocket(EngineScripts.Options(folder.Path)));
            var second = await RunAsync("script-server", "--directory", folder.Path);
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Contains("already serves", second.Err);
            Assert.False(first.HasExited);
        }
        finally
        {
            await RunAsync("script-server", "shutdown", "--directory", folder.Path);
            await first.WaitForExitAsync().WaitAsync(Patience.Long);
        }
    }

    private static Task<Run> RunAsync(params string[] args) =>
        Processes.RunAsync("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "RemoteKit.Cli.dll"), .. args]);
}
