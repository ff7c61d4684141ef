using System.Buffers;
using System.ComponentModel;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// One run of a [Remote] method on an engine: the serialized arguments, the injected context, and where the result goes.
/// Created by the engine and handed to the generated <see cref="RemoteInvoker"/>.
/// </summary>
public sealed partial class RemoteInvocation
{
    // ReadArguments, one per arity 1-16, is written at build time from
    // generators/RemoteKit.Abstractions.Arity/Templates/ArgumentReaders.cs.

    private readonly ReadOnlySequence<byte> _arguments;
    private MemoryPackReaderOptionalState? _readerState;

    internal RemoteInvocation(
        ReadOnlyMemory<byte> arguments, RemoteContext context, IBufferWriter<byte> resultWriter, ITaskEventSink? progress = null, IStreamSink? stream = null)
    {
        _arguments = new ReadOnlySequence<byte>(arguments);
        Context = context;
        ResultWriter = resultWriter;
        _progress = progress;
        _stream = stream;
    }

    private readonly ITaskEventSink? _progress;
    private readonly IStreamSink? _stream;

    /// <summary>How many items the method's stream sent, once it returned one; -1 when it returned none.</summary>
    internal long StreamedItems { get; private set; } = -1;

    /// <summary>The engine context (id, engine count, namespace).</summary>
    public RemoteContext Context { get; }

    /// <summary>Cancelled when the task is aborted or the engine stops.</summary>
    public CancellationToken CancellationToken => Context.CancellationToken;

    internal IBufferWriter<byte> ResultWriter { get; }

    /// <summary>Creates a reader over the caller-supplied arguments. Dispose it when done.</summary>
    /// <returns>A MemoryPack reader positioned at the first argument.</returns>
    public MemoryPackReader CreateArgumentReader()
    {
        _readerState ??= MemoryPackReaderOptionalStatePool.Rent(null);
        return new MemoryPackReader(_arguments, _readerState);
    }

    /// <summary>Reads a [Global] parameter from the engine namespace.</summary>
    /// <typeparam name="T">The parameter type.</typeparam>
    /// <param name="name">The variable name.</param>
    /// <returns>The variable's value.</returns>
    /// <exception cref="KeyNotFoundException">The namespace has no such variable.</exception>
    public T GetGlobal<T>(string name) => Context.Namespace.GetForGlobal<T>(name, Context.EngineId);

    /// <summary>Sets the method's result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The result.</param>
    public void SetResult<T>(T value)
    {
        MemoryPackSerializer.Serialize(ResultWriter, value);
    }

    /// <summary>Marks a method with no result as completed. Its result has no payload, so there is nothing to write.</summary>
    public void SetResult()
    {
    }

    /// <summary>Sets the result of a synchronous method; the generated invoker returns what this returns.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The result.</param>
    /// <returns>A completed task.</returns>
    public ValueTask Return<T>(T value)
    {
        SetResult(value);
        return default;
    }

    /// <summary>Sets the result of a method returning <see cref="Task{TResult}"/> once it completes.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The method's task.</param>
    /// <returns>Completes when the result is set.</returns>
    public ValueTask ReturnAsync<T>(Task<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            SetResult(task.Result);
            return default;
        }

        return AwaitAsync(this, task);

        static async ValueTask AwaitAsync(RemoteInvocation invocation, Task<T> task) =>
            invocation.SetResult(await task.ConfigureAwait(false));
    }

    /// <summary>Sets the result of a method returning <see cref="ValueTask{TResult}"/> once it completes.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="task">The method's task.</param>
    /// <returns>Completes when the result is set.</returns>
    public ValueTask ReturnAsync<T>(ValueTask<T> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            SetResult(task.Result);
            return default;
        }

        return AwaitAsync(this, task);

        static async ValueTask AwaitAsync(RemoteInvocation invocation, ValueTask<T> task) =>
            invocation.SetResult(await task.ConfigureAwait(false));
    }

    /// <summary>Completes a method returning <see cref="Task"/>.</summary>
    /// <param name="task">The method's task.</param>
    /// <returns>Completes with the method.</returns>
    public ValueTask ReturnAsync(Task task) => task.IsCompletedSuccessfully ? default : new ValueTask(task);

    /// <summary>Completes a method returning <see cref="ValueTask"/>.</summary>
    /// <param name="task">The method's task.</param>
    /// <returns>Completes with the method.</returns>
    public ValueTask ReturnAsync(ValueTask task)
    {
        if (task.IsCompletedSuccessfully)
        {
            // Consumes a ValueTask backed by a pooled IValueTaskSource.
            task.GetAwaiter().GetResult();
            return default;
        }

        return task;
    }

    /// <summary>
    /// The <see cref="IProgress{T}"/> injected into a method's progress parameter: its reports reach the caller while the task
    /// runs (the latest value wins), or go nowhere when nobody can receive them (a call run as part of a map).
    /// </summary>
    /// <typeparam name="T">The value reported.</typeparam>
    /// <returns>The progress.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IProgress<T> GetProgress<T>() => _progress is { } sink ? new RemoteProgress<T>(sink) : NoProgress<T>.Instance;

    /// <summary>Sends the items of a method returning <see cref="IAsyncEnumerable{T}"/> to the caller as it yields them.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The method's stream.</param>
    /// <returns>Completes once every item is sent (or fails as the stream did, after the items it yielded first).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask ReturnStreamAsync<T>(IAsyncEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pump = new StreamPump<T>(StreamSink());
        return Run(this, pump, pump.RunAsync(items, CancellationToken));
    }

    /// <summary>Sends the items of a method returning <see cref="IEnumerable{T}"/> to the caller as it yields them.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The method's sequence.</param>
    /// <returns>Completes once every item is sent (or fails as the sequence did, after the items it yielded first).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask ReturnStreamAsync<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pump = new StreamPump<T>(StreamSink());
        return Run(this, pump, pump.RunAsync(items, CancellationToken));
    }

    private IStreamSink StreamSink() => _stream ?? throw new InvalidOperationException(
        $"This [Remote] method returns a stream, which only a stream task can carry: run it with view.StreamAsync(...).");

    private static async ValueTask Run<T>(RemoteInvocation invocation, StreamPump<T> pump, ValueTask pumping)
    {
        try
        {
            await pumping.ConfigureAwait(false);
        }
        finally
        {
            invocation.StreamedItems = pump.Sent;
        }
    }

    internal void Release()
    {
        (_readerState as IDisposable)?.Dispose();
        _readerState = null;
    }
}
