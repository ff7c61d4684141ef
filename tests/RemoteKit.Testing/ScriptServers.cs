namespace RemoteKit.Testing;

/// <summary>
/// Keeps the script servers that tests' engines start away from the user's own: a test process calls
/// <see cref="UseTestDirectory"/> once (a module initializer), so every engine it starts, and the server those start, use a
/// folder of this run with a short idle timeout; the servers there are shut down when the process exits. A test that checks
/// the server itself gives its cluster a folder of its own (<c>RemoteKit:ScriptServer:Directory</c>).
/// </summary>
public static class ScriptServers
{
    public const string DirectoryVariable = "REMOTEKIT__SCRIPTSERVER__DIRECTORY";
    public const string IdleTimeoutVariable = "REMOTEKIT__SCRIPTSERVER__IDLETIMEOUT";

    /// <summary>Points this process's engines at a folder of the run; <paramref name="shutdown"/> stops the server in a folder.</summary>
    public static void UseTestDirectory(Func<string, Task> shutdown)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 })
        {
            return;
        }

        var directory = Directory.CreateTempSubdirectory("rkss-").FullName;
        Environment.SetEnvironmentVariable(DirectoryVariable, directory);
        Environment.SetEnvironmentVariable(IdleTimeoutVariable, "00:02:00");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopQuietly(shutdown, directory);
    }

    /// <summary>Stops the server in <paramref name="directory"/>, if one runs, and removes the folder.</summary>
    public static void StopQuietly(Func<string, Task> shutdown, string directory)
    {
        try
        {
            shutdown(directory).Wait(Patience.Long);
        }
        catch (AggregateException)
        {
            // Gone already; its idle timeout would end it anyway.
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
