using System.Text.Json.Nodes;
using RemoteKit.Kernel.Jupyter;

namespace RemoteKit.Kernel.Tests;

/// <summary>Installing the kernelspec, and what a shutdown or restart leaves behind.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Install_is_listed_by_Jupyter_and_uninstall_removes_it()
    {
        using var jupyterData = new TempDirectory("jupyter-data-");
        var environment = await Tool.InstallKernelAsync(jupyterData);
        var spec = Path.Combine(environment["JUPYTER_DATA_DIR"], "kernels", "remotekit", "kernel.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(spec))!;
        Assert.Equal("C# (RemoteKit)", json["display_name"]!.GetValue<string>());
        Assert.Equal("message", json["interrupt_mode"]!.GetValue<string>());
        var argv = json["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Equal(Path.GetFullPath(Tool.CliDll), argv[1]);
        Assert.Equal(["kernel", "run", "-f", "{connection_file}"], argv[^4..]);

        var (code, listed) = await Tool.RunAsync("jupyter", ["kernelspec", "list", "--json"], environment);
        Assert.True(code == 0, listed);
        var kernels = JsonNode.Parse(listed[..(listed.LastIndexOf('}') + 1)])!["kernelspecs"]!.AsObject();
        Assert.Equal("C# (RemoteKit)", kernels["remotekit"]!["spec"]!["display_name"]!.GetValue<string>());

        var (named, _) = await Tool.RunAsync(Tool.Dotnet, ["exec", Tool.CliDll, "kernel", "install", "--user", "--name", "rk-other", "--display-name", "Other"], environment);
        Assert.Equal(0, named);
        Assert.True(File.Exists(Path.Combine(environment["JUPYTER_DATA_DIR"], "kernels", "rk-other", "kernel.json")));

        var (removed, output) = await Tool.RunAsync(Tool.Dotnet, ["exec", Tool.CliDll, "kernel", "uninstall"], environment);
        Assert.True(removed == 0, output);
        Assert.False(File.Exists(spec));
        var (_, after) = await Tool.RunAsync("jupyter", ["kernelspec", "list"], environment);
        Assert.DoesNotContain("remotekit ", after);
        Assert.Contains("rk-other", after);

        var (badName, error) = await Tool.RunAsync(Tool.Dotnet, ["exec", Tool.CliDll, "kernel", "install", "--user", "--name", "../x"], environment);
        Assert.Equal(2, badName);
        Assert.Contains("not a valid kernel name", error);
    }

    [Fact]
    public async Task Restart_leaves_no_engine_or_controller_process_behind()
    {
        var kernel = await KernelClient.StartAsync();
        int[] pids;
        try
        {
            var started = await kernel.RunAsync("var cluster = await Cluster.StartAsync(2);\nstring.Join(\",\", cluster.ProcessIds)");
            pids = started.Result!.Trim('"').Split(',').Select(int.Parse).ToArray();
            Assert.Equal(3, pids.Length);
            Assert.All(pids, p => Assert.True(Tool.IsRunning(p)));

            // Jupyter's restart: a shutdown_request with restart = true on control; the kernel process then exits.
            await kernel.ShutdownAsync(restart: true);
            Assert.True(kernel.Process.HasExited);
        }
        finally
        {
            await kernel.DisposeAsync();
        }

        Assert.All(pids, p => Assert.False(Tool.IsRunning(p), $"process {p} still runs after the kernel shut down"));
    }
}
