using System.Runtime.CompilerServices;
using RemoteKit.Engine;

namespace RemoteKit.Integration.Tests;

/// <summary>The engines this test process starts use a script server folder of the run (see <see cref="ScriptServers"/>).</summary>
internal static class TestScriptServer
{
    [ModuleInitializer]
    internal static void Initialize() => ScriptServers.UseTestDirectory(ShutdownAsync);

    /// <summary>Stops the script server in <paramref name="directory"/>, if one runs.</summary>
    public static Task ShutdownAsync(string directory) => EngineScripts.ShutdownServerAsync(EngineScripts.Options(directory), CancellationToken.None);
}
