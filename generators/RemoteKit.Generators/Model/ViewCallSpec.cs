namespace RemoteKit.Generators.Model
{
    /// <summary>
    /// A view call (<c>view.ApplyAsync(first, ...)</c>) as the generator sees it: which [Remote] methods it names, so that only
    /// their view extensions are emitted, and the site to intercept, if it can be.
    /// </summary>
    /// <param name="Site">The site bound at compile time; null when it is left to the extension's run-time table.</param>
    /// <param name="Methods">The ids of the [Remote] methods the first argument names (overloads all count).</param>
    /// <param name="AnyOfArity">When the first argument is not a [Remote] method group (a lambda, another method, a delegate
    /// value), its parameter count: the extensions of every [Remote] method of that arity are emitted, so the call binds and the
    /// analyzer's RK0006 reports it. -1 otherwise.</param>
    internal sealed record ViewCallSpec(CallSiteSpec? Site, ImmutableEquatableArray<ulong> Methods, int AnyOfArity);
}

namespace RemoteKit.Generators.Model
{
    /// <summary>Every [Remote] method and delegate arity the compilation's view calls name: which view extensions to emit.</summary>
    /// <param name="Methods">The [Remote] methods passed as method groups, by id, ascending.</param>
    /// <param name="Arities">The arities of other delegates passed to views, ascending.</param>
    internal sealed record ViewUses(ImmutableEquatableArray<ulong> Methods, ImmutableEquatableArray<int> Arities);
}
