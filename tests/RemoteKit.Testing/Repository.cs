namespace RemoteKit.Testing;

/// <summary>The repository the tests run from, for tests that read its sources or build its samples.</summary>
public static class Repository
{
    /// <summary>The folder holding RemoteKit.sln, found above the test output folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RemoteKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No RemoteKit.sln above {AppContext.BaseDirectory}: these tests read the repository.");
    }
}
