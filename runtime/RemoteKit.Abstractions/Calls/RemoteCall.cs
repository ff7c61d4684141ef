using System.Buffers;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// One call of a [Remote] method with its arguments bound, ready to be sent to an engine.
/// Generated per method (<c>Work.Remote.SlowPower(5)</c>); this non-generic form is used for methods with no result.
/// </summary>
public abstract class RemoteCall
{
    /// <summary>Creates a call of <paramref name="method"/>.</summary>
    /// <param name="method">The method called.</param>
    protected RemoteCall(RemoteMethodDescriptor method) => Method = method;

    /// <summary>The method called.</summary>
    public RemoteMethodDescriptor Method { get; }

    /// <summary>Where the method's progress reports go on the caller's side, when the caller asked for them.</summary>
    internal IProgressReceiver? Progress { get; private set; }

    /// <summary>
    /// This call, sending what the method reports to its <see cref="IProgress{T}"/> parameter to <paramref name="progress"/>
    /// while it runs (rate-limited by the engine; the latest value wins). The call is copied; this one is unchanged.
    /// </summary>
    /// <typeparam name="TProgress">The value reported: the method's <c>IProgress&lt;T&gt;</c> parameter's <c>T</c>, or a type it converts to.</typeparam>
    /// <param name="progress">Receives the reports, on the thread pool (<see cref="Progress{T}"/> posts them to its own context); <see langword="null"/> for none.</param>
    /// <returns>The call with the receiver.</returns>
    /// <exception cref="ArgumentException">The method takes no <c>IProgress&lt;T&gt;</c> of a type <typeparamref name="TProgress"/> can receive.</exception>
    public RemoteCall WithProgress<TProgress>(IProgress<TProgress>? progress)
    {
        IProgressReceiver? receiver = null;
        if (progress is not null)
        {
            var reported = Method.ProgressType
                ?? throw new ArgumentException($"{Method.Name} takes no IProgress<T> parameter, so it reports no progress.", nameof(progress));
            if (!typeof(TProgress).IsAssignableFrom(reported))
            {
                throw new ArgumentException(
                    $"{Method.Name} reports {reported.FullName} values, which an IProgress<{typeof(TProgress).FullName}> cannot receive.", nameof(progress));
            }

            receiver = new ProgressReceiver<TProgress>(progress, reported);
        }

        var copy = (RemoteCall)MemberwiseClone();
        copy.Progress = receiver;
        return copy;
    }

    /// <summary>Writes the caller-supplied arguments, in parameter order, with MemoryPack.</summary>
    /// <typeparam name="TBufferWriter">The buffer the writer writes to.</typeparam>
    /// <param name="writer">The writer.</param>
    public abstract void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        where TBufferWriter : IBufferWriter<byte>;

    /// <summary>
    /// Whether <see cref="WriteColumns"/> can write calls of this type: every argument and the result are unmanaged. The same
    /// for every call of one type, so a map decides it once per chunk.
    /// </summary>
    internal virtual bool HasColumns => false;

    /// <summary>
    /// Writes the arguments of <paramref name="calls"/> (this call first, all of this type and method) as the columns of a
    /// <c>ColumnsTask</c>: one raw array per parameter, read straight from the calls.
    /// </summary>
    internal virtual void WriteColumns(IBufferWriter<byte> w, IReadOnlyList<RemoteCall> calls) =>
        throw new NotSupportedException($"Calls of {Method.Name} cannot be written as columns.");

    /// <summary>The call at <paramref name="index"/> of a chunk written as columns: of type <typeparamref name="TCall"/> and of this method.</summary>
    private protected TCall SameAsThis<TCall>(IReadOnlyList<RemoteCall> calls, int index)
        where TCall : RemoteCall
    {
        var call = calls[index];
        return call is TCall same && call.Method.Id == Method.Id ? same : throw Mixed(call);
    }

    /// <summary>The error for a map chunk whose calls are not all of this call's method.</summary>
    internal ArgumentException Mixed(RemoteCall other) =>
        new($"A map chunk mixes {Method.Name} and {other.Method.Name}; map calls of one method.");

    /// <inheritdoc />
    public override string ToString() => Method.Name;
}

/// <summary>A call of a [Remote] method that produces a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The method's result type (the awaited type for async methods).</typeparam>
public abstract class RemoteCall<TResult> : RemoteCall
{
    /// <summary>Creates a call of <paramref name="method"/>.</summary>
    /// <param name="method">The method called.</param>
    protected RemoteCall(RemoteMethodDescriptor method)
        : base(method)
    {
    }

    /// <summary>
    /// This call, sending what the method reports to its <see cref="IProgress{T}"/> parameter to <paramref name="progress"/>
    /// while it runs (rate-limited by the engine; the latest value wins). The call is copied; this one is unchanged.
    /// </summary>
    /// <typeparam name="TProgress">The value reported: the method's <c>IProgress&lt;T&gt;</c> parameter's <c>T</c>, or a type it converts to.</typeparam>
    /// <param name="progress">Receives the reports, on the thread pool; <see langword="null"/> for none.</param>
    /// <returns>The call with the receiver.</returns>
    /// <exception cref="ArgumentException">The method takes no <c>IProgress&lt;T&gt;</c> of a type <typeparamref name="TProgress"/> can receive.</exception>
    public new RemoteCall<TResult> WithProgress<TProgress>(IProgress<TProgress>? progress) => (RemoteCall<TResult>)base.WithProgress(progress);
}
