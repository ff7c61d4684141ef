using System.Collections.Concurrent;

namespace RemoteKit;

/// <summary>Type names that travel with namespace values so the receiving side can rebuild the value.</summary>
internal static class TypeNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();
    private static readonly ConcurrentDictionary<string, Type?> Types = new(StringComparer.Ordinal);

    public static string Of(Type type) => Names.GetOrAdd(type, static t =>
        t.Assembly == typeof(object).Assembly || t.Assembly.GetName().Name == "System.Private.CoreLib"
            ? t.FullName!
            : t.AssemblyQualifiedName!);

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
