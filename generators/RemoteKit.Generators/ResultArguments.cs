using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace RemoteKit.Generators
{
    /// <summary>
    /// RK0012: a view call that did not bind because an argument is an <c>AsyncResult&lt;X&gt;</c> or <c>RemoteRef&lt;X&gt;</c>
    /// where the [Remote] method's parameter is not an <c>X</c>. The compiler only says no overload fits; this names the
    /// argument, the parameter and both types.
    /// </summary>
    internal static class ResultArguments
    {
        public static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol remoteAttribute, INamedTypeSymbol view)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Apply" or "ApplyAsync" } access ||
                invocation.ArgumentList.Arguments.Count < 2)
            {
                return;
            }

            var model = context.SemanticModel;
            if (model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not null ||
                !RemoteMethodArgumentAnalyzer.DerivesFrom(model.GetTypeInfo(access.Expression, context.CancellationToken).Type, view))
            {
                return;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var groups = model.GetSymbolInfo(arguments[0].Expression, context.CancellationToken);
            var methods = (groups.Symbol is { } one ? new[] { one } : groups.CandidateSymbols.ToArray())
                .OfType<IMethodSymbol>()
                .Where(m => m.IsStatic && m.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, remoteAttribute)))
                .ToList();
            if (methods.Count != 1)
            {
                return;
            }

            var method = methods[0];
            var parameters = method.Parameters.Where(p => RemoteGenerator.Parser.KindOf(p, out _) == Model.ParameterKind.Argument).ToList();
            for (var i = 1; i < arguments.Count && i - 1 < parameters.Count; i++)
            {
                var argument = arguments[i];
                if (argument.NameColon is not null)
                {
                    break;
                }

                if (model.GetTypeInfo(argument.Expression, context.CancellationToken).Type is not INamedTypeSymbol { IsGenericType: true } type ||
                    type.ContainingNamespace?.ToDisplayString() != "RemoteKit" || (type.Name != "AsyncResult" && type.Name != "RemoteRef"))
                {
                    continue;
                }

                var parameter = parameters[i - 1];
                if (!SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], parameter.Type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ResultTypeMismatch,
                        argument.GetLocation(),
                        argument.ToString(),
                        "a " + type.ToDisplayString(),
                        parameter.Name,
                        method.ContainingType.Name + "." + method.Name,
                        "a " + parameter.Type.ToDisplayString()));
                }
            }
        }
    }
}
