using System.Text.Json.Nodes;

namespace RemoteKit.Kernel.Tests;

/// <summary>The kernel under Jupyter's own tools: jupyter_client, and nbconvert running the tutorial notebook.</summary>
public sealed class JupyterToolTests
{
    [Fact]
    public async Task Jupyter_client_runs_cells_completes_interrupts_and_restarts()
    {
        using var jupyterData = new TempDirectory("jupyter-data-");
        var environment = await Tool.InstallKernelAsync(jupyterData);
        var (code, output) = await Tool.RunAsync("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "interop.py")], environment, timeout: TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);
        var seen = JsonNode.Parse(output.Split('\n').Last(l => l.StartsWith('{')))!;
        Assert.Equal("csharp", seen["language"]!.GetValue<string>());
        Assert.Equal("ok", seen["status"]!.GetValue<string>());
        Assert.Equal("six\n", seen["stdout"]!.GetValue<string>());
        Assert.Equal(["42"], seen["result"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("WriteLine", seen["complete"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("int x", seen["inspect"]!.GetValue<string>());
        Assert.Contains("Value: 6", seen["inspect"]!.GetValue<string>());
        Assert.Equal(["complete", "incomplete"], seen["is_complete"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal("OperationCanceledException", seen["interrupted"]!.GetValue<string>());
        Assert.Equal("ok", seen["after_interrupt"]!.GetValue<string>());
        Assert.Equal("CompilationError", seen["after_restart"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tutorial_notebook_runs_under_nbconvert_with_the_expected_values()
    {
        using var jupyterData = new TempDirectory("jupyter-data-");
        var environment = await Tool.InstallKernelAsync(jupyterData);
        var folder = Directory.CreateTempSubdirectory("notebook-").FullName;
        var notebook = Path.Combine(folder, "Tutorial.ipynb");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Tutorial.ipynb"), notebook);
        environment["REMOTEKIT_DIR"] = Path.Combine(folder, "remotekit");
        var (code, output) = await Tool.RunAsync(
            "jupyter",
            ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=remotekit", "--output", "Executed.ipynb", notebook],
            environment,
            folder,
            TimeSpan.FromMinutes(15));
        Assert.True(code == 0, output);

        var executed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "Executed.ipynb")))!;
        var cells = executed["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToList();
        Assert.All(cells, c => Assert.DoesNotContain(c!["outputs"]!.AsArray(), o => o!["output_type"]!.GetValue<string>() == "error"));
        var text = string.Join("\n", cells.SelectMany(c => c!["outputs"]!.AsArray()).Select(OutputText));

        // The values of the ipyparallel tutorial, step by step.
        Assert.Contains("long[4] { 3125, 3125, 3125, 3125 }", text);
        Assert.Contains("long[10] { 0, 1, 32, 243, 1024, 3125, 7776, 16807, 32768, 59049 }", text);
        Assert.Contains("\"engine 0 of 4\"", text);
        Assert.Contains("long[10] { 0, 1, 1024, 59049, ", text);
        Assert.Contains("int[4] { 10, 10, 10, 10 }", text);
        Assert.Contains("Out[0:", text);
        Assert.Contains("Out[3:", text);
        Assert.Contains("int[10] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }", text);
        Assert.Contains("Wall time:", text);
        Assert.Contains("int[2] { 0, 1 }", text);
    }

    private static string OutputText(JsonNode? output) => output!["output_type"]!.GetValue<string>() switch
    {
        "stream" => Join(output["text"]),
        "execute_result" or "display_data" => Join(output["data"]!["text/plain"]),
        _ => "",
    };

    /// <summary>A notebook stores multi-line text as a string or as an array of lines.</summary>
    private static string Join(JsonNode? text) => text is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : text?.GetValue<string>() ?? "";
}
