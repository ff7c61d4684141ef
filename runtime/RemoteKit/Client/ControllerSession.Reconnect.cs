using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using RemoteKit.Buffers;
using RemoteKit.Connections;
using RemoteKit.Diagnostics;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit;

/// <summary>
/// Coming back to a controller that was lost (killed and restarted by its cluster's supervisor, or by <c>remotekit
/// controller --restore</c>) on the same address and key. While the client reconnects, what it sends is held; tasks sent
/// with <see cref="TaskOptions.Retries"/> left wait and are sent again once it is back (the new controller never saw them,
/// so each result still arrives once; placed on leases, they are sent through it, and their engines' late answers
/// ignored); every other pending task and request fails at once with
/// <see cref="RemoteKitConnectionException"/>, since whether it ran is unknown. A controller that stopped because it was
/// asked to says so first, and nothing waits.
/// </summary>
internal sealed partial class ControllerSession
{
    private Func<CancellationToken, Task<FrameConnection>>? _reconnect;
    private readonly Dictionary<ulong, Retained> _retained = new();
    private readonly CancellationTokenSource _disposing = new();
    private volatile string? _reconnecting;
    private volatile bool _stoppingHeard;
    private volatile string? _goneForGood;
    private readonly CancellationTokenSource _noReturn = new();

    private static readonly TimeSpan ReconnectAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a client waits for a lost controller to come back before failing what waits for it.</summary>
    internal TimeSpan ReconnectWindow { get; init; } = RemoteClientDefaults.ReconnectWindow;

    /// <summary>The controller said it is stopping because it was asked to: its loss is the end.</summary>
    private void OnControllerStopping() => _stoppingHeard = true;

    /// <summary>
    /// Whoever runs the controller knows it will not come back (its process exited and nothing restarts it): stop waiting
    /// for it, so what waits fails now rather than after <see cref="ReconnectWindow"/>.
    /// </summary>
    internal void ControllerGoneForGood(string reason)
    {
        _goneForGood = reason;
        _noReturn.Cancel();
    }

    /// <summary>Keeps a copy of a task's frame, to send it again should the controller be lost before it answers.</summary>
    private void Retain(PendingTask pending, OutgoingFrame frame, CodeBundle? bundle)
    {
        var bytes = new byte[frame.Length + frame.Tail.Length];
        frame.Memory.Span.CopyTo(bytes);
        frame.Tail.Span.CopyTo(bytes.AsSpan(frame.Length));
        lock (_pending)
        {
            _retained[pending.Id] = new Retained(bytes, bundle);
        }
    }

    /// <summary>Forgets the copy of a task that has its answer (call under the pending lock).</summary>
    private void ForgetLocked(ulong id)
    {
        if (_retained.Count > 0)
        {
            _retained.Remove(id);
        }

        if (_leasedRetries.Count > 0)
        {
            _leasedRetries.Remove(id);
        }
    }

    private void ThrowIfReconnecting()
    {
        if (_reconnecting is { } reconnecting)
        {
            throw new RemoteKitConnectionException(reconnecting);
        }
    }

    /// <summary>
    /// After the connection ended for <paramref name="reason"/>: the new connection to the same controller address, with
    /// everything that waited sent on it, or <see langword="null"/> when this is the end (no reconnecting, the client is
    /// disposed, the controller stopped on request, or it did not come back within <see cref="ReconnectWindow"/>).
    /// </summary>
    private async Task<FrameConnection?> ReconnectAsync(string reason)
    {
        if (_reconnect is null || _disposing.IsCancellationRequested || _stoppingHeard || _lost is not null)
        {
            return null;
        }

        if (_goneForGood is { } gone)
        {
            OnClosed($"{reason}; {gone}");
            return null;
        }

        var waiting = Suspend(reason);
        Logger.LogWarning(EventIds.ControllerReconnecting,
            "Lost the controller at {Controller} ({Reason}); reconnecting for up to {Seconds} s; {Count} tasks with retries left are sent again when it is back",
            Info, reason, ReconnectWindow.TotalSeconds, waiting);
        using var window = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token, _noReturn.Token);
        window.CancelAfter(ReconnectWindow);
        for (var attempt = 0; ; attempt++)
        {
            // One attempt may meet a controller that accepts but does not answer (paused): it gets a bounded share of the window.
            using var attemptWindow = CancellationTokenSource.CreateLinkedTokenSource(window.Token);
            attemptWindow.CancelAfter(ReconnectAttemptTimeout);
            try
            {
                var connection = await _reconnect(attemptWindow.Token).ConfigureAwait(false);
                Resume(connection);
                Logger.LogWarning(EventIds.ControllerReconnected, "Reconnected to the controller at {Controller}; {Count} tasks sent again", Info, waiting);
                return connection;
            }
            catch (Exception e)
            {
                // Never thrown from here: the read loop ends in OnClosed whatever happens.
                if (window.IsCancellationRequested)
                {
                    break;
                }

                if (e is not (SocketException or IOException or AuthenticationException or TimeoutException or OperationCanceledException))
                {
                    OnClosed($"{reason}; reconnecting failed: {e.Message}");
                    return null;
                }

                Logger.LogDebug(EventIds.ControllerNotReachable, e, "Controller at {Controller} not back yet", Info);
            }

            try
            {
                await Task.Delay(Connector.RetryDelay(attempt), window.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        OnClosed(_goneForGood is { } goneForGood
            ? $"{reason}; {goneForGood}"
            : $"{reason}; it did not come back within {ReconnectWindow.TotalSeconds:0.#} s");
        return null;
    }

    /// <summary>Holds what is sent from now on, and fails what cannot wait. Returns how many tasks wait to be sent again.</summary>
    private int Suspend(string reason)
    {
        var message = $"The connection to the controller at {Info} was lost ({reason}) while this waited for it; whether it ran is unknown. " +
            "The client reconnects; tasks with TaskOptions.Retries left are sent again.";
        var unsent = Outbox.Suspend();
        ForgetTaskIds();
        var failed = new List<PendingTask>();
        List<PendingTask>? leftLeases = null;
        int waiting;
        lock (_pending)
        {
            _reconnecting = $"The client is reconnecting to the controller at {Info} ({reason}).";
            foreach (var task in _pending.Values)
            {
                // A leased task with retries is sent again through the new controller, as one sent through the lost one is:
                // its engine's session ends with the controller, so an answer on the direct connection may never come.
                if (_leasedRetries.Remove(task.Id, out var leased))
                {
                    _retained[task.Id] = leased;
                    if (task.DirectEngine >= 0)
                    {
                        task.LeaveOneHop();
                        (leftLeases ??= []).Add(task);
                    }
                }
                else if (!_retained.ContainsKey(task.Id) && !unsent.Contains(task.Id))
                {
                    failed.Add(task);
                }
            }

            foreach (var task in failed)
            {
                _pending.Remove(task.Id);
                ForgetLocked(task.Id);
            }

            waiting = _pending.Count;
        }

        foreach (var task in leftLeases ?? [])
        {
            task.EndLane();
        }

        var error = new RemoteKitConnectionException(message);
        foreach (var task in failed)
        {
            task.Fail(error);
        }

        foreach (var request in _requests.Values)
        {
            request.TrySetException(error);
        }

        return waiting;
    }

    /// <summary>Makes <paramref name="connection"/> the session's, tells the new controller what it needs, and sends again.</summary>
    private void Resume(FrameConnection connection)
    {
        lock (_pending)
        {
            _channel = connection;
            Connection = connection;
            _heartbeats = new HeartbeatResponder(connection, Logger);
        }

        // Ahead of any task: the names its records use, and the engine sets its balanced tasks refer to.
        var names = _methodNames.ToList();
        if (names.Count > 0)
        {
            Send(Message.ToFrame(new MethodNamesMessage(names)));
        }

        lock (_targetSets)
        {
            foreach (var set in _targetSets.Values)
            {
                Send(Message.ToFrame(set));
            }
        }

        // Whatever asked the lost controller for leases meanwhile was never answered: the new one is asked afresh, and what
        // waits for a slot goes on (held in the outbox until it resumes below).
        lock (_hopGate)
        {
            ForgetLeasesLocked();
        }

        _reconnecting = null;
        Outbox.Resume(held =>
        {
            lock (_pending)
            {
                return _retained
                    .Where(r => !held.Contains(r.Key) && _pending.ContainsKey(r.Key))
                    .OrderBy(r => r.Key)
                    .Select(r => (Frame(r.Value.Frame), r.Value.Bundle, _pending[r.Key]))
                    .ToList();
            }
        });

        static OutgoingFrame Frame(byte[] bytes)
        {
            var buffer = PooledBuffers.Rent(bytes.Length);
            bytes.CopyTo(buffer, 0);
            return new OutgoingFrame(buffer, bytes.Length);
        }
    }

    private readonly record struct Retained(byte[] Frame, CodeBundle? Bundle);
}
