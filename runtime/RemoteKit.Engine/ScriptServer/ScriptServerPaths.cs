using System.Reflection;

namespace RemoteKit.Engine;

/// <summary>
/// Where a script server of this build lives: its folder (this user's, 0700), and a socket named by the wire's version and
/// this build's identity (the engine assembly's module version id), so two RemoteKit builds never talk to each other.
/// </summary>
internal sealed class ScriptServerPaths
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private ScriptServerPaths(string directory)
    {
        Directory = directory;
        var name = $"script-v{ScriptWire.Version}-{Build}";
        Socket = Path.Combine(directory, name + ".sock");
        ServerLock = Path.Combine(directory, name + ".lock");
        StartLock = Path.Combine(directory, name + ".start");
        Log = Path.Combine(directory, name + ".log");
    }

    /// <summary>This build's identity: the first 12 hex digits of the engine assembly's module version id.</summary>
    public static string Build { get; } = typeof(ScriptServerPaths).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    /// <summary>The informational version of this build, for status output.</summary>
    public static string VersionText { get; } =
        typeof(ScriptServerPaths).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";

    public string Directory { get; }

    /// <summary>The Unix domain socket the server listens on.</summary>
    public string Socket { get; }

    /// <summary>Held (locked) by the running server for its lifetime: one server per socket, whoever starts it.</summary>
    public string ServerLock { get; }

    /// <summary>Held by an engine while it starts a server, so the engines of a host start one between them.</summary>
    public string StartLock { get; }

    /// <summary>Where a server started by an engine writes its output.</summary>
    public string Log { get; }

    /// <summary>The paths for <paramref name="options"/>, creating the folder (0700) if needed.</summary>
    /// <exception cref="IOException">The folder cannot be made private to this user.</exception>
    public static ScriptServerPaths For(ScriptServerOptions options)
    {
        var directory = string.IsNullOrEmpty(options.Directory) ? DefaultDirectory() : Path.GetFullPath(options.Directory);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
            return new ScriptServerPaths(directory);
        }

        System.IO.Directory.CreateDirectory(directory, Private);
        if (File.GetUnixFileMode(directory) != Private)
        {
            try
            {
                File.SetUnixFileMode(directory, Private);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new IOException($"The script server's folder {directory} is not private to this user (0700) and cannot be made so.", e);
            }
        }

        return new ScriptServerPaths(directory);
    }

    private static string DefaultDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "RemoteKit", "script-server");
        }

        // The runtime folder systemd gives each user is local (tmpfs) and private; /tmp is local on every cluster node.
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        return !string.IsNullOrEmpty(runtime) && System.IO.Directory.Exists(runtime)
            ? Path.Combine(runtime, "remotekit")
            : Path.Combine(Path.GetTempPath(), "remotekit-" + Environment.UserName);
    }
}
