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

    /// <summary>Writes the caller-supplied arguments, in parameter order, with MemoryPack.</summary>
    /// <typeparam name="TBufferWriter">The buffer the writer writes to.</typeparam>
    /// <param name="writer">The writer.</param>
    public abstract void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        where TBufferWriter : IBufferWriter<byte>;

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
}
