using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Engine;

/// <summary>
/// Compiles the scripts of <c>Execute</c> for every engine of the process. Each script is compiled as a continuation of one
/// empty base submission, so Roslyn binds the references once per set of loaded assemblies instead of once per script
/// (a new script then compiles in about 5–10 ms instead of 30–70 ms), and compiled scripts are kept by their text.
/// </summary>
/// <remarks>
/// The first compilation in a process costs about half a second of one core (loading Roslyn, and JIT-compiling the generic
/// code that ReadyToRun cannot precompile across the framework's boundary). <see cref="StartWarmUp"/> pays it on a background
/// thread once the engine has connected, and <see cref="WaitForWarmUpAsync"/> makes a script that arrives meanwhile wait
/// for it rather than compile beside it: two cold compilations on the same cores finish later than one.
/// </remarks>
internal static class ScriptCompiler
{
    private static readonly ConcurrentDictionary<string, Script<object>> Compiled = new(StringComparer.Ordinal);

    /// <summary>Metadata references by assembly path: reading an assembly's metadata is the slow part of a new reference.</summary>
    private static readonly ConcurrentDictionary<string, MetadataReference> References = new(StringComparer.Ordinal);

    private static readonly Lock BaseLock = new();
    private static Base? _base;
    private static Task _warmUp = Task.CompletedTask;
    private static int _warmUpStarted;

    /// <summary>Runs <see cref="ScriptRunner.WarmUp"/> on a background thread, once per process.</summary>
    /// <param name="logger">Where a failed warm-up is reported (at Debug: the first script then compiles for itself).</param>
    public static void StartWarmUp(ILogger logger)
    {
        if (Interlocked.Exchange(ref _warmUpStarted, 1) != 0)
        {
            return;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _warmUp = done.Task;
        var thread = new Thread(() =>
        {
            try
            {
                ScriptRunner.WarmUp();
                StartupTrace.Mark("scripts warm");
            }
            catch (Exception e)
            {
                logger.LogDebug(Diagnostics.EventIds.TaskFailed, e, "Warming up the script compiler failed");
            }
            finally
            {
                done.TrySetResult();
            }
        })
        {
            IsBackground = true,
            Name = "RemoteKit script warm-up",
        };
        thread.Start();
    }

    /// <summary>Completes when the warm-up has finished (at once when none runs); it never fails.</summary>
    public static Task WaitForWarmUpAsync(CancellationToken cancellationToken) => _warmUp.WaitAsync(cancellationToken);

    /// <summary>The compiled script for this source (errors are in its <see cref="Script.Compile"/> diagnostics).</summary>
    public static Script<object> Get(string source) => Compiled.TryGetValue(source, out var script) ? script : CurrentBase().Continue(source);

    /// <summary>Remembers a script that compiled, so the same text is not compiled again.</summary>
    public static void Keep(string source, Script<object> script) => Compiled.TryAdd(source, script);

    /// <summary>The base over the assemblies loaded now: a new one when an assembly has been loaded from a file since.</summary>
    private static Base CurrentBase()
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => a.Location)
            .ToHashSet(StringComparer.Ordinal);
        lock (BaseLock)
        {
            if (_base is null || !_base.Paths.SetEquals(assemblies))
            {
                _base = new Base(assemblies);
            }

            return _base;
        }
    }

    /// <summary>An empty submission over one set of references, with the imports and globals every script has.</summary>
    private sealed class Base
    {
        private readonly Script<object> _empty;

        public Base(HashSet<string> paths)
        {
            Paths = paths;
            var options = ScriptOptions.Default
                .WithReferences(paths.Select(p => References.GetOrAdd(p, static path => MetadataReference.CreateFromFile(path))))
                .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "RemoteKit")
                .WithEmitDebugInformation(false);
            _empty = CSharpScript.Create<object>(string.Empty, options, typeof(ScriptGlobals));
        }

        public HashSet<string> Paths { get; }

        public Script<object> Continue(string source) => _empty.ContinueWith<object>(source);
    }
}
