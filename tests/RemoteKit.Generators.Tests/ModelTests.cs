using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators.Tests;

/// <summary>Pipeline models must be plain data: a symbol, compilation or syntax node inside would defeat caching and leak memory.</summary>
public class ModelTests
{
    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(Compilation), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel)];

    [Fact]
    public void Tracked_step_outputs_hold_no_Roslyn_objects()
    {
        const string invalid = """
            using RemoteKit;
            public partial class Invalid
            {
                [Remote] public int NotStatic(object o) => 0;
            }
            """;
        var run = CSharpGeneratorRunner.Run(Sources.Work, Sources.Shapes, invalid);
        var steps = run.Result.Results.Single().TrackedSteps;

        Assert.NotEmpty(run.GeneratorDiagnostics);
        var walked = 0;
        foreach (var name in new[] { RemoteGenerator.TrackingNames.Parsed, RemoteGenerator.TrackingNames.Diagnostics, RemoteGenerator.TrackingNames.Methods, RemoteGenerator.TrackingNames.AllMethods, RemoteGenerator.TrackingNames.Assembly })
        {
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
            {
                Walk(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                walked++;
            }
        }

        Assert.True(walked > 10);
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value is Pointer)
        {
            return;
        }

        var type = value.GetType();
        Assert.False(Forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
        if (type.IsPrimitive || type.IsEnum || (!type.IsValueType && !visited.Add(value)))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                {
                    Walk(field.GetValue(value), path + "." + field.Name, visited);
                }
            }
        }
    }
}
