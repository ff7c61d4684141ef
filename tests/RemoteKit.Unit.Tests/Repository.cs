namespace RemoteKit.Unit.Tests;

/// <summary>The repository these tests run from, for tests that read its sources.</summary>
internal static class Repository
{
    /// <summary>The folder holding RemoteKit.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RemoteKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No RemoteKit.sln above {AppContext.BaseDirectory}: these tests read the repository's sources.");
    }
}
