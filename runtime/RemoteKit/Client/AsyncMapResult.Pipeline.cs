using System.Runtime.ExceptionServices;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>The map's pipeline: submitting chunks within the window, collecting their results in order, and forgetting what was consumed.</summary>
public sealed partial class AsyncMapResult<T>
{
    private async Task RunAsync(IEnumerable<MapChunk<T>> chunks)
    {
        await System.Threading.Tasks.Task.Yield();
        try
        {
            foreach (var (calls, target) in chunks)
            {
                if (_aborted)
                {
                    break;
                }

                await _window.WaitAsync(_cancellationToken).ConfigureAwait(false);
                if (_aborted)
                {
                    _window.Release();
                    break;
                }

                Submit(calls, target);
            }
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The input threw, or a chunk could not be sent: what was sent still finishes; the map then fails with this.
            _submitFailure = e;
            Abort(CancellationToken.None);
        }
        finally
        {
            lock (_lock)
            {
                _allSubmitted = true;
                ChangedLocked();
            }
        }
    }

    private void Submit(IReadOnlyList<RemoteCall<T>> calls, TaskTarget target)
    {
        var bundle = CodeBundle.ForAssembly(calls[0].Method.DeclaringType.Assembly);
        Chunk chunk;
        lock (_lock)
        {
            chunk = new Chunk(_submitted++, calls.Count);
            _items += calls.Count;
            _outstanding++;
            _kept.Add(chunk.Index, chunk);
        }

        try
        {
            chunk.Pending = ColumnarMap.Fits(calls[0], _tasks)
                ? _tasks.Send(
                    target, static payload => new ChunkResult(ColumnarMap.Read<T>(payload)), bundle,
                    static (w, s) => ColumnarMap.Write(w, s.calls, s.bundle), (calls, bundle), ColumnarMap.SizeHint(calls), calls[0].Method, Events)
                : _tasks.Send(
                    target, static payload => new ChunkResult(TaskMessages.ReadBatch<T>(payload)), bundle,
                    static (w, s) => TaskMessages.WriteBatch(w, s.calls, s.bundle), (calls, bundle), 32 + (calls.Count * 16), calls[0].Method, Events);
        }
        catch
        {
            lock (_lock)
            {
                _kept.Remove(chunk.Index);
                _outstanding--;
                _items -= calls.Count;
            }

            _window.Release();
            throw;
        }

        bool abortNow;
        lock (_lock)
        {
            // Abort snapshots under this lock: either it saw this chunk's task, or this sees its flag.
            abortNow = _aborted;
        }

        if (abortNow)
        {
            _tasks.Abort([chunk.Pending], _cancellationToken.IsCancellationRequested ? _cancellationToken : default);
        }

        chunk.Pending.Task.ContinueWith(
            static (t, state) =>
            {
                var (self, chunk) = ((AsyncMapResult<T>, Chunk))state!;
                self.OnFinished(chunk, t.IsCompletedSuccessfully ? t.Result : ChunkResult.Failed(chunk.Count, t.Exception!.InnerException!));
            },
            (this, chunk),
            TaskScheduler.Default);
    }

    private void OnFinished(Chunk chunk, ChunkResult result)
    {
        var release = false;
        var failed = result.Errors?.Count(e => e is not null) ?? 0;
        lock (_lock)
        {
            chunk.Result = result;
            _completedItems += result.Count - failed;
            _failedItems += failed;
            _outstanding--;
            if (_retention == Retention.Dropped)
            {
                _kept.Remove(chunk.Index);
                release = true;
            }
            else
            {
                _finished.Add(chunk);

                // A streamed chunk keeps its place in the window until it has been read.
                release = _retention != Retention.Stream;
            }

            chunk.HoldsSlot = !release;
            ChangedLocked();
        }

        if (release)
        {
            _window.Release();
        }

        var listeners = Volatile.Read(ref _listeners);
        if (listeners.Length > 0)
        {
            var now = Progress;
            foreach (var listener in listeners)
            {
                listener.Report(now);
            }
        }
    }

    private void Abort(CancellationToken cause)
    {
        PendingTask[] running;
        lock (_lock)
        {
            _aborted = true;
            running = _kept.Values.Where(c => c.Result is null && c.Pending is not null).Select(c => (PendingTask)c.Pending!).ToArray();
        }

        if (running.Length > 0)
        {
            _tasks.Abort(running, cause);
        }
    }

    /// <summary>Decides to keep every result; returns the refusal if they were streamed already.</summary>
    private InvalidOperationException? KeepLocked()
    {
        if (_retention is Retention.Stream or Retention.Dropped)
        {
            return new InvalidOperationException(
                "The results of this map were streamed with await foreach and not kept. Await the map (or read its Task) " +
                "before streaming it to keep every result.");
        }

        _retention = Retention.Keep;
        return null;
    }

    private bool BeginStream()
    {
        lock (_lock)
        {
            switch (_retention)
            {
                case Retention.Undecided:
                    _retention = Retention.Stream;
                    return true;
                case Retention.Keep:
                    return false;
                default:
                    throw new InvalidOperationException("The results of this map were streamed once already and not kept; a map streamed first can be streamed only once.");
            }
        }
    }

    private async Task<T[]> ResultAsync()
    {
        await _done.Task.ConfigureAwait(false);
        ThrowIfIncomplete();
        var chunks = KeptInOrder();
        var errors = chunks.Where(c => c.Result!.Errors is not null).SelectMany(c => c.Result!.Errors!.OfType<Exception>()).ToList();
        if (errors.Count > 0)
        {
            throw RemoteErrors.Aggregate($"{errors.Count} of {_items} map items failed:", errors);
        }

        var results = new T[_items];
        var at = 0;
        foreach (var chunk in chunks)
        {
            chunk.Result!.Values.CopyTo(results, at);
            at += chunk.Count;
        }

        return results;
    }

    private void ThrowIfIncomplete()
    {
        if (_aborted && _submitFailure is null)
        {
            throw new OperationCanceledException("The map was aborted.", _cancellationToken);
        }

        if (_submitFailure is not null)
        {
            ExceptionDispatchInfo.Throw(_submitFailure);
        }
    }

    /// <summary>The next chunk to stream: the one at <paramref name="position"/> in input or completion order; null at the end.</summary>
    private async Task<Chunk?> NextAsync(int position, bool streaming, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_ordered)
                {
                    if (_kept.TryGetValue(position, out var chunk) && chunk.Result is not null)
                    {
                        return chunk;
                    }

                    if (_allSubmitted && position >= _submitted)
                    {
                        return null;
                    }
                }
                else
                {
                    // Streaming forgets what was read, so the next one is always first.
                    var at = streaming ? 0 : position;
                    if (at < _finished.Count)
                    {
                        return _finished[at];
                    }

                    if (_allSubmitted && _outstanding == 0)
                    {
                        return null;
                    }
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Forget(Chunk chunk)
    {
        bool release;
        lock (_lock)
        {
            _kept.Remove(chunk.Index);
            _finished.Remove(chunk);
            release = chunk.HoldsSlot;
            chunk.HoldsSlot = false;
        }

        if (release)
        {
            _window.Release();
        }
    }

    /// <summary>The stream ended early: nobody will read what is kept, or what is still to finish.</summary>
    private void DropAll()
    {
        var release = 0;
        lock (_lock)
        {
            _retention = Retention.Dropped;
            foreach (var chunk in _finished)
            {
                _kept.Remove(chunk.Index);
                release += chunk.HoldsSlot ? 1 : 0;
                chunk.HoldsSlot = false;
            }

            _finished.Clear();
        }

        if (release > 0)
        {
            _window.Release(release);
        }
    }

    private Chunk[] KeptInOrder()
    {
        lock (_lock)
        {
            return _kept.Values.OrderBy(c => c.Index).ToArray();
        }
    }

    private void ChangedLocked()
    {
        if (_allSubmitted && _outstanding == 0)
        {
            _done.TrySetResult();
        }

        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private sealed class Chunk(int index, int count)
    {
        public int Index { get; } = index;

        public int Count { get; } = count;

        public PendingTask<ChunkResult>? Pending { get; set; }

        public ChunkResult? Result { get; set; }

        public bool HoldsSlot { get; set; } = true;
    }

    private sealed class ChunkResult((T[] Values, Exception?[]? Errors) read)
    {
        public T[] Values { get; } = read.Values;

        public Exception?[]? Errors { get; } = read.Errors;

        public int Count => Values.Length;

        public T Get(int i)
        {
            if (Errors?[i] is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            return Values[i];
        }

        public static ChunkResult Failed(int count, Exception error)
        {
            var errors = new Exception?[count];
            Array.Fill(errors, error);
            return new ChunkResult((new T[count], errors));
        }
    }
}
