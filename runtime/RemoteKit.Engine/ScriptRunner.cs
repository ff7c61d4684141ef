namespace RemoteKit.Engine;

/// <summary>Runs C# scripts sent with <c>view.Execute(code)</c> against the engine namespace.</summary>
internal static class ScriptRunner
{
    public static Task ExecuteAsync(string code, RemoteContext context)
    {
        _ = code;
        _ = context;
        throw new PlatformNotSupportedException("C# script execution is not available on this engine yet.");
    }
}
