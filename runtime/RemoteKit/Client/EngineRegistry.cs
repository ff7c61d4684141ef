namespace RemoteKit;

/// <summary>The engine ids the controller last announced, and waiting for them to change. Has its own lock.</summary>
internal sealed class EngineRegistry
{
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _announced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int[] _ids = [];
    private Exception? _closed;

    /// <summary>The registered engine ids, ascending.</summary>
    public int[] Ids => Volatile.Read(ref _ids);

    /// <summary>Completes when the controller first announces its engines (it does so on connect); faults if the connection closes first.</summary>
    public Task Announced => _announced.Task;

    public void Update(int[] ids)
    {
        Array.Sort(ids);
        TaskCompletionSource changed;
        lock (_lock)
        {
            Volatile.Write(ref _ids, ids);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        _announced.TrySetResult();
    }

    /// <summary>No more announcements will come: waiters fail with <paramref name="error"/>.</summary>
    public void Close(Exception error)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _closed = error;
            changed = _changed;
        }

        changed.TrySetResult();
        _announced.TrySetException(error);
    }

    public Task WaitForCountAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(ids => ids.Length >= count, () => $"Only {Ids.Length} of {count} engines registered within {timeout}.", timeout, cancellationToken);

    /// <summary>Waits until the announced ids satisfy <paramref name="condition"/>; <paramref name="timeoutMessage"/> says what was awaited.</summary>
    public async Task WaitUntilAsync(Func<int[], bool> condition, Func<string> timeoutMessage, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_ids))
                {
                    return;
                }

                if (_closed is not null)
                {
                    throw new RemoteKitConnectionException(_closed.Message, _closed);
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(timeoutMessage());
            }
        }
    }
}
