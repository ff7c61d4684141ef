using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Engine;

/// <summary>
/// Warms up the compile path of <c>Execute</c> once per process, on a background thread, once the engine has connected.
/// With a script server that means starting the server if none runs and having it compile a small script against this
/// engine's assemblies (the engine itself loads no compiler); without one, loading and JIT-compiling Roslyn here, which
/// costs about half a second of one core.
/// </summary>
/// <remarks>
/// <see cref="WaitAsync"/> makes a script that arrives meanwhile wait for the warm-up rather than compile beside it: two
/// cold compilations on the same cores finish later than one.
/// </remarks>
internal static class ScriptWarmUp
{
    private static Task _warmUp = Task.CompletedTask;
    private static int _started;

    /// <summary>Runs <see cref="ScriptRunner.WarmUp"/> on a background thread, once per process.</summary>
    /// <param name="logger">Where a failed warm-up is reported (at Debug: the first script then compiles for itself).</param>
    public static void Start(ILogger logger)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _warmUp = done.Task;
        var thread = new Thread(() =>
        {
            try
            {
                ScriptRunner.WarmUp();
                StartupTrace.Mark("scripts warm");
            }
            catch (Exception e)
            {
                logger.LogDebug(Diagnostics.EventIds.TaskFailed, e, "Warming up the script compiler failed");
            }
            finally
            {
                done.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "RemoteKit script warm-up",
        };
        thread.Start();
    }

    /// <summary>Completes when the warm-up has finished (at once when none runs); it never fails.</summary>
    public static Task WaitAsync(CancellationToken cancellationToken) => _warmUp.WaitAsync(cancellationToken);
}
