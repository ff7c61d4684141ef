namespace RemoteKit;

/// <summary>Helpers for generated view extensions that take a [Remote] method group.</summary>
public static class RemoteDelegates
{
    /// <summary>
    /// The error for a delegate that is not a [Remote] method of the calling assembly (a lambda, a local function,
    /// an instance method, or a plain static method).
    /// </summary>
    /// <param name="method">The delegate passed to the view.</param>
    /// <param name="parameterName">The parameter it was passed as.</param>
    /// <returns>The exception to throw.</returns>
    public static ArgumentException NotARemoteMethod(Delegate method, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(method, parameterName);
        var m = method.Method;
        var what = m.Name.Contains('<', StringComparison.Ordinal)
            ? "a lambda or local function"
            : $"'{m.DeclaringType?.FullName}.{m.Name}'";
        return new ArgumentException(
            $"{what} is not a [Remote] method. Only static methods marked [Remote] can run on engines: " +
            "pass one as a method group (view.ApplyAsync(Work.SlowPower, 5)) or pass a typed call (view.ApplyAsync(Work.Remote.SlowPower(5))).",
            parameterName);
    }
}

/// <summary>
/// Maps [Remote] methods passed as delegates to their call factories, for a call site that was not bound at compile time (a
/// delegate held in a variable). Generated view extensions keep one table per extension signature, filled on first use.
/// </summary>
/// <typeparam name="TDelegate">The delegate type the view extension takes.</typeparam>
/// <typeparam name="TFactory">The call factory type: the call arguments to a <see cref="RemoteCall"/>.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class RemoteMethodTable<TDelegate, TFactory>
    where TDelegate : Delegate
    where TFactory : Delegate
{
    private readonly Dictionary<System.Reflection.MethodInfo, TFactory> _factories = [];

    private RemoteMethodTable()
    {
    }

    /// <summary>Adds a [Remote] method and the factory of its calls.</summary>
    /// <param name="method">The method, as a method group.</param>
    /// <param name="factory">Its call factory.</param>
    public void Add(TDelegate method, TFactory factory) => _factories[method.Method] = factory;

    /// <summary>The factory for <paramref name="method"/>, filling <paramref name="table"/> once on first use.</summary>
    /// <param name="table">The extension's table, <see langword="null"/> until first used.</param>
    /// <param name="fill">Adds every [Remote] method of the extension's signature.</param>
    /// <param name="method">The delegate passed to the view.</param>
    /// <returns>The call factory.</returns>
    /// <exception cref="ArgumentException"><paramref name="method"/> is not a [Remote] method.</exception>
    public static TFactory Bind(ref RemoteMethodTable<TDelegate, TFactory>? table, Action<RemoteMethodTable<TDelegate, TFactory>> fill, TDelegate method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (Volatile.Read(ref table) is not { } current)
        {
            current = new RemoteMethodTable<TDelegate, TFactory>();
            fill(current);
            current = Interlocked.CompareExchange(ref table, current, null) ?? current;
        }

        // A static method group has no target; a lambda, local function or instance method is not in the table.
        if (method.Target is null && method.HasSingleTarget && current._factories.TryGetValue(method.Method, out var factory))
        {
            return factory;
        }

        throw RemoteDelegates.NotARemoteMethod(method, nameof(method));
    }
}
