using System.Diagnostics;

namespace RemoteKit.Testing;

/// <summary>
/// Keeps the script servers that tests' engines start away from the user's own: each test project calls
/// <see cref="UseTestDirectory"/> from a module initializer, so every engine it starts (they inherit the environment), and
/// the server those start, use a folder of this run with a short idle timeout; servers still running there are ended when
/// the test process exits. A test that checks the server itself gives its cluster a folder of its own
/// (<c>RemoteKit:ScriptServer:Directory</c>) and shuts its server down.
/// </summary>
public static class ScriptServers
{
    public const string DirectoryVariable = "REMOTEKIT__SCRIPTSERVER__DIRECTORY";
    public const string IdleTimeoutVariable = "REMOTEKIT__SCRIPTSERVER__IDLETIMEOUT";

    public static void UseTestDirectory()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 })
        {
            return;
        }

        var directory = Directory.CreateTempSubdirectory("rkss-").FullName;
        Environment.SetEnvironmentVariable(DirectoryVariable, directory);
        Environment.SetEnvironmentVariable(IdleTimeoutVariable, "00:02:00");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            EndServersIn(directory);
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
    }

    /// <summary>Ends every script server process whose command line names <paramref name="directory"/>.</summary>
    public static void EndServersIn(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (args.Contains("script-server") && args.Contains(directory))
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                }
            }
        }
    }
}
