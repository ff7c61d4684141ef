namespace RemoteKit.Engine;

/// <summary>
/// An engine's script: its code, the files of the assemblies the engine has loaded (the server compiles against the same
/// files: same host), and the namespace variables the script may name, each with the C# name of its type.
/// </summary>
internal sealed record ScriptCompileRequest(string Code, IReadOnlyList<string> References, IReadOnlyList<ScriptVariableCandidate> Candidates)
{
    public ReadOnlyMemory<byte> Write() => new ScriptBodyWriter()
        .String(Code)
        .Strings(References)
        .Strings(Candidates.Select(c => c.Name).ToArray())
        .Strings(Candidates.Select(c => c.TypeName).ToArray())
        .Written;

    public static ScriptCompileRequest Read(byte[] body)
    {
        var reader = new ScriptBodyReader(body);
        var code = reader.String();
        var references = reader.Strings();
        var names = reader.Strings();
        var types = reader.Strings();
        reader.End();
        if (names.Length != types.Length)
        {
            throw new ScriptWireException($"Malformed script-server message: {names.Length} variable names but {types.Length} types.");
        }

        return new ScriptCompileRequest(code, references, names.Zip(types, (n, t) => new ScriptVariableCandidate(n, t)).ToArray());
    }
}

/// <summary>A namespace variable a script may see typed: its name and the C# name of its type.</summary>
internal readonly record struct ScriptVariableCandidate(string Name, string TypeName);

/// <summary>
/// A compiled script: the variables its prelude declares (which the engine decodes for it), the emitted assembly, and the
/// assembly files its <c>#r</c> directives name (which the engine loads before the script).
/// </summary>
internal sealed record ScriptCompiledReply(IReadOnlyList<string> Declared, byte[] Assembly, IReadOnlyList<string> Files)
{
    public ReadOnlyMemory<byte> Write() => new ScriptBodyWriter().Strings(Declared.ToArray()).Bytes(Assembly).Strings(Files.ToArray()).Written;

    public static ScriptCompiledReply Read(byte[] body)
    {
        var reader = new ScriptBodyReader(body);
        var reply = new ScriptCompiledReply(reader.Strings(), reader.Bytes(), reader.Strings());
        reader.End();
        return reply;
    }
}

/// <summary>
/// What the server says about itself (<c>remotekit script-server status</c>), among it the sets of reference files it holds
/// a base compilation for (at most 16), the assembly files it read (each a whole image held while a base uses it), and its
/// resident memory.
/// </summary>
internal sealed record ScriptServerStatus(
    int ProcessId, string Version, string Socket, DateTimeOffset Started, long Requests, long Compilations, long CacheHits, long Rejected,
    TimeSpan IdleTimeout, int ReferenceSets, long FilesRead, long FilesMapped, long ResidentBytes)
{
    public ReadOnlyMemory<byte> Write() => new ScriptBodyWriter()
        .Int32(ProcessId).String(Version).String(Socket).Int64(Started.ToUnixTimeMilliseconds())
        .Int64(Requests).Int64(Compilations).Int64(CacheHits).Int64(Rejected).Int64((long)IdleTimeout.TotalMilliseconds)
        .Int32(ReferenceSets).Int64(FilesRead).Int64(FilesMapped).Int64(ResidentBytes)
        .Written;

    public static ScriptServerStatus Read(byte[] body)
    {
        var r = new ScriptBodyReader(body);
        var status = new ScriptServerStatus(
            r.Int32(), r.String(), r.String(), DateTimeOffset.FromUnixTimeMilliseconds(r.Int64()),
            r.Int64(), r.Int64(), r.Int64(), r.Int64(), TimeSpan.FromMilliseconds(r.Int64()),
            r.Int32(), r.Int64(), r.Int64(), r.Int64());
        r.End();
        return status;
    }

    public override string ToString() => string.Join(Environment.NewLine,
        $"pid: {ProcessId}",
        $"version: {Version}",
        $"socket: {Socket}",
        $"started: {Started:u}",
        $"requests: {Requests}",
        $"compilations: {Compilations}",
        $"cache hits: {CacheHits}",
        $"rejected: {Rejected}",
        $"reference sets: {ReferenceSets}",
        $"assembly files read: {FilesRead} ({FilesMapped} of them a shared framework's, mapped)",
        $"resident memory: {ResidentBytes / (1024 * 1024)} MiB",
        $"idle timeout: {IdleTimeout}");
}

/// <summary>Bodies that are one list of strings (compiler errors) or one string (an error message).</summary>
internal static class ScriptTextBody
{
    public static ReadOnlyMemory<byte> Lines(IReadOnlyCollection<string> lines) => new ScriptBodyWriter().Strings(lines).Written;

    public static string[] ReadLines(byte[] body)
    {
        var reader = new ScriptBodyReader(body);
        var lines = reader.Strings();
        reader.End();
        return lines;
    }

    public static ReadOnlyMemory<byte> Text(string text) => new ScriptBodyWriter().String(text).Written;

    public static string ReadText(byte[] body)
    {
        var reader = new ScriptBodyReader(body);
        var text = reader.String();
        reader.End();
        return text;
    }
}
