using System.Diagnostics;

namespace RemoteKit.Observability.Tests.Live;

/// <summary>The [Remote] methods the live-cluster tests run.</summary>
public static partial class ObsWork
{
    private static ActivityListener? _listener;

    [Remote]
    public static long Square(long x) => x * x;

    [Remote]
    public static int ProcessId() => Environment.ProcessId;

    /// <summary>Throws for multiples of 3, so a map has some failing items.</summary>
    [Remote]
    public static long Checked(long x) => x % 3 == 0 ? throw new InvalidOperationException($"item {x} is a multiple of 3") : x;

    /// <summary>Slow enough that a dashboard sees it running.</summary>
    [Remote]
    public static long Slow(long x)
    {
        Thread.Sleep(150);
        return x;
    }

    /// <summary>Makes the engine's process record RemoteKit spans (as an OpenTelemetry SDK in it would).</summary>
    /// <summary>Runs until aborted: a task that stays live for as long as a test needs.</summary>
    [Remote]
    public static async Task<bool> RunUntilAborted(CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct);
        return true;
    }

    /// <summary>Returns at once, or with <paramref name="hold"/> runs until aborted.</summary>
    [Remote]
    public static async Task<bool> Hold(bool hold, CancellationToken ct)
    {
        if (hold)
        {
            await Task.Delay(Timeout.Infinite, ct);
        }

        return hold;
    }

    [Remote]
    public static bool ListenForSpans()
    {
        _listener ??= new ActivityListener
        {
            ShouldListenTo = s => s.Name == "RemoteKit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
        return true;
    }

    /// <summary>The span this call runs in on the engine: operation, trace id, parent span id.</summary>
    [Remote]
    public static string[] CurrentSpan() =>
        [Activity.Current?.OperationName ?? "", Activity.Current?.TraceId.ToString() ?? "", Activity.Current?.ParentSpanId.ToString() ?? ""];
}
