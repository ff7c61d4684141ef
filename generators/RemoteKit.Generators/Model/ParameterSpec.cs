namespace RemoteKit.Generators.Model
{
    /// <summary>One parameter of a [Remote] method.</summary>
    /// <param name="Name">The parameter name as written in C# (keywords escaped with <c>@</c>).</param>
    /// <param name="Type">The fully qualified type, with nullable annotations, for emitted code.</param>
    /// <param name="TypeKey">The fully qualified type without nullable annotations: the CLR identity used to deduplicate overloads.</param>
    /// <param name="Kind">Where the value comes from.</param>
    /// <param name="GlobalName">The namespace variable of a [Global] parameter.</param>
    /// <param name="DefaultValue">The default value as a C# expression, or <see langword="null"/> when there is none.</param>
    internal sealed record ParameterSpec(
        string Name,
        string Type,
        string TypeKey,
        ParameterKind Kind,
        string? GlobalName,
        string? DefaultValue);
}
