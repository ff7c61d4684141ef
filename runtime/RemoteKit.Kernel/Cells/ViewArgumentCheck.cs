using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using RemoteKit.Generators;

namespace RemoteKit.Kernel.Cells;

/// <summary>
/// RK0006 for script cells: a lambda, a local function or a method that is not [Remote] passed to a view's
/// <c>Apply</c>/<c>Map</c>/<c>Execute</c> is a compile error, as RemoteKit's analyzer makes it in a project. Roslyn runs no
/// operation actions over script submissions, so the analyzer cannot see them; this applies its rule (and reports its
/// descriptor) to the submission's invocations.
/// </summary>
internal static class ViewArgumentCheck
{
    private static readonly DiagnosticDescriptor Rule = new RemoteMethodArgumentAnalyzer().SupportedDiagnostics[0];
    private static readonly HashSet<string> ViewMethods = ["Apply", "ApplyAsync", "Map", "MapAsync", "Execute", "ExecuteAsync"];

    public static IEnumerable<Diagnostic> Check(Compilation compilation, CancellationToken cancellationToken)
    {
        var remote = compilation.GetTypeByMetadataName("RemoteKit.RemoteAttribute");
        var view = compilation.GetTypeByMetadataName("RemoteKit.View");
        if (remote is null || view is null)
        {
            yield break;
        }

        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        foreach (var syntax in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation || !ViewMethods.Contains(invocation.TargetMethod.Name))
            {
                continue;
            }

            var target = invocation.TargetMethod;
            var receiver = target.IsExtensionMethod ? (target.ReducedFrom ?? target).Parameters.FirstOrDefault()?.Type : target.ContainingType;
            if (!DerivesFrom(receiver, view))
            {
                continue;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { Name: "method", Type.TypeKind: TypeKind.Delegate } && Describe(argument.Value, remote) is { } what)
                {
                    yield return Diagnostic.Create(Rule, argument.Syntax.GetLocation(), what);
                }
            }
        }
    }

    private static string? Describe(IOperation value, INamedTypeSymbol remote)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is not IDelegateCreationOperation creation
            ? "This delegate value"
            : creation.Target switch
            {
                IAnonymousFunctionOperation => "A lambda or anonymous method",
                IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } local => "Local function '" + local.Method.Name + "'",
                IMethodReferenceOperation reference => reference.Method.IsStatic && reference.Method.OriginalDefinition.GetAttributes()
                    .Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, remote))
                    ? null
                    : "Method '" + reference.Method.ContainingType.Name + "." + reference.Method.Name + "'",
                _ => "This delegate value",
            };
    }

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
