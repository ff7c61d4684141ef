namespace RemoteKit;

/// <summary>
/// Marks a static method as runnable on a RemoteKit cluster. The RemoteKit source generator emits a
/// serializable call stub and an engine-side invoker for it at compile time; nothing is serialized by reflection.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RemoteAttribute : Attribute
{
}

/// <summary>
/// Marks a parameter of a <see cref="RemoteAttribute">[Remote]</see> method whose value is not sent by the caller
/// but read, by name, from the executing engine's namespace (set earlier with <c>view["name"] = value</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class GlobalAttribute : Attribute
{
    /// <summary>Binds the parameter to the namespace variable with the parameter's own name.</summary>
    public GlobalAttribute()
    {
    }

    /// <summary>Binds the parameter to the namespace variable <paramref name="name"/>.</summary>
    /// <param name="name">The variable name in the engine namespace.</param>
    public GlobalAttribute(string name) => Name = name;

    /// <summary>The namespace variable to read, or <see langword="null"/> for the parameter's name.</summary>
    public string? Name { get; }
}

/// <summary>
/// Emitted by the RemoteKit generator on every assembly that declares [Remote] methods: names the type that
/// creates the assembly's invokers, so an engine can register them after loading the assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class RemoteMethodProviderAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="providerType">A type with a public parameterless constructor implementing <see cref="IRemoteMethodProvider"/>.</param>
    public RemoteMethodProviderAttribute(Type providerType) => ProviderType = providerType;

    /// <summary>The provider type.</summary>
    public Type ProviderType { get; }
}
