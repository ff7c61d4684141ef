namespace RemoteKit.Unit.Tests.Client;

/// <summary>[Remote] methods the client tests call; no engine ever runs them, the fake controller answers instead.</summary>
public static partial class ClientWork
{
    [Remote]
    public static int Add(int a, int b) => a + b;

    [Remote]
    public static string Shout(string text) => text.ToUpperInvariant();
}
