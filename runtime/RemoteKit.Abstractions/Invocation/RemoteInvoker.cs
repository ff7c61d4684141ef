using System.ComponentModel;

namespace RemoteKit;

/// <summary>
/// The engine-side half of a [Remote] method, generated per method: reads the arguments of an
/// <see cref="RemoteInvocation"/>, calls the method, and sets the result.
/// </summary>
public abstract partial class RemoteInvoker
{
    // FromFunc, one per arity 0-16, is written at build time from
    // generators/RemoteKit.Abstractions.Arity/Templates/FunctionInvokers.cs.

    /// <summary>Creates an invoker for <paramref name="method"/>.</summary>
    /// <param name="method">The method invoked.</param>
    protected RemoteInvoker(RemoteMethodDescriptor method) => Method = method;

    /// <summary>The method invoked.</summary>
    public RemoteMethodDescriptor Method { get; }

    /// <summary>The loop that runs a chunk of calls sent as columns, for a method the generator gave one.</summary>
    internal RemoteColumnLoop? Columns { get; private init; }

    /// <summary>Runs the method for one invocation.</summary>
    /// <param name="invocation">Arguments, context and result sink.</param>
    /// <returns>A task completing when the method (and its awaited result) completes.</returns>
    public abstract ValueTask InvokeAsync(RemoteInvocation invocation);

    /// <summary>An invoker that runs <paramref name="invoke"/>: generated code passes a static method, one per [Remote] method.</summary>
    /// <param name="method">The method invoked.</param>
    /// <param name="invoke">Reads the arguments, calls the method and sets its result.</param>
    /// <returns>The invoker.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RemoteInvoker Create(RemoteMethodDescriptor method, Func<RemoteInvocation, ValueTask> invoke)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(invoke);
        return new DelegateInvoker(method, invoke);
    }

    /// <summary>An invoker that also runs chunks of calls sent as columns with <paramref name="columns"/>.</summary>
    /// <param name="method">The method invoked.</param>
    /// <param name="invoke">Reads the arguments, calls the method and sets its result.</param>
    /// <param name="columns">The method's column loop (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static RemoteInvoker Create(RemoteMethodDescriptor method, Func<RemoteInvocation, ValueTask> invoke, RemoteColumnLoop columns)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(invoke);
        ArgumentNullException.ThrowIfNull(columns);
        return new DelegateInvoker(method, invoke) { Columns = columns };
    }

    private sealed class DelegateInvoker(RemoteMethodDescriptor method, Func<RemoteInvocation, ValueTask> invoke) : RemoteInvoker(method)
    {
        public override ValueTask InvokeAsync(RemoteInvocation invocation) => invoke(invocation);
    }
}

/// <summary>Creates the invokers of one assembly's [Remote] methods. Implemented by generated code.</summary>
public interface IRemoteMethodProvider
{
    /// <summary>Creates one invoker per [Remote] method of the assembly.</summary>
    /// <returns>The invokers.</returns>
    IReadOnlyList<RemoteInvoker> CreateInvokers();
}
