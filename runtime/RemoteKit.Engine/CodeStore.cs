using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Security.Cryptography;
using RemoteKit.Protocol;

namespace RemoteKit.Engine;

/// <summary>
/// The code shipped to this process's engines, by bundle hash: one per process, so engines hosted together load each
/// bundle once and share its static state. Each bundle loads into its own collectible <see cref="AssemblyLoadContext"/>;
/// RemoteKit and MemoryPack come from the host so types are shared.
/// </summary>
internal sealed class CodeStore
{
    private readonly Dictionary<string, TaskCompletionSource<LoadedBundle>> _bundles = new(StringComparer.Ordinal);

    /// <summary>The bundle looked up last, once loaded.</summary>
    private LastBundle? _last;

    private sealed record LastBundle(byte[] Hash, Task<LoadedBundle> Bundle);

    /// <summary>
    /// The bundle, loading it first if needed: the first engine to need it asks the controller through
    /// <paramref name="request"/>, and the answer (to whichever engine) comes to <see cref="OnBundle"/>. The hash is only
    /// copied when the bundle is not the one looked up last.
    /// </summary>
    public Task<LoadedBundle> GetAsync(ReadOnlySpan<byte> hash, Action<byte[]> request)
    {
        // Nearly every task names the bundle the task before it named: that one is found without a string or a lock.
        if (Volatile.Read(ref _last) is { } last && hash.SequenceEqual(last.Hash))
        {
            return last.Bundle;
        }

        var key = Convert.ToHexString(hash);
        TaskCompletionSource<LoadedBundle>? tcs;
        lock (_bundles)
        {
            if (_bundles.TryGetValue(key, out tcs))
            {
                if (tcs.Task.IsCompletedSuccessfully)
                {
                    // Loaded bundles are never forgotten, so this one may be handed out without looking again.
                    Volatile.Write(ref _last, new LastBundle(hash.ToArray(), tcs.Task));
                }

                return tcs.Task;
            }

            tcs = new TaskCompletionSource<LoadedBundle>(TaskCreationOptions.RunContinuationsAsynchronously);
            _bundles.Add(key, tcs);
        }

        request(hash.ToArray());
        return tcs.Task;
    }

    /// <summary>Handles the controller's answer to a request (<see cref="CodeBundleMessage"/>).</summary>
    public void OnBundle(ref WireReader reader)
    {
        var (found, hash) = CodeBundleMessage.ReadHeader(ref reader);
        var key = Convert.ToHexString(hash);
        TaskCompletionSource<LoadedBundle>? tcs;
        lock (_bundles)
        {
            if (!_bundles.TryGetValue(key, out tcs))
            {
                return;
            }

            if (!found)
            {
                // Forgotten so that a task sent after the client uploads the bundle asks again.
                _bundles.Remove(key);
            }
        }

        if (!found)
        {
            tcs.TrySetException(new InvalidOperationException($"The controller does not have code bundle {key[..12]}; the client that submitted the task did not ship it."));
            return;
        }

        try
        {
            var bundle = CodeBundle.ReadAfterHash(hash, ref reader);
            if (!bundle.IsIntact(out var problem))
            {
                throw new InvalidDataException($"Code bundle {key[..12]} is not what it claims to be ({problem}); refusing to load it.");
            }

            var assemblies = bundle.Assemblies.ToDictionary(a => a.Name, a => a.Bytes, StringComparer.Ordinal);

            tcs.TrySetResult(LoadedBundle.Load(key, bundle.RootName, assemblies));
        }
        catch (Exception e)
        {
            tcs.TrySetException(e);
        }
    }
}

/// <summary>A bundle loaded into its own context, with its [Remote] invokers by method id.</summary>
internal sealed class LoadedBundle
{
    private LoadedBundle(BundleLoadContext context, Dictionary<ulong, RemoteInvoker> invokers)
    {
        Context = context;
        Invokers = invokers;
    }

    public BundleLoadContext Context { get; }

    public Dictionary<ulong, RemoteInvoker> Invokers { get; }

    public static LoadedBundle Load(string key, string rootName, Dictionary<string, byte[]> assemblies)
    {
        var context = new BundleLoadContext($"remotekit:{rootName}:{key[..12]}", assemblies);
        var invokers = new Dictionary<ulong, RemoteInvoker>();
        foreach (var name in assemblies.Keys)
        {
            // Only assemblies that declare [Remote] methods load now; the rest load on demand, if ever: loading them all up
            // front would load, say, the compiler a shipped program references. The bytes' metadata tells without loading.
            if (!DeclaresRemoteMethods(assemblies[name]))
            {
                continue;
            }

            var assembly = context.LoadFromAssemblyName(new AssemblyName(name));
            foreach (var attribute in assembly.GetCustomAttributes<RemoteMethodProviderAttribute>())
            {
                var provider = (IRemoteMethodProvider)Activator.CreateInstance(attribute.ProviderType)!;
                foreach (var invoker in provider.CreateInvokers())
                {
                    invokers[invoker.Method.Id] = invoker;
                }
            }
        }

        return new LoadedBundle(context, invokers);
    }

    /// <summary>
    /// Whether the assembly's own attributes include <see cref="RemoteMethodProviderAttribute"/>, read from its metadata
    /// (true when the bytes cannot be read that way: loading it then says what is wrong with them).
    /// </summary>
    private static bool DeclaresRemoteMethods(byte[] image)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                var constructor = metadata.GetCustomAttribute(handle).Constructor;
                var type = constructor.Kind switch
                {
                    HandleKind.MemberReference => metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent,
                    HandleKind.MethodDefinition => metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType(),
                    _ => default,
                };
                var (ns, typeName) = type.Kind switch
                {
                    HandleKind.TypeReference => (metadata.GetTypeReference((TypeReferenceHandle)type).Namespace, metadata.GetTypeReference((TypeReferenceHandle)type).Name),
                    HandleKind.TypeDefinition => (metadata.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name),
                    _ => (default(StringHandle), default(StringHandle)),
                };
                if (!typeName.IsNil && metadata.StringComparer.Equals(typeName, nameof(RemoteMethodProviderAttribute)) &&
                    metadata.StringComparer.Equals(ns, typeof(RemoteMethodProviderAttribute).Namespace!))
                {
                    return true;
                }
            }

            return false;
        }
        catch (BadImageFormatException)
        {
            return true;
        }
    }
}

/// <summary>Loads a bundle's assemblies from memory; everything the host holds (framework, RemoteKit, MemoryPack, its dependencies) from the host.</summary>
internal sealed class BundleLoadContext(string name, Dictionary<string, byte[]> assemblies) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var simple = assemblyName.Name;
        if (simple is null || CodeBundle.IsRemoteKitOwn(simple))
        {
            return null;
        }

        // What the host holds at a sufficient version comes from the host, so types are shared with it (logging, hosting);
        // shipped copies fill in what it lacks or holds only at a lower version.
        if (!assemblies.TryGetValue(simple, out var bytes) || PlatformAssemblies.InProcess(assemblyName))
        {
            return null;
        }

        return LoadFromStream(new MemoryStream(bytes, writable: false));
    }
}
