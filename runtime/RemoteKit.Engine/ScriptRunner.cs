namespace RemoteKit.Engine;

/// <summary>
/// Runs C# scripts sent with <c>view.Execute(code)</c>: every namespace variable the script names and whose type this engine
/// knows is declared (by name, with its type) before the code, and every top-level variable the script declares or changes
/// goes back into the namespace afterwards. The host's script server compiles (<see cref="ScriptServerClient"/>), or
/// <see cref="ScriptCompiler"/> in this process when there is none.
/// </summary>
internal static class ScriptRunner
{
    public static async Task ExecuteAsync(string code, RemoteContext context)
    {
        // Wait for a warm-up still compiling rather than compile beside it on the same cores.
        await ScriptWarmUp.WaitAsync(context.CancellationToken).ConfigureAwait(false);
        await RunAsync(code, context).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a small script the way a first <c>Execute</c> does (a pushed <c>int</c> decoded, compiled, run, its result kept),
    /// in a namespace of its own, so that every path of the first real one is loaded and compiled to native code (and, with
    /// a script server, the server is started and has compiled against this engine's assemblies).
    /// </summary>
    public static void WarmUp()
    {
        var ns = new EngineNamespace();
        ns.SetSerialized("warm", TypeNames.Of(typeof(int)), new System.Buffers.ReadOnlySequence<byte>(MemoryPack.MemoryPackSerializer.Serialize(2)));
        RunAsync("var warmed = (int)Math.Pow(warm, 5);", new RemoteContext(-1, 0, ns, CancellationToken.None)).GetAwaiter().GetResult();
        if (ns.Get<int>("warmed") != 32)
        {
            throw new InvalidOperationException("The warm-up script computed a different value.");
        }
    }

    private static async Task RunAsync(string code, RemoteContext context)
    {
        var ns = context.Namespace;
        var (candidates, types) = Candidates(ns, code);
        var script = await CompileAsync(code, candidates, context.CancellationToken).ConfigureAwait(false);

        // Only the variables the script names are declared: decoding a large array it never reads would cost more than the script.
        var before = script.Declared.ToDictionary(name => name, name => ns.GetBoxed(name, types[name]), StringComparer.Ordinal);
        var globals = new ScriptGlobals(new NamespaceVariables(ns, before), context);
        var variables = await script.RunAsync(globals, context.CancellationToken).ConfigureAwait(false);
        foreach (var variable in variables)
        {
            if (before.TryGetValue(variable.Name, out var old) && ReferenceEquals(old, variable.Value))
            {
                continue;
            }

            ns.SetBoxed(variable.Name, variable.Value, variable.Type);
        }
    }

    /// <summary>Through the host's script server when there is one, else (or when it fails) with Roslyn in this process.</summary>
    private static async Task<ICompiledScript> CompileAsync(string code, IReadOnlyList<ScriptVariableCandidate> candidates, CancellationToken cancellationToken)
    {
        if (ScriptServerClient.Shared is { } server
            && await server.TryCompileAsync(code, candidates, cancellationToken).ConfigureAwait(false) is { } compiled)
        {
            return compiled;
        }

        return CompileInProcess(code, candidates);
    }

    /// <summary>
    /// Roslyn's path, reached only through this method: the JIT may run a class's static initializers when it compiles a
    /// caller, and <see cref="ScriptCompiler"/>'s would load Roslyn into an engine that never compiles here.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ICompiledScript CompileInProcess(string code, IReadOnlyList<ScriptVariableCandidate> candidates) => ScriptCompiler.Compile(code, candidates);

    /// <summary>
    /// The namespace variables the script may name, with their C# type names: those whose name appears in its text (all of
    /// them when it has a backslash, which could be an escaped identifier) and whose type a script can name. The compiler
    /// keeps those it really names as identifiers.
    /// </summary>
    private static (List<ScriptVariableCandidate> Candidates, Dictionary<string, Type> Types) Candidates(EngineNamespace ns, string code)
    {
        var candidates = new List<ScriptVariableCandidate>();
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        var escapes = code.Contains('\\', StringComparison.Ordinal);
        foreach (var name in ns.Names.OrderBy(n => n, StringComparer.Ordinal))
        {
            if ((!escapes && !code.Contains(name, StringComparison.Ordinal)) || !ns.TryGetEntry(name, out var entry))
            {
                continue;
            }

            var type = entry.Type ?? TypeNames.Resolve(entry.TypeName);
            if (type is null || !type.IsVisible || !IsReferencable(type) || CSharpName(type) is not { } typeName)
            {
                continue;
            }

            candidates.Add(new ScriptVariableCandidate(name, typeName));
            types[name] = type;
        }

        return (candidates, types);
    }

    /// <summary>
    /// Whether a script can name the type: every assembly it involves must be a file on disk. Types from shipped code live
    /// only in memory, so such variables stay reachable untyped, through <c>Variables["name"]</c>.
    /// </summary>
    private static bool IsReferencable(Type type)
    {
        if (type.HasElementType)
        {
            return IsReferencable(type.GetElementType()!);
        }

        return !type.Assembly.IsDynamic && !string.IsNullOrEmpty(type.Assembly.Location)
            && (!type.IsGenericType || type.GetGenericArguments().All(IsReferencable));
    }

    /// <summary>C# syntax for a type, or null when it has none a script could write (anonymous, pointer, open generic).</summary>
    internal static string? CSharpName(Type type)
    {
        if (type.IsArray)
        {
            var element = CSharpName(type.GetElementType()!);
            return element is null ? null : element + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsPointer || type.IsByRef || type.ContainsGenericParameters || type.Name.Contains('<', StringComparison.Ordinal))
        {
            return null;
        }

        var name = (type.DeclaringType is { } outer ? CSharpName(outer) + "." : "global::" + (type.Namespace is null ? string.Empty : type.Namespace + "."))
            + (type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name);
        if (type.IsGenericType)
        {
            var args = type.GetGenericArguments().Select(CSharpName).ToArray();
            if (args.Any(a => a is null))
            {
                return null;
            }

            name += "<" + string.Join(", ", args) + ">";
        }

        return name;
    }
}

/// <summary>What a script executed on an engine sees as globals: the engine context and its namespace's current values.</summary>
public sealed class ScriptGlobals
{
    internal ScriptGlobals(IReadOnlyDictionary<string, object?> variables, RemoteContext context)
    {
        Variables = variables;
        Context = context;
    }

    /// <summary>
    /// Every namespace variable by name, untyped: those the script names are also declared as typed variables, and the
    /// others are decoded when read (the way to reach values whose type comes from shipped code).
    /// </summary>
    public IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>The engine context.</summary>
    public RemoteContext Context { get; }
}

/// <summary>A script sent to <c>Execute</c> does not compile; the message lists every error with its line and column.</summary>
public sealed class ScriptCompilationException : Exception
{
    internal ScriptCompilationException(IEnumerable<string> errors)
        : base("The script does not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
    }
}
