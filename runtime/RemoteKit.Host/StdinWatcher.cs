using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace RemoteKit.Hosting;

/// <summary>
/// Stops the process when its standard input reaches end of file: the parent that launched it holds the other end, so
/// when the parent exits for any reason (even SIGKILL) the pipe closes and no orphan is left behind.
/// </summary>
/// <param name="lifetime">The host's lifetime, stopped at end of input.</param>
/// <param name="parentDeathIsACrash">
/// For the controller of <c>remotekit cluster start</c>: its parent writes <see cref="StopLine"/> before closing the pipe
/// when it stops the cluster, and the process then stops normally (telling its engines to stop). An end of input without
/// it means the cluster's process died: this one then ends at once, as if it had crashed, so its engines wait for a
/// controller restored on its address (<c>cluster start --restore</c>) instead of exiting.
/// </param>
internal sealed class StdinWatcher(IHostApplicationLifetime lifetime, bool parentDeathIsACrash = false) : BackgroundService
{
    /// <summary>What a parent writes to ask for a normal stop before it closes the pipe.</summary>
    public const string StopLine = "stop";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reads from a pipe cannot be cancelled, so the blocking read runs on its own thread and shutdown never waits for it.
        var endOfInput = Task.Factory.StartNew(
            static () =>
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[64];
                var seen = new StringBuilder();
                try
                {
                    int read;
                    while ((read = stdin.Read(buffer)) > 0)
                    {
                        if (seen.Length < 256)
                        {
                            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        }
                    }
                }
                catch (IOException)
                {
                }

                return seen.ToString().Split('\n').Any(l => l.Trim() == StopLine);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.WhenAny(endOfInput, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (parentDeathIsACrash && !await endOfInput.ConfigureAwait(false))
        {
            await Console.Error.WriteLineAsync(
                "remotekit: the cluster process that supervised this controller is gone; it ends without stopping its engines, " +
                "which wait for 'remotekit cluster start --restore'.").ConfigureAwait(false);
            Process.GetCurrentProcess().Kill();
            return;
        }

        lifetime.StopApplication();
    }
}
