using RemoteKit;

namespace RemoteKit.Integration.Tests;

/// <summary>The [Remote] methods the integration tests run, including the DESIGN.md section 1 examples.</summary>
public static partial class Work
{
    [Remote]
    public static long SlowPower(long x, int i = 5)
    {
        Thread.Sleep(1000);
        return (long)Math.Pow(x, i);
    }

    [Remote]
    public static long Power(long x, int i = 5) => (long)Math.Pow(x, i);

    [Remote]
    public static long PowerOfGlobal(long x, [Global] int i) => (long)Math.Pow(x, i);

    [Remote]
    public static async Task<string> WhoAmI(RemoteContext ctx, CancellationToken ct)
    {
        await Task.Delay(10, ct);
        return $"engine {ctx.EngineId} of {ctx.EngineCount}";
    }

    [Remote]
    public static int ReadMissing([Global("never_pushed")] int value) => value;

    [Remote]
    public static int EngineId(RemoteContext ctx) => ctx.EngineId;

    [Remote]
    public static string DescribeLoadContext()
    {
        var own = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(Work).Assembly)!;
        var runtime = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(typeof(RemoteContext).Assembly)!;
        return $"{own.Name}; {(own.IsCollectible ? "collectible" : "not collectible")}; RemoteKit from {runtime.Name}";
    }

    [Remote]
    public static int ProcessId() => Environment.ProcessId;

    [Remote]
    public static int SleepThenReportEngine(int milliseconds, RemoteContext ctx)
    {
        Thread.Sleep(milliseconds);
        return ctx.EngineId;
    }

    [Remote]
    public static int Fail(string message) => throw new InvalidOperationException(message);

    [Remote]
    public static async ValueTask<string> Concat(string a, string b, int times)
    {
        await Task.Yield();
        return string.Concat(Enumerable.Repeat(a + b, times));
    }

    [Remote]
    public static void SetVariable(string name, int value, RemoteContext ctx) => ctx.Namespace.Set(name, value);

    [Remote]
    public static async Task<bool> StartThenWaitForFile(string startedFile, string path, CancellationToken ct)
    {
        // Says it is running (written whole, then moved into place), then blocks its engine until the test creates path.
        var draft = startedFile + ".draft";
        await File.WriteAllTextAsync(draft, "started", CancellationToken.None);
        File.Move(draft, startedFile);
        return await WaitForFile(path, ct);
    }

    [Remote]
    public static async Task<bool> SignalThenWaitForCancellation(string startedFile, CancellationToken ct)
    {
        await File.WriteAllTextAsync(startedFile, "started", CancellationToken.None);
        await Task.Delay(Timeout.Infinite, ct);
        return false;
    }

    [Remote]
    public static double[] Scale(double[] values, double factor) => values.Select(v => v * factor).ToArray();

    [Remote]
    public static long Add(long a, long b) => a + b;

    /// <summary>Three columns of different widths.</summary>
    [Remote]
    public static long Combine(long a, int b, short c) => (a * b) + c;

    /// <summary>Four columns of different widths.</summary>
    [Remote]
    public static double Combine4(long a, int b, short c, double d) => (a * b) + c - d;

    [Remote]
    public static int FailOn(int x, int bad) => x == bad ? throw new ArgumentException($"item {x} is bad") : x * 10;

    [Remote]
    public static int SleepFor(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return milliseconds;
    }

    [Remote]
    public static void Setup(RemoteContext ctx) => ctx.Namespace.Set("setup_by", $"engine {ctx.EngineId}");

    [Remote]
    public static string Talk(string word, int repeat)
    {
        for (var i = 0; i < repeat; i++)
        {
            Console.WriteLine($"{word} {i}");
            Thread.Yield();
        }

        Console.Error.Write($"done {word}");
        return word;
    }

    [Remote]
    public static async Task<bool> WaitForFile(string path, CancellationToken ct)
    {
        // Blocks the engine until the test creates the file: watched, not polled.
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path)) { EnableRaisingEvents = true };
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Created += (_, _) => created.TrySetResult();
        watcher.Changed += (_, _) => created.TrySetResult();
        if (!File.Exists(path))
        {
            await created.Task.WaitAsync(ct);
        }

        return true;
    }

    [Remote]
    public static long HeldSquare(long x, long holdFrom, string heldFile, string releaseFile)
    {
        // Items from holdFrom on wait for the test's go-ahead, so every engine is holding work when the test strikes.
        if (x >= holdFrom)
        {
            File.WriteAllText(heldFile, "held");
            WaitForFile(releaseFile, CancellationToken.None).GetAwaiter().GetResult();
        }

        return x * x;
    }

    [Remote]
    public static bool IgnoreAbortUntilFile(string startedFile, string releaseFile)
    {
        // A task that never looks at its token: an abort cannot stop it, only recycling its engine can.
        File.WriteAllText(startedFile, "started");
        return WaitForFile(releaseFile, CancellationToken.None).GetAwaiter().GetResult();
    }

    [Remote]
    public static long SquareAfterFirstHeld(long x, string heldFile, string releaseFile)
    {
        // Item 0 waits for the test's go-ahead (so the test can strike while work is spread over every engine); the rest
        // run at once.
        if (x == 0)
        {
            File.WriteAllText(heldFile + ".pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(heldFile, "held");
            WaitForFile(releaseFile, CancellationToken.None).GetAwaiter().GetResult();
        }

        return x * x;
    }

    private static int s_heldOnThisEngine;

    [Remote]
    public static long SquareHeldFirstOnEachEngine(long x, string heldFolder, string releaseFile)
    {
        // The first item each engine process runs waits for the test's go-ahead, so every engine that has been given work
        // is holding it (the one it runs and those queued behind) when the test strikes. The engine's pid is written whole,
        // then moved into the folder.
        if (Interlocked.Exchange(ref s_heldOnThisEngine, 1) == 0)
        {
            var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var draft = Path.Combine(heldFolder, pid + ".draft");
            File.WriteAllText(draft, pid);
            File.Move(draft, Path.Combine(heldFolder, pid + ".pid"));
            WaitForFile(releaseFile, CancellationToken.None).GetAwaiter().GetResult();
        }

        return x * x;
    }

    [Remote]
    public static int KillOwnProcess()
    {
        // What a task that crashes its process (a native fault, memory exhausted) looks like from outside: the engine dies.
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        return 0;
    }

    [Remote]
    public static int FailOnEngine(int badEngine, RemoteContext ctx) =>
        ctx.EngineId == badEngine ? throw new IOException($"engine {badEngine} has a bad disk") : ctx.EngineId;
}

public static partial class Work
{
    /// <summary>Appends <paramref name="value"/> to the int[] variable <paramref name="name"/>: the order tasks ran in, readable with a pull.</summary>
    [Remote]
    public static int Append(string name, int value, RemoteContext ctx)
    {
        var list = ctx.Namespace.TryGet<int[]>(name, out var known) ? known : [];
        ctx.Namespace.Set(name, (int[])[.. list, value]);
        return list.Length + 1;
    }

    /// <summary>A stream task (which never goes in one hop) that appends like <see cref="Append"/>, then yields the value.</summary>
    [Remote]
    public static IEnumerable<int> AppendThenYield(string name, int value, RemoteContext ctx)
    {
        Append(name, value, ctx);
        yield return value;
    }
}
