namespace RemoteKit.Security;

/// <summary>Files that hold secrets (connection files, certificates): written atomically and readable by the owner only.</summary>
internal static class SecretFile
{
    /// <summary>Writes <paramref name="path"/> through a temporary file created with mode 0600, then renames it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            write(stream);
        }

        File.Move(temp, path, overwrite: true);
    }
}
