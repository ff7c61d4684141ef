using System.Globalization;

namespace RemoteKit.Cli;

/// <summary><c>remotekit resubmit ID</c>: runs a task of the profile's history again (ipyparallel's <c>resubmit</c>).</summary>
internal static class ResubmitActions
{
    public static async Task<int> ResubmitAsync(string? profileName, ulong taskId, bool wait, SshArguments ssh, CancellationToken cancellationToken)
    {
        var profile = ClusterActions.ResolveRunning(profileName);
        await using var client = await ClusterActions.ConnectAsync(profile, ssh, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
        var run = client.ResubmitAsync(taskId);

        // The controller tells the new id once the task reaches an engine: from then on it runs even when this client leaves
        // (a client's tasks still queued at the controller are dropped when it disconnects).
        var newId = await run.GetTaskIdAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (newId is null)
        {
            // It never reached an engine: refused (unknown task, arguments not kept, not a call), or failed before it ran.
            try
            {
                await run.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new CliException(Describe(e));
            }

            throw new CliException($"Task {taskId} was not run again.");
        }

        Console.WriteLine($"Task {taskId} runs again as task {newId.Value.ToString(CultureInfo.InvariantCulture)}.");
        if (!wait)
        {
            return ExitCodes.Success;
        }

        try
        {
            await run.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Task {newId.Value.ToString(CultureInfo.InvariantCulture)} failed: {Describe(e)}");
            return ExitCodes.Failure;
        }

        var metadata = run.Metadata;
        var where = metadata is null
            ? ""
            : $" (engine {metadata.EngineId.ToString(CultureInfo.InvariantCulture)}, {metadata.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)} s)";
        Console.WriteLine($"Task {newId.Value.ToString(CultureInfo.InvariantCulture)}: ok{where}");
        return ExitCodes.Success;
    }

    /// <summary>The error as the history shows one: the type the task threw (or RemoteKit's own), then its message.</summary>
    private static string Describe(Exception e) => e switch
    {
        RemoteException remote => $"{remote.RemoteType}: {remote.RemoteMessage}",
        KeyNotFoundException or InvalidOperationException => e.Message,
        _ => $"{e.GetType().FullName}: {e.Message}",
    };
}
