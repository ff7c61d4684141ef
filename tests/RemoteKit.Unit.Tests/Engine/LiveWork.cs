using System.Runtime.CompilerServices;
using RemoteKit.Protocol;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>
/// [Remote] methods the engine-session tests run for real: the session loads this assembly as shipped code, into a context of
/// its own, so the gates below live in the process's AppDomain data, which both copies of the assembly share.
/// </summary>
public static partial class LiveWork
{
    /// <summary>Released by a method once it has done what a test waits for.</summary>
    internal static SemaphoreSlim Reached => Shared("RemoteKit.Unit.Tests.LiveWork.Reached");

    /// <summary>Released by a test to let a waiting method finish.</summary>
    internal static SemaphoreSlim Proceed => Shared("RemoteKit.Unit.Tests.LiveWork.Proceed");

    private static SemaphoreSlim Shared(string name)
    {
        var domain = AppDomain.CurrentDomain;
        lock (domain)
        {
            if (domain.GetData(name) is not SemaphoreSlim gate)
            {
                domain.SetData(name, gate = new SemaphoreSlim(0));
            }

            return gate;
        }
    }

    [Remote]
    public static void PrintTwoThenWait()
    {
        Console.Write("a");
        Console.Write("b");
        Reached.Release();
        Proceed.Wait(TimeSpan.FromSeconds(60));
        Console.Error.Write("c");
    }

    [Remote]
    public static string Everything(RemoteContext ctx, IProgress<int> progress)
    {
        for (var i = 1; i <= 1000; i++)
        {
            progress.Report(i);
        }

        Console.WriteLine("out");
        Console.Error.WriteLine("err");
        ctx.Publish("answer", 42);
        ctx.Publish("answer", 43);
        ctx.Publish("name", "engine");
        return "done";
    }

    [Remote]
    public static void Flood(int writes, int chars)
    {
        var text = new string('x', chars);
        for (var i = 0; i < writes; i++)
        {
            Console.Write(text);
        }
    }

    [Remote]
    public static IEnumerable<int> Count(int n) => Enumerable.Range(0, n);

    [Remote]
    public static IEnumerable<int> CountThenThrow(int n)
    {
        for (var i = 0; i < n; i++)
        {
            yield return i;
        }

        throw new InvalidOperationException($"failed after {n}");
    }

    [Remote]
    public static async IAsyncEnumerable<long> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (long i = 0; ; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return i;
        }
    }

    [Remote]
    public static int Plain(int x) => x;

    /// <summary>The code bundle of this assembly alone, as a client would ship it.</summary>
    internal static readonly CodeBundle Bundle = CodeBundle.Create(
        typeof(LiveWork).Assembly.GetName().Name!, [(typeof(LiveWork).Assembly.GetName().Name!, File.ReadAllBytes(typeof(LiveWork).Assembly.Location))]);
}
