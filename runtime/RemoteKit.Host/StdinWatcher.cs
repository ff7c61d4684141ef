using Microsoft.Extensions.Hosting;

namespace RemoteKit.Hosting;

/// <summary>
/// Stops the process when its standard input reaches end of file: the parent that launched it holds the other end, so
/// when the parent exits for any reason (even SIGKILL) the pipe closes and no orphan is left behind.
/// </summary>
internal sealed class StdinWatcher(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reads from a pipe cannot be cancelled, so the blocking read runs on its own thread and shutdown never waits for it.
        var endOfInput = Task.Factory.StartNew(
            static () =>
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[64];
                try
                {
                    while (stdin.Read(buffer) > 0)
                    {
                    }
                }
                catch (IOException)
                {
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.WhenAny(endOfInput, Task.Delay(Timeout.Infinite, stoppingToken)).ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested)
        {
            lifetime.StopApplication();
        }
    }
}
