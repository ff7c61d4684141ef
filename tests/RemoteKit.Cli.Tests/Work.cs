using RemoteKit;

namespace RemoteKit.Cli.Tests;

/// <summary>[Remote] methods run on clusters the CLI started: engines that know nothing of this assembly until it is shipped.</summary>
public static partial class Work
{
    [Remote]
    public static long Power(long x, int i) => (long)Math.Pow(x, i);

    [Remote]
    public static int EngineId(RemoteContext ctx) => ctx.EngineId;

    [Remote]
    public static int Checked(int x) => x < 0 ? throw new ArgumentOutOfRangeException(nameof(x), x, "negative input") : x;
}
