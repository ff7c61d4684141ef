using System.Runtime.CompilerServices;
using RemoteKit.Engine;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>
/// The scripts an engine keeps loaded from the script server: the most recently used are kept, the others let go, and a
/// script let go is freed by the runtime once nothing uses it, so an engine running thousands of distinct scripts does not
/// hold them all.
/// </summary>
public sealed class LoadedScriptsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly ScriptServerCompiler Compiler = new();

    [Fact]
    public async Task The_least_recently_used_script_beyond_capacity_is_let_go_and_the_others_kept()
    {
        var kept = new LoadedScripts(capacity: 2);
        var a = kept.Add("a", Load("var a = 1;"));
        var b = kept.Add("b", Load("var b = 2;"));
        Assert.True(kept.TryGet("a", out var again));
        Assert.Same(a, again);

        kept.Add("c", Load("var c = 3;"));

        Assert.Equal(2, kept.Count);
        Assert.Equal(1, kept.Unloaded);
        Assert.False(kept.TryGet("b", out _));
        Assert.True(kept.TryGet("a", out _));
        Assert.True(kept.TryGet("c", out _));

        // A caller that took the script before it was let go still runs it.
        Assert.Equal(2, await RunAsync(b, "b"));
    }

    [Fact]
    public void A_script_added_twice_under_one_key_keeps_the_first_and_lets_the_second_go()
    {
        var kept = new LoadedScripts(capacity: 4);
        var first = kept.Add("same", Load("var same = 1;"));

        Assert.Same(first, kept.Add("same", Load("var same = 1;")));
        Assert.Equal(1, kept.Count);
        Assert.Equal(1, kept.Unloaded);
    }

    [Fact]
    public async Task A_script_let_go_is_freed_once_nothing_uses_it()
    {
        var kept = new LoadedScripts(capacity: 1);
        var code = await RunAndKeepAsync(kept, "var freed = 40 + 2;", "freed", 42);

        kept.Add("next", Load("var next = 1;"));

        Assert.True(await FreedAsync(code), "the let-go script's assembly is still alive");
    }

    [Fact]
    public async Task A_namespace_value_of_a_type_the_script_declared_keeps_its_code_until_the_value_goes()
    {
        var kept = new LoadedScripts(capacity: 1);
        var (code, value) = await DeclareTypeAsync(kept);
        kept.Add("next", Load("var next = 1;"));

        // The value is still usable: its type's code stays while the value lives.
        Assert.False(await FreedAsync(code, attempts: 5));
        Assert.Equal("Point(3, 4)", value.Value!.ToString());
        GC.KeepAlive(value.Value);

        value.Value = null;
        Assert.True(await FreedAsync(code), "the script's assembly outlived the last value of its type");
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LoadedScripts(capacity: 0));
        Assert.Contains("At least one script", error.Message);
    }

    private static LoadedScript Load(string code)
    {
        var (kind, body) = Compiler.Compile(new ScriptCompileRequest(code, ScriptPrelude.LoadedAssemblyPaths().ToArray(), []));
        Assert.Equal(ScriptMessageKind.Compiled, kind);
        return LoadedScript.Load(ScriptCompiledReply.Read(body.ToArray()));
    }

    private static async Task<object?> RunAsync(LoadedScript script, string name)
    {
        var ns = new EngineNamespace();
        var variables = await script.RunAsync(new ScriptGlobals(new Dictionary<string, object?>(), new RemoteContext(-1, 0, ns, CancellationToken.None)), CancellationToken.None);
        return Assert.Single(variables, v => v.Name == name).Value;
    }

    /// <summary>Loads, keeps and runs a script, and returns only its assembly's name, so the caller holds none of its code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<string> RunAndKeepAsync(LoadedScripts kept, string code, string name, object expected)
    {
        var script = kept.Add(code, Load(code));
        Assert.Equal(expected, await RunAsync(script, name));
        return script.Submission.Assembly.FullName!;
    }

    /// <summary>A script that declares a type and a variable of it: its assembly's name, and a box holding the value.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(string Code, StrongBox<object?> Value)> DeclareTypeAsync(LoadedScripts kept)
    {
        const string code = "record Point(int X, int Y) { public override string ToString() => $\"Point({X}, {Y})\"; } var p = new Point(3, 4);";
        var script = kept.Add(code, Load(code));
        var value = await RunAsync(script, "p");
        return (script.Submission.Assembly.FullName!, new StrongBox<object?>(value));
    }

    /// <summary>
    /// Collects until the process no longer has the assembly loaded (unloading takes several collections) or the attempts run
    /// out. A weak reference to the assembly or its context would not do: those objects can be collected while the runtime
    /// still holds the assembly's code.
    /// </summary>
    private static async Task<bool> FreedAsync(string assembly, int attempts = 1_000)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var i = 0; i < attempts && Loaded(assembly) && DateTime.UtcNow < deadline; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Yield();
        }

        return !Loaded(assembly);
    }

    private static bool Loaded(string assembly) => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.FullName == assembly);
}
