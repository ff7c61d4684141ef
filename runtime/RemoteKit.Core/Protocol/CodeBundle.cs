using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace RemoteKit.Protocol;

/// <summary>One shipped assembly: its simple name, SHA-256 of its bytes, and the bytes.</summary>
internal sealed record ShippedAssembly(string Name, byte[] Hash, byte[] Bytes);

/// <summary>
/// The code a [Remote] method needs on an engine: the assembly declaring it and every assembly it references that is
/// not part of the engine host (the .NET shared framework at the same or a higher version, RemoteKit and MemoryPack). Content-addressed: the bundle hash is
/// the SHA-256 of its assemblies' names and hashes, so the same program shipped twice is one bundle.
/// Wire form: <c>[32 hash][string root][i32 n]([string name][32 hash][blob bytes])*n</c>.
/// </summary>
internal sealed class CodeBundle
{
    public const int HashLength = 32;
    private static readonly ConcurrentDictionary<Assembly, CodeBundle> ForAssemblyCache = new();

    public CodeBundle(byte[] hash, string rootName, IReadOnlyList<ShippedAssembly> assemblies)
    {
        Hash = hash;
        RootName = rootName;
        Assemblies = assemblies;
        HashKey = Convert.ToHexString(hash);
    }

    public byte[] Hash { get; }

    public string HashKey { get; }

    public string RootName { get; }

    public IReadOnlyList<ShippedAssembly> Assemblies { get; }

    /// <summary>The bundle for the assembly declaring a [Remote] method; computed once per assembly.</summary>
    public static CodeBundle ForAssembly(Assembly root) => ForAssemblyCache.GetOrAdd(root, Build);

    /// <summary>
    /// Whether the engine host provides this assembly itself, so it must not be shipped: RemoteKit's own
    /// (<see cref="IsRemoteKitOwn"/>), or an assembly the shared framework holds at the same or a higher version.
    /// Everything else the method's code references ships, whatever its name.
    /// </summary>
    public static bool IsProvidedByHost(AssemblyName name) =>
        IsRemoteKitOwn(name.Name) || PlatformAssemblies.InSharedFramework(name);

    /// <summary>
    /// Whether an assembly is one of RemoteKit's own libraries or MemoryPack, which every engine host holds and which shipped
    /// code must share with the host (never loaded twice). A user assembly named RemoteKit.Something is not among them.
    /// </summary>
    public static bool IsRemoteKitOwn(string? simpleName) =>
        simpleName is null or "RemoteKit" or "RemoteKit.Abstractions" or "RemoteKit.Core" or "RemoteKit.Launchers"
        || simpleName.StartsWith("MemoryPack", StringComparison.Ordinal);

    public void Write(IBufferWriter<byte> w)
    {
        w.Write(Hash);
        w.WriteString(RootName);
        w.WriteI32(Assemblies.Count);
        foreach (var a in Assemblies)
        {
            w.WriteString(a.Name);
            w.Write(a.Hash);
            w.WriteBlob(a.Bytes);
        }
    }

    public static CodeBundle Read(ref WireReader r) => ReadAfterHash(r.ReadHash(), ref r);

    /// <summary>Reads the rest of a bundle whose hash was already read.</summary>
    public static CodeBundle ReadAfterHash(byte[] hash, ref WireReader r)
    {
        var root = r.ReadRequiredString();
        var n = r.ReadCount(4 + HashLength + 4);
        var list = new List<ShippedAssembly>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(new ShippedAssembly(r.ReadRequiredString(), r.ReadHash(), r.ReadBlob().ToArray()));
        }

        return new CodeBundle(hash, root, list);
    }

    /// <summary>Reads past the rest of a bundle whose hash was already read, copying nothing.</summary>
    public static void Skip(ref WireReader r)
    {
        r.ReadRequiredString();
        var n = r.ReadCount(4 + HashLength + 4);
        for (var i = 0; i < n; i++)
        {
            r.ReadRequiredString();
            r.ReadHash();
            r.ReadBlob();
        }
    }

    private static CodeBundle Build(Assembly root)
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var assembly = pending.Pop();
            var name = assembly.GetName().Name!;
            if (!found.TryAdd(name, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsProvidedByHost(reference) || found.ContainsKey(reference.Name!))
                {
                    continue;
                }

                Assembly? loaded;
                try
                {
                    loaded = Assembly.Load(reference);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    continue; // Not loadable here either: the method cannot be using it.
                }

                pending.Push(loaded);
            }
        }

        var assemblies = new List<ShippedAssembly>(found.Count);
        foreach (var (name, assembly) in found.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
            {
                throw new NotSupportedException(
                    $"Assembly '{name}' has no file on disk (dynamic or single-file), so it cannot be shipped to engines.");
            }

            var bytes = File.ReadAllBytes(assembly.Location);
            assemblies.Add(new ShippedAssembly(name, SHA256.HashData(bytes), bytes));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var a in assemblies)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(a.Name));
            hash.AppendData(a.Hash);
        }

        return new CodeBundle(hash.GetHashAndReset(), root.GetName().Name!, assemblies);
    }

    /// <summary>
    /// Whether the bundle's content matches its name: every assembly's bytes hash to the SHA-256 it claims, and the bundle
    /// hash is the one its assemblies give. The controller and engines check this on what they receive, so an upload filed
    /// under another bundle's hash is refused.
    /// </summary>
    public bool IsIntact([System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        foreach (var a in Assemblies)
        {
            if (!SHA256.HashData(a.Bytes).AsSpan().SequenceEqual(a.Hash))
            {
                problem = $"assembly '{a.Name}' does not match its SHA-256";
                return false;
            }
        }

        if (!HashOf(Assemblies).AsSpan().SequenceEqual(Hash))
        {
            problem = $"its assemblies hash to another bundle than the {HashKey[..12]}… it claims to be";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>A bundle of the given assemblies, every hash computed from their bytes.</summary>
    public static CodeBundle Create(string rootName, IEnumerable<(string Name, byte[] Bytes)> assemblies)
    {
        var list = assemblies.Select(a => new ShippedAssembly(a.Name, SHA256.HashData(a.Bytes), a.Bytes)).ToList();
        return new CodeBundle(HashOf(list), rootName, list);
    }

    /// <summary>A bundle's hash: SHA-256 over its assemblies' names and hashes, in order.</summary>
    private static byte[] HashOf(IEnumerable<ShippedAssembly> assemblies)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var a in assemblies)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(a.Name));
            hash.AppendData(a.Hash);
        }

        return hash.GetHashAndReset();
    }
}
