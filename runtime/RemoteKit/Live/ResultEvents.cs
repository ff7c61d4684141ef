using System.Buffers;
using System.Runtime.CompilerServices;
using MemoryPack;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>
/// What the tasks of one result (an <see cref="AsyncResult"/>, a map, a stream) send while they run, as the client keeps it:
/// their output in a bounded queue for <see cref="AsyncResult.Output"/>, the latest progress report (handed to the caller's
/// <see cref="IProgress{T}"/> off the receive loop, the latest winning), and the values they publish. Fed on the receive loop;
/// readers end once the result completes (<see cref="CompleteWith"/>), having read what is queued.
/// </summary>
internal sealed class ResultEvents
{
    private readonly Lock _gate = new();

    // Made on first use: a task that sends nothing costs this object only.
    private Queue<TaskOutput>? _output;
    private Dictionary<(ulong Task, OutputStream Stream), long>? _droppedHere;
    private Task? _completed;
    private TaskCompletionSource? _changed;
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
                return _data ??= new PublishedData(() => Completed);
            }
        }
    }

    /// <summary>Completes (however it ends) once every task of the result has finished; readers end then, once they have read what is queued.</summary>
    public Task Completed => Volatile.Read(ref _completed) ?? throw new InvalidOperationException("The result's completion was never given.");

    /// <summary>Gives the task that completes with the whole result; the first one given counts.</summary>
    public void CompleteWith(Task completion) => Interlocked.CompareExchange(ref _completed, completion, null);

    /// <summary>Queues output pieces of a task, within <see cref="RemoteClientDefaults.OutputBufferChars"/>; pieces beyond it are counted, not kept.</summary>
    public void AddOutput(int engineId, ulong taskId, OutputChunk[] chunks)
    {
        lock (_gate)
        {
            foreach (var chunk in chunks)
            {
                var stream = chunk.Stream == OutputStreamKind.Stderr ? OutputStream.Stderr : OutputStream.Stdout;
                var key = (taskId, stream);
                var droppedHere = 0L;
                _droppedHere?.Remove(key, out droppedHere);
                var dropped = chunk.DroppedBefore + droppedHere;
                var output = _output ??= new Queue<TaskOutput>();
                if (chunk.Text.Length > 0 && (_outputChars + chunk.Text.Length > RemoteClientDefaults.OutputBufferChars || output.Count >= RemoteClientDefaults.OutputBufferPieces))
                {
                    (_droppedHere ??= [])[key] = dropped + chunk.Text.Length;
                    continue;
                }

                output.Enqueue(new TaskOutput(engineId, taskId, stream, chunk.Text, dropped));
                _outputChars += chunk.Text.Length;
            }

            Signal();
        }
    }

    /// <summary>A task of the result finished: output it could not queue is said, with no text, even past the bound.</summary>
    public void TaskEnded(int engineId, ulong taskId)
    {
        if (Volatile.Read(ref _droppedHere) is null)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var stream in new[] { OutputStream.Stdout, OutputStream.Stderr })
            {
                if (_droppedHere!.Remove((taskId, stream), out var dropped))
                {
                    _output!.Enqueue(new TaskOutput(engineId, taskId, stream, string.Empty, dropped));
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
            var completed = Completed;
            while (true)
            {
                TaskOutput? next = null;
                Task? changed = null;
                lock (_gate)
                {
                    if (_output?.TryDequeue(out next) == true)
                    {
                        _outputChars -= next!.Text.Length;
                    }
                    else if (completed.IsCompleted)
                    {
                        // Every event of a task arrives before its result, so nothing more can come.
                        yield break;
                    }
                    else
                    {
                        changed = Changed();
                    }
                }

                if (next is not null)
                {
                    yield return next;
                }
                else
                {
                    await Task.WhenAny(changed!, completed).WaitAsync(cancellationToken).ConfigureAwait(false);
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
        var completed = Completed;
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

                done = completed.IsCompleted;
                changed = Changed();
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
                await Task.WhenAny(changed, completed).WaitAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Completes at the next change, for a reader about to wait. Called under the lock.</summary>
    private Task Changed() => (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes every reader waiting for a change. Called under the lock.</summary>
    private void Signal()
    {
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }
}
