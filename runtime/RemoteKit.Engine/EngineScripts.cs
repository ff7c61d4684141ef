using System.ComponentModel;

namespace RemoteKit.Engine;

/// <summary>The engine's C# script compiler, for the host's diagnostics (<c>RemoteKit.Host probe-script</c>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EngineScripts
{
    /// <summary>
    /// Compiles and runs, in this process, the small script an engine warms its compiler with: the first call costs what an
    /// engine's first <c>Execute</c> costs when nothing else is in the way.
    /// </summary>
    public static void WarmUp() => ScriptRunner.WarmUp();
}
