using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

/// <summary>Each generator diagnostic: its id, where it points, and that the other methods are still generated.</summary>
public class DiagnosticTests
{
    private static Diagnostic Single(string source, string id)
    {
        var run = CSharpGeneratorRunner.Run(source);
        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        return diagnostic;
    }

    private static void AssertAt(Diagnostic diagnostic, string source, string text, int occurrence = 0)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source0.cs", span.Path);
        Assert.Equal(CSharpGeneratorRunner.SpanOf(source, text, occurrence), span.Span);
    }

    [Fact]
    public void RK0001_InstanceMethod()
    {
        const string source = """
            using RemoteKit;
            public partial class C
            {
                [Remote] public int Instance(int x) => x;
            }
            """;

        AssertAt(Single(source, "RK0001"), source, "Instance");
    }

    [Fact]
    public void RK0002_GenericMethod()
    {
        const string source = """
            using RemoteKit;
            public static partial class C
            {
                [Remote] public static T Echo<T>(T x) => x;
            }
            """;

        AssertAt(Single(source, "RK0002"), source, "Echo");
    }

    [Fact]
    public void RK0002_MethodInGenericType()
    {
        const string source = """
            using RemoteKit;
            public static partial class C<T>
            {
                [Remote] public static int Echo(int x) => x;
            }
            """;

        AssertAt(Single(source, "RK0002"), source, "Echo");
    }

    [Theory]
    [InlineData("ref int x", "is a ref parameter")]
    [InlineData("out int x", "is an out parameter")]
    [InlineData("in int x", "is an in parameter")]
    [InlineData("ref readonly int x", "is a ref readonly parameter")]
    [InlineData("Span<int> x", "is a ref struct ('System.Span<int>')")]
    [InlineData("int* x", "is a pointer")]
    public void RK0003_ByRefParameters(string parameter, string reads)
    {
        var source = $$"""
            using RemoteKit;
            public static unsafe partial class C
            {
                [Remote] public static void M(int a, {{parameter}}) { {{(parameter.StartsWith("out", StringComparison.Ordinal) ? "x = 0;" : "")}} }
            }
            """;

        var diagnostic = Single(source, "RK0003");
        AssertAt(diagnostic, source, "x", occurrence: 0);
        Assert.StartsWith("Parameter 'x' of [Remote] method 'C.M' " + reads + ", which cannot cross process boundaries.",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void RK0003_RefStructResult()
    {
        const string source = """
            using RemoteKit;
            public static partial class C
            {
                [Remote] public static ReadOnlySpan<byte> M() => default;
            }
            """;

        AssertAt(Single(source, "RK0003"), source, "ReadOnlySpan<byte>");
    }

    [Theory]
    [InlineData("object")]
    [InlineData("Func<int>")]
    [InlineData("IDisposable")]
    [InlineData("Stream")]
    [InlineData("List<object>")]
    [InlineData("Plain")]
    public void RK0004_NotSerializableParameter(string type)
    {
        var source = $$"""
            using RemoteKit;
            public class Plain { public string? Name { get; set; } }
            public static partial class C
            {
                [Remote] public static int M(int ok, {{type}} value) => 0;
            }
            """;

        var diagnostic = Single(source, "RK0004");
        AssertAt(diagnostic, source, "value");
        Assert.Contains("MemoryPack", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void RK0004_NotSerializableResult()
    {
        const string source = """
            using RemoteKit;
            public static partial class C
            {
                [Remote] public static Task<object> M() => Task.FromResult(new object());
            }
            """;

        AssertAt(Single(source, "RK0004"), source, "Task<object>");
    }

    [Fact]
    public void RK0004_AcceptsMemoryPackableAndUnmanagedTypes()
    {
        const string source = """
            using MemoryPack;
            using RemoteKit;
            [MemoryPackable] public partial class Packed { public int X { get; set; } }
            public struct Unmanaged { public int A; public double B; }
            public static partial class C
            {
                [Remote] public static Dictionary<string, Packed[]> M(Unmanaged u, (int, Guid) t, TimeSpan s, Version v) => new();
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void RK0005_ContainingTypeNotPartial()
    {
        const string source = """
            using RemoteKit;
            public static partial class Outer
            {
                public static class Inner
                {
                    [Remote] public static int M(int x) => x;
                }
            }
            """;

        var diagnostic = Single(source, "RK0005");
        AssertAt(diagnostic, source, "M");
        Assert.Contains("'Inner'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void RK0007_PrivateContainingType()
    {
        const string source = """
            using RemoteKit;
            public static partial class Outer
            {
                private static partial class Inner
                {
                    [Remote] public static int M(int x) => x;
                }
            }
            """;

        AssertAt(Single(source, "RK0007"), source, "M");
    }

    [Fact]
    public void Invalid_methods_do_not_stop_other_methods()
    {
        const string source = """
            using RemoteKit;
            public partial class C
            {
                [Remote] public int Bad(int x) => x;
                [Remote] public static int Good(int x) => x;
            }
            """;

        var run = CSharpGeneratorRunner.Run(source);

        Assert.Equal("RK0001", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("Good(int x)", run.GeneratedSource("C.Good"), StringComparison.Ordinal);
        Assert.DoesNotContain("Bad", run.GeneratedSource("RemoteMethodProvider"), StringComparison.Ordinal);
    }
}
