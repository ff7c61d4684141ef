using System.Buffers;
using System.Runtime.CompilerServices;
using MemoryPack;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>
/// What the tasks of one result (an <see cref="AsyncResult"/>, a map, a stream) send while they run, as the client keeps it:
/// their output in a bounded queue for <see cref="AsyncResult.Output"/>, the latest progress report (handed to the caller's
/// <see cref="IProgress{T}"/> off the receive loop, the latest winning), and the values they publish. Fed on the receive loop;
/// <see cref="Complete"/> once every task of the result has finished, which ends the readers.
/// </summary>
internal sealed class ResultEvents
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskOutput> _output = new();
    private readonly Dictionary<(ulong Task, OutputStream Stream), long> _droppedHere = [];
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outputChars;
    private int _outputReaders;
    private byte[]? _progress;
    private long _progressVersion;
    private long _progressDelivered;
    private int _delivering;
    private PublishedData? _data;

    /// <summary>Where progress reports go, when the caller passed an <see cref="IProgress{T}"/>.</summary>
    public IProgressReceiver? Receiver { get; set; }

    /// <summary>The values the tasks published, created on first use.</summary>
    public PublishedData Data
    {
        get
        {
            lock (_gate)
            {
                return _data ??= new PublishedData(_completed.Task);
            }
        }
    }

    /// <summary>Completes once the result's tasks have all finished.</summary>
    public Task Completed => _completed.Task;

    /// <summary>Ends the readers once <paramref name="completion"/> completes, however it ends.</summary>
    public void CompleteWith(Task completion) =>
        completion.ContinueWith(static (_, self) => ((ResultEvents)self!).Complete(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Every task of the result has finished: what is queued can still be read, then the readers end.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed.TrySetResult();
            Signal();
        }
    }

    /// <summary>Queues output pieces of a task, within <see cref="RemoteClientDefaults.OutputBufferChars"/>; pieces beyond it are counted, not kept.</summary>
    public void AddOutput(int engineId, ulong taskId, OutputChunk[] chunks)
    {
        lock (_gate)
        {
            foreach (var chunk in chunks)
            {
                var stream = chunk.Stream == OutputStreamKind.Stderr ? OutputStream.Stderr : OutputStream.Stdout;
                var key = (taskId, stream);
                _droppedHere.Remove(key, out var droppedHere);
                var dropped = chunk.DroppedBefore + droppedHere;
                if (chunk.Text.Length > 0 && (_outputChars + chunk.Text.Length > RemoteClientDefaults.OutputBufferChars || _output.Count >= RemoteClientDefaults.OutputBufferPieces))
                {
                    _droppedHere[key] = dropped + chunk.Text.Length;
                    continue;
                }

                _output.Enqueue(new TaskOutput(engineId, taskId, stream, chunk.Text, dropped));
                _outputChars += chunk.Text.Length;
            }

            Signal();
        }
    }

    /// <summary>A task of the result finished: output it could not queue is said, with no text, even past the bound.</summary>
    public void TaskEnded(int engineId, ulong taskId)
    {
        lock (_gate)
        {
            if (_droppedHere.Count == 0)
            {
                return;
            }

            foreach (var stream in new[] { OutputStream.Stdout, OutputStream.Stderr })
            {
                if (_droppedHere.Remove((taskId, stream), out var dropped))
                {
                    _output.Enqueue(new TaskOutput(engineId, taskId, stream, string.Empty, dropped));
                }
            }

            Signal();
        }
    }

    /// <summary>Takes a report; the caller's receiver gets the latest one on the thread pool, one at a time.</summary>
    public void AddProgress(in ReadOnlySequence<byte> value)
    {
        lock (_gate)
        {
            _progress = value.ToArray();
            _progressVersion++;
            Signal();
        }

        if (Receiver is not null && Interlocked.Exchange(ref _delivering, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Deliver(), this, preferLocal: false);
        }
    }

    /// <summary>Takes a published value.</summary>
    public void AddData(int engineId, string name, string typeName, in ReadOnlySequence<byte> value)
    {
        Data.Add(engineId, name, typeName, value.ToArray());
    }

    /// <summary>The output as it arrives, until every task has finished; one reader at a time, each piece read once.</summary>
    public async IAsyncEnumerable<TaskOutput> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _outputReaders, 1) == 1)
        {
            throw new InvalidOperationException("The output is already being read: each piece is read once, by one reader at a time.");
        }

        try
        {
            while (true)
            {
                TaskOutput? next = null;
                Task changed;
                lock (_gate)
                {
                    if (_output.TryDequeue(out next))
                    {
                        _outputChars -= next.Text.Length;
                    }
                    else if (_completed.Task.IsCompleted)
                    {
                        yield break;
                    }

                    changed = _changed.Task;
                }

                if (next is not null)
                {
                    yield return next;
                }
                else
                {
                    await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _outputReaders, 0);
        }
    }

    /// <summary>The latest report as <typeparamref name="T"/>, if there was one.</summary>
    public bool TryGetLastReport<T>(out T value)
    {
        byte[]? latest;
        lock (_gate)
        {
            latest = _progress;
        }

        value = latest is null ? default! : MemoryPackSerializer.Deserialize<T>(latest)!;
        return latest is not null;
    }

    /// <summary>Each new latest report (a reader that lags skips to the latest), until every task has finished.</summary>
    public async IAsyncEnumerable<T> ReadReportsAsync<T>([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long seen = 0;
        while (true)
        {
            byte[]? latest = null;
            Task changed;
            bool done;
            lock (_gate)
            {
                if (_progressVersion != seen)
                {
                    seen = _progressVersion;
                    latest = _progress;
                }

                done = _completed.Task.IsCompleted;
                changed = _changed.Task;
            }

            if (latest is not null)
            {
                yield return MemoryPackSerializer.Deserialize<T>(latest)!;
            }
            else if (done)
            {
                yield break;
            }
            else
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Deliver()
    {
        while (true)
        {
            byte[]? latest;
            lock (_gate)
            {
                if (_progressDelivered == _progressVersion)
                {
                    Volatile.Write(ref _delivering, 0);
                    return;
                }

                _progressDelivered = _progressVersion;
                latest = _progress;
            }

            try
            {
                Receiver?.Report(new ReadOnlySequence<byte>(latest!));
            }
            catch (Exception e)
            {
                // The caller's own IProgress threw: it must not end the delivery of the reports after it.
                System.Diagnostics.Trace.TraceWarning($"An IProgress<T> receiving a task's reports threw: {e}");
            }
        }
    }

    /// <summary>Wakes every reader waiting for a change. Called under the lock.</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
