using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RemoteKit.Generators
{
    /// <summary>
    /// Reports RK0006 when a view's <c>Apply</c>/<c>ApplyAsync</c>/<c>Map</c>/<c>MapAsync</c>/<c>Execute</c>/<c>ExecuteAsync</c>
    /// is given, as its <c>method</c> argument, anything other than a method group of a [Remote] method. The generated
    /// extensions would reject it at run time; this makes it a compile-time error. The runtime's
    /// <c>MapAsync(items, factory)</c> takes a lambda on purpose (it runs locally) and is not flagged.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class RemoteMethodArgumentAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> ViewMethods =
            ImmutableHashSet.Create("Apply", "ApplyAsync", "Map", "MapAsync", "Execute", "ExecuteAsync", "StreamAsync");

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(
                DiagnosticDescriptors.NotARemoteMethod, DiagnosticDescriptors.StreamMismatch, DiagnosticDescriptors.ProgressDroppedInMap, DiagnosticDescriptors.ResultTypeMismatch);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var remoteAttribute = start.Compilation.GetTypeByMetadataName("RemoteKit.RemoteAttribute");
                var view = start.Compilation.GetTypeByMetadataName("RemoteKit.View");
                if (remoteAttribute is null || view is null)
                {
                    return;
                }

                start.RegisterOperationAction(
                    c => AnalyzeInvocation(c, remoteAttribute, view),
                    OperationKind.Invocation);
                start.RegisterSyntaxNodeAction(
                    c => ResultArguments.Analyze(c, remoteAttribute, view),
                    Microsoft.CodeAnalysis.CSharp.SyntaxKind.InvocationExpression);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol remoteAttribute, INamedTypeSymbol view)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var target = invocation.TargetMethod;
            if (!ViewMethods.Contains(target.Name))
            {
                return;
            }

            var receiverType = target.IsExtensionMethod
                ? (target.ReducedFrom ?? target).Parameters.FirstOrDefault()?.Type
                : target.ContainingType;
            if (!DerivesFrom(receiverType, view))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { Name: "method", Type.TypeKind: TypeKind.Delegate })
                {
                    continue;
                }

                if (Describe(argument.Value, remoteAttribute) is { } what)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotARemoteMethod, argument.Syntax.GetLocation(), what));
                }
                else if (Referenced(argument.Value) is { } method)
                {
                    CheckShape(context, argument.Syntax.GetLocation(), method, target.Name, receiverType!);
                }
            }
        }

        /// <summary>RK0009 for a stream through an operation or view that cannot carry it (or the reverse); RK0010 for progress in a map.</summary>
        private static void CheckShape(OperationAnalysisContext context, Location location, IMethodSymbol method, string operation, ITypeSymbol view)
        {
            var name = method.ContainingType.Name + "." + method.Name;
            var isStream = method.ReturnType is INamedTypeSymbol returned &&
                (RemoteGenerator.Parser.IsType(returned, "System.Collections.Generic", "IAsyncEnumerable`1") ||
                 RemoteGenerator.Parser.IsType(returned, "System.Collections.Generic", "IEnumerable`1"));
            string? mismatch = null;
            if (operation == "StreamAsync" && !isStream)
            {
                mismatch = "'" + name + "' returns no stream, which StreamAsync needs";
            }
            else if (operation == "StreamAsync" && view.Name == "DirectView")
            {
                mismatch = "A DirectView cannot stream '" + name + "': the items of several engines have no one order (stream from each engine, client[id], instead)";
            }
            else if (operation != "StreamAsync" && isStream)
            {
                mismatch = "'" + name + "' returns a stream (" + method.ReturnType.ToDisplayString() + "), which " + operation + " cannot carry";
            }

            if (mismatch is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StreamMismatch, location, mismatch));
                return;
            }

            if (operation.StartsWith("Map", System.StringComparison.Ordinal) &&
                method.Parameters.FirstOrDefault(p => RemoteGenerator.Parser.KindOf(p, out _) == Model.ParameterKind.Progress) is { Type: INamedTypeSymbol progress })
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ProgressDroppedInMap, location, name, progress.TypeArguments[0].ToDisplayString(), operation));
            }
        }

        /// <summary>The method a method group names, through conversions.</summary>
        private static IMethodSymbol? Referenced(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is IDelegateCreationOperation { Target: IMethodReferenceOperation reference } ? reference.Method : null;
        }

        /// <summary>Null for a method group of a [Remote] method; otherwise what the value is, for the message.</summary>
        private static string? Describe(IOperation value, INamedTypeSymbol remoteAttribute)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is not IDelegateCreationOperation creation)
            {
                return "This delegate value";
            }

            switch (creation.Target)
            {
                case IAnonymousFunctionOperation:
                    return "A lambda or anonymous method";
                case IMethodReferenceOperation reference:
                    var method = reference.Method;
                    if (method.MethodKind == MethodKind.LocalFunction)
                    {
                        return "Local function '" + method.Name + "'";
                    }

                    var isRemote = method.IsStatic && method.OriginalDefinition.GetAttributes()
                        .Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, remoteAttribute));
                    return isRemote ? null : "Method '" + method.ContainingType.Name + "." + method.Name + "'";
                default:
                    return "This delegate value";
            }
        }

        internal static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
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
}
