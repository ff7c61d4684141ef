using System.Text.Json.Nodes;
using RemoteKit.Kernel.Jupyter;

namespace RemoteKit.Kernel.Tests;

/// <summary>
/// Cells with a cluster the notebook started: [Remote] methods declared in cells and shipped to engines, packages,
/// remote errors, the parallel magics, interrupts and progress.
/// </summary>
public sealed class RemoteCellTests(ClusterKernelFixture fixture) : IClassFixture<ClusterKernelFixture>
{
    private KernelClient Kernel => fixture.Kernel;

    [Fact]
    public async Task Remote_method_declared_in_one_cell_maps_over_engines_in_the_next()
    {
        var mapped = await Kernel.RunAsync("rc[..].Map(Work.SlowPower, new long[] { 0, 1, 2, 3 })");
        Assert.Equal("long[4] { 0, 1, 32, 243 }", mapped.Result);

        var balanced = await Kernel.RunAsync("await rc.LoadBalancedView().MapAsync(Work.SlowPower, new long[] { 2, 3 }, new[] { 2, 2 })");
        Assert.Equal("long[2] { 4, 9 }", balanced.Result);

        var who = await Kernel.RunAsync("rc[..].Apply(Work.Who)");
        Assert.Equal("string[2] { \"engine 0 of 2\", \"engine 1 of 2\" }", who.Result);

        // The typed form from the generator works in later cells too.
        var typed = await Kernel.RunAsync("await rc[0].ApplyAsync(Work.Remote.SlowPower(3))");
        Assert.Equal("243", typed.Result);
    }

    [Fact]
    public async Task Redefined_class_is_what_later_calls_use_on_the_kernel_and_the_engines()
    {
        const string Declare = """
            public static partial class Versioned
            {{
                [Remote]
                public static string Version(int x) => "{0}:" + x;

                public static string Local => "{0}";
            }}
            """;
        await Kernel.RunAsync(string.Format(Declare, "first"));
        var first = await Kernel.RunAsync("rc[..].Map(Versioned.Version, new[] { 1, 2 })");
        Assert.Equal("string[2] { \"first:1\", \"first:2\" }", first.Result);

        await Kernel.RunAsync(string.Format(Declare, "second"));
        Assert.Equal("\"second\"", (await Kernel.RunAsync("Versioned.Local")).Result);
        Assert.Equal("string[2] { \"second:1\", \"second:2\" }", (await Kernel.RunAsync("rc[..].Map(Versioned.Version, new[] { 1, 2 })")).Result);
        Assert.Equal("\"second:3\"", (await Kernel.RunAsync("rc.LoadBalancedView().Apply(Versioned.Version, 3)")).Result);

        // Work, declared in another cell, is still there.
        Assert.Equal("32", (await Kernel.RunAsync("rc[0].Apply(Work.SlowPower, 2L, 5)")).Result);
    }

    [Fact]
    public async Task Analyzer_error_is_shown_in_the_cell_with_its_position()
    {
        var failed = await Kernel.ExecuteAsync(
            """
            public static partial class Broken
            {
                [Remote]
                public static void Out(out int x) => x = 1;
            }
            """);
        Assert.Equal("error", failed.Status);
        Assert.Equal("CompilationError", failed.ErrorName);
        Assert.Contains("(4,36): error RK0003", failed.ErrorValue);

        // The failed cell changed nothing: earlier [Remote] code still runs.
        Assert.Equal("1", (await Kernel.RunAsync("rc[1].Apply(Work.SlowPower, 1L, 5)")).Result);

        // Passing a lambda where a [Remote] method goes is refused, as in a project.
        var lambda = await Kernel.ExecuteAsync("var fine = 1;\nrc[0].Apply((RemoteContext c) => c.EngineId.ToString())");
        Assert.Equal("CompilationError", lambda.ErrorName);
        Assert.Contains("(2,13): error RK0006", lambda.ErrorValue);
    }

    [Fact]
    public async Task RemoteException_shows_the_engine_and_the_remote_stack()
    {
        var failed = await Kernel.ExecuteAsync(
            """
            public static partial class Failing
            {
                [Remote]
                public static int Divide(int x) => 10 / (x - x);
            }
            rc[1].Apply(Failing.Divide, 3)
            """);
        Assert.Equal("RemoteException", failed.ErrorName);
        Assert.Contains("System.DivideByZeroException on engine 1", failed.ErrorValue);
        Assert.Contains("stack trace on engine 1", failed.Traceback);
        Assert.Contains("Failing.Divide", failed.Traceback);

        var both = await Kernel.ExecuteAsync("rc[..].Apply(Failing.Divide, 3)");
        Assert.Equal("AggregateException", both.ErrorName);
        Assert.Contains("engine 0", both.Traceback);
        Assert.Contains("engine 1", both.Traceback);
    }

    [Fact]
    public async Task NuGet_package_is_restored_loaded_and_shipped_to_engines()
    {
        var restored = await Kernel.RunAsync("#r \"nuget: NodaTime, 3.3.7\"", TimeSpan.FromMinutes(5));
        Assert.Contains("NodaTime 3.3.7", restored.Stdout);

        var local = await Kernel.RunAsync("new NodaTime.LocalDate(2024, 2, 29).PlusYears(1).ToString(\"yyyy-MM-dd\", null)");
        Assert.Equal("\"2025-02-28\"", local.Result);

        var remote = await Kernel.RunAsync(
            """
            public static partial class Calendar
            {
                [Remote]
                public static string NewYear(int year, RemoteContext ctx) =>
                    $"{new NodaTime.LocalDate(year, 1, 1).DayOfWeek} on engine {ctx.EngineId}";
            }
            rc[..].Map(Calendar.NewYear, new[] { 2024, 2025 })
            """);
        Assert.Equal("string[2] { \"Monday on engine 0\", \"Wednesday on engine 1\" }", remote.Result);
    }

    [Fact]
    public async Task MemoryPackable_type_declared_in_a_cell_crosses_to_engines()
    {
        // A cell of [MemoryPackable] types alone is compiled with MemoryPack's generator too, so later cells' [Remote]
        // methods take and return its values.
        await Kernel.RunAsync("[MemoryPack.MemoryPackable]\npublic partial record Point(int X, int Y);");
        var moved = await Kernel.RunAsync(
            """
            public static partial class Geometry
            {
                [Remote]
                public static Point Move(Point p, RemoteContext ctx) => p with { X = p.X + 10 * (ctx.EngineId + 1) };
            }
            rc[..].Map(Geometry.Move, new[] { new Point(1, 2), new Point(3, 4) })
            """);
        Assert.Equal("Point[2] { [Point { X = 11, Y = 2 }], [Point { X = 23, Y = 4 }] }", moved.Result);
        Assert.Contains("<th>X</th>", moved.ResultHtml);
    }

    [Fact]
    public async Task Px_runs_on_every_engine_and_shows_output_per_engine()
    {
        await Kernel.RunAsync("%px var b = Context.EngineId * 10;");
        var shown = await Kernel.RunAsync("%px Console.WriteLine($\"hello from {Context.EngineId}\"); b + 1");
        var count = shown.Reply.Content["execution_count"]!.GetValue<int>();
        Assert.Equal("[stdout:0] hello from 0\n[stdout:1] hello from 1\n", shown.Stdout);
        Assert.Equal([$"Out[0:{count}]: 1", $"Out[1:{count}]: 11"], shown.Displays);

        var cell = await Kernel.RunAsync("%%px --targets 1\nvar c = b * 2;\nc");
        var cellCount = cell.Reply.Content["execution_count"]!.GetValue<int>();
        Assert.Equal([$"Out[1:{cellCount}]: 20"], cell.Displays);

        var streamed = await Kernel.RunAsync("%%px --stream\nConsole.WriteLine(\"streamed\");");
        Assert.Contains("[stdout:0] streamed", streamed.Stdout);
        Assert.Contains("[stdout:1] streamed", streamed.Stdout);

        var noBlock = await Kernel.RunAsync("%px --noblock System.Threading.Thread.Sleep(200); Context.EngineId + 100");
        Assert.Contains("<AsyncResult", Assert.Single(noBlock.Displays));
        var result = await Kernel.RunAsync("%pxresult");
        Assert.Contains("]: 100", string.Join("\n", result.Displays));
        Assert.Contains("]: 101", string.Join("\n", result.Displays));

        var failed = await Kernel.ExecuteAsync("%px throw new InvalidOperationException(\"px boom\");");
        Assert.Equal("AggregateException", failed.ErrorName);
        Assert.Contains("[0:execute]: InvalidOperationException: px boom", failed.Stderr);

        // An activated view is what the magics use from then on.
        var activated = await Kernel.RunAsync("rc[1..].Activate();\n%px Context.EngineId");
        Assert.Equal([$"Out[1:{activated.Reply.Content["execution_count"]!.GetValue<int>()}]: 1"], activated.Displays);
        await Kernel.RunAsync("rc[..].Activate();");
    }

    [Fact]
    public async Task AutoPx_runs_later_cells_on_the_engines_until_toggled_off()
    {
        Assert.Equal("%autopx enabled\n", (await Kernel.RunAsync("%autopx")).Stdout);
        try
        {
            await Kernel.RunAsync("var onEngines = Context.EngineId + 7;");
            var shown = await Kernel.RunAsync("onEngines");
            var count = shown.Reply.Content["execution_count"]!.GetValue<int>();
            Assert.Equal([$"Out[0:{count}]: 7", $"Out[1:{count}]: 8"], shown.Displays);
        }
        finally
        {
            Assert.Equal("%autopx disabled\n", (await Kernel.RunAsync("%autopx")).Stdout);
        }

        // The variable lives on the engines, not in the kernel.
        var local = await Kernel.ExecuteAsync("onEngines");
        Assert.Contains("CS0103", local.ErrorValue);
        Assert.Equal("object[2] { 7, 8 }", (await Kernel.RunAsync("rc[..][\"onEngines\"]")).Result);
    }

    [Fact]
    public async Task Interrupt_aborts_a_long_map_and_the_next_cell_works()
    {
        var cell = Kernel.ExecuteAsync(
            "Console.WriteLine(\"mapping\");\nrc.LoadBalancedView().Map(Work.SlowPower, Enumerable.Range(0, 20_000).Select(i => (long)(i % 7)))");
        await Kernel.WaitForPublishedAsync(m => m.Type == "stream" && m.Text().Contains("mapping", StringComparison.Ordinal));
        var interrupt = await Kernel.RequestAsync(Channel.Control, "interrupt_request", []);
        Assert.Equal("ok", interrupt.Status);

        var interrupted = await cell;
        Assert.Equal("error", interrupted.Status);
        Assert.Equal("OperationCanceledException", interrupted.ErrorName);

        // The kernel and the cluster stay usable, and nothing of the map is left queued.
        Assert.Equal("long[2] { 1, 32 }", (await Kernel.RunAsync("rc[..].Map(Work.SlowPower, new long[] { 1, 2 })")).Result);
        var status = await Kernel.RunAsync("rc.QueueStatus().Unassigned");
        Assert.Equal("0", status.Result);
    }

    [Fact]
    public async Task WaitInteractive_draws_one_line_updated_in_place()
    {
        var cell = await Kernel.RunAsync(
            "var progress = rc.LoadBalancedView().MapAsync(Work.SlowPower, Enumerable.Range(0, 40).Select(i => (long)i));\nprogress.WaitInteractive();");
        Assert.DoesNotContain("tasks", cell.Stdout);
        var displays = cell.Published.Where(m => m.Type is "display_data" or "update_display_data").ToList();
        Assert.Equal("display_data", displays[0].Type);
        Assert.All(displays.Skip(1), d => Assert.Equal("update_display_data", d.Type));
        var ids = displays.Select(d => d.Content["transient"]!["display_id"]!.GetValue<string>()).Distinct();
        Assert.Single(ids);
        Assert.Contains("40/40 items done, 0 failed", displays[^1].Plain);
    }
}
