using System.Runtime.Loader;
using RemoteKit;

// usage: OtherProgram <connection file> <tag>
//        OtherProgram <connection file> flood <characters>: a task on engine 0 prints that much while this program never reads
//        its live output until it has ended; prints what arrived, what was dropped, and this process's peak memory (KiB).
await using var client = await RemoteClient.ConnectAsync(args[0], TimeSpan.FromSeconds(60));
if (args[1] == "flood")
{
    var flood = client[0].ApplyAsync(Greeter.Flood, long.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    var written = await flood;
    long live = 0, dropped = 0;
    await foreach (var piece in flood.Output)
    {
        live += piece.Text.Length;
        dropped += piece.Dropped;
    }

    var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    Console.WriteLine(string.Join(' ', written, live, dropped, flood.Metadata!.Stdout.Length, flood.Metadata.StdoutDropped, peak));
    return 0;
}

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
    public static long Flood(long characters)
    {
        var text = new string('x', 1024 * 1024);
        for (var written = 0L; written < characters; written += text.Length)
        {
            Console.Write(text);
        }

        return characters;
    }

    [Remote]
    public static string LoadContextName() => AssemblyLoadContext.GetLoadContext(typeof(Greeter).Assembly)?.Name ?? "none";
}
