namespace RemoteKit.Integration.Tests;

/// <summary>What this test process sets up before any test: engines' script servers in a folder of the run.</summary>
internal static class TestSetup
{
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void Initialize() => RemoteKit.Testing.ScriptServers.UseTestDirectory();
}
