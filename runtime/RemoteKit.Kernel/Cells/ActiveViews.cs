namespace RemoteKit.Kernel.Cells;

/// <summary>
/// The clients and clusters the notebook's code made (seen through <see cref="RemoteClient.Connected"/> and
/// <see cref="Cluster.Started"/>), and the view magics run on: the one a cell called <c>Activate()</c> on, else the most
/// recent client's <c>client[..]</c>.
/// </summary>
internal static class ActiveViews
{
    private static readonly Lock Gate = new();
    private static readonly List<WeakReference<RemoteClient>> Clients = [];
    private static readonly List<Cluster> Clusters = [];
    private static RemoteClient? _latest;
    private static TargetedView? _activated;
    private static int _watching;

    /// <summary>Starts watching for clients and clusters (once per process).</summary>
    public static void Watch()
    {
        if (Interlocked.Exchange(ref _watching, 1) != 0)
        {
            return;
        }

        RemoteClient.Connected += (sender, args) =>
        {
            if (sender is RemoteClient client)
            {
                lock (Gate)
                {
                    Clients.RemoveAll(w => !w.TryGetTarget(out _));
                    Clients.Add(new WeakReference<RemoteClient>(client));
                    _latest = client;
                }
            }
        };
        Cluster.Started += (sender, args) =>
        {
            if (sender is Cluster cluster)
            {
                lock (Gate)
                {
                    Clusters.Add(cluster);
                }
            }
        };
    }

    public static void Activate(TargetedView view)
    {
        lock (Gate)
        {
            _activated = view;
        }
    }

    /// <summary>The view magics run on.</summary>
    /// <exception cref="InvalidOperationException">The notebook has no client yet.</exception>
    public static TargetedView Current()
    {
        lock (Gate)
        {
            if (_activated is not null)
            {
                return _activated;
            }

            return _latest?[..] ?? throw new InvalidOperationException(
                "No RemoteKit client yet: start a cluster (var cluster = await Cluster.StartAsync(4);) or connect to one " +
                "(var rc = RemoteClient.Connect(profile: \"p\");) in a cell first, or call .Activate() on a view.");
        }
    }

    /// <summary>Aborts every unfinished task of every client the notebook made.</summary>
    public static void AbortAll()
    {
        RemoteClient[] clients;
        lock (Gate)
        {
            clients = Clients.Select(w => w.TryGetTarget(out var c) ? c : null).OfType<RemoteClient>().ToArray();
        }

        foreach (var client in clients)
        {
            try
            {
                client.Abort();
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException or RemoteKitException)
            {
                // A closed client has nothing left to abort.
            }
        }
    }

    /// <summary>Stops every cluster the notebook started and forgets the clients.</summary>
    public static async Task DisposeClustersAsync()
    {
        Cluster[] clusters;
        lock (Gate)
        {
            clusters = [.. Clusters];
            Clusters.Clear();
            _latest = null;
            _activated = null;
        }

        await Task.WhenAll(clusters.Select(async c =>
        {
            try
            {
                await c.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or RemoteKitException)
            {
                // Its processes also exit by themselves once this process is gone.
            }
        })).ConfigureAwait(false);
    }
}
