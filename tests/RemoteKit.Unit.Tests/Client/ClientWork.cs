using System.Runtime.CompilerServices;

namespace RemoteKit.Unit.Tests.Client;

/// <summary>[Remote] methods the client tests call; no engine ever runs them, the fake controller answers instead.</summary>
public static partial class ClientWork
{
    [Remote]
    public static int Add(int a, int b) => a + b;

    [Remote]
    public static string Shout(string text) => text.ToUpperInvariant();

    [Remote]
    public static IEnumerable<int> Count(int n) => Enumerable.Range(0, n);

    [Remote]
    public static async IAsyncEnumerable<string> Lines(int n, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < n; i++)
        {
            await Task.Yield();
            yield return "line " + i;
        }
    }

    [Remote]
    public static int Steps(int steps, IProgress<int> progress)
    {
        for (var i = 1; i <= steps; i++)
        {
            progress.Report(i);
        }

        return steps;
    }
}
