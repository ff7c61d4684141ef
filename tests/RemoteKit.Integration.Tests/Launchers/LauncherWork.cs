namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>[Remote] methods that tell where an engine runs.</summary>
public static partial class LauncherWork
{
    [Remote]
    public static string Variable(string name) => Environment.GetEnvironmentVariable(name) ?? "";

    [Remote]
    public static string MachineName() => Environment.MachineName;
}
