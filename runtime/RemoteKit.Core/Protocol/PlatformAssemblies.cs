using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RemoteKit.Protocol;

/// <summary>
/// The assemblies this process's runtime provides by itself (its TRUSTED_PLATFORM_ASSEMBLIES), by simple name and version.
/// Clients ship what the shared framework does not hold; engines prefer their own copy of what they hold.
/// </summary>
internal static class PlatformAssemblies
{
    private static readonly Lazy<(Dictionary<string, string> All, HashSet<string> Framework)> Trusted = new(ReadTrusted);
    private static readonly ConcurrentDictionary<string, Version?> Versions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the shared framework this process runs on holds the assembly at the same or a higher version.</summary>
    public static bool InSharedFramework(AssemblyName name)
        => name.Name is { } simple && Trusted.Value.Framework.Contains(simple) && HasVersion(simple, name.Version);

    /// <summary>The file of an assembly this process's dependencies or framework hold, by simple name, without loading it.</summary>
    public static string? PathOf(string simpleName) => Trusted.Value.All.GetValueOrDefault(simpleName);

    /// <summary>Whether this process's own dependencies or framework hold the assembly at the same or a higher version.</summary>
    public static bool InProcess(AssemblyName name)
        => name.Name is { } simple && Trusted.Value.All.ContainsKey(simple) && HasVersion(simple, name.Version);

    private static bool HasVersion(string simple, Version? wanted)
    {
        var held = Versions.GetOrAdd(simple, static n =>
        {
            try
            {
                return AssemblyName.GetAssemblyName(Trusted.Value.All[n]).Version;
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                return null;
            }
        });
        return held is not null && (wanted is null || held >= wanted);
    }

    private static (Dictionary<string, string>, HashSet<string>) ReadTrusted()
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var framework = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var simple = Path.GetFileNameWithoutExtension(path);
            all.TryAdd(simple, path);
            if (path.StartsWith(runtimeDirectory, StringComparison.Ordinal))
            {
                framework.Add(simple);
            }
        }

        return (all, framework);
    }
}
