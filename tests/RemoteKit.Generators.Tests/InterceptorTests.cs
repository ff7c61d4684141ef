using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RemoteKit.Generators.Tests;

public class InterceptorTests
{
    private const string Usage = """
        using RemoteKit;
        using Company.Product.Compute;

        public static class Usage
        {
            public static async Task Run(EngineView one, DirectView all, LoadBalancedView lb)
            {
                long[] five = await all.ApplyAsync(Work.SlowPower, 5, 5);
                long two = lb.Apply(Work.SlowPower, 2);
                long global = await lb.ApplyAsync(Work.PowerOfGlobal, 2, cancellationToken: default);
                string who = await one.ApplyAsync(Work.WhoAmI);
                int sum = lb.Apply(Outer.Shapes.Add, 1, 2);
                string cat = lb.Apply(Outer.Shapes.Add, "a", "b");
                int sum3 = one.Apply(Outer.Shapes.Add, 1, 2, 3);
                long[] mapped = await lb.MapAsync(Work.SlowPower, new long[] { 1, 2 }, new[] { 3, 4 }, chunkSize: 10, ordered: false);
                long[] direct = all.Map(Work.SlowPower, new long[] { 1, 2 });
                await all.ExecuteAsync(Outer.Shapes.Setup);
                await lb.ApplyAsync(Outer.Shapes.DelayAsync, 10);
                string? echo = await lb.ApplyAsync(Outer.Shapes.EchoAsync, null);
                Point moved = lb.Apply(Point.Move, new Point(1, 2), 3);
                long again = lb.Apply(Work.SlowPower, 3);
            }
        }
        """;

    [Fact]
    public void Every_method_group_call_site_is_intercepted_and_the_output_compiles_without_warnings()
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes, Usage);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationErrors);
        var interceptors = run.GeneratedSource("Interceptors");
        var sites = CallSites(run.Compilation, "Source2.cs");
        Assert.Equal(14, sites.Count);
        Assert.All(sites, site => Assert.Contains(site, interceptors, StringComparison.Ordinal));

        // Intercepted sites call the method's own factory: no table, no delegate comparison.
        Assert.DoesNotContain("__Bind", interceptors, StringComparison.Ordinal);
        Assert.Contains("view.ApplyAsync(global::Work.Remote.SlowPower(x, i), cancellationToken)", interceptors, StringComparison.Ordinal);
        Assert.Contains("view.Apply(global::Company.Product.Compute.Outer.Shapes.Remote.Add(a, b))", interceptors, StringComparison.Ordinal);
    }

    [Fact]
    public void Sites_that_share_a_view_method_and_argument_count_share_one_interceptor()
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes, Usage);

        var interceptors = run.GeneratedSource("Interceptors");
        var apply = interceptors.Split('\n').Count(l => l.Contains(" Apply_", StringComparison.Ordinal));
        // Six Apply sites: lb.Apply(Work.SlowPower, 2) and (…, 3) share one; the three Add overloads and Point.Move get their own.
        Assert.Equal(5, apply);
    }

    [Fact]
    public void Nullable_oblivious_signatures_are_intercepted_without_warnings()
    {
        var run = CSharpGeneratorRunner.Run(Sources.NullableText);

        Assert.Empty(run.CompilationErrors);
        var interceptors = run.GeneratedSource("Interceptors");
        Assert.All(CallSites(run.Compilation, "Source0.cs"), site => Assert.Contains(site, interceptors, StringComparison.Ordinal));
    }

    [Fact]
    public void A_delegate_held_in_a_variable_is_left_to_the_run_time_table()
    {
        const string usage = """
            using RemoteKit;

            public static class Usage
            {
                public static void Run(LoadBalancedView lb)
                {
                    Func<long, int, long> variable = Work.SlowPower;
                    long a = lb.Apply(variable, 2, 2);
                    long b = lb.Apply(Work.SlowPower, 2, 2);
                }
            }
            """;

        var run = CSharpGeneratorRunner.Run(Sources.Work, usage);

        Assert.Empty(run.CompilationErrors);
        var interceptors = run.GeneratedSource("Interceptors");
        var sites = CallSites(run.Compilation, "Source1.cs");
        Assert.DoesNotContain(sites[0], interceptors, StringComparison.Ordinal);
        Assert.Contains(sites[1], interceptors, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_opt_in_no_interceptors_are_emitted_and_calls_still_compile()
    {
        var compilation = CSharpGeneratorRunner.CreateCompilation(CSharpGeneratorRunner.ParseOptionsWithoutInterceptors, Sources.Work, Sources.Shapes, Usage);

        var run = CSharpGeneratorRunner.Run(compilation);

        Assert.Empty(run.CompilationErrors);
        Assert.DoesNotContain(run.Result.Results.Single().GeneratedSources, s => s.HintName.Contains("Interceptors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_run_time_table_binds_remote_methods_held_in_variables_with_their_defaults()
    {
        var (assembly, harness) = Load();
        var bind = Binder(assembly, typeof(Func<long, int, long>), typeof(Func<long, RemoteCall<long>>));
        var work = assembly.GetType("Work")!;

        var slowPower = (Func<long, RemoteCall<long>>)bind.Invoke(null, [work.GetMethod("SlowPower")!.CreateDelegate<Func<long, int, long>>()])!;
        var powerOfGlobal = (Func<long, RemoteCall<long>>)bind.Invoke(null, [work.GetMethod("PowerOfGlobal")!.CreateDelegate<Func<long, int, long>>()])!;
        harness.Namespace.Set("i", 3);

        Assert.Equal(32L, await harness.InvokeAsync<long>(slowPower(2)));
        Assert.Equal(8L, await harness.InvokeAsync<long>(powerOfGlobal(2)));
    }

    [Fact]
    public void The_run_time_table_rejects_delegates_that_are_not_remote_methods()
    {
        var (assembly, _) = Load();
        var bind = Binder(assembly, typeof(Func<long, int, long>), typeof(Func<long, int, RemoteCall<long>>));
        var plain = assembly.GetType("Plain")!.GetMethod("Power")!.CreateDelegate<Func<long, int, long>>();
        Func<long, int, long> lambda = (x, i) => x + i;

        var named = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(() => bind.Invoke(null, [plain])).InnerException);
        var anonymous = Assert.IsType<ArgumentException>(Assert.Throws<TargetInvocationException>(() => bind.Invoke(null, [lambda])).InnerException);

        Assert.Contains("'Plain.Power' is not a [Remote] method", named.Message, StringComparison.Ordinal);
        Assert.Contains("a lambda or local function is not a [Remote] method", anonymous.Message, StringComparison.Ordinal);
    }

    private static (Assembly Assembly, InvocationHarness Harness) Load()
    {
        const string plain = "public static class Plain { public static long Power(long x, int i) => x * i; }";
        var run = CSharpGeneratorRunner.Run(Sources.Work, plain, Sources.ViewCalls);
        Assert.Empty(run.CompilationErrors);
        var assembly = CSharpGeneratorRunner.EmitAndLoad(run.Compilation);
        return (assembly, new InvocationHarness(assembly));
    }

    /// <summary>The generated extensions' private binder from <paramref name="delegateType"/> to <paramref name="factoryType"/>.</summary>
    private static MethodInfo Binder(Assembly assembly, Type delegateType, Type factoryType) =>
        assembly.GetType("RemoteKit.RemoteViewExtensions_TestAssembly")!
            .GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name.StartsWith("__Bind", StringComparison.Ordinal) &&
                m.GetParameters().Single().ParameterType == delegateType && m.ReturnType == factoryType);

    /// <summary>The interceptable location data of every view call in <paramref name="path"/>, in source order.</summary>
    private static List<string> CallSites(Compilation compilation, string path)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var model = compilation.GetSemanticModel(tree);
#pragma warning disable RSEXPERIMENTAL002 // The same API the generator uses to name a call site.
        return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Apply" or "ApplyAsync" or "Map" or "MapAsync" or "ExecuteAsync" })
            .Select(i => model.GetInterceptableLocation(i)!.Data)
            .ToList();
#pragma warning restore RSEXPERIMENTAL002
    }
}
