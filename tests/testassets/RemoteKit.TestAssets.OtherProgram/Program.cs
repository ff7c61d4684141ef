using System.Runtime.Loader;
using RemoteKit;

// usage: OtherProgram <connection file> <tag>
await using var client = await RemoteClient.ConnectAsync(args[0], TimeSpan.FromSeconds(60));
var tag = args[1];
var greetings = await client[..].ApplyAsync(Greeter.Greet, tag);
var lb = await client.LoadBalancedView().ApplyAsync(Greeter.Greet, tag + "-lb");
var context = await client[0].ApplyAsync(Greeter.LoadContextName);
Console.WriteLine(string.Join('|', greetings));
Console.WriteLine(lb);
Console.WriteLine(context);
return 0;

public static partial class Greeter
{
    [Remote]
    public static string Greet(string tag, RemoteContext ctx) => $"{tag}@{ctx.EngineId}";

    [Remote]
    public static string LoadContextName() => AssemblyLoadContext.GetLoadContext(typeof(Greeter).Assembly)?.Name ?? "none";
}
