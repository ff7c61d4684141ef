using System.Buffers;
using System.Reflection;
using RemoteKit.Protocol;
using RemoteKit.Transport;

namespace RemoteKit.Generators.Tests;

/// <summary>
/// Which methods the generator gives a column loop (map chunks sent as one raw array per parameter), what it emits for them,
/// and that the emitted loop computes what the per-call invoker computes, failing only the item that throws.
/// </summary>
public class ColumnarTests
{
    private const string Shapes = "Company.Product.Compute.Outer+Shapes";

    private const string Columnar = """
        using RemoteKit;

        namespace Cols;

        public struct Pair { public int A; public double B; }

        public static partial class Numbers
        {
            [Remote] public static int Inverse(int x) => 100 / x;
            [Remote] public static double Mix(Pair p, long scale, (int, byte) offset) => (p.A + p.B) * scale + offset.Item1 - offset.Item2;
            [Remote] public static int Maybe(int? x) => x ?? -1;
            [Remote] public static async Task<int> LaterAsync(int x) { await Task.Yield(); return x; }
            [Remote] public static int WithToken(int x, CancellationToken ct) => x;
            [Remote] public static int WithContext(int x, RemoteContext ctx) => x + ctx.EngineId;
            [Remote] public static int Seeded(int x, [Global] int seed) => x + seed;
            [Remote] public static int NameLength((int Id, string Name) n) => n.Name.Length;
            [Remote] public static int Constant() => 7;
            [Remote] public static void Nothing(int x) { }
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes, Columnar);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        return CSharpGeneratorRunner.EmitAndLoad(run.Compilation);
    });

    private static InvocationHarness Harness() => new(Generated.Value);

    [Theory]
    [InlineData("Work.SlowPower(long, int)")]
    [InlineData("Outer.Shapes.Add(int, int)")]
    [InlineData("Outer.Shapes.Add(int, int, int)")]
    [InlineData("Outer.Shapes.Hidden(int)")]
    [InlineData("Outer.Shapes.Secret(int)")]
    [InlineData("Point.Move(Point, int)")]
    [InlineData("Numbers.Inverse(int)")]
    [InlineData("Numbers.Mix(Pair, long, (int, byte))")]
    public void Synchronous_methods_of_unmanaged_values_get_a_column_loop(string name)
    {
        var invoker = Harness().Invokers.Single(i => i.Method.Name == name);

        Assert.True(invoker.Method.IsColumnar);
        Assert.NotNull(invoker.Columns);
    }

    [Theory]
    [InlineData("Work.PowerOfGlobal(long, int)")]
    [InlineData("Work.WhoAmI(RemoteContext, CancellationToken)")]
    [InlineData("Outer.Shapes.Add(string, string)")]
    [InlineData("Outer.Shapes.CountAsync(List<string>)")]
    [InlineData("Numbers.LaterAsync(int)")]
    [InlineData("Numbers.WithToken(int, CancellationToken)")]
    [InlineData("Numbers.WithContext(int, RemoteContext)")]
    [InlineData("Numbers.Seeded(int, int)")]
    [InlineData("Numbers.NameLength((int Id, string Name))")]
    [InlineData("Numbers.Constant()")]
    [InlineData("Numbers.Maybe(int?)")]
    [InlineData("Numbers.Nothing(int)")]
    public void Async_injected_global_managed_argumentless_and_void_methods_stay_per_call(string name)
    {
        var invoker = Harness().Invokers.Single(i => i.Method.Name == name);

        Assert.False(invoker.Method.IsColumnar);
        Assert.Null(invoker.Columns);
    }

    [Fact]
    public void The_provider_hands_the_method_group_to_the_shared_loop_and_a_private_method_gets_a_factory_in_its_type()
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes, Columnar);
        var inverse = run.GeneratedSource("Cols.Numbers.Inverse.");
        var secret = run.GeneratedSource(".Secret.");
        var seeded = run.GeneratedSource("Cols.Numbers.Seeded.");
        var provider = run.GeneratedSource("RemoteMethodProvider");

        Assert.Contains("typeof(global::Cols.Numbers), isColumnar: true);", inverse, StringComparison.Ordinal);
        Assert.Contains(", global::RemoteKit.RemoteColumns.Loop<int, int>(global::Cols.Numbers.Inverse)),", provider, StringComparison.Ordinal);
        Assert.DoesNotContain("_Columns", inverse, StringComparison.Ordinal);
        Assert.DoesNotContain("struct", inverse, StringComparison.Ordinal);

        // The provider cannot name a private method: its type hands out the loop.
        Assert.Matches(
            @"internal static global::RemoteKit\.RemoteColumnLoop (__Secret_[0-9A-F]{16})_Columns\(\) => global::RemoteKit\.RemoteColumns\.Loop<int, int>\(global::Company\.Product\.Compute\.Outer\.Shapes\.Secret\);",
            secret);
        Assert.Matches(@"\.Remote\.__Secret_[0-9A-F]{16}_Columns\(\)\),", provider);

        Assert.DoesNotContain("isColumnar", seeded, StringComparison.Ordinal);
        Assert.DoesNotContain("_Columns", seeded, StringComparison.Ordinal);
        Assert.DoesNotContain("Loop<int, int, int>(global::Cols.Numbers.Seeded)", provider, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_column_loop_gives_what_the_per_call_invoker_gives()
    {
        var harness = Harness();
        var calls = Enumerable.Range(0, 50)
            .Select(i => harness.CreateCall(Shapes, "Add", i, 1000 - (3 * i)))
            .ToArray();

        await AssertSameAsPerCallAsync<int>(harness, calls);
    }

    [Fact]
    public async Task Struct_and_tuple_columns_round_trip()
    {
        var harness = Harness();
        var pair = Generated.Value.GetType("Cols.Pair", throwOnError: true)!;
        var calls = Enumerable.Range(0, 9).Select(i =>
        {
            var p = Activator.CreateInstance(pair)!;
            pair.GetField("A")!.SetValue(p, i);
            pair.GetField("B")!.SetValue(p, i / 4.0);
            return harness.CreateCall("Cols.Numbers", "Mix", p, (long)i + 1, (i * 3, (byte)i));
        }).ToArray();

        await AssertSameAsPerCallAsync<double>(harness, calls);
    }

    [Fact]
    public async Task An_item_that_throws_fails_alone_with_its_exception_and_a_default_slot()
    {
        var harness = Harness();
        var xs = new[] { 5, 4, 0, 20, 1 };
        var calls = xs.Select(x => harness.CreateCall("Cols.Numbers", "Inverse", x)).ToArray();

        var (results, failures) = RunColumns<int>(harness, calls);

        var (index, error) = Assert.Single(failures!);
        Assert.Equal(2, index);
        Assert.IsType<DivideByZeroException>(error);
        Assert.Equal([20, 25, 0, 5, 100], results);
        await Assert.ThrowsAsync<DivideByZeroException>(() => harness.InvokeAsync(calls[2]));
    }

    [Fact]
    public void A_chunk_mixing_two_methods_is_refused_like_the_per_call_one()
    {
        var harness = Harness();
        RemoteCall[] calls = [harness.CreateCall(Shapes, "Add", 1, 2), harness.CreateCall(Shapes, "Hidden", 3)];

        var error = Assert.Throws<ArgumentException>(() => calls[0].WriteColumns(new FrameBuilder(0), calls));
        Assert.Equal(
            "A map chunk mixes Outer.Shapes.Add(int, int) and Outer.Shapes.Hidden(int); map calls of one method.",
            error.Message);
    }

    /// <summary>Every item of the column loop succeeds with what the per-call invoker returns for it.</summary>
    private static async Task AssertSameAsPerCallAsync<T>(InvocationHarness harness, RemoteCall[] calls)
        where T : unmanaged
    {
        var (results, failures) = RunColumns<T>(harness, calls);

        Assert.Null(failures);
        for (var i = 0; i < calls.Length; i++)
        {
            Assert.Equal(await harness.InvokeAsync<T>(calls[i]), results[i]);
        }
    }

    /// <summary>Writes the calls as a columns task the way the client does, reads it back the way the engine does, and runs the loop.</summary>
    private static (T[] Results, List<(int Index, Exception Error)>? Failures) RunColumns<T>(InvocationHarness harness, RemoteCall[] calls)
        where T : unmanaged
    {
        Assert.True(calls[0].HasColumns);
        var frame = new FrameBuilder(0);
        new ColumnsTask(calls[0].Method.Id, new byte[CodeBundle.HashLength], calls.Length, 0).Write(frame);
        calls[0].WriteColumns(frame, calls);
        var sent = frame.Finish();
        try
        {
            var reader = new WireReader(new ReadOnlySequence<byte>(sent.Memory[Frame.HeaderLength..]));
            Assert.Equal(TaskKind.Columns, TaskBody.ReadKind(ref reader));
            var task = ColumnsTask.Read(ref reader);
            var columns = new ReadOnlyMemory<byte>[task.Columns];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = TaskBody.AsMemory(ColumnsTask.ReadColumn(ref reader));
            }

            reader.ExpectEnd();
            var loop = harness.Invokers.Single(i => i.Method.Id == task.MethodId).Columns!;
            Assert.Equal(columns.Length, loop.Arity);
            var results = new T[task.Count];
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(results.AsSpan()).Fill(0xAB);
            var chunk = new ColumnChunk(columns, task.Count, System.Runtime.InteropServices.MemoryMarshal.AsBytes(results.AsSpan()), CancellationToken.None);
            loop.Run(ref chunk);
            return (results, chunk.Failures);
        }
        finally
        {
            sent.Return();
        }
    }
}
