using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Launchers;

/// <summary>
/// The supervisor's part in the controller's verdicts: engines another process added, taken on; engines the controller
/// gave up on, ended (the whole unit, or one task of a job array) so that they are replaced.
/// </summary>
internal sealed partial class EngineSupervisor
{
    /// <summary>
    /// Takes on units another process started for this cluster (<c>remotekit cluster engines</c>, which exits once they
    /// registered): from now on they are watched, replaced when they die, ended on the controller's verdict and stopped
    /// with the others. Units of another launcher are not taken; returns how many were.
    /// </summary>
    public int Adopt(IReadOnlyList<EngineUnit> units)
    {
        var mine = units.Where(u => u.Launcher == Launcher.Kind).Select(u => new LaunchedEngines(u)).ToArray();
        if (mine.Length > 0)
        {
            Track(mine);
            LogAdopted(_logger, string.Join(", ", mine.Select(m => m.ToString())));
        }

        return mine.Length;
    }

    /// <summary>
    /// Acts on the controller's verdict that an engine is gone for good (declared lost, and not back within its grace, or
    /// recycled): the unit its launch id names is ended (its process killed, on this host or over SSH, or its job cancelled),
    /// so that the supervisor sees it die and starts a replacement. The controller never ends a process itself: only the
    /// launcher that started one knows where it runs. A unit that runs other engines too (an MPI run, a job array) is left
    /// alone; so is a verdict on an engine this supervisor did not start.
    /// </summary>
    public void EndLost(LostEngineVerdict verdict)
    {
        LaunchedEngines? unit;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            unit = _live.FirstOrDefault(l => l.Unit.LaunchId is { Length: > 0 } id &&
                (verdict.LaunchId == id || verdict.LaunchId.StartsWith(id + ".", StringComparison.Ordinal)));
            if (unit is null || unit.StopRequested)
            {
                return;
            }

            if (unit.Unit.Engines > 1)
            {
                // One task of a job array can be ended alone and replaced by a job of its own; an MPI rank cannot.
                var dot = verdict.LaunchId.IndexOf('.', StringComparison.Ordinal);
                var index = dot > 0 ? verdict.LaunchId[(dot + 1)..] : null;
                if (index is null || !unit.EndedIndexes.Add(index))
                {
                    LogLostEngineLeft(_logger, verdict.EngineId, unit.ToString(), verdict.Reason);
                    return;
                }

                _pendingEngines++;
                _watchers.Add(Task.Run(() => ReplaceOneAsync(unit, index, verdict)));
                return;
            }

            _watchers.Add(Task.Run(() => EndLostAsync(unit, verdict)));
        }
    }

    private async Task ReplaceOneAsync(LaunchedEngines unit, string index, LostEngineVerdict verdict)
    {
        var replacing = false;
        try
        {
            if (!await Launcher.EndOneAsync(unit.Unit, index, _stopping.Token).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    unit.EndedIndexes.Remove(index);
                }

                LogLostEngineLeft(_logger, verdict.EngineId, unit.ToString(), verdict.Reason);
                return;
            }

            LogLostEngineEnding(_logger, verdict.EngineId, $"task {index} of {unit}", verdict.Reason);
            var delay = TimeSpan.Zero;
            var restart = _restart.Enabled && TryReserveRestart(out delay);
            Exited?.Invoke(new EngineExit(unit.Unit, null, restart));
            if (restart)
            {
                // A job of its own for the one engine; the unit's other engines run on.
                replacing = true;
                await ReplaceAsync(unit.Unit, 1, delay, ct => Launcher.LaunchAsync(1, _context, ct)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or OperationCanceledException)
        {
            LogLostEngineEndFailed(_logger, e, unit.ToString());
        }
        finally
        {
            if (!replacing)
            {
                lock (_gate)
                {
                    _pendingEngines--;
                }

                UnitsChanged?.Invoke();
            }
        }
    }

    private async Task EndLostAsync(LaunchedEngines unit, LostEngineVerdict verdict)
    {
        LogLostEngineEnding(_logger, verdict.EngineId, unit.ToString(), verdict.Reason);
        try
        {
            // Not a stop this supervisor asked for: the watcher sees a death and replaces it.
            if (unit.Process is { } process && Launcher.Kind == EngineLauncherKind.Local)
            {
                process.Kill(entireProcessTree: true);
                return;
            }

            await Launcher.EndAsync(unit.Unit, _stopping.Token).ConfigureAwait(false);
            if (unit.Process is { HasExited: false } session)
            {
                // The SSH session (its engine killed on its host) or whatever else watches the unit here.
                session.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            LogLostEngineEndFailed(_logger, e, unit.ToString());
        }
    }

    [LoggerMessage(EventId = EventIds.EnginesAdopted, Level = LogLevel.Information, Message = "Supervising engines added to the cluster: {Units}")]
    private static partial void LogAdopted(ILogger logger, string units);

    [LoggerMessage(EventId = EventIds.LostEngineEnding, Level = LogLevel.Warning, Message = "Engine {EngineId} is gone for good ({Reason}): ending {Unit} so that a replacement starts")]
    private static partial void LogLostEngineEnding(ILogger logger, int engineId, string unit, string reason);

    [LoggerMessage(EventId = EventIds.LostEngineLeft, Level = LogLevel.Warning, Message = "Engine {EngineId} is gone for good ({Reason}); {Unit} runs other engines too, so it is left running")]
    private static partial void LogLostEngineLeft(ILogger logger, int engineId, string unit, string reason);

    [LoggerMessage(EventId = EventIds.LostEngineEndFailed, Level = LogLevel.Error, Message = "Could not end {Unit}, whose engine is gone for good")]
    private static partial void LogLostEngineEndFailed(ILogger logger, Exception exception, string unit);
}
