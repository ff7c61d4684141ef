using System.Globalization;

namespace RemoteKit.Cli;

/// <summary><c>remotekit status</c>.</summary>
internal static class StatusActions
{
    public static async Task<int> ShowAsync(string? profileName, SshArguments ssh, CancellationToken cancellationToken)
    {
        var profile = ClusterActions.ResolveRunning(profileName);
        await using var client = await ClusterActions.ConnectAsync(profile, ssh, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        var report = await client.QueueStatusAsync(cancellationToken).ConfigureAwait(false);
        var controller = client.ConnectionInfo.ControllerPid is { } pid
            ? $"{client.ConnectionInfo} (process {pid.ToString(CultureInfo.InvariantCulture)})"
            : client.ConnectionInfo.ToString();
        Console.WriteLine($"Profile:     {profile.Name}");
        Console.WriteLine($"Controller:  {controller}");
        Console.WriteLine($"Engines:     {report.Engines.Count.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine($"Unassigned:  {report.Unassigned.ToString(CultureInfo.InvariantCulture)}");
        Console.WriteLine();
        var rows = report.Engines
            .OrderBy(e => e.EngineId)
            .Select(e => new[]
            {
                e.EngineId.ToString(CultureInfo.InvariantCulture),
                e.Running > 0 ? "busy" : "idle",
                e.Queued.ToString(CultureInfo.InvariantCulture),
                e.Running.ToString(CultureInfo.InvariantCulture),
                e.Completed.ToString(CultureInfo.InvariantCulture),
            })
            .ToList();
        TextTable.Write(Console.Out, ["ENGINE", "STATE", "QUEUED", "RUNNING", "COMPLETED"], rows);
        return ExitCodes.Success;
    }
}
