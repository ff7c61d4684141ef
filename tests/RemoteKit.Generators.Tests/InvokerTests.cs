using System.Reflection;

namespace RemoteKit.Generators.Tests;

public class InvokerTests
{
    private const string Shapes = "Company.Product.Compute.Outer+Shapes";

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes, Sources.ViewCalls);
        Assert.Empty(run.GeneratorDiagnostics);
        return CSharpGeneratorRunner.EmitAndLoad(run.Compilation);
    });

    private static InvocationHarness Harness() => new(Generated.Value);

    [Fact]
    public void Provider_lists_every_remote_method_once()
    {
        var names = Harness().Invokers.Select(i => i.Method.Name).ToList();

        Assert.Equal(16, names.Count);
        Assert.Contains("Work.SlowPower(long, int)", names);
        Assert.Contains("Work.WhoAmI(RemoteContext, CancellationToken)", names);
        Assert.Equal(names.Count, Harness().Invokers.Select(i => i.Method.Id).Distinct().Count());
        Assert.All(Harness().Invokers, i => Assert.Equal(i.Method.DeclaringType.Assembly, Generated.Value));
    }

    [Fact]
    public async Task SlowPower_keeps_default_argument()
    {
        var harness = Harness();
        var call = harness.CreateCall("Work", "SlowPower", 2L, 5);

        Assert.IsAssignableFrom<RemoteCall<long>>(call);
        Assert.Equal(32L, await harness.InvokeAsync<long>(call));
    }

    [Fact]
    public async Task Global_parameter_is_read_from_the_namespace()
    {
        var harness = Harness();
        harness.Namespace.Set("i", 3);

        Assert.Equal(8L, await harness.InvokeAsync<long>(harness.CreateCall("Work", "PowerOfGlobal", 2L)));
    }

    [Fact]
    public async Task Missing_global_names_the_variable()
    {
        var harness = Harness();

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(() => harness.InvokeAsync(harness.CreateCall("Work", "PowerOfGlobal", 2L)));
        Assert.Contains("'i'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_and_cancellation_are_injected_into_async_method()
    {
        var harness = Harness();

        Assert.Equal("engine 1 of 2", await harness.InvokeAsync<string>(harness.CreateCall("Work", "WhoAmI"), engineId: 1));
    }

    [Fact]
    public async Task No_result_methods_complete()
    {
        var harness = Harness();
        var counter = Generated.Value.GetType(Shapes, throwOnError: true)!.GetField("Counter")!;
        var before = (int)counter.GetValue(null)!;

        Assert.Empty(await harness.InvokeAsync(harness.CreateCall(Shapes, "Setup")));
        Assert.Empty(await harness.InvokeAsync(harness.CreateCall(Shapes, "NoopAsync")));
        Assert.Empty(await harness.InvokeAsync(harness.CreateCall(Shapes, "DelayAsync", 5)));
        Assert.Equal(before + 1, (int)counter.GetValue(null)!);
    }

    [Fact]
    public async Task ValueTask_results_and_nullable_strings()
    {
        var harness = Harness();

        Assert.Equal("hi", await harness.InvokeAsync<string>(harness.CreateCall(Shapes, "EchoAsync", "hi")));
        Assert.Null(await harness.InvokeAsync<string>(harness.CreateCall(Shapes, "EchoAsync", new object?[] { null })));
        Assert.Equal(2, await harness.InvokeAsync<int>(harness.CreateCall(Shapes, "CountAsync", new List<string> { "a", "b" })));
    }

    [Fact]
    public async Task Many_parameters_round_trip()
    {
        var harness = Harness();
        var mode = Enum.ToObject(Generated.Value.GetType("Company.Product.Compute.Mode", throwOnError: true)!, 1);
        var call = harness.CreateCall(
            Shapes, "Many",
            1, 2L, 3.5, "d", true, 'f', 4.25m, Guid.Empty, new DateTime(2024, 1, 1), new[] { 1, 2 },
            new Dictionary<string, int> { ["k"] = 1 }, (7, "l"), mode, "n", 1.5, 9);

        Assert.Equal("123.5dTruef4.25" + Guid.Empty + "202421lFastn1.59", await harness.InvokeAsync<string>(call));
    }

    [Fact]
    public async Task Overloads_have_distinct_invokers()
    {
        var harness = Harness();

        Assert.Equal(3, await harness.InvokeAsync<int>(harness.CreateCall(Shapes, "Add", 1, 2)));
        Assert.Equal("ab", await harness.InvokeAsync<string>(harness.CreateCall(Shapes, "Add", "a", "b")));
        Assert.Equal(6, await harness.InvokeAsync<int>(harness.CreateCall(Shapes, "Add", 1, 2, 3)));
    }

    [Fact]
    public async Task Named_global_context_and_private_method()
    {
        var harness = Harness();
        harness.Namespace.Set("greeting", "hello");

        Assert.Equal("hello, you from 1", await harness.InvokeAsync<string>(harness.CreateCall(Shapes, "Greet", "you"), engineId: 1));
        Assert.Equal(42, await harness.InvokeAsync<int>(harness.CreateCall(Shapes, "Secret", 21)));
    }

    [Fact]
    public void View_binder_maps_each_delegate_to_its_own_method_and_fills_defaults()
    {
        var work = Generated.Value.GetType("Work", throwOnError: true)!;
        var extensions = Generated.Value.GetType("RemoteKit.RemoteViewExtensions_TestAssembly", throwOnError: true)!;
        var bind = extensions.GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name.StartsWith("__Bind", StringComparison.Ordinal) &&
                m.GetParameters()[0].ParameterType == typeof(Func<long, int, long>) &&
                m.ReturnType == typeof(Func<long, RemoteCall<long>>));

        RemoteCall Bind(Func<long, int, long> method) => ((Func<long, RemoteCall<long>>)bind.Invoke(null, [method])!)(2);

        var slowPower = Bind(work.GetMethod("SlowPower")!.CreateDelegate<Func<long, int, long>>());
        var powerOfGlobal = Bind(work.GetMethod("PowerOfGlobal")!.CreateDelegate<Func<long, int, long>>());

        Assert.Equal("Work.SlowPower(long, int)", slowPower.Method.Name);
        Assert.Equal("Work.PowerOfGlobal(long, int)", powerOfGlobal.Method.Name);
        Assert.Equal(InvocationHarness.WriteArguments(Harness().CreateCall("Work", "SlowPower", 2L, 5)), InvocationHarness.WriteArguments(slowPower));

        var error = Assert.Throws<TargetInvocationException>(() => Bind((x, i) => x + i));
        var argument = Assert.IsType<ArgumentException>(error.InnerException);
        Assert.Equal("method", argument.ParamName);
    }
}
