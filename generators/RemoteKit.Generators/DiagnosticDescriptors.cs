using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators
{
    /// <summary>
    /// Every diagnostic of the RemoteKit generator and analyzer. All but RK0010 are errors: a [Remote] method that cannot run
    /// remotely gets no stub, and a view given something other than a [Remote] method would fail at run time.
    /// <list type="table">
    /// <item><term>RK0001</term><description>[Remote] method is not static.</description></item>
    /// <item><term>RK0002</term><description>[Remote] method is generic, or declared in a generic type.</description></item>
    /// <item><term>RK0003</term><description>ref/out/in parameter, ref return, pointer, or ref struct (Span) parameter or result.</description></item>
    /// <item><term>RK0004</term><description>Parameter or result type MemoryPack cannot serialize.</description></item>
    /// <item><term>RK0005</term><description>A type containing the [Remote] method is not partial.</description></item>
    /// <item><term>RK0006</term><description>(analyzer) Something other than a [Remote] method group passed as a view's <c>method</c>.</description></item>
    /// <item><term>RK0007</term><description>A containing, parameter or result type is private or protected, so assembly-level generated code cannot reach it.</description></item>
    /// <item><term>RK0008</term><description>A stream's item type or an <c>IProgress&lt;T&gt;</c>'s value type MemoryPack cannot serialize.</description></item>
    /// <item><term>RK0009</term><description>(analyzer) A stream passed to an operation that cannot carry it, or a view that cannot stream, or a non-stream passed to <c>StreamAsync</c>.</description></item>
    /// <item><term>RK0010</term><description>(analyzer, warning) A method taking <c>IProgress&lt;T&gt;</c> mapped: its reports are dropped.</description></item>
    /// <item><term>RK0011</term><description>More than one <c>IProgress&lt;T&gt;</c> parameter.</description></item>
    /// </list>
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "RemoteKit";

        public static readonly DiagnosticDescriptor NotStatic = new DiagnosticDescriptor(
            "RK0001",
            "[Remote] method must be static",
            "[Remote] method '{0}' is not static: engines call [Remote] methods without an instance. Make it static and pass any state as parameters or [Global] variables.",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor Generic = new DiagnosticDescriptor(
            "RK0002",
            "[Remote] method must not be generic",
            "[Remote] method '{0}' is generic or declared in a generic type: its remote identity must be one closed signature. Use concrete types, or declare one [Remote] method per type.",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ByRef = new DiagnosticDescriptor(
            "RK0003",
            "[Remote] method cannot pass values by reference",
            "{0} of [Remote] method '{1}' is {2}, which cannot cross process boundaries. Pass and return values by value (use arrays or Memory<T> instead of Span<T>, return results instead of out parameters).",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotSerializable = new DiagnosticDescriptor(
            "RK0004",
            "[Remote] method type is not serializable by MemoryPack",
            "{0} of [Remote] method '{1}' has type '{2}', which MemoryPack cannot serialize. Use primitives, strings, enums, collections or tuples of them, unmanaged structs, or a type marked [MemoryPackable] (interfaces and abstract classes need [MemoryPackUnion]).",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotPartial = new DiagnosticDescriptor(
            "RK0005",
            "Type containing a [Remote] method must be partial",
            "Type '{0}' contains [Remote] method '{1}' but is not partial: the generator adds a nested 'Remote' class to it. Add the 'partial' modifier to '{0}'.",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor NotARemoteMethod = new DiagnosticDescriptor(
            "RK0006",
            "Only [Remote] methods can run on engines",
            "{0} is not a [Remote] method: only static methods marked [Remote] run on engines, and no closure is ever shipped. Pass a [Remote] method group (view.ApplyAsync(Work.SlowPower, 5)) or a typed call (view.ApplyAsync(Work.Remote.SlowPower(5))).",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor Inaccessible = new DiagnosticDescriptor(
            "RK0007",
            "[Remote] method signature must be accessible in its assembly",
            "{0} of [Remote] method '{1}' uses '{2}', which is private or protected: the generated registration and call factory must reach it from the whole assembly. Make '{2}' internal or public.",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor LiveValueNotSerializable = new DiagnosticDescriptor(
            "RK0008",
            "Values a [Remote] method sends while it runs must be serializable by MemoryPack",
            "{0} of [Remote] method '{1}' are '{2}', which MemoryPack cannot serialize, and they travel to the caller while the method runs. Use primitives, strings, enums, collections or tuples of them, unmanaged structs, or a type marked [MemoryPackable].",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor StreamMismatch = new DiagnosticDescriptor(
            "RK0009",
            "A stream runs only through StreamAsync on an EngineView or a LoadBalancedView",
            "{0}. Run a [Remote] method returning IAsyncEnumerable<T> or IEnumerable<T> with StreamAsync on an EngineView (client[0]) or a LoadBalancedView and await foreach its items; run other [Remote] methods with Apply, ApplyAsync or Map.",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ProgressDroppedInMap = new DiagnosticDescriptor(
            "RK0010",
            "Progress reports of a mapped [Remote] method are dropped",
            "[Remote] method '{0}' reports progress through IProgress<{1}>, but {2} runs it as map items, whose reports are dropped (a map reports the items done: WaitInteractive, ReportProgress). Call it with ApplyAsync to receive its reports, or remove the parameter.",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor TooManyProgress = new DiagnosticDescriptor(
            "RK0011",
            "A [Remote] method takes at most one IProgress<T>",
            "[Remote] method '{0}' takes more than one IProgress<T> parameter. A task has one progress: report one value (a tuple or a record) through a single IProgress<T>.",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);

        public static readonly DiagnosticDescriptor ResultTypeMismatch = new DiagnosticDescriptor(
            "RK0012",
            "A task's result passed as an argument must be of the parameter's type",
            "Argument '{0}' is {1}, but parameter '{2}' of [Remote] method '{3}' takes {4}. A task's result (AsyncResult<T>, RemoteRef<T>) can stand only for a parameter of type T.",
            Category,
            DiagnosticSeverity.Error,
            isEnabledByDefault: true);
    }
}
