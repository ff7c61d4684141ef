namespace RemoteKit;

/// <summary>Finding and waiting for connection files.</summary>
internal static class ConnectionFiles
{
    public static async Task<ConnectionInfo> WaitForAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (File.Exists(path))
            {
                try
                {
                    return ConnectionInfo.Load(path);
                }
                catch (IOException) when (DateTime.UtcNow < deadline)
                {
                    // Being written (or replaced) right now; look again.
                }
            }
            else if (DateTime.UtcNow >= deadline)
            {
                throw new FileNotFoundException(
                    $"No connection file at '{path}' after waiting {timeout.TotalSeconds:0.#} s. Start a cluster first " +
                    "(e.g. 'remotekit cluster start', or Cluster.StartAsync in code), or pass the right file or profile.",
                    path);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
