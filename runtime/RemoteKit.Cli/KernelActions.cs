using RemoteKit.Kernel;

namespace RemoteKit.Cli;

/// <summary><c>remotekit kernel run|install|uninstall</c>: the Jupyter kernel for C# with RemoteKit.</summary>
internal static class KernelActions
{
    public static async Task<int> RunAsync(FileInfo connectionFile, CancellationToken cancellationToken)
    {
        if (!connectionFile.Exists)
        {
            throw new CliException($"No connection file at {connectionFile.FullName}.");
        }

        await JupyterKernel.RunAsync(connectionFile.FullName, loggerFactory: null, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    public static int Install(bool user, string name, string displayName, string? prefix)
    {
        string folder;
        try
        {
            folder = KernelSpec.Install(ToolCommand(), user, name, displayName, prefix);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"Cannot write the kernelspec ({e.Message}); install it for your user with --user.");
        }

        Console.WriteLine($"Installed kernelspec '{name}' (\"{displayName}\") in {folder}.");
        return ExitCodes.Success;
    }

    public static int Uninstall(string name, string? prefix)
    {
        var removed = KernelSpec.Uninstall(name, prefix);
        if (removed.Count == 0)
        {
            Console.WriteLine($"No kernelspec '{name}' was installed.");
        }

        foreach (var folder in removed)
        {
            Console.WriteLine($"Removed kernelspec '{name}' from {folder}.");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// How Jupyter should start this tool: its launcher when it runs as one (an installed dotnet tool), else the dotnet host
    /// with this assembly.
    /// </summary>
    private static string[] ToolCommand()
    {
        var process = Environment.ProcessPath;
        var host = Path.GetFileNameWithoutExtension(process);
        if (process is not null && !string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return [process];
        }

        return [process ?? "dotnet", typeof(KernelActions).Assembly.Location];
    }
}
