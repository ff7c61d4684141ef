using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RemoteKit.Unit.Tests;

/// <summary>
/// The layers inside RemoteKit.Core, bottom first: each folder compiles with only the folders below it, so no layer reaches
/// up (the transport never needs the protocol, the protocol never needs security or connections). A dependency that
/// breaks the order fails here with the compiler's own message naming the file and the type it reached for.
/// </summary>
/// <remarks>
/// Only "not found" errors count (CS0246, CS0103, CS0234): the framework's source generators (JSON, regular expressions)
/// do not run in this compilation, so the members they would add are missing for reasons that have nothing to do with layers.
/// </remarks>
public class LayeringTests
{
    /// <summary>Each layer and the layers it may use, as docs/architecture.md draws them.</summary>
    public static TheoryData<string, string[]> Layers => new()
    {
        { "Configuration", [] },
        { "Profiles", [] },
        { "History", [] },
        { "Diagnostics", ["Configuration"] },
        { "Transport", ["Configuration", "Diagnostics"] },
        { "Protocol", ["Configuration", "Diagnostics", "History", "Transport"] },
        { "Security", ["Configuration", "Diagnostics", "History", "Transport", "Protocol"] },
        { "Connections", ["Configuration", "Diagnostics", "History", "Transport", "Protocol", "Security"] },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_of_the_core_compiles_with_only_the_layers_below_it(string layer, string[] below)
    {
        var core = Path.Combine(Repository.Root, "runtime", "RemoteKit.Core");
        var files = below.Append(layer).SelectMany(folder => Directory.GetFiles(Path.Combine(core, folder), "*.cs"));
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, options, "ImplicitUsings.cs"));

        // Named as the real assembly, so the contract's InternalsVisibleTo applies; RemoteKit.Core itself is not referenced.
        var compilation = CSharpCompilation.Create(
            "RemoteKit.Core",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Id is "CS0246" or "CS0103" or "CS0234").Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"{layer} reaches beyond {(below.Length == 0 ? "itself" : string.Join(", ", below))}:\n{string.Join("\n", errors.Take(20))}");
    }

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static ImmutableArray<MetadataReference> References() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileNameWithoutExtension(path) is not ("RemoteKit.Core" or "RemoteKit.Launchers" or "RemoteKit.Controller" or "RemoteKit.Engine" or "RemoteKit"))
            .Select(path => MetadataReference.CreateFromFile(path))];
}
