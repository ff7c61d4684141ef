using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using MemoryPack;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace RemoteKit.Generators.Tests;

/// <summary>Runs the generator over test sources against one base compilation (framework + RemoteKit + MemoryPack).</summary>
internal static class CSharpGeneratorRunner
{
    /// <summary>As a project referencing the RemoteKit package compiles: with the generator's interceptor namespace enabled.</summary>
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest).WithFeatures(
    [
        new("InterceptorsNamespaces", "RemoteKit.Generated"),
        new("InterceptorsPreviewNamespaces", "RemoteKit.Generated"),
    ]);

    /// <summary>A project that has not opted in to interceptors: every call site takes the run-time table.</summary>
    public static readonly CSharpParseOptions ParseOptionsWithoutInterceptors = new(LanguageVersion.Latest);

    // What ImplicitUsings gives a console or library project.
    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpCompilation BaseCompilation = CSharpCompilation.Create(
        "TestAssembly",
        [CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, path: "GlobalUsings.cs")],
        References(),
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            generalDiagnosticOption: ReportDiagnostic.Error,
            specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
            {
                // The SDK silences these assembly-unification warnings by default too.
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            }));

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(ParseOptions, sources);

    public static CSharpCompilation CreateCompilation(CSharpParseOptions options, params string[] sources)
    {
        var compilation = options == ParseOptions
            ? BaseCompilation
            : BaseCompilation.RemoveAllSyntaxTrees().AddSyntaxTrees(BaseCompilation.SyntaxTrees.Select(t => t.WithRootAndOptions(t.GetRoot(), options)));
        return compilation.AddSyntaxTrees(sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, path: $"Source{i}.cs")));
    }

    public static GeneratorDriver CreateDriver(CSharpParseOptions? options = null) => CSharpGeneratorDriver.Create(
        [new RemoteGenerator().AsSourceGenerator()],
        parseOptions: options ?? ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorRun Run(Compilation compilation)
    {
        var options = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        var driver = CreateDriver(options).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Runs the analyzer over a compilation (normally the generator's output) and returns its diagnostics.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var withAnalyzers = compilation.WithAnalyzers([new RemoteMethodArgumentAnalyzer()]);
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>Emits the compilation and loads it into a collectible context that shares RemoteKit with the tests.</summary>
    public static Assembly EmitAndLoad(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("generated-" + Guid.NewGuid(), isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>The line/column span of the <paramref name="occurrence"/>-th <paramref name="text"/> in <paramref name="source"/>.</summary>
    public static LinePositionSpan SpanOf(string source, string text, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = source.IndexOf(text, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{text}' not found in source");
        }

        return SourceText.From(source).Lines.GetLinePositionSpan(new TextSpan(index, text.Length));
    }

    private static IEnumerable<MetadataReference> References()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == framework)
            .Append(typeof(RemoteCall).Assembly.Location)
            .Append(typeof(RemoteClient).Assembly.Location)
            .Append(typeof(MemoryPackSerializer).Assembly.Location)
            .Distinct();
        return paths.Select(p => MetadataReference.CreateFromFile(p));
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(Compilation Compilation, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Result)
{
    public ImmutableArray<Diagnostic> CompilationErrors =>
        Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    public string GeneratedSource(string hintNameContains) =>
        Result.Results.Single().GeneratedSources.Single(s => s.HintName.Contains(hintNameContains, StringComparison.Ordinal)).SourceText.ToString();
}
