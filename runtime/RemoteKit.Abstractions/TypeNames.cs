using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>Type names that travel with namespace values so the receiving side can rebuild the value.</summary>
internal static class TypeNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    /// <summary>The names of types from collectible contexts (shipped code, scripts), which this cache must not keep alive.</summary>
    private static readonly ConditionalWeakTable<Type, string> CollectibleNames = new();

    private static readonly ConcurrentDictionary<string, Type?> Types = new(StringComparer.Ordinal);

    public static string Of(Type type)
    {
        if (Names.TryGetValue(type, out var name) || CollectibleNames.TryGetValue(type, out name))
        {
            return name;
        }

        name = type.Assembly == typeof(object).Assembly || type.Assembly.GetName().Name == "System.Private.CoreLib"
            ? type.FullName!
            : type.AssemblyQualifiedName!;
        return type.IsCollectible ? CollectibleNames.GetValue(type, _ => name) : Names.GetOrAdd(type, name);
    }

    public static Type? Resolve(string name) => Types.GetOrAdd(name, static n =>
    {
        var type = Type.GetType(n, throwOnError: false);
        if (type is not null)
        {
            return type;
        }

        foreach (var assembly in System.Runtime.Loader.AssemblyLoadContext.All.SelectMany(c => c.Assemblies))
        {
            var comma = n.IndexOf(',');
            type = assembly.GetType(comma < 0 ? n : n[..comma], throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    });
}
