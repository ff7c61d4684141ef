namespace RemoteKit.Generators.Model
{
    /// <summary>A type enclosing a [Remote] method, re-declared as <c>partial</c> to nest the generated <c>Remote</c> class.</summary>
    /// <param name="Keyword">The declaration keywords, e.g. <c>class</c>, <c>record struct</c>, <c>ref struct</c>.</param>
    /// <param name="Name">The type name.</param>
    internal sealed record ContainingTypeSpec(string Keyword, string Name);
}
