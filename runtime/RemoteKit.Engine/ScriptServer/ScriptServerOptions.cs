namespace RemoteKit.Engine;

/// <summary>
/// Settings of the per-host script server (<c>remotekit script-server</c>), bound from <c>RemoteKit:ScriptServer</c>: the
/// engines of a host send it the scripts of <c>Execute</c> and load what it compiles, so an engine never loads the compiler.
/// </summary>
public sealed class ScriptServerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = Configuration.SettingKeys.ScriptServer.Section;

    /// <summary>The default of <see cref="IdleTimeout"/>: ten minutes.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether engines compile through the server (starting it when it is not running and their host can); false: every
    /// engine process compiles its scripts itself, with Roslyn loaded in it, as before the server existed.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The folder of the server's socket and lock files, made with permissions 0700. Default: <c>$XDG_RUNTIME_DIR/remotekit</c>,
    /// else <c>remotekit-USER</c> in the system's temporary folder: local folders of this user, never a shared mount.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>How long the server runs without a request before it exits (default ten minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;
}
