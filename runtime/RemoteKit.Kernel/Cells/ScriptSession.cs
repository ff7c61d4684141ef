using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace RemoteKit.Kernel.Cells;

/// <summary>What a cell's script part produced.</summary>
/// <param name="HasValue">Whether the cell ended with an expression that has a value (not a call of a void method).</param>
/// <param name="Value">That value.</param>
/// <param name="Exception">What the cell threw, if it did.</param>
internal sealed record ScriptOutcome(bool HasValue, object? Value, Exception? Exception);

/// <summary>A cell does not compile; <see cref="Diagnostics"/> are the messages with the cell's lines and columns.</summary>
internal sealed class CellCompilationException(IReadOnlyList<CellDiagnostic> diagnostics)
    : Exception(diagnostics.FirstOrDefault(d => d.IsError)?.Text ?? "The cell does not compile.")
{
    public IReadOnlyList<CellDiagnostic> Diagnostics { get; } = diagnostics;
}

/// <summary>
/// The cells' C# as one chain of Roslyn script submissions: each cell continues the state of the ones before it, so
/// variables, methods and types declared in a cell stay in scope. Assemblies the kernel loads for cells (packages, the
/// notebook's [Remote] code) are registered with the submissions' loader, so submissions use those very assemblies.
/// </summary>
internal sealed partial class ScriptSession
{
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly NotebookGlobals _globals;
    private readonly Lock _lock = new();
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private Task? _warmUp;

    public ScriptSession(NotebookGlobals globals)
    {
        _globals = globals;
        _options = ScriptOptions.Default
            .WithReferences(References.Base)
            .WithImports(References.Imports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithAllowUnsafe(true)
            .WithOptimizationLevel(OptimizationLevel.Debug);
    }

    /// <summary>The state after the last cell; null before the first.</summary>
    public ScriptState<object>? State => _state;

    /// <summary>Compiles and runs an empty first submission, so the first cell does not pay for loading the compiler alone.</summary>
    public Task WarmUpAsync() => _warmUp ??= Task.Run(async () =>
    {
        var state = await CSharpScript.Create<object>("", _options, typeof(NotebookGlobals), _loader).RunAsync(_globals).ConfigureAwait(false);
        // Bind and emit a small continuation too (not run): the first real cell then compiles as a warm one does.
        state.Script.ContinueWith<object>("var __warm = Enumerable.Range(0, 3).Select(i => i * 2).ToArray(); __warm.Length").Compile();
        _state = state;
    });

    /// <summary>Adds references for later cells and registers the loaded assemblies with the submissions' loader.</summary>
    public void AddReferences(IEnumerable<MetadataReference> references, IEnumerable<Assembly> loaded)
    {
        lock (_lock)
        {
            _options = _options.AddReferences(references);
            foreach (var assembly in loaded)
            {
                _loader.RegisterDependency(assembly);
            }
        }
    }

    /// <summary>Compiles <paramref name="code"/> as the next submission; throws <see cref="CellCompilationException"/> on errors.</summary>
    public Script<object> Compile(string code, int cell, CancellationToken cancellationToken)
    {
        var script = Continue(code, $"In[{cell.ToString(CultureInfo.InvariantCulture)}]");
        var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0 && ViewCall().IsMatch(code))
        {
            errors = ViewArgumentCheck.Check(script.GetCompilation(), cancellationToken).ToList();
        }

        if (errors.Count > 0)
        {
            throw new CellCompilationException(errors.Select(Describe).ToList());
        }

        return script;
    }

    /// <summary>A continuation of the current state with <paramref name="code"/>, not compiled yet (also for completion).</summary>
    public Script<object> Continue(string code, string? path = null)
    {
        ScriptOptions options;
        lock (_lock)
        {
            options = path is null ? _options : _options.WithFilePath(path);
        }

        return _state is null
            ? CSharpScript.Create<object>(code, options, typeof(NotebookGlobals), _loader)
            : _state.Script.ContinueWith<object>(code, options);
    }

    /// <summary>Runs a compiled submission; the state moves on even when it throws (what it assigned before stays).</summary>
    public async Task<ScriptOutcome> RunAsync(Script<object> script, CancellationToken cancellationToken)
    {
        var state = _state is null
            ? await script.RunAsync(_globals, static _ => true, cancellationToken).ConfigureAwait(false)
            : await script.RunFromAsync(_state, static _ => true, cancellationToken).ConfigureAwait(false);
        _state = state;
        if (state.Exception is { } exception)
        {
            return new ScriptOutcome(false, null, exception);
        }

        return new ScriptOutcome(HasValue(script), state.ReturnValue, null);
    }

    /// <summary>Whether the submission ends with an expression whose type is not void.</summary>
    private static bool HasValue(Script<object> script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        if (CellSource.TrailingExpression(tree) is not { } expression)
        {
            return false;
        }

        var info = compilation.GetSemanticModel(tree).GetTypeInfo(expression);
        return (info.Type ?? info.ConvertedType) is not { SpecialType: SpecialType.System_Void };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(Apply|ApplyAsync|Map|MapAsync|Execute|ExecuteAsync)\s*\(")]
    private static partial System.Text.RegularExpressions.Regex ViewCall();

    public static CellDiagnostic Describe(Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        if (!diagnostic.Location.IsInSource)
        {
            return new CellDiagnostic($"{severity} {diagnostic.Id}: {message}", diagnostic.Severity == DiagnosticSeverity.Error);
        }

        var span = diagnostic.Location.GetMappedLineSpan();
        return new CellDiagnostic(
            $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {severity} {diagnostic.Id}: {message}",
            diagnostic.Severity == DiagnosticSeverity.Error);
    }
}
