using RemoteKit;
using RemoteKit.Launchers;
using Sample;

// A cluster whose engines a launcher of this program's own starts: each under `nice -n 10`, so that the engines give way
// to interactive work on a shared machine. Usage: dotnet run -- [engines]
var engines = args.Length > 0 ? int.Parse(args[0]) : 2;
var launcher = new NiceLauncher(niceness: 10);
await using var cluster = await Cluster.StartAsync(engines, new ClusterOptions { CustomLauncher = launcher });
var client = cluster.Client;

var squares = await client.LoadBalancedView().MapAsync(Work.Square, Enumerable.Range(1, 10));
Console.WriteLine($"squares: {string.Join(", ", squares)}");
foreach (var (id, niceness) in client.Ids.Zip(await client[..].ApplyAsync(Work.Niceness)))
{
    Console.WriteLine($"engine {id}: niceness {niceness}");
}

return squares.Sum() == 385 ? 0 : 1;

namespace Sample
{
    public static partial class Work
    {
        [Remote]
        public static int Square(int x) => x * x;

        /// <summary>This process's niceness, field 19 of /proc/self/stat (after the command name in parentheses).</summary>
        [Remote]
        public static int Niceness() => int.Parse(File.ReadAllText("/proc/self/stat").Split(") ")[1].Split(' ')[16]);
    }
}
