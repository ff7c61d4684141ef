using System.Text.Json.Nodes;
using RemoteKit.Kernel.Jupyter;

namespace RemoteKit.Kernel.Tests;

/// <summary>Cells without a cluster: state, values, errors, magics that need no engines, and the editor's requests.</summary>
public sealed class CellTests(KernelFixture fixture) : IClassFixture<KernelFixture>
{
    private KernelClient Kernel => fixture.Kernel;

    [Fact]
    public async Task KernelInfo_describes_CSharp()
    {
        var info = await Kernel.RequestAsync(Channel.Shell, "kernel_info_request", []);
        Assert.Equal("5.3", info.Reply.Content["protocol_version"]!.GetValue<string>());
        Assert.Equal("csharp", info.Reply.Content["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(".cs", info.Reply.Content["language_info"]!["file_extension"]!.GetValue<string>());
    }

    [Fact]
    public async Task Variables_methods_and_types_persist_across_cells()
    {
        await Kernel.RunAsync("var total = 40;\nint Twice(int x) => 2 * x;\nrecord Point(int X, int Y);");
        await Kernel.RunAsync("total += 1;");
        var result = await Kernel.RunAsync("new Point(Twice(total), 1)");
        Assert.Equal("[Point { X = 82, Y = 1 }]", result.Result);
    }

    [Fact]
    public async Task Trailing_expression_is_shown_as_text_and_arrays_as_tables()
    {
        var array = await Kernel.RunAsync("new long[] { 3125, 3125 }");
        Assert.Equal("long[2] { 3125, 3125 }", array.Result);
        Assert.Contains("<table>", array.ResultHtml);
        Assert.Contains("<td>3125</td>", array.ResultHtml);

        var grid = await Kernel.RunAsync("new[] { new[] { 1, 2 }, new[] { 3, 4 } }");
        Assert.Contains("<td>4</td>", grid.ResultHtml);

        var text = await Kernel.RunAsync("\"abc\"");
        Assert.Equal("\"abc\"", text.Result);
        Assert.Null(text.ResultHtml);

        var none = await Kernel.RunAsync("Console.WriteLine(\"printed\")");
        Assert.Null(none.Result);
        Assert.Equal("printed\n", none.Stdout);

        var awaited = await Kernel.RunAsync("await Task.FromResult(7)");
        Assert.Equal("7", awaited.Result);
    }

    [Fact]
    public async Task Compile_error_is_the_cells_error_with_line_and_column()
    {
        var failed = await Kernel.ExecuteAsync("var ok = 1;\nint broken = \"text\";");
        Assert.Equal("error", failed.Status);
        Assert.Equal("CompilationError", failed.ErrorName);
        Assert.Contains("(2,14): error CS0029", failed.ErrorValue);
        Assert.Equal("error", failed.Reply.Content["status"]!.GetValue<string>());

        // Nothing of a cell that did not compile ran.
        var after = await Kernel.ExecuteAsync("ok");
        Assert.Contains("CS0103", after.ErrorValue);
    }

    [Fact]
    public async Task Exception_ends_the_cell_and_the_state_goes_on()
    {
        var failed = await Kernel.ExecuteAsync("var before = 5;\nthrow new InvalidOperationException(\"boom\");");
        Assert.Equal("InvalidOperationException", failed.ErrorName);
        Assert.Equal("boom", failed.ErrorValue);
        Assert.Contains("In[", failed.Traceback);

        var after = await Kernel.RunAsync("before + 1");
        Assert.Equal("6", after.Result);
    }

    [Fact]
    public async Task Display_shows_now_and_updates_in_place()
    {
        var cell = await Kernel.RunAsync("var shown = Display(1);\nshown.Update(2);");
        var displays = cell.Published.Where(m => m.Type is "display_data" or "update_display_data").ToList();
        Assert.Equal(["display_data", "update_display_data"], displays.Select(d => d.Type));
        Assert.Equal(["1", "2"], displays.Select(d => d.Plain));
        Assert.Equal(displays[0].Content["transient"]!["display_id"]!.GetValue<string>(), displays[1].Content["transient"]!["display_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Shell_commands_time_and_lsmagic()
    {
        var shell = await Kernel.RunAsync("!echo from the shell");
        Assert.Equal("from the shell\n", shell.Stdout);

        var timed = await Kernel.RunAsync("%time Enumerable.Range(1, 10).Sum()");
        Assert.Matches(@"CPU times: user .+, sys: .+, total: .+\nWall time: \d", timed.Stdout);
        Assert.Equal("55", timed.Result);

        var cellTimed = await Kernel.RunAsync("%%time\nvar slept = 21;\nslept * 2");
        Assert.Contains("Wall time:", cellTimed.Stdout);
        Assert.Equal("42", cellTimed.Result);

        var magics = await Kernel.RunAsync("%lsmagic");
        foreach (var magic in new[] { "%px", "%autopx", "%time", "%%px", "%%time", "%pxresult" })
        {
            Assert.Contains(magic, magics.Stdout);
        }

        var unknown = await Kernel.ExecuteAsync("%nosuchmagic");
        Assert.Contains("%nosuchmagic", unknown.ErrorValue);
    }

    [Fact]
    public async Task Completion_inspection_and_completeness()
    {
        await Kernel.RunAsync("var numbers = new List<int> { 1, 2 };");
        var code = "numbers.Cou";
        var completion = await Kernel.RequestAsync(Channel.Shell, "complete_request", new JsonObject { ["code"] = code, ["cursor_pos"] = code.Length });
        Assert.Contains("Count", completion.Reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(8, completion.Reply.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(code.Length, completion.Reply.Content["cursor_end"]!.GetValue<int>());

        var types = await Kernel.RequestAsync(Channel.Shell, "complete_request", new JsonObject { ["code"] = "Remote", ["cursor_pos"] = 6 });
        Assert.Contains("RemoteClient", types.Reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>()));

        var inspect = await Kernel.RequestAsync(Channel.Shell, "inspect_request", new JsonObject { ["code"] = "RemoteClient.Connect", ["cursor_pos"] = 18, ["detail_level"] = 0 });
        Assert.True(inspect.Reply.Content["found"]!.GetValue<bool>());
        Assert.Contains("Connect", inspect.Reply.Content["data"]!["text/plain"]!.GetValue<string>());

        var variable = await Kernel.RequestAsync(Channel.Shell, "inspect_request", new JsonObject { ["code"] = "numbers", ["cursor_pos"] = 3, ["detail_level"] = 0 });
        Assert.Contains("Value: List<int>(2) { 1, 2 }", variable.Reply.Content["data"]!["text/plain"]!.GetValue<string>());

        async Task<string> Completeness(string text) =>
            (await Kernel.RequestAsync(Channel.Shell, "is_complete_request", new JsonObject { ["code"] = text })).Reply.Content["status"]!.GetValue<string>();
        Assert.Equal("complete", await Completeness("var x = 1;"));
        Assert.Equal("incomplete", await Completeness("for (var i = 0; i < 3; i++)\n{"));
        Assert.Equal("complete", await Completeness("%lsmagic"));
    }

    [Fact]
    public async Task ReadLine_asks_the_notebook_user()
    {
        var cell = Kernel.ExecuteAsync("var name = Console.ReadLine();\n$\"hello {name}\"", allowStdin: true);
        var request = await Kernel.WaitForPublishedAsync(m => m.Type == "input_request");
        Kernel.ReplyInput(request, "notebook");
        var done = await cell;
        Assert.Equal("\"hello notebook\"", done.Result);
    }

    [Fact]
    public async Task Message_with_a_wrong_signature_is_ignored()
    {
        var forged = new JupyterMessage
        {
            Header = JupyterMessage.NewHeader("execute_request", "forger"),
            Content = new JsonObject { ["code"] = "var forged = 1;", ["silent"] = false },
        }.ToFrames(new MessageSigner("not the key"));
        Kernel.SendRaw(forged);

        // A correctly signed request sent after it is answered, and the forged cell never ran.
        var after = await Kernel.ExecuteAsync("forged");
        Assert.Contains("CS0103", after.ErrorValue);
    }
}
