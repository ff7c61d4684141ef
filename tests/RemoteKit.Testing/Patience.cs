namespace RemoteKit.Testing;

/// <summary>
/// The one set of generous limits every test project waits with, sized for a loaded 2-core machine. They bound how long a
/// test waits for an event before it fails; they never measure speed.
/// </summary>
public static class Patience
{
    /// <summary>Waiting for one thing to happen: a reply, a process to start or end, a file, a log line, a page.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(120);

    /// <summary>Building, packing or restoring with the .NET SDK.</summary>
    public static readonly TimeSpan Build = TimeSpan.FromMinutes(25);
}
