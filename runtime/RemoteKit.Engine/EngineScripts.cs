using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace RemoteKit.Engine;

/// <summary>
/// The engine's C# script compiler and the per-host script server, for the processes that host engines: the host's
/// diagnostics (<c>RemoteKit.Host probe-script</c>), its <c>script-server</c> role, and <c>remotekit script-server</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EngineScripts
{
    /// <summary>
    /// Compiles and runs, in this process, the small script an engine warms its compiler with: the first call costs what an
    /// engine's first <c>Execute</c> costs when nothing else is in the way.
    /// </summary>
    public static void WarmUp() => ScriptRunner.WarmUp();

    /// <summary>
    /// Says how the engines of this process start the host's script server when none runs: this program (through the
    /// <c>dotnet</c> host when it runs on one) with <paramref name="arguments"/>, to which they add <c>--directory DIR
    /// --idle-timeout TIME --detached</c>.
    /// </summary>
    /// <param name="program">The entry assembly of this program.</param>
    /// <param name="arguments">The arguments that run its script server.</param>
    public static void UseServerCommand(Assembly program, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(program);
        var process = Environment.ProcessPath;
        string[] start = process is not null && !string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? [process]
            : [process ?? "dotnet", program.Location];
        ScriptServerClient.StartCommand = [.. start, .. arguments];
    }

    /// <summary>The options of a script server or its client: these values, else <c>REMOTEKIT__SCRIPTSERVER__*</c>, else the defaults.</summary>
    /// <param name="directory">The folder of its socket, or null.</param>
    /// <param name="idleTimeout">Its idle timeout, or null.</param>
    public static ScriptServerOptions Options(string? directory = null, TimeSpan? idleTimeout = null)
    {
        var options = new ScriptServerOptions
        {
            Directory = directory ?? Environment.GetEnvironmentVariable(Configuration.SettingKeys.EnvironmentVariable(Configuration.SettingKeys.ScriptServer.Directory)),
        };
        if (idleTimeout is { } idle)
        {
            options.IdleTimeout = idle;
        }
        else if (Environment.GetEnvironmentVariable(Configuration.SettingKeys.EnvironmentVariable(Configuration.SettingKeys.ScriptServer.IdleTimeout)) is { Length: > 0 } text)
        {
            options.IdleTimeout = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        }

        return options;
    }

    /// <summary>Runs the host's script server in this process until it is idle, shut down, or cancelled.</summary>
    /// <param name="options">Its folder and idle timeout.</param>
    /// <param name="detached">Started by an engine: ignores Ctrl+C and hang-ups.</param>
    /// <param name="cancellationToken">Stops it.</param>
    /// <returns>The exit code: 0, also when another server already serves.</returns>
    public static Task<int> RunServerAsync(ScriptServerOptions options, bool detached, CancellationToken cancellationToken) =>
        ScriptServerHost.RunAsync(options, detached, Console.Error, cancellationToken);

    /// <summary>What the running script server says about itself (one <c>name: value</c> per line), or null when none runs.</summary>
    /// <param name="options">Its folder.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static async Task<string?> ServerStatusAsync(ScriptServerOptions options, CancellationToken cancellationToken) =>
        (await ScriptServerConnection.StatusAsync(ScriptServerPaths.For(options), cancellationToken).ConfigureAwait(false))?.ToString();

    /// <summary>Asks the running script server to exit; false when none runs.</summary>
    /// <param name="options">Its folder.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static Task<bool> ShutdownServerAsync(ScriptServerOptions options, CancellationToken cancellationToken) =>
        ScriptServerConnection.ShutdownAsync(ScriptServerPaths.For(options), cancellationToken);

    /// <summary>The socket a script server of this build uses with <paramref name="options"/>.</summary>
    /// <param name="options">Its folder.</param>
    public static string ServerSocket(ScriptServerOptions options) => ScriptServerPaths.For(options).Socket;
}
