using System.Runtime.CompilerServices;
using RemoteKit;

namespace RemoteKit.Integration.Tests;

/// <summary>[Remote] methods that print, stream, report and publish while they run, for the live-output and stream tests.</summary>
public static partial class LiveWork
{
    [Remote]
    public static int PrintEvery(int lines, int milliseconds)
    {
        for (var i = 0; i < lines; i++)
        {
            Console.WriteLine($"line {i}");
            Thread.Sleep(milliseconds);
        }

        return lines;
    }

    [Remote]
    public static int PrintNumbered(int item, int lines)
    {
        for (var j = 0; j < lines; j++)
        {
            Console.WriteLine($"{item}:{j}");
            if (j % 10 == 9)
            {
                // Lets a flush interval pass now and then, so one task's lines span several pieces.
                Thread.Sleep(60);
            }
        }

        return item;
    }

    [Remote]
    public static async IAsyncEnumerable<int> Produce(int n, RemoteContext ctx, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ctx.Publish("pid", Environment.ProcessId);
        for (var i = 0; i < n; i++)
        {
            if (i % 100 == 0)
            {
                ctx.Publish("produced", i);
            }

            yield return i;
        }

        ctx.Publish("produced", n);
        await Task.CompletedTask;
    }

    [Remote]
    public static async IAsyncEnumerable<long> Endless(RemoteContext ctx, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ctx.Publish("pid", Environment.ProcessId);
        long i = 0;
        try
        {
            for (; ; i++)
            {
                if (i % 1000 == 0)
                {
                    await Task.Yield();
                }

                cancellationToken.ThrowIfCancellationRequested();
                yield return i;
            }
        }
        finally
        {
            // Published before the task's result: the caller sees that the producer itself stopped.
            ctx.Publish("stopped after", i);
        }
    }

    [Remote]
    public static IEnumerable<int> CountThenThrow(int n)
    {
        for (var i = 0; i < n; i++)
        {
            yield return i;
        }

        throw new InvalidOperationException($"failed after {n} items");
    }

    [Remote]
    public static async Task<int> ReportThenWait(string gate, IProgress<int> progress)
    {
        progress.Report(1);
        await Work.WaitForFile(gate, CancellationToken.None);
        progress.Report(2);
        return 2;
    }
}
