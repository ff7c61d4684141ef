using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit;

namespace RemoteKit.Integration.Tests.Launchers;

public sealed class ClusterLoggingTests
{
    [Fact]
    public async Task An_embedded_cluster_writes_nothing_into_the_programs_own_output()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "RemoteKit.TestAssets.Launcher.dll"), "2" })
        {
            start.ArgumentList.Add(argument);
        }

        using var program = Process.Start(start)!;
        var stderr = program.StandardError.ReadToEndAsync();
        var first = await program.StandardOutput.ReadLineAsync().WaitAsync(Patience.Long);
        Assert.StartsWith("PIDS ", first);

        program.StandardInput.Close(); // the program then disposes its cluster and exits
        var rest = await program.StandardOutput.ReadToEndAsync().WaitAsync(Patience.Long);
        await program.WaitForExitAsync().WaitAsync(Patience.Long);

        Assert.Equal(0, program.ExitCode);
        Assert.Equal("", rest);
        Assert.Equal("", await stderr);
    }

    [Fact]
    public async Task Child_processes_log_into_the_given_logger_factory_from_warnings_up_by_default()
    {
        var logs = new RecordingLogger();
        var options = new ClusterOptions { LoggerFactory = logs, Restart = { Enabled = false } };
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var pids = await cluster.Client[..].ApplyAsync(Work.ProcessId);

        using (var engine = Process.GetProcessById(pids[1]))
        {
            engine.Kill();
            await engine.WaitForExitAsync().WaitAsync(Patience.Long);
        }

        // The controller's warning about the lost engine, with its level and category, named after its process.
        var lost = await logs.WaitForAsync(e => e.Level == LogLevel.Warning && e.Category.StartsWith("RemoteKit.Controller", StringComparison.Ordinal));
        Assert.StartsWith($"controller process {cluster.ProcessIds[0]}: ", lost.Message);
        Assert.Contains("1", lost.Message);

        var notReplaced = await logs.WaitForAsync(e => e.Category.Contains("Supervisor", StringComparison.Ordinal) && e.Level == LogLevel.Warning);
        Assert.Contains($"engine process {pids[1]}", notReplaced.Message);
        Assert.DoesNotContain(logs.Entries, e => IsFromChild(e) && e.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task ChildLogLevel_information_forwards_the_controllers_and_engines_information_lines()
    {
        var logs = new RecordingLogger();
        await using var cluster = await Cluster.StartAsync(engines: 1, new ClusterOptions { LoggerFactory = logs, ChildLogLevel = LogLevel.Information });

        var controller = await logs.WaitForAsync(e => e.Level == LogLevel.Information && e.Message.StartsWith("controller process ", StringComparison.Ordinal));
        Assert.StartsWith("RemoteKit.Controller", controller.Category);
        var engine = await logs.WaitForAsync(e => e.Level == LogLevel.Information && e.Message.StartsWith("engine process ", StringComparison.Ordinal));
        Assert.StartsWith("RemoteKit.Engine", engine.Category);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("Press Ctrl+C", StringComparison.Ordinal));
    }

    private static bool IsFromChild(LogEntry entry) =>
        entry.Message.StartsWith("controller process ", StringComparison.Ordinal) || entry.Message.StartsWith("engine process ", StringComparison.Ordinal);
}
