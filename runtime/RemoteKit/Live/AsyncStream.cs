namespace RemoteKit;

/// <summary>
/// The items of a [Remote] method that returns a stream, as its engine yields them (<c>view.StreamAsync(Work.Produce, n)</c>):
/// <c>await foreach</c> them, once. The engine runs at most a window ahead of what has been read (<see cref="StreamOptions"/>):
/// read it to the end, or stop early (leave the loop, dispose it, cancel its token) and the task is aborted.
/// </summary>
/// <remarks>
/// An exception the method throws surfaces where its items stop: after every item it yielded before throwing. A lost engine
/// surfaces the same way, as <see cref="EngineLostException"/> after the items that arrived; a stream that has yielded items is
/// never retried, so no item is seen twice and none is silently missing (the engine's count of items is checked at the end).
/// It is also an <see cref="AsyncResult"/>: <see cref="AsyncResult.Output"/>, <see cref="AsyncResult.Data"/>,
/// <see cref="AsyncResult.Metadata"/>, and <see cref="AsyncResult.Completion"/> for the end of the stream.
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
public sealed class AsyncStream<T> : AsyncResult, IAsyncEnumerable<T>, IAsyncDisposable
{
    private readonly PendingStream<T> _stream;
    private int _enumerated;

    internal AsyncStream(TaskSubmitter tasks, PendingStream<T> stream)
        : base(tasks, [stream], stream.Completion) => _stream = stream;

    /// <summary>How many items have arrived so far (read or not).</summary>
    public long Received => _stream.Received;

    /// <summary>Reads the items as they arrive; a stream is read once.</summary>
    /// <param name="cancellationToken">Stops reading and aborts the task.</param>
    /// <returns>The enumerator.</returns>
    /// <exception cref="InvalidOperationException">The stream is already being read, or was.</exception>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _enumerated, 1) == 0
            ? new Enumerator(this, cancellationToken)
            : throw new InvalidOperationException("A stream's items are read once, and this stream is already being read (or was).");

    /// <summary>Stops the stream if it has not ended: its task is aborted and what it still sends is dropped.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        StopEarly(CancellationToken.None);
        return default;
    }

    private void StopEarly(CancellationToken cause)
    {
        if (!_stream.Completion.IsCompleted)
        {
            _stream.Drop();
            Abort(cause);
        }
    }

    private sealed class Enumerator(AsyncStream<T> owner, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private T[] _items = [];
        private int _bytes;
        private int _index;
        private bool _finished;

        public T Current { get; private set; } = default!;

        public ValueTask<bool> MoveNextAsync()
        {
            if (++_index < _items.Length)
            {
                Current = _items[_index];
                return new ValueTask<bool>(true);
            }

            return NextBatchAsync();
        }

        public ValueTask DisposeAsync()
        {
            owner.StopEarly(CancellationToken.None);
            return default;
        }

        private async ValueTask<bool> NextBatchAsync()
        {
            if (_finished)
            {
                return false;
            }

            try
            {
                var (count, bytes) = (_items.Length, _bytes);
                (_items, _bytes) = ([], 0);
                var batch = await owner._stream.NextBatchAsync(count, bytes, cancellationToken).ConfigureAwait(false);
                if (batch is not { } next)
                {
                    _finished = true;
                    return false;
                }

                (_items, _bytes, _index) = (next.Items, next.Bytes, 0);
                Current = _items[0];
                return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _finished = true;
                owner.StopEarly(cancellationToken);
                throw;
            }
            catch
            {
                _finished = true;
                throw;
            }
        }
    }
}
