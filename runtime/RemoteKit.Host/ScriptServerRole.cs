using System.Globalization;
using RemoteKit.Engine;

namespace RemoteKit.Hosting;

/// <summary>
/// <c>RemoteKit.Host script-server [run|status|shutdown] [--directory DIR] [--idle-timeout TIME] [--detached]</c>: the
/// per-host script server as a role of the embedded host, which engines of embedded clusters start (they have no CLI tool);
/// the same server as <c>remotekit script-server</c>.
/// </summary>
internal static class ScriptServerRole
{
    public const string Usage = "script-server [run|status|shutdown] [--directory DIR] [--idle-timeout hh:mm:ss] [--detached]";

    public static async Task<int> RunAsync(string[] args)
    {
        var skip = args is [var first, ..] && !first.StartsWith("--", StringComparison.Ordinal) ? 1 : 0;
        var action = skip == 1 ? args[0] : "run";
        string? directory = null;
        TimeSpan? idle = null;
        var detached = false;
        for (var i = skip; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--directory" when i + 1 < args.Length:
                    directory = args[++i];
                    break;
                case "--idle-timeout" when i + 1 < args.Length && TimeSpan.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var t):
                    idle = t;
                    i++;
                    break;
                case "--detached":
                    detached = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync("usage: RemoteKit.Host " + Usage);
                    return 2;
            }
        }

        var options = EngineScripts.Options(directory, idle);
        switch (action)
        {
            case "run":
                return await EngineScripts.RunServerAsync(options, detached, CancellationToken.None);
            case "status":
                var status = await EngineScripts.ServerStatusAsync(options, CancellationToken.None);
                Console.WriteLine(status ?? $"No script server runs on {EngineScripts.ServerSocket(options)}.");
                return status is null ? 1 : 0;
            case "shutdown":
                var stopped = await EngineScripts.ShutdownServerAsync(options, CancellationToken.None);
                Console.WriteLine(stopped ? "The script server is shutting down." : $"No script server runs on {EngineScripts.ServerSocket(options)}.");
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: RemoteKit.Host " + Usage);
                return 2;
        }
    }
}
