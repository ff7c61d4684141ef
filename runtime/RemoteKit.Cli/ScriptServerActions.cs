using System.CommandLine;
using System.Globalization;
using RemoteKit.Engine;

namespace RemoteKit.Cli;

/// <summary>
/// <c>remotekit script-server</c>: the per-host compile service of <c>Execute</c> that engines of this host share (they
/// start it when none runs, detached, so it outlives their cluster), and its <c>status</c> and <c>shutdown</c>.
/// </summary>
internal static class ScriptServerActions
{
    public static Command Build()
    {
        var directory = DirectoryOption();
        var idle = new Option<TimeSpan?>("--idle-timeout")
        {
            Description = "Exit after this long without a request (hh:mm:ss; default: RemoteKit:ScriptServer:IdleTimeout, else 00:10:00).",
        };
        var detached = new Option<bool>("--detached") { Hidden = true, Description = "Started by an engine: ignore Ctrl+C and hang-ups." };
        var statusDirectory = DirectoryOption();
        var status = new Command("status", "Show the running script server: its process, socket and how many scripts it compiled.") { statusDirectory };
        status.SetAction((r, ct) => StatusAsync(r.GetValue(statusDirectory), ct));
        var shutdownDirectory = DirectoryOption();
        var shutdown = new Command("shutdown", "Ask the running script server to exit (engines start a new one when they next need it).") { shutdownDirectory };
        shutdown.SetAction((r, ct) => ShutdownAsync(r.GetValue(shutdownDirectory), ct));
        var command = new Command(
            "script-server",
            "Run this host's script server in the foreground: engines compile the scripts of Execute in it instead of loading the compiler each. " +
            "Engines start it themselves when none runs; it exits after its idle timeout.")
        {
            directory, idle, detached, status, shutdown,
        };
        command.SetAction((r, ct) => EngineScripts.RunServerAsync(EngineScripts.Options(r.GetValue(directory), r.GetValue(idle)), r.GetValue(detached), ct));
        return command;
    }

    private static Option<string?> DirectoryOption() => new("--directory")
    {
        Description = "The folder of the server's socket (default: RemoteKit:ScriptServer:Directory, else $XDG_RUNTIME_DIR/remotekit or /tmp/remotekit-USER).",
    };

    private static async Task<int> StatusAsync(string? directory, CancellationToken cancellationToken)
    {
        var options = EngineScripts.Options(directory);
        var status = await EngineScripts.ServerStatusAsync(options, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            Console.WriteLine($"No script server runs on {EngineScripts.ServerSocket(options)}.");
            return ExitCodes.Failure;
        }

        Console.WriteLine(status);
        return ExitCodes.Success;
    }

    private static async Task<int> ShutdownAsync(string? directory, CancellationToken cancellationToken)
    {
        var options = EngineScripts.Options(directory);
        Console.WriteLine(await EngineScripts.ShutdownServerAsync(options, cancellationToken).ConfigureAwait(false)
            ? "The script server is shutting down."
            : string.Create(CultureInfo.InvariantCulture, $"No script server runs on {EngineScripts.ServerSocket(options)}."));
        return ExitCodes.Success;
    }
}
