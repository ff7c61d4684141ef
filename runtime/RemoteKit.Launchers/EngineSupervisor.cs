using System.Globalization;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Launchers;

/// <summary>An engine unit that ended without being asked to, and what the supervisor does about it.</summary>
/// <param name="Unit">What ended.</param>
/// <param name="ExitCode">Its exit code, when known (a process); <see langword="null"/> for a batch job.</param>
/// <param name="WillRestart">Whether a replacement is started.</param>
internal sealed record EngineExit(EngineUnit Unit, int? ExitCode, bool WillRestart);

/// <summary>
/// Starts engines through a launcher, keeps track of every unit, and (as Dask's nanny does) starts a replacement when
/// one dies, with a limit and back-off. Nothing is replaced once the controller is going away: an engine exits with
/// code 0 when its controller stops it or disappears, so such an exit is a death only if the controller is still there
/// after <see cref="CleanExitGrace"/>.
/// </summary>
internal sealed partial class EngineSupervisor
{
    /// <summary>How long a clean exit (code 0, or a job that ended) waits for news that the controller is stopping.</summary>
    public static readonly TimeSpan CleanExitGrace = TimeSpan.FromSeconds(5);

    private readonly EngineLaunchContext _context;
    private readonly EngineRestartOptions _restart;
    private readonly CancellationToken _controllerGone;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<LaunchedEngines> _live = [];
    private readonly List<EngineUnit> _ended = [];
    private readonly Queue<DateTimeOffset> _recentRestarts = new();
    private readonly TimeProvider _time;
    private readonly List<Task> _watchers = [];
    private int _pendingEngines;

    /// <param name="launcher">Starts and stops the engines.</param>
    /// <param name="context">The cluster the engines join.</param>
    /// <param name="restart">Whether and how often dead engines are replaced.</param>
    /// <param name="controllerGone">Cancelled when the controller stops or dies: engines that end then are not replaced.</param>
    /// <param name="time">The clock of restart windows, delays and deadlines; <see cref="TimeProvider.System"/> unless a test drives time.</param>
    public EngineSupervisor(
        EngineLauncher launcher, EngineLaunchContext context, EngineRestartOptions restart, CancellationToken controllerGone, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        Launcher = launcher;
        _context = context;
        _restart = restart;
        _controllerGone = controllerGone;
        _logger = context.Loggers.CreateLogger("RemoteKit.Launchers.EngineSupervisor");
    }

    /// <summary>Raised when a unit dies (not when it was asked to stop), after the restart decision.</summary>
    public event Action<EngineExit>? Exited;

    /// <summary>Raised when the set of running units changes (launched, replaced, ended).</summary>
    public event Action? UnitsChanged;

    /// <summary>The launcher.</summary>
    public EngineLauncher Launcher { get; }

    /// <summary>The units running now.</summary>
    public IReadOnlyList<EngineUnit> Units
    {
        get
        {
            lock (_gate)
            {
                return _live.Select(l => l.Unit).ToArray();
            }
        }
    }

    /// <summary>The local processes running engines (local engines, <c>mpiexec</c>, SSH sessions).</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return _live.Where(l => l.Process is not null).Select(l => l.Process!.Id).ToArray();
            }
        }
    }

    /// <summary>Engines running or about to be replaced: the most that can ever register.</summary>
    public int ExpectedEngines
    {
        get
        {
            lock (_gate)
            {
                return _live.Sum(l => l.Unit.Engines - l.EndedIndexes.Count) + _pendingEngines;
            }
        }
    }

    /// <summary>How many replacements were started.</summary>
    public int Restarts { get; private set; }

    /// <summary>Starts <paramref name="count"/> engines.</summary>
    public async Task LaunchAsync(int count, CancellationToken cancellationToken)
    {
        var launched = await Launcher.LaunchAsync(count, _context, cancellationToken).ConfigureAwait(false);
        Track(launched);
        LogLaunched(_logger, Plural.Engines(count), Launcher.Kind, string.Join(", ", launched));
    }

    /// <summary>
    /// Waits until <paramref name="count"/> engines have registered, reporting job states through
    /// <paramref name="progress"/> as they change; fails early once none of this supervisor's engines runs or is about
    /// to be replaced.
    /// </summary>
    /// <param name="registered">How many engines are registered now.</param>
    /// <param name="waitForEngines">Waits (up to the given time) until the given number of engines registered, or throws <see cref="TimeoutException"/>.</param>
    /// <param name="count">How many engines to wait for.</param>
    /// <param name="timeout">How long to wait in all.</param>
    /// <param name="progress">Receives progress lines (job states); may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task WaitForEnginesAsync(
        Func<int> registered, Func<int, TimeSpan, CancellationToken, Task> waitForEngines, int count, TimeSpan timeout,
        Action<string>? progress, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        string? last = null;
        while (true)
        {
            var left = deadline - _time.GetUtcNow();
            try
            {
                var slice = left < Launcher.JobPollInterval ? left : Launcher.JobPollInterval;
                await waitForEngines(count, slice > TimeSpan.Zero ? slice : TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
            }

            var now = registered();
            var states = await DescribeAsync(cancellationToken).ConfigureAwait(false);
            if (ExpectedEngines == 0)
            {
                throw new InvalidOperationException(
                    $"Only {now} of {count} engines registered, and the rest have exited. {Hint(states)}");
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"Only {now} of {count} engines registered within {timeout}. {Hint(states)}");
            }

            var line = $"Waiting for engines: {now} of {count} registered" + (states.Count > 0 ? "; " + string.Join("; ", states) : "");
            if (line != last)
            {
                last = line;
                LogWaiting(_logger, line);
                progress?.Invoke(line);
            }
        }
    }

    /// <summary>The states of the running units' jobs (pending, running), for messages.</summary>
    public async Task<IReadOnlyList<string>> DescribeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Launcher.DescribeAsync(Units, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            return [$"job state unknown ({e.Message})"];
        }
    }

    /// <summary>Stops supervising, then stops every unit and checks that it is gone; removes what launching left on other hosts.</summary>
    /// <returns>The units that could not be confirmed gone.</returns>
    public async Task<IReadOnlyList<EngineUnit>> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        LaunchedEngines[] live;
        lock (_gate)
        {
            _stopping.Cancel();
            live = [.. _live];
        }

        await Task.WhenAll(live.Select(l => Launcher.StopAsync(l, grace, cancellationToken))).ConfigureAwait(false);
        var left = new List<EngineUnit>();
        foreach (var l in live)
        {
            if (!await Launcher.IsGoneAsync(l.Unit, cancellationToken).ConfigureAwait(false))
            {
                LogStopFailed(_logger, l.ToString());
                left.Add(l.Unit);
            }
        }

        EngineUnit[] all;
        lock (_gate)
        {
            all = [.. _ended, .. live.Select(l => l.Unit)];
        }

        await Launcher.CleanUpAsync(all, cancellationToken).ConfigureAwait(false);
        Task[] watchers;
        lock (_gate)
        {
            watchers = [.. _watchers];
        }

        await Task.WhenAll(watchers).WaitAsync(grace, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var l in live)
        {
            l.Process?.Dispose();
        }

        return left;
    }

    private string Hint(IReadOnlyList<string> states)
    {
        var where = Launcher.IsRemote
            ? $"Engines connect to {_context.Controller.Host}:{_context.Controller.Port}: check that this address reaches this machine from where engines run " +
              "(set it with --location or ClusterOptions.Location; the controller listens where --ip or ClusterOptions.Ip says, and 127.0.0.1 accepts only this machine)."
            : $"Engines connect to {_context.Controller.Host}:{_context.Controller.Port}.";
        var jobs = states.Count > 0 ? " Jobs: " + string.Join("; ", states) + "." : "";
        // Engines started here log through this process (category RemoteKit.Engine); files exist only for detached engines,
        // batch jobs and job scripts.
        var output = Directory.Exists(_context.LogDirectory) && Directory.EnumerateFileSystemEntries(_context.LogDirectory).Any()
            ? $"Engine output: {_context.LogDirectory}, and this program's log (category RemoteKit.Engine)."
            : "Engine output: this program's log (category RemoteKit.Engine).";
        return $"{where}{jobs} {output}";
    }

    private void Track(IReadOnlyList<LaunchedEngines> launched)
    {
        lock (_gate)
        {
            foreach (var engines in launched)
            {
                _live.Add(engines);
                _watchers.Add(Task.Run(() => WatchAsync(engines)));
            }
        }

        UnitsChanged?.Invoke();
    }

    private async Task WatchAsync(LaunchedEngines engines)
    {
        int? code;
        try
        {
            code = await Launcher.WaitForExitAsync(engines, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            LogRestartFailed(_logger, e, engines.ToString());
            return;
        }

        lock (_gate)
        {
            _live.Remove(engines);
            _ended.Add(engines.Unit);
            if (engines.StopRequested || _stopping.IsCancellationRequested)
            {
                return;
            }

            _pendingEngines += engines.Unit.Engines;
        }

        UnitsChanged?.Invoke();
        var died = await DiedAsync(code).ConfigureAwait(false);
        var delay = TimeSpan.Zero;
        var restart = died && _restart.Enabled && TryReserveRestart(out delay);
        if (!restart)
        {
            lock (_gate)
            {
                _pendingEngines -= engines.Unit.Engines;
            }
        }

        var codeText = code?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        if (!died)
        {
            LogEnded(_logger, engines.ToString(), codeText);
            return;
        }

        if (restart)
        {
            LogRestarting(_logger, engines.ToString(), codeText, delay.TotalSeconds);
        }
        else if (_restart.Enabled)
        {
            LogRestartLimit(_logger, engines.ToString(), codeText, _restart.MaxRestarts, _restart.Window);
        }
        else
        {
            LogNotReplaced(_logger, engines.ToString(), codeText);
        }

        Exited?.Invoke(new EngineExit(engines.Unit, code, restart));
        if (restart)
        {
            await ReplaceAsync(engines.Unit, engines.Unit.Engines, delay, ct => Launcher.RelaunchAsync(engines.Unit, _context, ct)).ConfigureAwait(false);
        }
    }

    private async Task<bool> DiedAsync(int? code)
    {
        if (_controllerGone.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            return false;
        }

        if (code is not (0 or null))
        {
            return true;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(_controllerGone, _stopping.Token);
        await Task.Delay(CleanExitGrace, _time, either.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !either.IsCancellationRequested;
    }

    private bool TryReserveRestart(out TimeSpan delay)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            while (_recentRestarts.Count > 0 && now - _recentRestarts.Peek() > _restart.Window)
            {
                _recentRestarts.Dequeue();
            }

            var recent = _recentRestarts.Count;
            if (recent >= _restart.MaxRestarts)
            {
                delay = TimeSpan.Zero;
                return false;
            }

            _recentRestarts.Enqueue(now);
            delay = recent == 0
                ? TimeSpan.Zero
                : TimeSpan.FromTicks(Math.Min(_restart.MaxDelay.Ticks, _restart.InitialDelay.Ticks * (1L << Math.Min(recent - 1, 30))));
            return true;
        }
    }

    /// <summary>
    /// Starts what replaces <paramref name="engines"/> engines of <paramref name="dead"/> after <paramref name="delay"/>, with
    /// <paramref name="launch"/>, and tracks it; the engines stop counting as pending once it is started or has failed.
    /// </summary>
    private async Task ReplaceAsync(EngineUnit dead, int engines, TimeSpan delay, Func<CancellationToken, Task<IReadOnlyList<LaunchedEngines>>> launch)
    {
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(_controllerGone, _stopping.Token);
            await Task.Delay(delay, _time, either.Token).ConfigureAwait(false);
            var replacements = await launch(either.Token).ConfigureAwait(false);
            lock (_gate)
            {
                Restarts++;
            }

            if (_stopping.IsCancellationRequested)
            {
                // Stopped while the replacement started: it must not outlive the cluster.
                await Task.WhenAll(replacements.Select(r => Launcher.StopAsync(r, TimeSpan.FromSeconds(10), CancellationToken.None))).ConfigureAwait(false);
                return;
            }

            Track(replacements);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            LogRestartFailed(_logger, e, dead.ToString());
        }
        finally
        {
            lock (_gate)
            {
                _pendingEngines -= engines;
            }

            UnitsChanged?.Invoke();
        }
    }

    [LoggerMessage(EventId = EventIds.EnginesLaunched, Level = LogLevel.Information, Message = "Started {Engines} with the {Launcher} launcher: {Units}")]
    private static partial void LogLaunched(ILogger logger, string engines, EngineLauncherKind launcher, string units);

    [LoggerMessage(EventId = EventIds.EngineEnded, Level = LogLevel.Information, Message = "{Unit} ended (exit code {Code}) with its controller")]
    private static partial void LogEnded(ILogger logger, string unit, string code);

    [LoggerMessage(EventId = EventIds.EngineNotReplaced, Level = LogLevel.Warning, Message = "{Unit} died (exit code {Code}); not replaced, since engine restarts are off")]
    private static partial void LogNotReplaced(ILogger logger, string unit, string code);

    [LoggerMessage(EventId = EventIds.EngineRestarting, Level = LogLevel.Warning, Message = "{Unit} died (exit code {Code}); starting a replacement in {Delay:0.#} s, which registers as a new engine")]
    private static partial void LogRestarting(ILogger logger, string unit, string code, double delay);

    [LoggerMessage(EventId = EventIds.EngineRestartLimit, Level = LogLevel.Error, Message = "{Unit} died (exit code {Code}); not replaced: {MaxRestarts} replacements within {Window} is the limit")]
    private static partial void LogRestartLimit(ILogger logger, string unit, string code, int maxRestarts, TimeSpan window);

    [LoggerMessage(EventId = EventIds.EngineRestartFailed, Level = LogLevel.Error, Message = "Could not replace {Unit}")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception, string unit);

    [LoggerMessage(EventId = EventIds.EnginesWaiting, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogWaiting(ILogger logger, string line);

    [LoggerMessage(EventId = EventIds.EngineStopFailed, Level = LogLevel.Warning, Message = "{Unit} is still running after being stopped")]
    private static partial void LogStopFailed(ILogger logger, string unit);
}
