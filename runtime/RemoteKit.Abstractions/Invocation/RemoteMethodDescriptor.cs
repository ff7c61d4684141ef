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
        : this(id, name, declaringType, isColumnar: false)
    {
    }

    /// <summary>Creates a descriptor. Called by generated code.</summary>
    /// <param name="id">Stable id: FNV-1a 64 of the fully qualified signature.</param>
    /// <param name="name">Display name, e.g. <c>Work.SlowPower(long, int)</c>.</param>
    /// <param name="declaringType">The type declaring the method.</param>
    /// <param name="isColumnar">Whether the generator gave the method a column loop (<see cref="IsColumnar"/>).</param>
    public RemoteMethodDescriptor(ulong id, string name, Type declaringType, bool isColumnar)
        : this(id, name, declaringType, isColumnar, progressType: null)
    {
    }

    /// <summary>Creates a descriptor. Called by generated code.</summary>
    /// <param name="id">Stable id: FNV-1a 64 of the fully qualified signature.</param>
    /// <param name="name">Display name, e.g. <c>Work.SlowPower(long, int)</c>.</param>
    /// <param name="declaringType">The type declaring the method.</param>
    /// <param name="isColumnar">Whether the generator gave the method a column loop (<see cref="IsColumnar"/>).</param>
    /// <param name="progressType">The <c>T</c> of the method's <see cref="IProgress{T}"/> parameter, or <see langword="null"/> when it has none.</param>
    public RemoteMethodDescriptor(ulong id, string name, Type declaringType, bool isColumnar, Type? progressType)
    {
        Id = id;
        Name = name;
        DeclaringType = declaringType;
        IsColumnar = isColumnar;
        ProgressType = progressType;
    }

    /// <summary>The stable method id.</summary>
    public ulong Id { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>The declaring type.</summary>
    public Type DeclaringType { get; }

    /// <summary>
    /// Whether a map chunk of this method can travel as columns, one raw array per parameter: the method is synchronous,
    /// every parameter is a caller-supplied unmanaged value and so is its result. Engines then run the chunk in one loop.
    /// </summary>
    public bool IsColumnar { get; }

    /// <summary>
    /// The type of the values the method reports through its injected <see cref="IProgress{T}"/> parameter, or
    /// <see langword="null"/> when it takes none.
    /// </summary>
    public Type? ProgressType { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
