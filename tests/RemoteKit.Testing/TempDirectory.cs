namespace RemoteKit.Testing;

/// <summary>A fresh folder under the system's temporary folder, removed (with what it holds) at the end.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "remotekit-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the folder is left for the system to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
