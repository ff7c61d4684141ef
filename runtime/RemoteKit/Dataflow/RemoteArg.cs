using System.Buffers;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// An argument of a [Remote] method's parameter of type <typeparamref name="T"/>: a value, or the result of another task
/// (an <see cref="AsyncResult{T}"/>, a <see cref="RemoteRef{T}"/>) that the task waits for. Views take it where the method
/// takes a <typeparamref name="T"/> (<c>lb.ApplyAsync(Work.Scale, kept, 2.0)</c>), so passing a result of another type is a
/// compile-time error. Converts implicitly from all three; not made directly.
/// </summary>
/// <typeparam name="T">The parameter's type.</typeparam>
public readonly struct RemoteArg<T> : IRemoteArgument
{
    private readonly T _value;
    private readonly object? _input;

    private RemoteArg(T value, object? input)
    {
        _value = value;
        _input = input;
    }

    /// <summary>The task result or kept value the argument stands for, or null for a plain value.</summary>
    object? IRemoteArgument.Input => _input;

    /// <summary>An argument that is a value.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator RemoteArg<T>(T value) => new(value, null);

    /// <summary>An argument that is the result of a task: the task that takes it waits for it.</summary>
    /// <param name="result">The result.</param>
    public static implicit operator RemoteArg<T>(AsyncResult<T> result) => new(default!, result ?? throw new ArgumentNullException(nameof(result)));

    /// <summary>An argument that is a value kept on an engine: it goes to the task's engine, never through the client.</summary>
    /// <param name="kept">The kept value.</param>
    public static implicit operator RemoteArg<T>(RemoteRef<T> kept) => new(default!, kept ?? throw new ArgumentNullException(nameof(kept)));

    /// <summary>An argument that is a value (for languages without implicit conversions).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The argument.</returns>
    public static RemoteArg<T> FromValue(T value) => value;

    /// <summary>The value, or a placeholder (<c>default</c>) for an argument that is a task's result. Used by generated code.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public T Placeholder => _value;

    void IRemoteArgument.Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer) => writer.WriteValue(_value);

    int IRemoteArgument.PlaceholderLength => MemoryPackSerializer.Serialize(_value).Length;

    IRemoteArgument IRemoteArgument.WithValueOf(object completed) => new RemoteArg<T>(((AsyncResult<T>)completed).Task.Result, null);
}

/// <summary>One argument of a call built with <see cref="RemoteArg{T}"/>s, whatever its type.</summary>
internal interface IRemoteArgument
{
    /// <summary>The <see cref="AsyncResult{T}"/> or <see cref="RemoteRef{T}"/> it stands for, or null.</summary>
    object? Input { get; }

    /// <summary>How many bytes the placeholder of this argument takes in the call the generated factory made.</summary>
    int PlaceholderLength { get; }

    /// <summary>Writes the value.</summary>
    void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        where TBufferWriter : IBufferWriter<byte>;

    /// <summary>This argument as the value of the (completed, successful) <see cref="AsyncResult{T}"/> it stood for.</summary>
    IRemoteArgument WithValueOf(object completed);
}

/// <summary>Binds calls whose arguments are <see cref="RemoteArg{T}"/>s. Used by generated view extensions.</summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class RemoteArgs
{
    /// <summary>The call <paramref name="made"/> (by the method's factory, from the arguments' placeholders) with <paramref name="arguments"/> in their places.</summary>
    /// <typeparam name="TResult">The method's result type.</typeparam>
    /// <param name="made">The call the factory made.</param>
    /// <param name="arguments">The <see cref="RemoteArg{T}"/>s given, in parameter order.</param>
    /// <returns>The call to run.</returns>
    public static RemoteCall<TResult> Bind<TResult>(RemoteCall<TResult> made, params object[] arguments) =>
        InputCall<TResult>.Bind(made, Arguments(arguments));

    /// <summary>The call <paramref name="made"/> of a method without a result, with <paramref name="arguments"/> in their places.</summary>
    /// <param name="made">The call the factory made.</param>
    /// <param name="arguments">The <see cref="RemoteArg{T}"/>s given, in parameter order.</param>
    /// <returns>The call to run.</returns>
    public static RemoteCall Bind(RemoteCall made, params object[] arguments)
    {
        var given = Arguments(arguments);
        return given.All(a => a.Input is null) ? made : InputCall<NoValue>.Bind(made, given);
    }

    private static IRemoteArgument[] Arguments(object[] arguments) =>
        Array.ConvertAll(arguments, a => a as IRemoteArgument ?? throw new ArgumentException("Arguments must be RemoteArg<T> values.", nameof(arguments)));
}
