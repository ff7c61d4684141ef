using Microsoft.Extensions.Hosting;

namespace RemoteKit.Host;

/// <summary>
/// Stops the process when its standard input reaches end of file: the parent that launched it holds the other end, so
/// when the parent exits for any reason (even SIGKILL) the pipe closes and no orphan is left behind.
/// </summary>
internal sealed class StdinWatcher(IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var stdin = Console.OpenStandardInput();
        var buffer = new byte[64];
        try
        {
            while (await stdin.ReadAsync(buffer, stoppingToken).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (IOException)
        {
        }

        lifetime.StopApplication();
    }
}
