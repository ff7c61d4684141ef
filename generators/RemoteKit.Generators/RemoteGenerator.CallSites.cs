using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RemoteKit.Generators.Model;

namespace RemoteKit.Generators
{
    public sealed partial class RemoteGenerator
    {
        /// <summary>
        /// Finds call sites that pass a [Remote] method group to a view. The generated extension they will bind to does not exist
        /// in the compilation the generator sees, so the site is matched against each [Remote] candidate's extensions by argument
        /// conversions; a site that matches none or more than one is left to the run-time table.
        /// </summary>
        internal static class CallSites
        {
            private static readonly string[] Views = { "EngineView", "DirectView", "LoadBalancedView" };

            public static bool IsCandidate(SyntaxNode node, CancellationToken _) =>
                node is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Apply" or "ApplyAsync" or "Map" or "MapAsync" or "Execute" or "ExecuteAsync" or "StreamAsync" }
                        or MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Apply" or "ApplyAsync" or "Map" or "MapAsync" or "Execute" or "ExecuteAsync" or "StreamAsync" },
                    ArgumentList.Arguments.Count: > 0,
                };

            /// <summary>
            /// What a view call needs generated: the [Remote] methods its first argument names (their view extensions), and the
            /// site itself when it can be intercepted. Null when the invocation is not a view call.
            /// </summary>
            public static ViewCallSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
            {
                var invocation = (InvocationExpressionSyntax)context.Node;
                var model = context.SemanticModel;
                var receiverType = invocation.Expression is MemberAccessExpressionSyntax access
                    ? model.GetTypeInfo(access.Expression, cancellationToken).Type
                    : invocation.Parent is ConditionalAccessExpressionSyntax conditional ? model.GetTypeInfo(conditional.Expression, cancellationToken).Type : null;
                // An unresolved receiver may still be a view: its [Remote] method groups get their extensions anyway.
                var isView = receiverType is INamedTypeSymbol { ContainingType: null } receiver &&
                    receiver.ContainingNamespace?.ToDisplayString() == "RemoteKit" && Views.Contains(receiver.Name);
                if (!isView && receiverType is not null && receiverType.TypeKind != TypeKind.Error)
                {
                    return null;
                }

                var arguments = invocation.ArgumentList.Arguments;
                var first = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "method") ?? arguments[0];
                var symbols = model.GetSymbolInfo(first.Expression, cancellationToken);
                var candidates = (symbols.Symbol is { } symbol ? new[] { symbol } : symbols.CandidateSymbols.ToArray())
                    .OfType<IMethodSymbol>()
                    .Where(m => m.IsStatic && !m.IsGenericMethod && m.Parameters.Length <= 16 && IsRemote(m))
                    .ToList();
                if (candidates.Count == 0)
                {
                    // Not a [Remote] method group (a lambda, another method, a delegate value): it binds to the extensions of every
                    // [Remote] method of its arity, so that the analyzer's RK0006, not an overload error, tells what is wrong.
                    var arity = isView ? DelegateArity(first.Expression, symbols, model, cancellationToken) : -1;
                    return arity < 0 ? null : new ViewCallSpec(null, ImmutableEquatableArray<ulong>.Empty, arity);
                }

                var used = candidates.Select(m => MethodIdentity.Fnv1a64(MethodIdentity.Signature(m))).Distinct().OrderBy(id => id).ToImmutableEquatableArray();
                var site = isView && invocation.Expression is MemberAccessExpressionSyntax viewAccess
                    ? Site(invocation, viewAccess, (INamedTypeSymbol)receiverType!, model, candidates, cancellationToken)
                    : null;
                return new ViewCallSpec(site, used, -1);
            }

            /// <summary>How many parameters the delegate passed as a view's method takes; -1 when it is not one.</summary>
            private static int DelegateArity(ExpressionSyntax expression, SymbolInfo symbols, SemanticModel model, CancellationToken cancellationToken)
            {
                switch (expression)
                {
                    case ParenthesizedLambdaExpressionSyntax lambda:
                        return lambda.ParameterList.Parameters.Count;
                    case SimpleLambdaExpressionSyntax:
                        return 1;
                    case AnonymousMethodExpressionSyntax anonymous:
                        return anonymous.ParameterList?.Parameters.Count ?? -1;
                }

                var methods = (symbols.Symbol is { } symbol ? new[] { symbol } : symbols.CandidateSymbols.ToArray()).OfType<IMethodSymbol>().ToList();
                if (methods.Count > 0)
                {
                    return methods[0].Parameters.Length;
                }

                return model.GetTypeInfo(expression, cancellationToken).Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke }
                    ? invoke.Parameters.Length
                    : -1;
            }

            /// <summary>The site as an interceptor needs it, when exactly one extension of one candidate fits its arguments.</summary>
            private static CallSiteSpec? Site(
                InvocationExpressionSyntax invocation,
                MemberAccessExpressionSyntax access,
                INamedTypeSymbol receiver,
                SemanticModel model,
                List<IMethodSymbol> candidates,
                CancellationToken cancellationToken)
            {
                var operation = access.Name.Identifier.ValueText;
                var view = receiver.Name;
                var balanced = view == "LoadBalancedView";
                var isStream = operation == "StreamAsync";
                if ((balanced && operation.StartsWith("Execute", System.StringComparison.Ordinal)) || (isStream && view == "DirectView"))
                {
                    return null;
                }

                var arguments = invocation.ArgumentList.Arguments;
                if (arguments[0].NameColon is not null || arguments[0].RefKindKeyword.RawKind != 0)
                {
                    return null;
                }

                var compilation = model.Compilation;
                var enumerable = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
                var token = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
                var progress = compilation.GetTypeByMetadataName("System.IProgress`1");
                var isAsync = operation.EndsWith("Async", System.StringComparison.Ordinal);
                var isMap = operation.StartsWith("Map", System.StringComparison.Ordinal);
                var isExecute = operation.StartsWith("Execute", System.StringComparison.Ordinal);

                // The optional tail each extension declares after the call arguments, by name.
                var tail = new List<(string Name, ITypeSymbol? Type)>();
                if (isMap && balanced)
                {
                    tail.Add(("chunkSize", compilation.GetSpecialType(SpecialType.System_Int32)));
                    tail.Add(("ordered", compilation.GetSpecialType(SpecialType.System_Boolean)));
                }

                if (isAsync)
                {
                    tail.Add(("cancellationToken", token));
                }

                (IMethodSymbol Method, int Count)? match = null;
                foreach (var method in candidates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var callArguments = method.Parameters.Where(p => Parser.KindOf(p, out _) == ParameterKind.Argument).ToList();
                    var resultKind = Parser.ResultKindOf(method, out _);
                    if (resultKind.IsStream() != isStream)
                    {
                        // A stream through another operation, or another method through StreamAsync: RK0009, never intercepted.
                        continue;
                    }

                    // A method reporting progress takes the caller's IProgress<T> after its arguments (not in a map).
                    var methodTail = tail;
                    if (!isMap && progress is not null &&
                        method.Parameters.FirstOrDefault(p => Parser.KindOf(p, out _) == ParameterKind.Progress) is { } reporter)
                    {
                        methodTail = new List<(string Name, ITypeSymbol? Type)> { ("progress", progress.Construct(((INamedTypeSymbol)reporter.Type).TypeArguments[0])) };
                        methodTail.AddRange(tail);
                    }

                    var hasResult = resultKind.HasResult();
                    for (var count = RequiredCount(callArguments); count <= callArguments.Count; count++)
                    {
                        if ((isMap && (!hasResult || count == 0)) || (isExecute && count != 0))
                        {
                            continue;
                        }

                        var types = callArguments.Take(count)
                            .Select(p => isMap ? (ITypeSymbol)enumerable.Construct(p.Type) : p.Type)
                            .ToList();
                        if (Applicable(model, arguments, types, methodTail, cancellationToken))
                        {
                            if (match is not null)
                            {
                                return null;
                            }

                            match = (method, count);
                        }
                    }
                }

                if (match is not { } found ||
#pragma warning disable RSEXPERIMENTAL002 // GetInterceptableLocation is experimental in Roslyn 4.11; it is the documented way to intercept.
                    model.GetInterceptableLocation(invocation, cancellationToken) is not { } location)
#pragma warning restore RSEXPERIMENTAL002
                {
                    return null;
                }

                return new CallSiteSpec(
                    view,
                    operation,
                    MethodIdentity.Fnv1a64(MethodIdentity.Signature(found.Method)),
                    found.Count,
                    location.Version,
                    location.Data);
            }

            /// <summary>Whether the site's arguments after the method group fit <paramref name="types"/> and then the optional tail.</summary>
            private static bool Applicable(
                SemanticModel model,
                SeparatedSyntaxList<ArgumentSyntax> arguments,
                List<ITypeSymbol> types,
                List<(string Name, ITypeSymbol? Type)> tail,
                CancellationToken cancellationToken)
            {
                var filled = new HashSet<string>();
                var position = 0;
                for (var i = 1; i < arguments.Count; i++)
                {
                    var argument = arguments[i];
                    if (argument.RefKindKeyword.RawKind != 0)
                    {
                        return false;
                    }

                    ITypeSymbol? target;
                    if (argument.NameColon is { } name)
                    {
                        var index = tail.FindIndex(t => t.Name == name.Name.Identifier.ValueText);
                        if (index < 0 || !filled.Add(tail[index].Name))
                        {
                            return false;
                        }

                        target = tail[index].Type;
                    }
                    else if (filled.Count > 0)
                    {
                        return false;
                    }
                    else if (position < types.Count)
                    {
                        target = types[position++];
                    }
                    else if (position - types.Count < tail.Count)
                    {
                        target = tail[position - types.Count].Type;
                        position++;
                    }
                    else
                    {
                        return false;
                    }

                    // A `default` literal converts to any type; the model may have typed it for the view's own method of that name.
                    if (target is null ||
                        (!argument.Expression.IsKind(SyntaxKind.DefaultLiteralExpression) && !model.ClassifyConversion(argument.Expression, target).IsImplicit))
                    {
                        return false;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                }

                // Positional arguments that spilled into the tail count as filled by position.
                return position >= types.Count;
            }

            private static int RequiredCount(List<IParameterSymbol> callArguments)
            {
                for (var i = callArguments.Count - 1; i >= 0; i--)
                {
                    if (Helpers.Literals.DefaultValue(callArguments[i]) is null)
                    {
                        return i + 1;
                    }
                }

                return 0;
            }

            private static bool IsRemote(IMethodSymbol method) =>
                method.GetAttributes().Any(a => a.AttributeClass is { } c && Parser.IsType(c, "RemoteKit", "RemoteAttribute"));
        }
    }
}
