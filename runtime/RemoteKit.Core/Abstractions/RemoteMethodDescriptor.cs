namespace RemoteKit;

/// <summary>
/// Identifies one [Remote] method: a stable 64-bit id computed by the generator from the method's full signature,
/// a display name, and the type that declares it (whose assembly is shipped to engines).
/// </summary>
public sealed class RemoteMethodDescriptor
{
    /// <summary>Creates a descriptor. Called by generated code.</summary>
    /// <param name="id">Stable id: FNV-1a 64 of the fully qualified signature.</param>
    /// <param name="name">Display name, e.g. <c>Work.SlowPower(long, int)</c>.</param>
    /// <param name="declaringType">The type declaring the method.</param>
    public RemoteMethodDescriptor(ulong id, string name, Type declaringType)
    {
        Id = id;
        Name = name;
        DeclaringType = declaringType;
    }

    /// <summary>The stable method id.</summary>
    public ulong Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The declaring type.</summary>
    public Type DeclaringType { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
