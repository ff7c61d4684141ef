namespace RemoteKit.Generators.Tests;

/// <summary>Test inputs: DESIGN.md section 1 verbatim, and the other shapes the generator must handle.</summary>
internal static class Sources
{
    public const string Work = """
        using RemoteKit;

        public static partial class Work
        {
            [Remote]
            public static long SlowPower(long x, int i = 5)
            {
                Thread.Sleep(1000);
                return (long)Math.Pow(x, i);
            }

            // `i` is not sent by the caller: it is read from the engine's namespace
            // (set earlier with view["i"] = 10). Missing name => clear RemoteException.
            [Remote]
            public static long PowerOfGlobal(long x, [Global] int i) => (long)Math.Pow(x, i);

            [Remote] // async methods, cancellation and the engine context are injected
            public static async Task<string> WhoAmI(RemoteContext ctx, CancellationToken ct)
            {
                await Task.Delay(10, ct);
                return $"engine {ctx.EngineId} of {ctx.EngineCount}";
            }
        }
        """;

    /// <summary>
    /// Passes Work's methods to views, so their view extensions (and the run-time table behind them) are emitted: only methods
    /// some view call names get them.
    /// </summary>
    public const string ViewCalls = """
        using RemoteKit;

        public static class ViewCalls
        {
            public static void Run(LoadBalancedView lb, EngineView one)
            {
                lb.Apply(Work.SlowPower, 1);
                lb.Apply(Work.PowerOfGlobal, 1);
                one.Apply(Work.WhoAmI);
            }
        }
        """;

    /// <summary>Two methods whose delegate types differ only in nullable annotations, called through one extension.</summary>
    public const string NullableText = """
        using RemoteKit;

        public static partial class Text
        {
            [Remote] public static string? Maybe(string? s) => s;
            [Remote] public static string Surely(string s) => s;
        }

        public static class Usage
        {
            public static void Run(LoadBalancedView lb)
            {
                string? a = lb.Apply(Text.Maybe, null);
                string? b = lb.Apply(Text.Surely, "x");
            }
        }
        """;

    public const string Shapes = """
        using RemoteKit;

        namespace Company.Product.Compute
        {
            public enum Mode { Fast = 1, Slow = -2 }

            public static partial class Outer
            {
                internal static partial class Shapes
                {
                    public static int Counter;

                    [Remote]
                    public static void Setup() => Counter++;

                    [Remote]
                    public static Task NoopAsync() => Task.CompletedTask;

                    [Remote]
                    public static async ValueTask DelayAsync(int ms, CancellationToken ct) => await Task.Delay(ms, ct);

                    [Remote]
                    public static async ValueTask<string?> EchoAsync(string? text)
                    {
                        await Task.Yield();
                        return text;
                    }

                    [Remote]
                    public static ValueTask<int> CountAsync(List<string> items) => new(items.Count);

                    [Remote]
                    public static string Many(int a, long b, double c, string d, bool e, char f, decimal g, Guid h, DateTime i,
                        int[] j, Dictionary<string, int> k, (int, string) l, Mode m = Mode.Slow, string n = "n\"1", double o = 1.5, int? p = null)
                        => $"{a}{b}{c}{d}{e}{f}{g}{h}{i:yyyy}{j.Length}{k.Count}{l.Item2}{m}{n}{o}{p}";

                    [Remote]
                    public static int Add(int a, int b) => a + b;

                    [Remote]
                    public static string Add(string a, string b) => a + b;

                    [Remote]
                    public static int Add(int a, int b, int c) => a + b + c;

                    [Remote]
                    public static string Greet([Global("greeting")] string hello, string name, RemoteContext ctx) => hello + ", " + name + " from " + ctx.EngineId;

                    [Remote]
                    internal static int Hidden(int @class) => @class;

                    [Remote]
                    private static int Secret(int x) => x * 2;
                }
            }

            public partial record struct Point(int X, int Y)
            {
                [Remote]
                public static Point Move(Point p, int dx) => new(p.X + dx, p.Y);
            }
        }
        """;
}
