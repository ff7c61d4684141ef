using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RemoteKit.Kernel.Cells;

/// <summary>Options of <c>%px</c> and <c>%%px</c>, as in ipyparallel.</summary>
internal sealed record PxOptions(string? Targets, bool NoBlock, bool Stream)
{
    /// <summary>Reads the leading options of <paramref name="line"/> and returns the code after them.</summary>
    public static (PxOptions Options, string Code) Parse(string line)
    {
        string? targets = null;
        bool noBlock = false, stream = false;
        var rest = line.TrimStart();
        while (rest.StartsWith('-'))
        {
            var end = rest.IndexOfAny([' ', '\t', '\n']);
            var option = end < 0 ? rest : rest[..end];
            rest = end < 0 ? "" : rest[end..].TrimStart(' ', '\t');
            switch (option)
            {
                case "--targets" or "-t":
                {
                    var valueEnd = rest.IndexOfAny([' ', '\t', '\n']);
                    targets = valueEnd < 0 ? rest : rest[..valueEnd];
                    rest = valueEnd < 0 ? "" : rest[valueEnd..].TrimStart(' ', '\t');
                    break;
                }

                case "--noblock":
                    noBlock = true;
                    break;
                case "--block":
                    noBlock = false;
                    break;
                case "--stream":
                    stream = true;
                    break;
                case "--no-stream":
                    stream = false;
                    break;
                default:
                    throw new ArgumentException($"UsageError: unknown %px option '{option}' (options: --targets IDS, --noblock, --block, --stream).");
            }
        }

        return (new PxOptions(targets, noBlock, stream), rest);
    }

    /// <summary>
    /// The engines to run on: <c>--targets 0,2</c> names engine ids, <c>--targets 1:3</c> slices the view's engines by
    /// position (as ipyparallel's <c>rc[1:3]</c>), <c>all</c> (or none) is the whole view.
    /// </summary>
    public IReadOnlyList<int> Resolve(IReadOnlyList<int> view)
    {
        if (Targets is null or "all" or ":")
        {
            return view;
        }

        if (Targets.Contains(':', StringComparison.Ordinal))
        {
            var parts = Targets.Split(':');
            int At(string s, int fallback) => s.Length == 0 ? fallback : int.Parse(s, CultureInfo.InvariantCulture) is var i && i < 0 ? view.Count + i : i;
            var start = Math.Clamp(At(parts[0], 0), 0, view.Count);
            var stop = Math.Clamp(At(parts[1], view.Count), 0, view.Count);
            var step = parts.Length > 2 && parts[2].Length > 0 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 1;
            var slice = new List<int>();
            for (var i = start; i < stop; i += Math.Max(1, step))
            {
                slice.Add(view[i]);
            }

            return slice;
        }

        return Targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.Parse(t, CultureInfo.InvariantCulture))
            .ToArray();
    }
}

/// <summary>
/// <c>%px</c>, <c>%%px</c>, <c>%autopx</c> and <c>%pxresult</c>: C# script run on every engine of the active view with
/// <c>Execute</c>, one task per engine, shown per engine as ipyparallel does (<c>[stdout:0] ...</c>, <c>Out[0:3]: ...</c>).
/// A trailing expression's value is formatted on the engine (as C# Interactive prints it) and printed after a marker,
/// which the kernel takes out of the task's standard output.
/// </summary>
internal sealed class ParallelMagics(KernelSession session)
{
    private const string ValueMarker = "\u001eRK-OUT\u001e";
    private (IReadOnlyList<(int Engine, AsyncResult Result)> Runs, int Count)? _noBlock;

    /// <summary>Whether <c>%autopx</c> is on: every cell then runs on the engines.</summary>
    public bool AutoPx { get; set; }

    public async Task PxAsync(string code, PxOptions options, int count, CancellationToken cancellationToken)
    {
        var view = ActiveViews.Current();
        var engines = options.Resolve(view.Targets);
        var script = WithValueCapture(code);
        var runs = engines.Select(id => (id, (AsyncResult)view.Client[id].ExecuteAsync(script, cancellationToken))).ToList();
        if (options.NoBlock)
        {
            _noBlock = (runs, count);
            session.Iopub.Display(new JsonObject { ["text/plain"] = $"<AsyncResult({count}): execute on engines [{string.Join(", ", engines)}]>" });
            return;
        }

        await ShowAsync(runs, count, options.Stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>%pxresult</c>: waits for the last <c>--noblock</c> execution and shows it.</summary>
    public Task ResultAsync(CancellationToken cancellationToken) => _noBlock is { } pending
        ? ShowAsync(pending.Runs, pending.Count, stream: false, cancellationToken)
        : throw new InvalidOperationException("No %px --noblock result to show.");

    private async Task ShowAsync(IReadOnlyList<(int Engine, AsyncResult Result)> runs, int count, bool stream, CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        if (stream)
        {
            // Each engine's output as soon as its task ends (the runtime brings a task's output with its result).
            var left = runs.ToList();
            while (left.Count > 0)
            {
                var done = await Task.WhenAny(left.Select(r => r.Result.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
                var run = left.First(r => r.Result.Completion == done);
                left.Remove(run);
                Show(run.Engine, run.Result, count, failures);
            }
        }
        else
        {
            try
            {
                await Task.WhenAll(runs.Select(r => r.Result.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (runs.All(r => r.Result.IsReady))
            {
                // Each failure is shown with its engine below.
            }

            foreach (var (engine, result) in runs)
            {
                Show(engine, result, count, failures);
            }
        }

        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failures[0]);
        }

        if (failures.Count > 1)
        {
            throw new AggregateException($"%px failed on {failures.Count} of {runs.Count} engines.", failures);
        }
    }

    private void Show(int engine, AsyncResult result, int count, List<Exception> failures)
    {
        var metadata = result.Metadata;
        var stdout = metadata?.Stdout ?? "";
        string? value = null;
        var marker = stdout.LastIndexOf(ValueMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            value = stdout[(marker + ValueMarker.Length)..];
            stdout = stdout[..marker];
        }

        if (stdout.Length > 0)
        {
            Console.Out.Write($"[stdout:{engine}] {stdout}{(stdout.EndsWith('\n') ? "" : "\n")}");
        }

        if (metadata?.Stderr is { Length: > 0 } stderr)
        {
            Console.Error.Write($"[stderr:{engine}] {stderr}{(stderr.EndsWith('\n') ? "" : "\n")}");
        }

        if (result.Completion.Exception is { } error)
        {
            var inner = error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error;
            Console.Error.WriteLine($"[{engine}:execute]: {(inner is RemoteException r ? r.RemoteType.Split('.')[^1] + ": " + r.RemoteMessage : inner.GetType().Name + ": " + inner.Message)}");
            failures.Add(inner);
        }
        else if (result.Completion.IsCanceled)
        {
            failures.Add(new OperationCanceledException($"%px on engine {engine} was cancelled."));
        }

        if (value is not null)
        {
            session.FlushConsole();
            session.Iopub.Display(new JsonObject { ["text/plain"] = $"Out[{engine}:{count}]: {value}" });
        }
    }

    /// <summary>
    /// The script with its trailing expression (if any) replaced by a call that prints the expression's value after the
    /// marker. The call goes through overloads taking an <c>Action</c> or a <c>Func&lt;object&gt;</c>, so a call of a void
    /// method (<c>Console.WriteLine("x")</c>) shows no value, as in IPython.
    /// </summary>
    internal static string WithValueCapture(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, CellSource.ScriptOptions);
        if (CellSource.TrailingExpression(tree) is not { } expression)
        {
            return code;
        }

        var awaits = expression.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any();
        var call = awaits
            ? "await __rk_out_async(async () => " + expression + ");"
            : "__rk_out(() => " + expression + ");";
        return code[..expression.SpanStart] + call + "\n" +
            "void __rk_out(System.Action __rk_a) => __rk_a();\n" +
            "void __rk_out(System.Func<object> __rk_f) => __rk_show(__rk_f());\n" +
            "System.Threading.Tasks.Task __rk_out_async(System.Func<System.Threading.Tasks.Task> __rk_f) => __rk_f();\n" +
            "async System.Threading.Tasks.Task __rk_out_async(System.Func<System.Threading.Tasks.Task<object>> __rk_f) => __rk_show(await __rk_f());\n" +
            "void __rk_show(object __rk_v) => System.Console.Out.Write(" + CellSource.Literal(ValueMarker) + " + " +
            "Microsoft.CodeAnalysis.CSharp.Scripting.Hosting.CSharpObjectFormatter.Instance.FormatObject(__rk_v));\n";
    }
}
