using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;
using RemoteKit.Protocol;

namespace RemoteKit.Engine;

/// <summary>
/// The metadata references a process's script bases share: each assembly file read once per version of it, and the
/// assemblies Roslyn looks up for their dependencies read once for the process, whichever base asked first. The files of
/// an installed shared framework (<c>DOTNET_ROOT/shared/NAME/VERSION/</c>), which never change, are mapped instead of read.
/// </summary>
/// <remarks>
/// Roslyn reads a referenced file's whole image into memory and keeps it as long as a compilation over it lives. Its
/// scripting resolver reads the dependencies a set of references lacks (about a hundred framework assemblies for an
/// engine's set) afresh for every new compilation that is not a continuation, so each base over a new set of references
/// held its own copy of them all: a script server held 1.3 GB after six benchmark programs from four folders. Every base
/// here resolves through <see cref="Resolver"/>, which hands out the same reference for the same assembly.
/// <para>
/// A mapped file costs only the pages the compiler touches (its metadata, not its code), and those pages are the page
/// cache's, shared with every process that maps the file (the engines run from the same files). Other files are read and
/// closed: a user rebuilds them between clusters, and a mapping would hold them open (on Windows, locked).
/// </para>
/// </remarks>
internal sealed class ScriptReferences
{
    private readonly ConcurrentDictionary<string, Versioned> _files = new(StringComparer.Ordinal);
    private long _filesRead;
    private long _filesMapped;

    public ScriptReferences() => Resolver = new SharedResolver(this, ScriptMetadataResolver.Default);

    /// <summary>Resolves <c>#r</c> directives as Roslyn's scripting does, and each missing dependency once.</summary>
    public MetadataReferenceResolver Resolver { get; }

    /// <summary>How many assembly files were opened: read (a whole image held in memory) or mapped (<see cref="FilesMapped"/>).</summary>
    public long FilesRead => Interlocked.Read(ref _filesRead);

    /// <summary>How many of <see cref="FilesRead"/> were a shared framework's files, mapped instead of read.</summary>
    public long FilesMapped => Interlocked.Read(ref _filesMapped);

    /// <summary>How many references are held (files given by path, and dependencies resolved).</summary>
    public int Held => _files.Count + ((SharedResolver)Resolver).Held;

    /// <summary>
    /// The reference for the assembly file at <paramref name="path"/> as it is now: read again when its size or time
    /// changed (a rebuild), and the earlier version is no longer handed out.
    /// </summary>
    /// <param name="path">A fully qualified path to an assembly.</param>
    /// <param name="version">What identifies the file's version (e.g. <c>path|size|ticks</c>); null to read it once.</param>
    public MetadataReference Get(string path, string? version = null)
    {
        version ??= path;
        if (_files.TryGetValue(path, out var known) && known.Version == version)
        {
            return known.Reference;
        }

        var read = new Versioned(version, Read(path));
        return _files.AddOrUpdate(path, read, (_, current) => current.Version == version ? current : read).Reference;
    }

    private PortableExecutableReference Read(string path)
    {
        if (IsSharedFramework(path))
        {
            return Map(path);
        }

        Interlocked.Increment(ref _filesRead);
        return MetadataReference.CreateFromFile(path);
    }

    private PortableExecutableReference Map(string path)
    {
        var reference = AssemblyMetadata.CreateFromFile(path).GetReference(filePath: path);
        Interlocked.Increment(ref _filesRead);
        Interlocked.Increment(ref _filesMapped);
        return reference;
    }

    /// <summary>
    /// Whether the file belongs to an installed shared framework: <c>ROOT/shared/NAME/VERSION/FILE</c>, with the <c>dotnet</c>
    /// host in <c>ROOT</c>. Such a folder is never rewritten in place (a new version installs beside it).
    /// </summary>
    internal static bool IsSharedFramework(string path)
    {
        var version = Path.GetDirectoryName(path);
        var name = version is null ? null : Path.GetDirectoryName(version);
        var shared = name is null ? null : Path.GetDirectoryName(name);
        var root = shared is null ? null : Path.GetDirectoryName(shared);
        return root is not null
            && string.Equals(Path.GetFileName(shared), "shared", StringComparison.Ordinal)
            && (File.Exists(Path.Combine(root, "dotnet")) || File.Exists(Path.Combine(root, "dotnet.exe")));
    }

    private sealed record Versioned(string Version, MetadataReference Reference);

    /// <summary>
    /// Roslyn's scripting resolver, with what it resolves for missing dependencies kept by the assembly's full identity: the
    /// platform's assemblies do not change while the process runs, so the same identity always resolves to the same file.
    /// </summary>
    private sealed class SharedResolver(ScriptReferences owner, MetadataReferenceResolver inner) : MetadataReferenceResolver
    {
        private readonly ConcurrentDictionary<string, PortableExecutableReference?> _missing = new(StringComparer.Ordinal);

        public int Held => _missing.Count;

        public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

        public override ImmutableArray<PortableExecutableReference> ResolveReference(
            string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
            inner.ResolveReference(reference, baseFilePath, properties);

        public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
            _missing.GetOrAdd(referenceIdentity.GetDisplayName(fullKey: true), _ => Resolve(definition, referenceIdentity));

        private PortableExecutableReference? Resolve(MetadataReference definition, AssemblyIdentity identity)
        {
            // What Roslyn's resolver finds first for a missing dependency, the platform's file of that name, mapped when it is
            // a shared framework's.
            if (PlatformAssemblies.PathOf(identity.Name) is { } platform && IsSharedFramework(platform))
            {
                return owner.Map(platform);
            }

            var resolved = inner.ResolveMissingAssembly(definition, identity);
            if (resolved is not null)
            {
                Interlocked.Increment(ref owner._filesRead);
            }

            return resolved;
        }

        // One resolver per owner: compilations that share it may share what they bound.
        public override bool Equals(object? other) => ReferenceEquals(this, other);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
    }
}
