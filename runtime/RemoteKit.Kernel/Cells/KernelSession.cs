using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RemoteKit.Kernel.Display;

namespace RemoteKit.Kernel.Cells;

/// <summary>What running a cell produced: its value to show, if it has one, or the error it ended with.</summary>
internal sealed record CellOutcome(bool HasValue, object? Value, Exception? Error, bool Interrupted);

/// <summary>
/// Runs cells: cell magics (<c>%%px</c>, <c>%%time</c>, <c>%autopx</c> mode), then <c>#r</c> lines (packages restored and
/// loaded), then the [Remote] declarations of the cell (built into the notebook's assembly), then the rest of the cell as
/// the next script submission. One cell at a time.
/// </summary>
internal sealed class KernelSession : IAsyncDisposable
{
    private readonly string _directory;
    private readonly CellProject _project;
    private readonly PackageRestorer _packages;
    private CancellationTokenSource _cell = new();
    private readonly List<string> _extraReferences = [];
    private volatile bool _interrupted;
    private TaskCompletionSource _cellDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KernelSession(Iopub iopub)
    {
        Iopub = iopub;
        _cellDone.TrySetResult();
        _directory = Path.Combine(Path.GetTempPath(), "remotekit-kernel-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
        _project = new CellProject(_directory);
        _packages = new PackageRestorer(_directory);
        Globals = new NotebookGlobals(this);
        Scripts = new ScriptSession(Globals);
        Parallel = new ParallelMagics(this);
        Magics = new Magics(this);
        ActiveViews.Watch();
        ProgressDisplay.DefaultOptionsFactory = () => ProgressLine.Options(iopub);
    }

    public Iopub Iopub { get; }

    public NotebookGlobals Globals { get; }

    public ScriptSession Scripts { get; }

    public ParallelMagics Parallel { get; }

    public Magics Magics { get; }

    /// <summary>The number of the cell running now (or last run): <c>In[n]</c>.</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>Cancelled when the running cell is interrupted.</summary>
    public CancellationToken CellCancellation => _cell.Token;

    /// <summary>Sends what cells printed so far, ahead of whatever is published next.</summary>
    public void FlushConsole()
    {
        Console.Out.Flush();
        Console.Error.Flush();
    }

    /// <summary>Runs one cell; <paramref name="storeHistory"/> counts it (<c>In[n]</c>).</summary>
    public async Task<CellOutcome> ExecuteAsync(string code, bool storeHistory)
    {
        await Scripts.WarmUpAsync().ConfigureAwait(false);
        if (storeHistory)
        {
            ExecutionCount++;
        }

        _interrupted = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _cellDone, done);
        if (_cell.IsCancellationRequested)
        {
            _cell.Dispose();
            _cell = new CancellationTokenSource();
        }

        try
        {
            var (hasValue, value) = await RunAsync(code, top: true).ConfigureAwait(false);
            return new CellOutcome(hasValue, value, null, false);
        }
        catch (Exception e)
        {
            return new CellOutcome(false, null, e, _interrupted);
        }
        finally
        {
            done.TrySetResult();
            FlushConsole();
        }
    }

    /// <summary>
    /// Jupyter's interrupt: cancels the cell's token and aborts every unfinished task of the notebook's clients, and keeps
    /// aborting what they submit until the cell ends (a loop of calls, or a map that starts after the interrupt).
    /// </summary>
    public void Interrupt()
    {
        _interrupted = true;
        _cell.Cancel();
        var done = Volatile.Read(ref _cellDone).Task;
        ActiveViews.AbortAll();
        _ = Task.Run(async () =>
        {
            while (!done.IsCompleted)
            {
                await Task.WhenAny(done, Task.Delay(TimeSpan.FromMilliseconds(200))).ConfigureAwait(false);
                if (!done.IsCompleted)
                {
                    ActiveViews.AbortAll();
                }
            }
        });
    }

    private async Task<(bool HasValue, object? Value)> RunAsync(string code, bool top)
    {
        var (first, body) = CellSource.FirstLine(code);
        if (top && Parallel.AutoPx && !first.StartsWith("%autopx", StringComparison.Ordinal))
        {
            await Parallel.PxAsync(code, new PxOptions(null, false, false), ExecutionCount, CellCancellation).ConfigureAwait(false);
            return (false, null);
        }

        if (first.StartsWith("%%", StringComparison.Ordinal))
        {
            var space = first.IndexOfAny([' ', '\t']);
            var magic = space < 0 ? first[2..] : first[2..space];
            var arguments = space < 0 ? "" : first[(space + 1)..];
            switch (magic)
            {
                case "px":
                    var (options, rest) = PxOptions.Parse(arguments);
                    if (rest.Trim().Length > 0)
                    {
                        throw new InvalidOperationException("UsageError: %%px takes options on its line and the code below it.");
                    }

                    await Parallel.PxAsync(body, options, ExecutionCount, CellCancellation).ConfigureAwait(false);
                    return (false, null);
                case "time":
                    return await Magics.TimeAsync(() => RunAsync(body, top: false)).ConfigureAwait(false);
                default:
                    throw new InvalidOperationException($"UsageError: Cell magic `%%{magic}` not found (%lsmagic lists them).");
            }
        }

        if (first == "%time" || first.StartsWith("%time ", StringComparison.Ordinal))
        {
            // Time the cell from the code after %time on: that line keeps its place, so line numbers stay the cell's.
            var at = code.IndexOf("%time", StringComparison.Ordinal);
            var timed = code[..at] + "     " + code[(at + "%time".Length)..];
            return await Magics.TimeAsync(() => RunAsync(timed, top: false)).ConfigureAwait(false);
        }

        return await RunCSharpAsync(code).ConfigureAwait(false);
    }

    private async Task<(bool HasValue, object? Value)> RunCSharpAsync(string code)
    {
        var token = CellCancellation;
        var directives = new List<ReferenceDirective>();
        code = CellSource.ExtractReferences(code, directives);
        if (directives.Count > 0)
        {
            await AddReferencesAsync(directives, token).ConfigureAwait(false);
        }

        code = CellSource.RewriteLineMagics(code);
        var tree = CSharpSyntaxTree.ParseText(code, CellSource.ScriptOptions, cancellationToken: token);
        if (CellSource.DeclaresRemoteCode(tree))
        {
            var (project, script) = CellSource.Split(code, tree);
            var build = _project.Build(ExecutionCount, project, [.. References.Base, .. _extraReferences.Distinct(StringComparer.Ordinal).Select(References.ForFile)], token);
            if (!build.Succeeded)
            {
                throw new CellCompilationException(build.Diagnostics);
            }

            foreach (var warning in build.Diagnostics)
            {
                Console.Error.WriteLine(warning.Text);
            }

            Scripts.AddReferences([_project.CurrentReference!], [_project.Current!]);
            code = script;
        }

        if (CellSource.IsBlank(code))
        {
            return (false, null);
        }

        var compiled = Scripts.Compile(code, ExecutionCount, token);
        var outcome = await Scripts.RunAsync(compiled, token).ConfigureAwait(false);
        if (outcome.Exception is { } exception)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
        }

        return (outcome.HasValue, outcome.Value);
    }

    private async Task AddReferencesAsync(List<ReferenceDirective> directives, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        var packages = directives.Where(d => d.Package is not null).Select(d => new PackageRequest(d.Package!, d.Version)).ToList();
        if (packages.Count > 0)
        {
            paths.AddRange(await _packages.RestoreAsync(packages, Console.Out, cancellationToken).ConfigureAwait(false));
        }

        foreach (var directive in directives.Where(d => d.Path is not null))
        {
            var path = Path.GetFullPath(directive.Path!, Environment.CurrentDirectory);
            if (!File.Exists(path))
            {
                throw new CellCompilationException([new CellDiagnostic($"({directive.Line},1): error CS0006: Metadata file '{directive.Path}' could not be found", true)]);
            }

            paths.Add(path);
        }

        // Loaded into the default context, where the code shipper looks when a [Remote] method's code references them.
        var loaded = new List<Assembly>();
        foreach (var path in paths)
        {
            var name = AssemblyName.GetAssemblyName(path);
            var assembly = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name.Name)
                ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            loaded.Add(assembly);
        }

        Scripts.AddReferences(paths.Select(References.ForFile), loaded);
        _extraReferences.AddRange(paths);
        if (packages.Count > 0)
        {
            Console.Out.WriteLine($"Installed {string.Join(", ", packages.Select(p => p.Version is null ? p.Name : $"{p.Name} {p.Version}"))}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        ProgressDisplay.DefaultOptionsFactory = null;
        await ActiveViews.DisposeClustersAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Loaded assemblies may still be mapped; the folder is under the temporary directory.
        }
    }

    /// <summary>The error of a cell as Jupyter shows it: a name, a value and traceback lines.</summary>
    public static (string Name, string Value, IReadOnlyList<string> Traceback) Describe(Exception error, bool interrupted) =>
        ErrorReport.Describe(error, interrupted);

    /// <summary>The MIME bundle of a cell's value.</summary>
    public static JsonObject Bundle(object? value) => ValueFormatter.Bundle(value);
}
