using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using RemoteKit.Generators;

namespace RemoteKit.Kernel.Cells;

/// <summary>
/// The notebook's [Remote] code as a real assembly. Every cell that declares [Remote] methods adds its types to one
/// project; a type declared again in a later cell replaces the earlier declaration. Each change compiles the whole project
/// with RemoteKit's generator (public view extensions for every method, so later cells can pass the methods to views)
/// and analyzer, as a new version of the assembly <see cref="AssemblyName"/>, written to a file (so the code shipper can
/// ship it like any assembly) and loaded into a load context of its own. Later cells reference the newest version only:
/// a script submission takes a reference to a higher version of an assembly as replacing the lower one.
/// </summary>
internal sealed class CellProject(string directory)
{
    public const string AssemblyName = "NotebookCells";

    private static readonly CSharpParseOptions ParseOptions = CellSource.RegularOptions;
    private readonly List<Unit> _units = [];
    private int _version;

    /// <summary>The newest version, loaded; null until a cell declared [Remote] code.</summary>
    public Assembly? Current { get; private set; }

    /// <summary>The reference later cells compile against.</summary>
    public MetadataReference? CurrentReference { get; private set; }

    /// <summary>
    /// Adds the declarations of cell <paramref name="cell"/> (<paramref name="code"/>: the cell with its script part blanked)
    /// and builds the project. On errors nothing changes and the diagnostics are returned.
    /// </summary>
    public BuildResult Build(int cell, string code, IReadOnlyList<MetadataReference> references, CancellationToken cancellationToken)
    {
        var path = $"In[{cell}]";
        var tree = CSharpSyntaxTree.ParseText(code, ParseOptions, path, Encoding.UTF8, cancellationToken);
        var added = new Unit(cell, path, code, tree);
        var redefined = added.TypeNames.ToHashSet(StringComparer.Ordinal);

        // Earlier cells keep the declarations this one does not replace.
        var units = new List<Unit>();
        foreach (var unit in _units)
        {
            var kept = unit.Without(redefined, cancellationToken);
            if (kept is not null)
            {
                units.Add(kept);
            }
        }

        units.Add(added);
        var version = _version + 1;
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(GlobalUsings(version), ParseOptions, "NotebookCells.GlobalUsings.g.cs", Encoding.UTF8, cancellationToken),
        };
        trees.AddRange(units.Select(u => u.Compiled));
        var compilation = CSharpCompilation.Create(
            AssemblyName,
            trees,
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                concurrentBuild: false));

        var driver = CSharpGeneratorDriver.Create(
            [new RemoteGenerator().AsSourceGenerator(), .. OtherGenerators.Value],
            optionsProvider: new GeneratorOptions(new Dictionary<string, string> { ["build_property.RemoteKitPublicViewExtensions"] = "true" }),
            parseOptions: ParseOptions);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics, cancellationToken);
        var analyzed = generated.WithAnalyzers([new RemoteMethodArgumentAnalyzer()], options: (AnalyzerOptions?)null);
        var diagnostics = generatorDiagnostics
            .Concat(analyzed.GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult())
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Id.StartsWith("RK", StringComparison.Ordinal)))
            .Distinct()
            .ToList();
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new BuildResult(false, diagnostics.Select(d => Describe(d, cell, units)).ToList());
        }

        var file = Path.Combine(directory, $"{AssemblyName}.{version.ToString(CultureInfo.InvariantCulture)}.dll");
        using (var output = File.Create(file))
        {
            var emitted = generated.Emit(output, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded), cancellationToken: cancellationToken);
            if (!emitted.Success)
            {
                return new BuildResult(false, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => Describe(d, cell, units)).ToList());
            }
        }

        // A context per version: every version has the same simple name. What it references comes from the default context.
        var context = new AssemblyLoadContext($"notebook cells v{version.ToString(CultureInfo.InvariantCulture)}");
        var assembly = context.LoadFromAssemblyPath(file);
        _version = version;
        _units.Clear();
        _units.AddRange(units);
        Current = assembly;
        CurrentReference = MetadataReference.CreateFromFile(file);
        return new BuildResult(true, diagnostics.Select(d => Describe(d, cell, units)).ToList());
    }

    /// <summary>
    /// MemoryPack's generator, shipped beside the kernel (<c>analyzers/</c>), so that <c>[MemoryPackable]</c> types declared
    /// in cells get their formatters as in a project; none when the file is missing.
    /// </summary>
    private static readonly Lazy<ISourceGenerator[]> OtherGenerators = new(() =>
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(CellProject).Assembly.Location)!, "analyzers", "MemoryPack.Generator.dll");
        if (!File.Exists(path))
        {
            return [];
        }

        return [.. new AnalyzerFileReference(path, new GeneratorLoader()).GetGenerators(LanguageNames.CSharp)];
    });

    private static string GlobalUsings(int version) =>
        string.Concat(References.Imports.Select(n => $"global using global::{n};\n")) +
        $"[assembly: global::System.Reflection.AssemblyVersion(\"1.0.0.{version.ToString(CultureInfo.InvariantCulture)}\")]\n";

    /// <summary>A compiler message as the cell shows it: <c>(3,5): error RK0001: ...</c>, naming the cell when it is another one.</summary>
    private static CellDiagnostic Describe(Diagnostic diagnostic, int cell, List<Unit> units)
    {
        var location = diagnostic.Location;
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        if (location.Kind is not (LocationKind.SourceFile or LocationKind.ExternalFile))
        {
            return new CellDiagnostic($"{severity} {diagnostic.Id}: {message}", diagnostic.Severity == DiagnosticSeverity.Error);
        }

        // The generator reports its diagnostics at file locations (it keeps no syntax trees), the compiler at tree locations.
        var lineSpan = location.GetLineSpan();
        var unit = units.FirstOrDefault(u => ReferenceEquals(u.Compiled, location.SourceTree) || u.Path == lineSpan.Path);
        if (unit is null)
        {
            return new CellDiagnostic(
                $"{lineSpan.Path}({lineSpan.StartLinePosition.Line + 1},{lineSpan.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: {message}",
                diagnostic.Severity == DiagnosticSeverity.Error);
        }

        var (line, column) = unit.OriginalPosition(location.SourceSpan.Start);
        var where = unit.Cell == cell ? "" : unit.Path + " ";
        return new CellDiagnostic($"{where}({line},{column}): {severity} {diagnostic.Id}: {message}", diagnostic.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// One cell's declarations in the project. Top-level types without an access modifier are made public (later cells are
    /// other assemblies); <see cref="OriginalPosition"/> maps positions in the compiled text back to the cell's.
    /// </summary>
    private sealed class Unit
    {
        private const string Public = "public ";
        private readonly int[] _insertions;

        public Unit(int cell, string path, string code, SyntaxTree parsed)
        {
            Cell = cell;
            Path = path;
            Code = code;
            var root = (CompilationUnitSyntax)parsed.GetRoot();
            TypeNames = TopLevelTypes(root).Select(t => t.Name).ToArray();
            _insertions = TopLevelTypes(root)
                .Select(t => t.Declaration)
                .Where(d => !d.Modifiers.Any(m => m.Kind() is SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword or SyntaxKind.FileKeyword))
                .Select(d => d.Modifiers.Count > 0 ? d.Modifiers[0].SpanStart : FirstKeyword(d).SpanStart)
                .OrderBy(p => p)
                .ToArray();
            var text = new StringBuilder(code);
            foreach (var position in _insertions.Reverse())
            {
                text.Insert(position, Public);
            }

            Compiled = CSharpSyntaxTree.ParseText(text.ToString(), ParseOptions, path, Encoding.UTF8);
        }

        public int Cell { get; }

        public string Path { get; }

        public string Code { get; }

        public string[] TypeNames { get; }

        public SyntaxTree Compiled { get; }

        /// <summary>This unit without the types named in <paramref name="replaced"/>; null when nothing is left.</summary>
        public Unit? Without(HashSet<string> replaced, CancellationToken cancellationToken)
        {
            if (!TypeNames.Any(replaced.Contains))
            {
                return this;
            }

            if (TypeNames.All(replaced.Contains))
            {
                return null;
            }

            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(Code, ParseOptions, Path, Encoding.UTF8, cancellationToken).GetRoot(cancellationToken);
            var spans = TopLevelTypes(root).Where(t => replaced.Contains(t.Name)).Select(t => t.Declaration.FullSpan);
            var code = CellSource.Blank(Code, spans);
            return new Unit(Cell, Path, code, CSharpSyntaxTree.ParseText(code, ParseOptions, Path, Encoding.UTF8, cancellationToken));
        }

        /// <summary>The 1-based line and column in the cell of a position in <see cref="Compiled"/>.</summary>
        public (int Line, int Column) OriginalPosition(int position)
        {
            var original = position;
            foreach (var inserted in _insertions.Select((p, i) => p + (i * Public.Length)))
            {
                if (inserted + Public.Length <= position)
                {
                    original -= Public.Length;
                }
            }

            var line = SourceText.From(Code).Lines.GetLinePosition(Math.Clamp(original, 0, Code.Length));
            return (line.Line + 1, line.Character + 1);
        }

        private static SyntaxToken FirstKeyword(BaseTypeDeclarationSyntax declaration) => declaration switch
        {
            TypeDeclarationSyntax t => t.Keyword,
            EnumDeclarationSyntax e => e.EnumKeyword,
            _ => declaration.GetFirstToken(),
        };

        /// <summary>The type declarations directly in the file or in a namespace, with their full names (arity included).</summary>
        private static IEnumerable<(string Name, BaseTypeDeclarationSyntax Declaration)> TopLevelTypes(CompilationUnitSyntax root)
        {
            foreach (var member in root.Members)
            {
                foreach (var found in TypesIn(member, ""))
                {
                    yield return found;
                }
            }
        }

        private static IEnumerable<(string Name, BaseTypeDeclarationSyntax Declaration)> TypesIn(MemberDeclarationSyntax member, string prefix)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    foreach (var inner in ns.Members)
                    {
                        foreach (var found in TypesIn(inner, prefix + ns.Name + "."))
                        {
                            yield return found;
                        }
                    }

                    break;
                case TypeDeclarationSyntax type:
                    yield return (prefix + type.Identifier.ValueText + (type.Arity > 0 ? "`" + type.Arity.ToString(CultureInfo.InvariantCulture) : ""), type);
                    break;
                case BaseTypeDeclarationSyntax other:
                    yield return (prefix + other.Identifier.ValueText, other);
                    break;
            }
        }
    }

    /// <summary>Loads generator assemblies into the default context (they are loaded once and kept).</summary>
    private sealed class GeneratorLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
    }

    /// <summary>Global analyzer options for the generator, as MSBuild would pass them.</summary>
    private sealed class GeneratorOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}

/// <summary>A compiler message of a cell, formatted for the cell's output.</summary>
internal sealed record CellDiagnostic(string Text, bool IsError);

/// <summary>The outcome of building the notebook's [Remote] code.</summary>
internal sealed record BuildResult(bool Succeeded, IReadOnlyList<CellDiagnostic> Diagnostics);
