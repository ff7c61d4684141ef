namespace RemoteKit.Generators.Model
{
    /// <summary>The assembly-wide view of every valid [Remote] method: input of the provider and the view extensions.</summary>
    /// <param name="Suffix">The assembly name made into an identifier, so generated assembly-level types never clash across assemblies.</param>
    /// <param name="Methods">The methods, ordered by id.</param>
    internal sealed record AssemblySpec(string Suffix, ImmutableEquatableArray<RemoteMethodSpec> Methods);
}
