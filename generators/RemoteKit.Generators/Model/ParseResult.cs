namespace RemoteKit.Generators.Model
{
    /// <summary>The outcome of parsing one [Remote] method: a spec when valid, and the diagnostics found.</summary>
    internal sealed record ParseResult(RemoteMethodSpec? Method, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);
}
