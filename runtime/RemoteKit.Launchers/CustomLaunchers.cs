using System.Reflection;
using System.Runtime.Loader;

namespace RemoteKit.Launchers;

/// <summary>Creates the launcher of your own that <see cref="EngineLaunchOptions.LauncherType"/> names.</summary>
internal static class CustomLaunchers
{
    public static EngineLauncher Create(EngineLaunchOptions options)
    {
        if (options.LauncherType is not { Length: > 0 } name)
        {
            throw new InvalidOperationException(
                "The custom launcher needs its type: set LauncherType (RemoteKit:Cluster:LauncherType, e.g. \"MySite.LsfLauncher, MySite\") " +
                "or, from code, ClusterOptions.CustomLauncher.");
        }

        if (options.LauncherAssembly is { Length: > 0 } file)
        {
            var path = Path.GetFullPath(file);
            if (!AssemblyLoadContext.Default.Assemblies.Any(a => !a.IsDynamic && string.Equals(a.Location, path, StringComparison.Ordinal)))
            {
                AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            }
        }

        var type = Type.GetType(name, AssemblyNamed, null, throwOnError: false)
            ?? throw new InvalidOperationException(
                $"The custom launcher type '{name}' was not found: give it as \"Namespace.Type, Assembly\"" +
                (options.LauncherAssembly is null ? ", and the assembly's file as LauncherAssembly unless it is beside the program." : $", from {options.LauncherAssembly}."));
        if (!typeof(EngineLauncher).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new InvalidOperationException($"The custom launcher type '{type.FullName}' is not a concrete RemoteKit.Launchers.EngineLauncher.");
        }

        if (type.GetConstructor([typeof(EngineLaunchOptions)]) is not { } constructor)
        {
            throw new InvalidOperationException($"The custom launcher type '{type.FullName}' needs a public constructor that takes EngineLaunchOptions.");
        }

        try
        {
            return (EngineLauncher)constructor.Invoke([options]);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new InvalidOperationException($"The custom launcher '{type.FullName}' could not be created: {inner.Message}", inner);
        }
    }

    /// <summary>An assembly already loaded (e.g. from <see cref="EngineLaunchOptions.LauncherAssembly"/>), else loaded by name; null if there is none.</summary>
    private static Assembly? AssemblyNamed(AssemblyName name)
    {
        if (AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName())) is { } loaded)
        {
            return loaded;
        }

        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
