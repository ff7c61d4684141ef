using System.Text.Json;
using System.Text.Json.Nodes;

namespace RemoteKit.Kernel;

/// <summary>
/// Jupyter kernelspecs for the RemoteKit kernel: a folder <c>kernels/NAME/</c> holding <c>kernel.json</c>, in the user's
/// Jupyter data folder (<c>--user</c>: <c>$JUPYTER_DATA_DIR</c>, else <c>~/.local/share/jupyter</c>) or the system's
/// (<c>/usr/local/share/jupyter</c>), where <c>jupyter kernelspec list</c> finds it.
/// </summary>
public static class KernelSpec
{
    /// <summary>The default kernel name.</summary>
    public const string DefaultName = "remotekit";

    /// <summary>The default name shown in Jupyter's kernel menus.</summary>
    public const string DefaultDisplayName = "C# (RemoteKit)";

    /// <summary>
    /// Writes the kernelspec: <c>argv</c> starts <paramref name="command"/> (the <c>remotekit</c> tool) with
    /// <c>kernel run -f {connection_file}</c>; interrupts come as messages.
    /// </summary>
    /// <param name="command">The tool's command line before its arguments, e.g. <c>["/home/u/.dotnet/tools/remotekit"]</c>.</param>
    /// <param name="user">Install for the current user rather than system-wide.</param>
    /// <param name="name">The kernel's name (a folder name: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</param>
    /// <param name="displayName">The name shown in Jupyter.</param>
    /// <param name="prefix">Install under <c>PREFIX/share/jupyter</c> instead (as <c>jupyter kernelspec install --prefix</c>).</param>
    /// <returns>The kernelspec's folder.</returns>
    public static string Install(IReadOnlyList<string> command, bool user, string name = DefaultName, string displayName = DefaultDisplayName, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ValidateName(name);
        var folder = Path.Combine(KernelsFolder(user, prefix), name);
        Directory.CreateDirectory(folder);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray([.. command.Select(c => (JsonNode)c), "kernel", "run", "-f", "{connection_file}"]),
            ["display_name"] = displayName,
            ["language"] = "csharp",
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            // An installed tool's launcher finds .NET through it when .NET is not in a standard place.
            spec["env"] = new JsonObject { ["DOTNET_ROOT"] = root };
        }

        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }

    /// <summary>Removes the kernelspec <paramref name="name"/> from the user's and the system's folders (or <paramref name="prefix"/>'s).</summary>
    /// <param name="name">The kernel's name.</param>
    /// <param name="prefix">Only under <c>PREFIX/share/jupyter</c>.</param>
    /// <returns>The folders removed (none when it was not installed).</returns>
    public static IReadOnlyList<string> Uninstall(string name = DefaultName, string? prefix = null)
    {
        ValidateName(name);
        var removed = new List<string>();
        var folders = prefix is not null ? [KernelsFolder(false, prefix)] : new[] { KernelsFolder(true, null), KernelsFolder(false, null) };
        foreach (var folder in folders.Select(f => Path.Combine(f, name)).Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(folder, "kernel.json")))
            {
                Directory.Delete(folder, recursive: true);
                removed.Add(folder);
            }
        }

        return removed;
    }

    /// <summary>Where kernelspecs live: the user's Jupyter data folder, a prefix's, or the system's.</summary>
    /// <param name="user">The user's folder.</param>
    /// <param name="prefix">A prefix (wins over <paramref name="user"/>).</param>
    /// <returns>The <c>kernels</c> folder.</returns>
    public static string KernelsFolder(bool user, string? prefix)
    {
        if (prefix is not null)
        {
            return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");
        }

        if (user)
        {
            var data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
            if (string.IsNullOrEmpty(data))
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
                data = OperatingSystem.IsMacOS()
                    ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Jupyter")
                    : Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share") : xdg, "jupyter");
            }

            return Path.Combine(data, "kernels");
        }

        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "jupyter", "kernels")
            : "/usr/local/share/jupyter/kernels";
    }

    private static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a valid kernel name: use letters, digits, '-', '_' and '.'.", nameof(name));
        }
    }
}
