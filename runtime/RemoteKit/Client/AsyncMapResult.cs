using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using MemoryPack;
using RemoteKit.Protocol;

namespace RemoteKit;

/// <summary>
/// The pending results of a map: awaitable for the whole array (in input order), and an <see cref="IAsyncEnumerable{T}"/>
/// that streams results as they arrive (in input order, or in completion order for an unordered load-balanced map).
/// The input is consumed lazily, a bounded number of chunks ahead of the results.
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class AsyncMapResult<T> : IAsyncEnumerable<T>
{
    private readonly RemoteClient _client;
    private readonly bool _ordered;
    private readonly List<Chunk> _chunks = [];
    private readonly Channel<Chunk> _completed = Channel.CreateUnbounded<Chunk>();
    private readonly TaskCompletionSource _allSubmitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _chunkAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _window;
    private readonly CancellationToken _cancellationToken;
    private volatile bool _aborted;

    internal AsyncMapResult(RemoteClient client, IEnumerable<IReadOnlyList<RemoteCall<T>>> chunks, Func<int, TaskTarget> targetOf, int window, bool ordered, CancellationToken cancellationToken)
    {
        _client = client;
        _ordered = ordered;
        _window = new SemaphoreSlim(window);
        _cancellationToken = cancellationToken;
        Task = RunAsync(chunks, targetOf);
    }

    /// <summary>All results in input order; faults with an <see cref="AggregateException"/> of <see cref="RemoteException"/>s if any item failed.</summary>
    public Task<T[]> Task { get; }

    /// <summary>Whether every item has finished.</summary>
    public bool IsReady => Task.IsCompleted;

    /// <summary>Metadata of each task (chunk) submitted so far, in input order; null entries have not finished.</summary>
    public IReadOnlyList<TaskMetadata?> Metadata
    {
        get
        {
            lock (_chunks)
            {
                return _chunks.Select(c => c.Pending?.Metadata).ToArray();
            }
        }
    }

    /// <summary>Waits for all results.</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> waits forever.</param>
    /// <returns>The results in input order.</returns>
    /// <exception cref="TimeoutException">Not finished in time.</exception>
    public T[] Get(TimeSpan? timeout = null)
    {
        try
        {
            if (!Task.Wait(timeout ?? Timeout.InfiniteTimeSpan))
            {
                throw new TimeoutException($"The map was not finished within {timeout}.");
            }
        }
        catch (AggregateException)
        {
        }

        return Task.GetAwaiter().GetResult();
    }

    /// <summary>Waits until every item finished or the timeout passed.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns><see langword="true"/> if finished.</returns>
    public bool Wait(TimeSpan? timeout = null)
    {
        try
        {
            return Task.Wait(timeout ?? Timeout.InfiniteTimeSpan);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    /// <summary>
    /// Each item's outcome in input order, once finished: its value, or the <see cref="RemoteException"/> (with the engine id)
    /// it failed with. Lets the results of the other items be used when one failed.
    /// </summary>
    /// <returns>The outcomes.</returns>
    public async Task<IReadOnlyList<MapOutcome<T>>> GetOutcomesAsync()
    {
        try
        {
            await Task.ConfigureAwait(false);
        }
        catch
        {
            // Outcomes carry each failure.
        }

        var list = new List<MapOutcome<T>>();
        foreach (var chunk in SnapshotChunks())
        {
            var result = await chunk.Completion.Task.ConfigureAwait(false);
            for (var i = 0; i < result.Count; i++)
            {
                list.Add(result.Errors?[i] is { } error ? new MapOutcome<T>(default!, error) : new MapOutcome<T>(result.Values[i], null));
            }
        }

        return list;
    }

    /// <summary>Aborts the map: queued chunks never run; running ones are cancelled; nothing more is submitted.</summary>
    public void Abort()
    {
        _aborted = true;
        _client.Abort(SnapshotChunks().Where(c => c.Pending is not null).Select(c => (PendingTask)c.Pending!).ToArray());
    }

    /// <summary>Makes the map awaitable.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter<T[]> GetAwaiter() => Task.GetAwaiter();

    /// <summary>Streams results as they arrive.</summary>
    /// <param name="cancellationToken">Stops the enumeration (not the work).</param>
    /// <returns>The enumerator.</returns>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (_ordered)
        {
            for (var index = 0; ; index++)
            {
                var chunk = await ChunkAtAsync(index, cancellationToken).ConfigureAwait(false);
                if (chunk is null)
                {
                    yield break;
                }

                var result = await chunk.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < result.Count; i++)
                {
                    yield return result.Get(i);
                }
            }
        }

        await foreach (var chunk in _completed.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await chunk.Completion.Task.ConfigureAwait(false);
            for (var i = 0; i < result.Count; i++)
            {
                yield return result.Get(i);
            }
        }
    }

    private Chunk[] SnapshotChunks()
    {
        lock (_chunks)
        {
            return _chunks.ToArray();
        }
    }

    private async Task<Chunk?> ChunkAtAsync(int index, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task waitFor;
            lock (_chunks)
            {
                if (index < _chunks.Count)
                {
                    return _chunks[index];
                }

                if (_allSubmitted.Task.IsCompleted)
                {
                    return null;
                }

                waitFor = _chunkAdded.Task;
            }

            await System.Threading.Tasks.Task.WhenAny(waitFor, _allSubmitted.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T[]> RunAsync(IEnumerable<IReadOnlyList<RemoteCall<T>>> chunks, Func<int, TaskTarget> targetOf)
    {
        await System.Threading.Tasks.Task.Yield();
        var total = 0;
        try
        {
            foreach (var calls in chunks)
            {
                if (_aborted || _cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                await _window.WaitAsync(_cancellationToken).ConfigureAwait(false);
                var chunk = new Chunk(total);
                total += calls.Count;
                TaskCompletionSource added;
                lock (_chunks)
                {
                    chunk.Index = _chunks.Count;
                    _chunks.Add(chunk);
                    added = _chunkAdded;
                    _chunkAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                added.TrySetResult();

                Submit(chunk, calls, targetOf(chunk.Index));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _allSubmitted.TrySetResult();
        }

        if (_cancellationToken.IsCancellationRequested)
        {
            Abort();
        }

        var all = SnapshotChunks();
        var outcomes = await System.Threading.Tasks.Task.WhenAll(all.Select(c => c.Completion.Task)).ConfigureAwait(false);
        _completed.Writer.TryComplete();
        var errors = outcomes.Where(o => o.Errors is not null).SelectMany(o => o.Errors!.OfType<Exception>()).ToList();
        if (errors.Count > 0)
        {
            throw new AggregateException($"{errors.Count} of {total} map items failed.", errors);
        }

        if (_aborted || _cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The map was aborted.");
        }

        var results = new T[total];
        foreach (var o in outcomes)
        {
            o.Values.CopyTo(results, o.Offset);
        }

        return results;
    }

    private void Submit(Chunk chunk, IReadOnlyList<RemoteCall<T>> calls, TaskTarget target)
    {
        var first = calls[0];
        var bundle = CodeBundle.ForAssembly(first.Method.DeclaringType.Assembly);
        var offset = chunk.Offset;
        var pending = _client.SubmitRaw(target, payload => ChunkResult.Read(payload, offset), bundle, w =>
        {
            w.WriteU8((byte)TaskKind.Batch);
            w.WriteU64(first.Method.Id);
            w.Write(bundle.Hash);
            w.WriteI32(calls.Count);
            foreach (var call in calls)
            {
                if (call.Method.Id != first.Method.Id)
                {
                    throw new ArgumentException($"A map chunk mixes {first.Method.Name} and {call.Method.Name}; map calls of one method.");
                }

                var at = w.Reserve(4);
                var before = w.Position;
                RemoteClient.WriteArguments(w, call);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(w.At(at, 4), w.Position - before);
            }
        }, 32 + (calls.Count * 16));
        chunk.Pending = pending;
        pending.Task.ContinueWith(
            (t, state) =>
            {
                var c = (Chunk)state!;
                _window.Release();
                c.Completion.TrySetResult(t.IsCompletedSuccessfully ? t.Result : ChunkResult.Failed(calls.Count, c.Offset, t.Exception!.InnerException!, c.Pending?.Metadata?.EngineId ?? -1));
                _completed.Writer.TryWrite(c);
            },
            chunk,
            TaskScheduler.Default);
    }

    private sealed class Chunk(int offset)
    {
        public int Offset { get; } = offset;

        public int Index { get; set; }

        public PendingTask<ChunkResult>? Pending { get; set; }

        public TaskCompletionSource<ChunkResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal sealed class ChunkResult(int offset, T[] values, RemoteException?[]? errors)
    {
        public int Offset { get; } = offset;

        public T[] Values { get; } = values;

        public RemoteException?[]? Errors { get; } = errors;

        public int Count => Values.Length;

        public T Get(int i) => Errors?[i] is { } e ? throw e : Values[i];

        public static ChunkResult Failed(int count, int offset, Exception error, int engineId)
        {
            var remote = error as RemoteException ?? new RemoteException(error.GetType().FullName!, error.Message, error.StackTrace, engineId);
            var errors = new RemoteException?[count];
            Array.Fill(errors, remote);
            return new ChunkResult(offset, new T[count], errors);
        }

        public static ChunkResult Read(ReadOnlySequence<byte> payload, int offset)
        {
            var reader = new WireReader(payload);
            var engineId = reader.ReadI32();
            var n = reader.ReadI32();
            var values = new T[n];
            RemoteException?[]? errors = null;
            for (var i = 0; i < n; i++)
            {
                if (reader.ReadU8() == (byte)ResultStatus.Ok)
                {
                    values[i] = MemoryPackSerializer.Deserialize<T>(reader.ReadBlob())!;
                }
                else
                {
                    errors ??= new RemoteException?[n];
                    errors[i] = PendingTask.ReadError(ref reader, engineId);
                }
            }

            return new ChunkResult(offset, values, errors);
        }
    }
}

/// <summary>One map item's outcome: a value, or the error it failed with.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Value">The value (default if failed).</param>
/// <param name="Error">The error, or null if it succeeded.</param>
public readonly record struct MapOutcome<T>(T Value, RemoteException? Error)
{
    /// <summary>Whether the item succeeded.</summary>
    public bool Succeeded => Error is null;
}
