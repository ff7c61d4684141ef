using System.Buffers;
using System.Reflection;
using MemoryPack;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RemoteKit.Generators.Tests;

/// <summary>
/// [Remote] methods that stream (<c>IAsyncEnumerable&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>) and report progress
/// (<c>IProgress&lt;T&gt;</c>): what users write compiles and binds at compile time, the generated engine side pumps items and
/// reports, and each misuse is one RK diagnostic that says what to do.
/// </summary>
public class LiveShapeTests
{
    private const string Live = """
        using RemoteKit;
        using System.Runtime.CompilerServices;

        public static partial class Live
        {
            [Remote]
            public static async IAsyncEnumerable<int> Produce(int n, [EnumeratorCancellation] CancellationToken ct = default)
            {
                for (var i = 0; i < n; i++)
                {
                    await Task.Yield();
                    yield return i;
                }
            }

            [Remote]
            public static IEnumerable<string> Words(string text) => text.Split(' ');

            [Remote]
            public static IEnumerable<int> Failing(int n)
            {
                for (var i = 0; i < n; i++)
                {
                    yield return i;
                }

                throw new InvalidOperationException("after " + n);
            }

            [Remote]
            public static double Train(int epochs, IProgress<double> progress)
            {
                for (var e = 1; e <= epochs; e++)
                {
                    progress.Report(e / (double)epochs);
                }

                return 0.5;
            }

            [Remote]
            public static async IAsyncEnumerable<long> Counted(int n, IProgress<int> progress)
            {
                for (var i = 0; i < n; i++)
                {
                    progress.Report(i);
                    await Task.Yield();
                    yield return i * 10L;
                }
            }
        }
        """;

    private const string Usage = """
        using RemoteKit;

        public static class LiveUsage
        {
            public static async Task<double> Run(EngineView one, LoadBalancedView lb)
            {
                var sum = 0.0;
                await foreach (var x in one.StreamAsync(Live.Produce, 3))
                {
                    sum += x;
                }

                await foreach (var w in lb.StreamAsync(Live.Words, "a b", cancellationToken: default))
                {
                    sum += w.Length;
                }

                sum += await lb.ApplyAsync(Live.Train, 3, progress: new Progress<double>(_ => { }));
                sum += lb.Apply(Live.Train, 3);
                await foreach (var c in lb.StreamAsync(Live.Counted, 2, new Progress<int>(_ => { })))
                {
                    sum += c;
                }

                RemoteStreamCall<int> typed = Live.Remote.Produce(5);
                await foreach (var x in one.StreamAsync(typed, new StreamOptions { MaxBufferedItems = 10 }))
                {
                    sum += x;
                }

                return sum + await lb.ApplyAsync(Live.Remote.Train(2).WithProgress(new Progress<double>(_ => { })));
            }
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        var run = CSharpGeneratorRunner.Run(Live, Usage);
        Assert.Empty(run.GeneratorDiagnostics);
        return CSharpGeneratorRunner.EmitAndLoad(run.Compilation);
    });

    [Fact]
    public async Task Streams_and_progress_compile_as_users_write_them_and_every_method_group_site_is_bound_at_compile_time()
    {
        var run = CSharpGeneratorRunner.Run(Live, Usage);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation));
        var interceptors = run.GeneratedSource("Interceptors");
        var tree = run.Compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        var model = run.Compilation.GetSemanticModel(tree);
#pragma warning disable RSEXPERIMENTAL002 // The same API the generator uses to name a call site.
        var sites = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.ArgumentList.Arguments.FirstOrDefault()?.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Live" } })
            .Select(i => (model.GetInterceptableLocation(i)!.Data, Text: i.ToString()))
            .ToList();
#pragma warning restore RSEXPERIMENTAL002
        Assert.Equal(5, sites.Count);
        Assert.All(sites, site => Assert.True(interceptors.Contains(site.Data, StringComparison.Ordinal), site.Text));
        Assert.Contains("view.StreamAsync(global::Live.Remote.Produce(n), null, cancellationToken)", interceptors, StringComparison.Ordinal);
        Assert.Contains("view.ApplyAsync(global::Live.Remote.Train(epochs).WithProgress(progress), cancellationToken)", interceptors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_methods_factory_returns_a_stream_call_and_a_progress_methods_descriptor_names_its_type()
    {
        var produce = Factory("Produce").Invoke(null, [4]);
        var call = Assert.IsType<RemoteStreamCall<int>>(produce);
        Assert.Equal("Live.Produce(int, CancellationToken)", call.Method.Name);
        Assert.Null(call.Method.ProgressType);

        var train = (RemoteCall<double>)Factory("Train").Invoke(null, [3])!;
        Assert.Equal(typeof(double), train.Method.ProgressType);
        Assert.Same(train.Method, train.WithProgress(new Progress<double>()).Method);
        Assert.IsType<RemoteStreamCall<long>>(Factory("Counted").Invoke(null, [2]));

        // The caller's IProgress must be able to receive what the method reports.
        Assert.Contains("reports System.Double values", Assert.Throws<ArgumentException>(() => train.WithProgress(new Progress<int>())).Message, StringComparison.Ordinal);
        Assert.Contains("takes no IProgress<T>", Assert.Throws<ArgumentException>(() => call.WithProgress(new Progress<int>())).Message, StringComparison.Ordinal);
        Assert.NotNull(train.WithProgress<object>(new Progress<object>()).Progress);
    }

    [Fact]
    public async Task A_stream_invoker_sends_every_item_through_the_sink_in_batches_and_counts_them()
    {
        var sink = new CollectingSink();
        var invocation = await InvokeAsync(Factory("Produce").Invoke(null, [5])!, sink);

        Assert.Equal([0, 1, 2, 3, 4], sink.Items<int>());
        Assert.Equal(5, invocation.StreamedItems);
        Assert.Equal(sink.Batches.Count, sink.Firsts.Count);
        Assert.Equal(0, sink.Firsts[0]);

        sink = new CollectingSink();
        await InvokeAsync(Factory("Words").Invoke(null, ["to be or not"])!, sink);
        Assert.Equal(["to", "be", "or", "not"], sink.Items<string>());
    }

    [Fact]
    public async Task A_stream_that_throws_sends_the_items_it_yielded_first_then_fails()
    {
        var sink = new CollectingSink();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync(Factory("Failing").Invoke(null, [10])!, sink));

        Assert.Equal("after 10", error.Message);
        Assert.Equal(Enumerable.Range(0, 10), sink.Items<int>());
    }

    [Fact]
    public async Task An_injected_progress_hands_each_report_to_the_engine_serialized_as_it_was_reported()
    {
        var events = new ReportSink();
        var invocation = await InvokeAsync(Factory("Train").Invoke(null, [4])!, null, events);

        Assert.Equal([0.25, 0.5, 0.75, 1.0], events.Reports.Select(b => MemoryPackSerializer.Deserialize<double>(b)));
        Assert.Equal(-1, invocation.StreamedItems);

        // A call run as part of a map has no sink: its reports go nowhere and the method still runs.
        var plain = await InvokeAsync(Factory("Train").Invoke(null, [2])!, null, null);
        Assert.Equal(-1, plain.StreamedItems);
    }

    [Fact]
    public void RK0008_stream_items_that_MemoryPack_cannot_serialize()
    {
        const string source = """
            using RemoteKit;
            public static partial class C
            {
                [Remote] public static IAsyncEnumerable<object> Items() => throw null!;
            }
            """;

        var diagnostic = Assert.Single(CSharpGeneratorRunner.Run(source).GeneratorDiagnostics);
        Assert.Equal("RK0008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(CSharpGeneratorRunner.SpanOf(source, "IAsyncEnumerable<object>"), diagnostic.Location.GetLineSpan().Span);
        Assert.Contains("The items of the stream returned", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("[MemoryPackable]", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void RK0008_progress_values_that_MemoryPack_cannot_serialize()
    {
        const string source = """
            using RemoteKit;
            public static partial class C
            {
                [Remote] public static void Run(int x, IProgress<System.IO.Stream> progress) { }
            }
            """;

        var diagnostic = Assert.Single(CSharpGeneratorRunner.Run(source).GeneratorDiagnostics);
        Assert.Equal("RK0008", diagnostic.Id);
        Assert.Equal(CSharpGeneratorRunner.SpanOf(source, "progress"), diagnostic.Location.GetLineSpan().Span);
        Assert.Contains("reported through parameter 'progress'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void RK0011_more_than_one_progress_parameter()
    {
        const string source = """
            using RemoteKit;
            public static partial class C
            {
                [Remote] public static void Run(IProgress<int> done, IProgress<string> stage) { }
            }
            """;

        var diagnostic = Assert.Single(CSharpGeneratorRunner.Run(source).GeneratorDiagnostics);
        Assert.Equal("RK0011", diagnostic.Id);
        Assert.Equal(CSharpGeneratorRunner.SpanOf(source, "stage"), diagnostic.Location.GetLineSpan().Span);
        Assert.Contains("a tuple or a record", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("await lb.ApplyAsync(Live.Produce, 3);", "'Live.Produce' returns a stream", "which ApplyAsync cannot carry")]
    [InlineData("lb.Map(Live.Words, new[] { \"a\" });", "'Live.Words' returns a stream", "which Map cannot carry")]
    [InlineData("await foreach (var x in all.StreamAsync(Live.Produce, 3)) { }", "A DirectView cannot stream 'Live.Produce'", "client[id]")]
    [InlineData("await foreach (var x in one.StreamAsync(Live.Train, 3)) { }", "'Live.Train' returns no stream", "StreamAsync needs")]
    public async Task RK0009_a_stream_through_an_operation_or_view_that_cannot_carry_it_and_nothing_else(string call, string what, string why)
    {
        var usage = $$"""
            using RemoteKit;
            public static class Misuse
            {
                public static async Task Run(EngineView one, DirectView all, LoadBalancedView lb)
                {
                    await Task.Yield();
                    {{call}}
                }
            }
            """;

        var run = CSharpGeneratorRunner.Run(Live, usage);
        var analyzed = await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation);
        var errors = run.Compilation.GetDiagnostics().Concat(analyzed).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        var diagnostic = Assert.Single(errors);
        Assert.Equal("RK0009", diagnostic.Id);
        Assert.Contains(what, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(why, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("StreamAsync on an EngineView", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RK0010_a_method_reporting_progress_through_a_map_is_a_warning_that_its_reports_are_dropped()
    {
        const string usage = """
            using RemoteKit;
            public static class Mapped
            {
                public static double[] Run(LoadBalancedView lb) => lb.Map(Live.Train, new[] { 1, 2, 3 });
            }
            """;

        var run = CSharpGeneratorRunner.Run(Live, usage);
        var diagnostic = Assert.Single(await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation));

        Assert.Equal("RK0010", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.DefaultSeverity);
        Assert.Equal(CSharpGeneratorRunner.SpanOf(usage, "Live.Train"), diagnostic.Location.GetLineSpan().Span);
        Assert.Contains("IProgress<double>", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("ApplyAsync", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompilationErrors.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public async Task A_lambda_passed_to_StreamAsync_is_RK0006_and_nothing_else()
    {
        const string usage = """
            using RemoteKit;
            public static class Lambda
            {
                public static async Task Run(EngineView one)
                {
                    await foreach (var x in one.StreamAsync((int n) => Enumerable.Range(0, n), 3)) { }
                }
            }
            """;

        var run = CSharpGeneratorRunner.Run(Live, usage);
        var errors = run.Compilation.GetDiagnostics().Concat(await CSharpGeneratorRunner.AnalyzeAsync(run.Compilation))
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.Equal("RK0006", Assert.Single(errors).Id);
    }

    private static MethodInfo Factory(string name) =>
        Generated.Value.GetType("Live+Remote", throwOnError: true)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == name);

    private static async Task<RemoteInvocation> InvokeAsync(object call, IStreamSink? stream, ITaskEventSink? events = null)
    {
        var remoteCall = call as RemoteCall ?? (RemoteCall)call.GetType().GetProperty("Call", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(call)!;
        var invoker = new InvocationHarness(Generated.Value).Invokers.Single(i => i.Method.Id == remoteCall.Method.Id);
        var context = new RemoteContext(0, 1, new EngineNamespace(), CancellationToken.None, events);
        var invocation = new RemoteInvocation(InvocationHarness.WriteArguments(remoteCall), context, new ArrayBufferWriter<byte>(), events, stream);
        await invoker.InvokeAsync(invocation);
        return invocation;
    }

    /// <summary>A stream sink with room for everything, keeping each batch's bytes.</summary>
    private sealed class CollectingSink : IStreamSink
    {
        private ArrayBufferWriter<byte>? _batch;

        public List<byte[]> Batches { get; } = [];

        public List<long> Firsts { get; } = [];

        public int WindowItems => 1000;

        public bool HasRoom => true;

        public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) => default;

        public IBufferWriter<byte> BeginBatch(long first, int count)
        {
            Firsts.Add(first);
            return _batch = new ArrayBufferWriter<byte>();
        }

        public void EndBatch() => Batches.Add(_batch!.WrittenSpan.ToArray());

        public void Start(IStreamFlusher flusher)
        {
        }

        public IEnumerable<T> Items<T>() => Batches.SelectMany(b => MemoryPackSerializer.Deserialize<T[]>(b)!);
    }

    /// <summary>An engine's event sink that keeps every report as it is handed over.</summary>
    private sealed class ReportSink : ITaskEventSink
    {
        public List<byte[]> Reports { get; } = [];

        public void ProgressChanged(LatestValue value)
        {
            var bytes = new ArrayBufferWriter<byte>();
            value.WriteTo(bytes);
            Reports.Add(bytes.WrittenSpan.ToArray());
        }

        public void DataChanged(string name, LatestValue value)
        {
        }
    }
}
