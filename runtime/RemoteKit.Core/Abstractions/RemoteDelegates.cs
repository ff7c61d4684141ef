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
