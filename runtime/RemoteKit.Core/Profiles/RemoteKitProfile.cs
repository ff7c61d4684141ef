using System.Globalization;
using System.Text.RegularExpressions;

namespace RemoteKit;

/// <summary>
/// A named profile: a folder holding a cluster's settings and connection files, like ipyparallel's
/// <c>~/.ipython/profile_NAME</c>. Profiles live under <c>$REMOTEKIT_DIR</c>, or <c>~/.remotekit</c> when it is not set.
/// </summary>
/// <remarks>
/// Layout of <c>profile_NAME/</c>: <c>remotekit.json</c> (settings), <c>security/remotekit-client.json</c> and
/// <c>security/remotekit-engine.json</c> (written by the running controller, owner-only), <c>run/</c> (process ids of a
/// running cluster) and <c>log/</c> (logs of daemonized processes).
/// </remarks>
public sealed partial class RemoteKitProfile
{
    /// <summary>The environment variable that overrides the folder holding all profiles.</summary>
    public const string DirectoryVariable = "REMOTEKIT_DIR";

    /// <summary>The profile used when none is named.</summary>
    public const string DefaultName = "default";

    /// <summary>The name of a profile's settings file.</summary>
    public const string SettingsFileName = "remotekit.json";

    private RemoteKitProfile(string name, string directory)
    {
        Name = name;
        Directory = directory;
    }

    /// <summary>The folder holding every profile: <c>$REMOTEKIT_DIR</c>, else <c>~/.remotekit</c>.</summary>
    public static string BaseDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(DirectoryVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return Path.GetFullPath(fromEnvironment);
            }

            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".remotekit");
        }
    }

    /// <summary>The profile's name.</summary>
    public string Name { get; }

    /// <summary>The profile's folder (<c>profile_NAME</c>).</summary>
    public string Directory { get; }

    /// <summary>The settings file: default engine count, controller address and port, launcher, logging.</summary>
    public string SettingsFile => Path.Combine(Directory, SettingsFileName);

    /// <summary>The folder holding the connection files.</summary>
    public string SecurityDirectory => Path.Combine(Directory, "security");

    /// <summary>The connection file clients read (<c>security/remotekit-client.json</c>).</summary>
    public string ClientConnectionFile => Path.Combine(SecurityDirectory, "remotekit-client.json");

    /// <summary>The connection file engines read (<c>security/remotekit-engine.json</c>).</summary>
    public string EngineConnectionFile => Path.Combine(SecurityDirectory, "remotekit-engine.json");

    /// <summary>Where a running cluster records its process ids.</summary>
    public string RunDirectory => Path.Combine(Directory, "run");

    /// <summary>Where daemonized processes write their logs.</summary>
    public string LogDirectory => Path.Combine(Directory, "log");

    /// <summary>Whether the profile's folder exists.</summary>
    public bool Exists => System.IO.Directory.Exists(Directory);

    /// <summary>
    /// Where <c>cluster start</c> keeps its process id from when it begins until its controller listens (or it gives up), so
    /// that a client connecting meanwhile waits for the connection file instead of failing.
    /// </summary>
    internal string StartingFile => Path.Combine(RunDirectory, "starting.pid");

    /// <summary>Whether a cluster of this profile is starting: <see cref="StartingFile"/> names a live process.</summary>
    internal bool IsClusterStarting()
    {
        try
        {
            if (!File.Exists(StartingFile) ||
                !int.TryParse(File.ReadAllText(StartingFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return false;
            }

            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Records that this process is starting the profile's cluster (see <see cref="StartingFile"/>).</summary>
    internal void MarkStarting()
    {
        System.IO.Directory.CreateDirectory(RunDirectory);
        File.WriteAllText(StartingFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Removes the mark of <see cref="MarkStarting"/>: the controller listens, or the start failed.</summary>
    internal void ClearStarting()
    {
        try
        {
            File.Delete(StartingFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover mark names a process that is gone, which IsClusterStarting reads as not starting.
        }
    }

    /// <summary>Locates a profile (it need not exist yet).</summary>
    /// <param name="name">The profile name; <see langword="null"/> means <see cref="DefaultName"/>.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">The name is not a valid profile name.</exception>
    public static RemoteKitProfile Locate(string? name = null)
    {
        name ??= DefaultName;
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid profile name: use letters, digits, '-', '_' and '.', starting with a letter or digit.", nameof(name));
        }

        return new RemoteKitProfile(name, Path.Combine(BaseDirectory, "profile_" + name));
    }

    /// <summary>The profiles that exist under <see cref="BaseDirectory"/>, by name.</summary>
    /// <returns>The profiles.</returns>
    public static IReadOnlyList<RemoteKitProfile> List()
    {
        var root = BaseDirectory;
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return System.IO.Directory.EnumerateDirectories(root, "profile_*")
            .Select(d => Path.GetFileName(d)["profile_".Length..])
            .Where(IsValidName)
            .Order(StringComparer.Ordinal)
            .Select(n => Locate(n))
            .ToArray();
    }

    /// <summary>Whether <paramref name="name"/> can name a profile.</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns><see langword="true"/> if valid.</returns>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>Creates the profile's folders (the security folder readable by the owner only).</summary>
    public void EnsureDirectories()
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(SecurityDirectory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(SecurityDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Directory})";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex NamePattern();
}
