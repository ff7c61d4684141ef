using System.ComponentModel;

namespace RemoteKit;

/// <summary>
/// A call of a [Remote] method that returns a stream (<see cref="IAsyncEnumerable{T}"/> or <see cref="IEnumerable{T}"/>) with
/// its arguments bound: <c>Work.Remote.Produce(10)</c>. Run it with a view's <c>StreamAsync</c>, which yields its items as the
/// engine produces them.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class RemoteStreamCall<T>
{
    /// <summary>A stream call whose arguments <paramref name="arguments"/> writes. Called by generated code.</summary>
    /// <param name="arguments">A call of the same method that writes its arguments.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RemoteStreamCall(RemoteCall arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        Call = arguments;
    }

    /// <summary>The method called.</summary>
    public RemoteMethodDescriptor Method => Call.Method;

    /// <summary>The call that writes the arguments and carries the progress receiver.</summary>
    internal RemoteCall Call { get; }

    /// <summary>This call, sending the method's <see cref="IProgress{T}"/> reports to <paramref name="progress"/> while it runs.</summary>
    /// <typeparam name="TProgress">The value reported.</typeparam>
    /// <param name="progress">Receives the reports; <see langword="null"/> for none.</param>
    /// <returns>The call with the receiver; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The method takes no <c>IProgress&lt;T&gt;</c> of a type <typeparamref name="TProgress"/> can receive.</exception>
    public RemoteStreamCall<T> WithProgress<TProgress>(IProgress<TProgress>? progress) => new(Call.WithProgress(progress));

    /// <inheritdoc />
    public override string ToString() => Method.Name;
}
