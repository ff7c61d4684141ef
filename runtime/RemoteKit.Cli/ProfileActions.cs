using RemoteKit.Launchers;

namespace RemoteKit.Cli;

/// <summary><c>remotekit profile create|list</c>.</summary>
internal static class ProfileActions
{
    public static int Create(string name)
    {
        var profile = RemoteKitProfile.Locate(name);
        var created = ProfileSettings.Create(profile);
        Console.WriteLine(created
            ? $"Created profile '{profile.Name}' in {profile.Directory} (settings: {profile.SettingsFile})."
            : $"Profile '{profile.Name}' already exists in {profile.Directory}; left it as it is.");
        return ExitCodes.Success;
    }

    public static int List()
    {
        var profiles = RemoteKitProfile.List();
        if (profiles.Count == 0)
        {
            Console.WriteLine($"No profiles in {RemoteKitProfile.BaseDirectory}; create one with 'remotekit profile create NAME'.");
            return ExitCodes.Success;
        }

        var rows = profiles.Select(p => new[] { p.Name, Describe(p), p.Directory }).ToList();
        TextTable.Write(Console.Out, ["PROFILE", "CLUSTER", "FOLDER"], rows);
        return ExitCodes.Success;
    }

    private static string Describe(RemoteKitProfile profile)
    {
        if (ClusterState.Read(profile) is { } state && ChildProcess.IsRunning(state.Pid))
        {
            var engines = state.EngineCount + ClusterState.Added(profile).Sum(a => a.Engines.EngineCount);
            return $"running ({Plural.Engines(engines)} started, {state.Launcher.ToString().ToLowerInvariant()} launcher)";
        }

        return ClusterActions.LiveController(profile) is { } pid ? $"controller running (process {pid})" : "stopped";
    }
}

/// <summary>Plain aligned text tables.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(headers));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }

        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
    }
}
