using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using Xunit;

namespace RemoteKit.Integration.Tests;

/// <summary>
/// RemoteKit:Diagnostics:StartupTrace: controller and engine processes log when they reached each startup phase, and the
/// first Execute on fresh engines (arriving while they warm the script compiler up) gives the right result.
/// </summary>
public sealed partial class StartupTraceTests
{
    [Fact]
    public async Task With_the_trace_on_controller_and_engines_log_their_startup_phases_in_order()
    {
        var logs = new RecordingLogger();
        var options = new ClusterOptions { LoggerFactory = logs, Restart = { Enabled = false } };
        options.Settings["RemoteKit:Diagnostics:StartupTrace"] = "true";
        await using var cluster = await Cluster.StartAsync(engines: 2, options);
        var engines = cluster.ProcessIds.Skip(1).ToArray();

        // Phases in the order they happened; the host's own "started" may come before or after the role's first phases.
        var controller = await PhasesOfAsync(logs, "controller", cluster.ProcessIds[0], ["main", "host built", "host started", "listening"]);
        Assert.Equal(["main", "host built"], controller.Take(2).Select(p => p.Phase));
        AssertInOrder(controller);
        foreach (var pid in engines)
        {
            // The compiler's warm-up ends later, normally after registration, in a line of its own.
            var engine = await PhasesOfAsync(logs, "engine", pid, ["main", "host built", "host started", "connected", "registered", "scripts warm"]);
            Assert.Equal(["main", "host built"], engine.Take(2).Select(p => p.Phase));
            Assert.Equal(["connected", "registered"], engine.Select(p => p.Phase).Where(p => p is "connected" or "registered"));
            AssertInOrder(engine);
        }
    }

    [Fact]
    public async Task Without_the_setting_no_process_logs_a_trace()
    {
        var logs = new RecordingLogger();
        var options = new ClusterOptions { LoggerFactory = logs, ChildLogLevel = LogLevel.Information, Restart = { Enabled = false } };
        await using (var cluster = await Cluster.StartAsync(engines: 1, options))
        {
            // The engine's own connected message comes after its registration, where a trace would have been logged.
            await logs.WaitForAsync(e => e.Message.Contains("Engine connected", StringComparison.Ordinal));
            Assert.Equal(3125, await cluster.Client[0].ApplyAsync(Work.Power, 5L, 5));
        }

        Assert.DoesNotContain(logs.Entries, e => e.Category == "RemoteKit.StartupTrace");
    }

    [Fact]
    public async Task The_first_execute_on_fresh_engines_waits_for_the_warm_up_and_computes_the_right_values()
    {
        await using var cluster = await Cluster.StartAsync(engines: 2, new ClusterOptions { Restart = { Enabled = false } });
        var all = cluster.Client[..];
        all["i"] = 5;
        await all.ExecuteAsync("var b = (int)Math.Pow(i, 5);");
        Assert.Equal([3125, 3125], all.Pull<int>("b"));

        // A second, different script, and one that reads a variable it does not name through Variables.
        all.Push(new { big = new double[] { 1.5, 2.5, 3.5 } });
        await all.ExecuteAsync("var c = b + i; var n = ((double[])Variables[\"big\"]).Length;");
        Assert.Equal([3130, 3130], all.Pull<int>("c"));
        Assert.Equal([3, 3], all.Pull<int>("n"));
    }

    /// <summary>Waits until the process's trace lines name every expected phase, once each; returns them in order.</summary>
    private static async Task<List<(string Phase, double Milliseconds)>> PhasesOfAsync(RecordingLogger logs, string role, int pid, string[] expected)
    {
        List<(string Phase, double Milliseconds)> Seen() => [.. logs.Entries.Where(e => IsTraceOf(e, role, pid)).SelectMany(e => Phases(e.Message))];
        await logs.WaitForAsync(e => IsTraceOf(e, role, pid) && expected.All(x => Seen().Exists(p => p.Phase == x)));
        var phases = Seen();
        Assert.Equal(expected.Order(StringComparer.Ordinal), phases.Select(p => p.Phase).Order(StringComparer.Ordinal));
        Assert.All(logs.Entries.Where(e => IsTraceOf(e, role, pid)), e => Assert.Equal((LogLevel.Information, EventIds.StartupTrace.Id), (e.Level, e.EventId.Id)));
        return phases;
    }

    private static bool IsTraceOf(LogEntry entry, string role, int pid) =>
        entry.Category == "RemoteKit.StartupTrace" && entry.Message.Contains($"startup trace of {role} process {pid} ", StringComparison.Ordinal);

    private static List<(string Phase, double Milliseconds)> Phases(string message) =>
        [.. PhasePattern().Matches(message[(message.IndexOf("):", StringComparison.Ordinal) + 2)..])
            .Select(m => (m.Groups["phase"].Value, double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture)))];

    private static void AssertInOrder(IReadOnlyList<(string Phase, double Milliseconds)> phases)
    {
        Assert.All(phases, p => Assert.True(p.Milliseconds >= 0, $"{p.Phase} at {p.Milliseconds} ms"));
        Assert.Equal(phases.Select(p => p.Milliseconds).Order(), phases.Select(p => p.Milliseconds));
    }

    [GeneratedRegex(@" (?<phase>[a-z][a-z ]*?) (?<ms>\d+)(?:;|$)")]
    private static partial Regex PhasePattern();
}
