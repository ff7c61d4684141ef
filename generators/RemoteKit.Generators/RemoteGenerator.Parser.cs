using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RemoteKit.Generators.Helpers;
using RemoteKit.Generators.Model;

namespace RemoteKit.Generators
{
    public sealed partial class RemoteGenerator
    {
        /// <summary>Turns one [Remote] method symbol into a <see cref="RemoteMethodSpec"/> and its diagnostics.</summary>
        internal static class Parser
        {
            public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            {
                var method = (IMethodSymbol)context.TargetSymbol;
                var syntax = (MethodDeclarationSyntax)context.TargetNode;
                var diagnostics = new List<DiagnosticInfo>();
                var methodName = method.ContainingType.Name + "." + method.Name;
                var methodLocation = syntax.Identifier.GetLocation();

                if (!method.IsStatic)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotStatic, methodLocation, methodName));
                }

                if (method.IsGenericMethod || ContainingTypes(method).Any(t => t.IsGenericType))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Generic, methodLocation, methodName));
                }

                foreach (var declaration in syntax.Ancestors().OfType<TypeDeclarationSyntax>())
                {
                    if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, methodLocation, declaration.Identifier.ValueText, methodName));
                    }
                }

                foreach (var type in ContainingTypes(method))
                {
                    if (!IsAccessibleInAssembly(type))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, methodLocation, "The containing type", methodName, type.Name));
                        break;
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();

                var hasErrorTypes = false;
                var parameters = new List<ParameterSpec>();
                ITypeSymbol? progressType = null;
                foreach (var parameter in method.Parameters)
                {
                    var location = parameter.Locations.FirstOrDefault();
                    var what = "Parameter '" + parameter.Name + "'";
                    var kind = KindOf(parameter, out var globalName);
                    hasErrorTypes |= ContainsErrorType(parameter.Type);

                    if (parameter.RefKind != RefKind.None)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRef, location, what, methodName, RefKindName(parameter.RefKind) + " parameter"));
                    }
                    else if (ByRefLike(parameter.Type) is { } byRef)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRef, location, what, methodName, byRef));
                    }
                    else if (kind is ParameterKind.Argument or ParameterKind.Global && !hasErrorTypes)
                    {
                        CheckType(parameter.Type, location, what, methodName, diagnostics);
                    }
                    else if (kind == ParameterKind.Progress)
                    {
                        var reported = ((INamedTypeSymbol)parameter.Type).TypeArguments[0];
                        if (progressType is not null)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyProgress, location, methodName));
                        }
                        else if (!hasErrorTypes)
                        {
                            CheckLiveType(reported, location, "The values reported through parameter '" + parameter.Name + "'", methodName, diagnostics);
                        }

                        progressType ??= reported;
                    }

                    parameters.Add(new ParameterSpec(
                        Identifiers.Escape(parameter.Name),
                        parameter.Type.ToDisplayString(MethodIdentity.TypeFormat),
                        parameter.Type.ToDisplayString(MethodIdentity.KeyFormat),
                        kind,
                        globalName,
                        kind == ParameterKind.Argument ? Literals.DefaultValue(parameter) : null));
                }

                var returnLocation = syntax.ReturnType.GetLocation();
                var resultKind = ResultKindOf(method, out var resultType);
                hasErrorTypes |= ContainsErrorType(method.ReturnType);
                if (method.ReturnsByRef || method.ReturnsByRefReadonly)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRef, returnLocation, "The result", methodName, "returned by reference"));
                }
                else if (resultType is not null && ByRefLike(resultType) is { } byRef)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRef, returnLocation, "The result", methodName, byRef));
                }
                else if (resultType is not null && !hasErrorTypes && resultKind.IsStream())
                {
                    CheckLiveType(resultType, returnLocation, "The items of the stream returned", methodName, diagnostics);
                }
                else if (resultType is not null && !hasErrorTypes)
                {
                    CheckType(resultType, returnLocation, "The result", methodName, diagnostics);
                }

                if (diagnostics.Count > 0 || hasErrorTypes)
                {
                    return new ParseResult(null, diagnostics.ToImmutableEquatableArray());
                }

                var containing = method.ContainingType;
                var spec = new RemoteMethodSpec
                {
                    Namespace = containing.ContainingNamespace is { IsGlobalNamespace: false } ns
                        ? ns.ToDisplayString(MethodIdentity.KeyFormat).Substring("global::".Length)
                        : "",
                    ContainingTypes = ContainingTypes(method).Reverse().Select(t => new ContainingTypeSpec(Keyword(t), Identifiers.Escape(t.Name))).ToImmutableEquatableArray(),
                    ContainingType = containing.ToDisplayString(MethodIdentity.KeyFormat),
                    Name = Identifiers.Escape(method.Name),
                    Id = MethodIdentity.Fnv1a64(MethodIdentity.Signature(method)),
                    DisplayName = MethodIdentity.DisplayName(method),
                    ReturnType = method.ReturnType.ToDisplayString(MethodIdentity.TypeFormat),
                    ReturnTypeKey = method.ReturnType.ToDisplayString(MethodIdentity.KeyFormat),
                    ResultType = resultType?.ToDisplayString(MethodIdentity.TypeFormat),
                    ResultTypeKey = resultType?.ToDisplayString(MethodIdentity.KeyFormat),
                    ResultKind = resultKind,
                    Parameters = parameters.ToImmutableEquatableArray(),
                    IsPublic = method.DeclaredAccessibility == Accessibility.Public &&
                        method.Parameters.All(p => KindOf(p, out _) != ParameterKind.Argument || IsPublic(p.Type)),
                    HasPublicSignature = IsPublicChain(containing) && IsPublic(method.ReturnType) && method.Parameters.All(p => IsPublic(p.Type)),
                    IsVisibleInAssembly = method.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal),
                    HasViewExtensions = method.Parameters.Length <= 16,
                    IsColumnar = IsColumnar(method, resultKind, resultType),
                    ProgressType = progressType?.ToDisplayString(MethodIdentity.TypeFormat),
                    ProgressTypeKey = progressType?.ToDisplayString(MethodIdentity.KeyFormat),
                };
                return new ParseResult(spec, ImmutableEquatableArray<DiagnosticInfo>.Empty);
            }

            /// <summary>Whether the method can run a map chunk as columns (see <see cref="RemoteMethodSpec.IsColumnar"/>).</summary>
            private static bool IsColumnar(IMethodSymbol method, ResultKind resultKind, ITypeSymbol? resultType) =>
                resultKind == ResultKind.Value && resultType is not null && IsColumn(resultType) &&
                method.Parameters.Length is > 0 and <= Emitter.MaxSharedArity &&
                method.Parameters.All(p => KindOf(p, out _) == ParameterKind.Argument && IsColumn(p.Type));

            /// <summary>
            /// An unmanaged type that satisfies C#'s <c>unmanaged</c> constraint, which the column loops carry: a top-level
            /// <c>Nullable&lt;T&gt;</c> is unmanaged but does not.
            /// </summary>
            private static bool IsColumn(ITypeSymbol type) =>
                type.IsUnmanagedType && type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;

            private static void CheckType(ITypeSymbol type, Location? location, string what, string methodName, List<DiagnosticInfo> diagnostics)
            {
                if (ContainsTypeParameter(type))
                {
                    // Already reported as RK0002.
                    return;
                }

                if (!MemoryPackTypes.IsSerializable(type))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotSerializable, location, what, methodName, type.ToDisplayString()));
                }
                else if (FirstInaccessible(type) is { } inaccessible)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, location, what, methodName, inaccessible.ToDisplayString()));
                }
            }

            /// <summary>A type of values sent while the method runs (a stream's items, progress reports): RK0008 when MemoryPack cannot serialize it.</summary>
            private static void CheckLiveType(ITypeSymbol type, Location? location, string what, string methodName, List<DiagnosticInfo> diagnostics)
            {
                if (ContainsTypeParameter(type))
                {
                    return;
                }

                if (!MemoryPackTypes.IsSerializable(type))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LiveValueNotSerializable, location, what, methodName, type.ToDisplayString()));
                }
                else if (FirstInaccessible(type) is { } inaccessible)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Inaccessible, location, what, methodName, inaccessible.ToDisplayString()));
                }
            }

            private static IEnumerable<INamedTypeSymbol> ContainingTypes(IMethodSymbol method)
            {
                for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    yield return type;
                }
            }

            internal static ParameterKind KindOf(IParameterSymbol parameter, out string? globalName)
            {
                globalName = null;
                if (IsType(parameter.Type, "RemoteKit", "RemoteContext"))
                {
                    return ParameterKind.Context;
                }

                if (IsType(parameter.Type, "System.Threading", "CancellationToken"))
                {
                    return ParameterKind.CancellationToken;
                }

                if (IsType(parameter.Type, "System", "IProgress`1"))
                {
                    return ParameterKind.Progress;
                }

                foreach (var attribute in parameter.GetAttributes())
                {
                    if (attribute.AttributeClass is { } c && IsType(c, "RemoteKit", "GlobalAttribute"))
                    {
                        globalName = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? parameter.Name;
                        return ParameterKind.Global;
                    }
                }

                return ParameterKind.Argument;
            }

            internal static ResultKind ResultKindOf(IMethodSymbol method, out ITypeSymbol? resultType)
            {
                resultType = null;
                if (method.ReturnsVoid)
                {
                    return ResultKind.Void;
                }

                var type = method.ReturnType;
                if (type is INamedTypeSymbol named)
                {
                    if (IsType(named, "System.Threading.Tasks", "Task"))
                    {
                        return ResultKind.Task;
                    }

                    if (IsType(named, "System.Threading.Tasks", "ValueTask"))
                    {
                        return ResultKind.ValueTask;
                    }

                    if (IsType(named, "System.Threading.Tasks", "Task`1"))
                    {
                        resultType = named.TypeArguments[0];
                        return ResultKind.TaskOfT;
                    }

                    if (IsType(named, "System.Threading.Tasks", "ValueTask`1"))
                    {
                        resultType = named.TypeArguments[0];
                        return ResultKind.ValueTaskOfT;
                    }

                    if (IsType(named, "System.Collections.Generic", "IAsyncEnumerable`1"))
                    {
                        resultType = named.TypeArguments[0];
                        return ResultKind.AsyncStream;
                    }

                    if (IsType(named, "System.Collections.Generic", "IEnumerable`1"))
                    {
                        resultType = named.TypeArguments[0];
                        return ResultKind.Stream;
                    }
                }

                resultType = type;
                return ResultKind.Value;
            }

            internal static bool IsType(ITypeSymbol type, string ns, string metadataName) =>
                type is INamedTypeSymbol { ContainingType: null } named &&
                named.MetadataName == metadataName &&
                named.ContainingNamespace?.ToDisplayString() == ns;

            private static string? ByRefLike(ITypeSymbol type) => type switch
            {
                IPointerTypeSymbol or IFunctionPointerTypeSymbol => "a pointer",
                { IsRefLikeType: true } => "a ref struct ('" + type.ToDisplayString() + "')",
                _ => null,
            };

            /// <summary>The parameter's kind with its article, as the message reads it ("is an out parameter").</summary>
            private static string RefKindName(RefKind kind) => kind switch
            {
                RefKind.Out => "an out",
                RefKind.In => "an in",
                RefKind.Ref => "a ref",
                _ => "a ref readonly",
            };

            private static bool ContainsErrorType(ITypeSymbol type) => type switch
            {
                IErrorTypeSymbol => true,
                IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
                INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
                _ => false,
            };

            private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
            {
                ITypeParameterSymbol => true,
                IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
                INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
                _ => false,
            };

            private static bool IsAccessibleInAssembly(INamedTypeSymbol type) =>
                type.DeclaredAccessibility is not (Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal);

            private static ITypeSymbol? FirstInaccessible(ITypeSymbol type)
            {
                switch (type)
                {
                    case IArrayTypeSymbol array:
                        return FirstInaccessible(array.ElementType);
                    case INamedTypeSymbol named:
                        for (var t = named; t is not null; t = t.ContainingType)
                        {
                            if (!IsAccessibleInAssembly(t))
                            {
                                return t;
                            }
                        }

                        return named.TypeArguments.Select(FirstInaccessible).FirstOrDefault(t => t is not null);
                    default:
                        return null;
                }
            }

            private static bool IsPublic(ITypeSymbol type) => type switch
            {
                IArrayTypeSymbol array => IsPublic(array.ElementType),
                INamedTypeSymbol named => IsPublicChain(named) && named.TypeArguments.All(IsPublic),
                _ => true,
            };

            private static bool IsPublicChain(INamedTypeSymbol type)
            {
                for (var t = type; t is not null; t = t.ContainingType)
                {
                    if (t.DeclaredAccessibility != Accessibility.Public)
                    {
                        return false;
                    }
                }

                return true;
            }

            private static string Keyword(INamedTypeSymbol type) => type.TypeKind switch
            {
                TypeKind.Interface => "partial interface",
                TypeKind.Struct when type.IsRecord => type.IsRefLikeType ? "ref partial record struct" : "partial record struct",
                TypeKind.Struct => type.IsRefLikeType ? "ref partial struct" : "partial struct",
                _ => type.IsRecord ? "partial record" : "partial class",
            };
        }
    }
}
