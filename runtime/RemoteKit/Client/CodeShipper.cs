using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>What the <see cref="CodeShipper"/> needs from the connection to the controller.</summary>
internal interface ICodeChannel
{
    /// <summary>Asks the controller whether it already holds <paramref name="bundle"/>.</summary>
    Task<bool> HasBundleAsync(CodeBundle bundle, CancellationToken cancellationToken);

    /// <summary>Uploads <paramref name="bundle"/>.</summary>
    void Upload(CodeBundle bundle);

    /// <summary>Sends a frame now.</summary>
    void Send(OutgoingFrame frame);

    /// <summary>Fails a task that will never be sent.</summary>
    void Fail(PendingTask task, Exception error);
}

/// <summary>How hard the <see cref="CodeShipper"/> tries before the tasks waiting for a bundle fail.</summary>
/// <param name="Attempts">Shipments tried in all.</param>
/// <param name="FirstRetryDelay">The pause after the first failure; doubled after each further one.</param>
/// <param name="ReplyTimeout">How long one shipment waits for the controller to answer.</param>
internal sealed record ShippingPolicy(int Attempts, TimeSpan FirstRetryDelay, TimeSpan ReplyTimeout)
{
    public static ShippingPolicy Default { get; } =
        new(RemoteClientDefaults.ShipAttempts, RemoteClientDefaults.ShipRetryDelay, RemoteClientDefaults.ShipReplyTimeout);

    public TimeSpan DelayAfter(int attempt) => FirstRetryDelay * Math.Pow(2, attempt - 1);
}

/// <summary>
/// The client's outgoing frames, in order. A task whose code the controller may not have yet waits while its bundle is
/// shipped (asked for by hash, uploaded only if missing), and so does everything sent after it, so that a push issued after
/// an apply never overtakes it. A shipment that keeps failing is tried <see cref="ShippingPolicy.Attempts"/> times with
/// growing pauses; then every task waiting for that bundle fails with the cause, and the frames behind them go on.
/// </summary>
internal sealed class CodeShipper(ICodeChannel channel, ILogger logger, ShippingPolicy policy)
{
    private readonly Lock _lock = new();
    private readonly List<Held> _held = [];
    private readonly HashSet<string> _shipped = new(StringComparer.Ordinal);
    private readonly HashSet<string> _shipping = new(StringComparer.Ordinal);
    private readonly HashSet<string> _confirmed = new(StringComparer.Ordinal);

    /// <summary>The bundle <see cref="Clear"/> last found confirmed.</summary>
    private CodeBundle? _lastConfirmed;
    private bool _closed;
    private bool _suspended;

    /// <summary>Sends <paramref name="frame"/> once <paramref name="bundle"/> (if any) is shipped and every earlier frame has gone.</summary>
    /// <param name="frame">The frame.</param>
    /// <param name="bundle">The code the frame's task needs, or null.</param>
    /// <param name="task">The task to fail if the code cannot be shipped.</param>
    public void Send(OutgoingFrame frame, CodeBundle? bundle = null, PendingTask? task = null)
    {
        lock (_lock)
        {
            if (_closed)
            {
                // The session fails every tracked task when it closes.
                frame.Return();
                return;
            }

            if (_held.Count == 0 && !_suspended && (bundle is null || _shipped.Contains(bundle.HashKey)))
            {
                channel.Send(frame);
                return;
            }

            _held.Add(new Held(frame, bundle, task));
            if (bundle is not null && !_suspended)
            {
                StartShippingLocked(bundle);
            }
        }
    }

    /// <summary>
    /// Whether a task needing <paramref name="bundle"/> may skip the outbox (sent to its engine in one hop): nothing is held,
    /// and the controller said it holds the bundle, so the engine's request for it finds it there.
    /// </summary>
    public bool Clear(CodeBundle? bundle)
    {
        lock (_lock)
        {
            if (_closed || _suspended || _held.Count != 0)
            {
                return false;
            }

            // Every task asks about its bundle, nearly always the same one: compared by reference before its hash is.
            if (bundle is null || ReferenceEquals(bundle, _lastConfirmed))
            {
                return true;
            }

            if (!_confirmed.Contains(bundle.HashKey))
            {
                return false;
            }

            _lastConfirmed = bundle;
            return true;
        }
    }

    /// <summary>The connection is gone: drops every held frame.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _held.ForEach(h => h.Frame.Return());
            _held.Clear();
        }
    }

    /// <summary>
    /// Holds everything sent from now on, in order, while the client reconnects to a controller that was lost: nothing is
    /// written to the dead connection. Returns the ids of the tasks held so far, which the lost controller never saw.
    /// </summary>
    public HashSet<ulong> Suspend()
    {
        lock (_lock)
        {
            _suspended = true;
            return _held.Where(h => h.Task is not null).Select(h => h.Task!.Id).ToHashSet();
        }
    }

    /// <summary>
    /// Sends again on the new connection: first the frames <paramref name="resend"/> gives (tasks that were sent to the
    /// lost controller; it is handed the ids of the tasks still held, which were never sent), then what was held. The new
    /// controller holds no code yet, so every bundle is offered again.
    /// </summary>
    public void Resume(Func<IReadOnlySet<ulong>, IEnumerable<(OutgoingFrame Frame, CodeBundle? Bundle, PendingTask Task)>> resend)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            var held = _held.Where(h => h.Task is not null).Select(h => h.Task!.Id).ToHashSet();
            _held.InsertRange(0, resend(held).Select(r => new Held(r.Frame, r.Bundle, r.Task)));
            _shipped.Clear();
            _confirmed.Clear();
            _lastConfirmed = null;
            _suspended = false;
            SendReadyLocked();
        }
    }

    private void StartShippingLocked(CodeBundle bundle)
    {
        if (!_shipped.Contains(bundle.HashKey) && _shipping.Add(bundle.HashKey))
        {
            _ = ShipAsync(bundle);
        }
    }

    private async Task ShipAsync(CodeBundle bundle)
    {
        await Task.Yield();
        Exception? failure;
        for (var attempt = 1; ; attempt++)
        {
            failure = await TryShipAsync(bundle).ConfigureAwait(false);
            if (failure is null or RemoteKitConnectionException || attempt >= policy.Attempts)
            {
                break;
            }

            logger.LogWarning(
                EventIds.ShipmentRetried, failure, "Shipping code bundle {Bundle} failed (attempt {Attempt} of {Attempts}); trying again",
                bundle.RootName, attempt, policy.Attempts);
            await Task.Delay(policy.DelayAfter(attempt)).ConfigureAwait(false);
        }

        Finish(bundle, failure);
    }

    private async Task<Exception?> TryShipAsync(CodeBundle bundle)
    {
        using var timeout = new CancellationTokenSource(policy.ReplyTimeout);
        try
        {
            if (await channel.HasBundleAsync(bundle, timeout.Token).ConfigureAwait(false))
            {
                Confirmed(bundle);
            }
            else
            {
                channel.Upload(bundle);
                _ = ConfirmAsync(bundle);
            }

            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new TimeoutException($"The controller did not answer within {policy.ReplyTimeout.TotalSeconds:0.#} s whether it holds the bundle.");
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>
    /// Asks again after an upload: the answer comes once the controller has read the upload, sent before the question. Until
    /// then the bundle's tasks go through the controller, behind the upload.
    /// </summary>
    private async Task ConfirmAsync(CodeBundle bundle)
    {
        using var timeout = new CancellationTokenSource(policy.ReplyTimeout);
        try
        {
            if (await channel.HasBundleAsync(bundle, timeout.Token).ConfigureAwait(false))
            {
                Confirmed(bundle);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RemoteKitConnectionException)
        {
            // Its tasks keep going through the controller.
        }
    }

    private void Confirmed(CodeBundle bundle)
    {
        lock (_lock)
        {
            _confirmed.Add(bundle.HashKey);
        }
    }

    private void Finish(CodeBundle bundle, Exception? failure)
    {
        var failed = new List<Held>();
        lock (_lock)
        {
            _shipping.Remove(bundle.HashKey);
            if (failure is null)
            {
                _shipped.Add(bundle.HashKey);
            }
            else if (failure is not RemoteKitConnectionException)
            {
                failed.AddRange(_held.Where(h => h.Bundle?.HashKey == bundle.HashKey));
                _held.RemoveAll(h => h.Bundle?.HashKey == bundle.HashKey);
            }

            SendReadyLocked();
        }

        if (failed.Count == 0)
        {
            return;
        }

        logger.LogError(EventIds.ShipmentFailed, failure, "Shipping code bundle {Bundle} failed {Attempts} times; {Count} tasks fail", bundle.RootName, policy.Attempts, failed.Count);
        var error = new RemoteKitException(
            $"The code of {bundle.RootName} (bundle {bundle.HashKey[..12]}) could not be shipped to the controller after {policy.Attempts} attempts, " +
            $"so the task never ran: {failure!.Message}",
            failure);
        foreach (var held in failed)
        {
            held.Frame.Return();
            if (held.Task is not null)
            {
                channel.Fail(held.Task, error);
            }
        }
    }

    /// <summary>Sends held frames from the front up to the first whose code is not shipped yet.</summary>
    private void SendReadyLocked()
    {
        if (_suspended)
        {
            return;
        }

        var sent = 0;
        foreach (var held in _held)
        {
            if (held.Bundle is { } bundle && !_shipped.Contains(bundle.HashKey))
            {
                StartShippingLocked(bundle);
                break;
            }

            channel.Send(held.Frame);
            sent++;
        }

        _held.RemoveRange(0, sent);
    }

    private readonly record struct Held(OutgoingFrame Frame, CodeBundle? Bundle, PendingTask? Task);
}
