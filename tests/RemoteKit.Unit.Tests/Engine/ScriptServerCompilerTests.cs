using RemoteKit.Engine;

namespace RemoteKit.Unit.Tests.Engine;

/// <summary>
/// The script server's compiler over several sets of references: each assembly file read once, whichever set needs it, so a
/// long-lived server does not hold a copy of the platform's assemblies per set (each file read is a whole image in memory).
/// </summary>
public sealed class ScriptServerCompilerTests
{
    [Fact]
    public void A_second_set_of_references_reads_no_file_the_first_one_read()
    {
        var compiler = new ScriptServerCompiler();
        var all = ScriptPrelude.LoadedAssemblyPaths().ToArray();
        var own = typeof(ScriptServerCompilerTests).Assembly.Location;
        var fewer = all.Where(p => p != own).ToArray();
        Assert.Contains(own, all);

        Assert.Equal(ScriptMessageKind.Compiled, compiler.Compile(new ScriptCompileRequest("var n = 40 + 2;", all, [])).Kind);
        var readForFirst = compiler.FilesRead;
        // The references, and the platform's assemblies they depend on that the set lacks, which Roslyn looks up.
        Assert.True(readForFirst > all.Length, $"{readForFirst} files read for {all.Length} references");

        // Another set (an engine that has loaded one assembly fewer): a base of its own, and not one file read again.
        Assert.Equal(ScriptMessageKind.Compiled, compiler.Compile(new ScriptCompileRequest("var n = 40 + 2;", fewer, [])).Kind);
        Assert.Equal(2, compiler.Bases);
        Assert.Equal(readForFirst, compiler.FilesRead);

        // A new script on a set seen before compiles on its base.
        Assert.Equal(ScriptMessageKind.Compiled, compiler.Compile(new ScriptCompileRequest("var m = \"x\".Length;", all, [])).Kind);
        Assert.Equal(2, compiler.Bases);
        Assert.Equal(readForFirst, compiler.FilesRead);
    }

    [Fact]
    public void A_seventeenth_set_of_references_drops_only_the_least_recently_used_base()
    {
        var compiler = new ScriptServerCompiler();
        var all = ScriptPrelude.LoadedAssemblyPaths().ToArray();
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var droppable = all.Where(p => !p.StartsWith(framework, StringComparison.Ordinal)).Take(17).ToArray();
        Assert.True(droppable.Length == 17, $"only {droppable.Length} assemblies outside the framework are loaded");
        var sets = droppable.Select(left => all.Where(p => p != left).ToArray()).ToArray();
        var scripts = 0;
        void CompileOn(int set) =>
            Assert.Equal(ScriptMessageKind.Compiled, compiler.Compile(new ScriptCompileRequest($"var n{scripts++} = 1;", sets[set], [])).Kind);

        for (var set = 0; set < 16; set++)
        {
            CompileOn(set);
        }

        CompileOn(0);
        CompileOn(16);
        Assert.Equal(16, compiler.Bases);
        Assert.Equal(17, compiler.BasesBuilt);

        // Set 0 was used after set 1, so set 1's base went, and only it.
        CompileOn(0);
        CompileOn(15);
        Assert.Equal(17, compiler.BasesBuilt);
        CompileOn(1);
        Assert.Equal(18, compiler.BasesBuilt);
    }

    [Fact]
    public void A_rebuilt_assembly_is_read_again_and_its_earlier_version_let_go()
    {
        var references = new ScriptReferences();
        var path = typeof(ScriptServerCompilerTests).Assembly.Location;

        var first = references.Get(path, "size 1, time 1");
        Assert.Same(first, references.Get(path, "size 1, time 1"));
        var rebuilt = references.Get(path, "size 2, time 2");

        Assert.NotSame(first, rebuilt);
        Assert.Same(rebuilt, references.Get(path, "size 2, time 2"));
        Assert.Equal(2, references.FilesRead);
        Assert.Equal(1, references.Held);
    }

    [Fact]
    public void The_shared_frameworks_files_are_mapped_and_the_programs_own_read()
    {
        var compiler = new ScriptServerCompiler();
        var all = ScriptPrelude.LoadedAssemblyPaths().ToArray();
        var framework = all.Count(ScriptReferences.IsSharedFramework);
        Assert.True(ScriptReferences.IsSharedFramework(typeof(object).Assembly.Location), typeof(object).Assembly.Location);
        Assert.False(ScriptReferences.IsSharedFramework(typeof(ScriptServerCompilerTests).Assembly.Location));
        Assert.True(framework > 0 && framework < all.Length, $"{framework} of {all.Length} references are the shared framework's");

        Assert.Equal(ScriptMessageKind.Compiled, compiler.Compile(new ScriptCompileRequest("var m = new[] { 3, 1, 2 }.Order().First();", all, [])).Kind);

        // Every framework reference mapped, and the dependencies Roslyn looked up for the set (the platform's) mapped too.
        Assert.True(compiler.FilesMapped >= framework, $"{compiler.FilesMapped} mapped, {framework} framework references");
        Assert.True(compiler.FilesRead - compiler.FilesMapped >= all.Length - framework, $"{compiler.FilesRead} read, {compiler.FilesMapped} mapped");
    }

    [Fact]
    public void A_reference_that_is_not_a_file_on_this_host_is_named_in_the_error()
    {
        var compiler = new ScriptServerCompiler();
        var missing = Path.Combine(Path.GetTempPath(), "remotekit-no-such-assembly.dll");

        var error = Assert.Throws<FileNotFoundException>(() => compiler.Compile(new ScriptCompileRequest("1", [missing], [])));

        Assert.Contains(missing, error.Message);
        Assert.Equal(0, compiler.FilesRead);
    }
}
