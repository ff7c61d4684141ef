using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace RemoteKit.Engine;

/// <summary>
/// The script server's compiler, which an engine without a server also runs in its own process
/// (<see cref="ScriptCompiler"/>): Roslyn's scripting compilation emitted to an assembly that the engine loads. One base
/// submission per set of reference files (at most 16, the least recently used dropped first when another set comes); each
/// file read once per version of it (path, size and time: an assembly rebuilt between two clusters is read again, and its
/// earlier version let go), and the dependencies Roslyn looks up for them read once for all bases
/// (<see cref="ScriptReferences"/>); emitted scripts kept by their text and references.
/// </summary>
internal sealed class ScriptServerCompiler
{
    private const int MaxBases = 16;
    private const int MaxKept = 4096;

    private readonly ScriptReferences _references = new();
    private readonly ConcurrentDictionary<string, ScriptCompiledReply> _compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ScriptBase Base, long LastUsed)> _bases = new(StringComparer.Ordinal);
    private long _baseUses;
    private long _basesBuilt;
    private readonly Lock _gate = new();
    private long _compilations;
    private long _cacheHits;

    public long Compilations => Interlocked.Read(ref _compilations);

    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>How many assembly files were opened (read, or mapped when a shared framework's), each held while a base uses it.</summary>
    public long FilesRead => _references.FilesRead;

    /// <summary>How many of <see cref="FilesRead"/> were a shared framework's files, mapped instead of read.</summary>
    public long FilesMapped => _references.FilesMapped;

    /// <summary>How many bases were built: a set seen again after its base was dropped builds it again.</summary>
    public long BasesBuilt => Interlocked.Read(ref _basesBuilt);

    /// <summary>How many bases (one per set of reference files, at most 16, the least recently used dropped first) are held.</summary>
    public int Bases
    {
        get
        {
            lock (_gate)
            {
                return _bases.Count;
            }
        }
    }

    /// <summary>The reply to a compile request: the assembly, or the compiler's errors as the engine reports them.</summary>
    /// <exception cref="FileNotFoundException">A reference file does not exist.</exception>
    public (ScriptMessageKind Kind, ReadOnlyMemory<byte> Body) Compile(ScriptCompileRequest request)
    {
        var (compiled, errors) = CompileScript(request);
        return compiled is not null
            ? (ScriptMessageKind.Compiled, compiled.Write())
            : (ScriptMessageKind.CompileErrors, ScriptTextBody.Lines(errors!));
    }

    /// <summary>The compiled script, or the compiler's errors as <see cref="ScriptCompilationException"/> lists them.</summary>
    /// <exception cref="FileNotFoundException">A reference file does not exist.</exception>
    public (ScriptCompiledReply? Compiled, string[]? Errors) CompileScript(ScriptCompileRequest request)
    {
        var parsed = ScriptSource.Parse(request.Code);
        var declared = ScriptPrelude.Choose(request.Candidates, parsed.Mentions, parsed.Declares);
        var source = ScriptPrelude.Source(declared, request.Code);
        var stamps = request.References.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(Stamp).ToArray();
        var setKey = string.Join("\n", stamps.Select(s => s.Key));
        var key = setKey + "\n\n" + source;
        if (_compiled.TryGetValue(key, out var known))
        {
            Interlocked.Increment(ref _cacheHits);
            return (known, null);
        }

        var compilation = Base(setKey, stamps).Continue(source).GetCompilation();

        // As Roslyn's scripting API reports them: parse errors alone if there are any, else those of emitting.
        var errors = compilation.GetParseDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        using var image = new MemoryStream();
        if (errors.Length == 0)
        {
            errors = compilation.Emit(image).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        }

        Interlocked.Increment(ref _compilations);
        if (errors.Length > 0)
        {
            return (null, errors.Select(ScriptBase.Format).ToArray());
        }

        var files = compilation.DirectiveReferences.OfType<PortableExecutableReference>().Select(r => r.FilePath).OfType<string>().ToArray();
        var reply = new ScriptCompiledReply(declared.Select(c => c.Name).ToArray(), image.ToArray(), files);
        if (_compiled.Count >= MaxKept)
        {
            _compiled.Clear();
        }

        _compiled.TryAdd(key, reply);
        return (reply, null);
    }

    /// <summary>A reference file with what identifies its version: <c>path|size|ticks</c>.</summary>
    private static (string Path, string Key) Stamp(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || !Path.IsPathFullyQualified(path))
        {
            throw new FileNotFoundException($"The reference {path} is not a file on this host.", path);
        }

        return (path, $"{path}|{file.Length}|{file.LastWriteTimeUtc.Ticks}");
    }

    private ScriptBase Base(string setKey, (string Path, string Key)[] stamps)
    {
        lock (_gate)
        {
            ref var known = ref CollectionsMarshal.GetValueRefOrNullRef(_bases, setKey);
            if (!Unsafe.IsNullRef(ref known))
            {
                known.LastUsed = ++_baseUses;
                return known.Base;
            }

            if (_bases.Count >= MaxBases)
            {
                // One set at a time: the engines of the other sets keep their warm bases.
                _bases.Remove(_bases.MinBy(b => b.Value.LastUsed).Key);
            }

            var paths = stamps.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
            var references = stamps.Select(s => _references.Get(s.Path, s.Key));
            var made = new ScriptBase(paths, references.ToArray(), _references.Resolver);
            Interlocked.Increment(ref _basesBuilt);
            _bases[setKey] = (made, ++_baseUses);
            return made;
        }
    }
}
