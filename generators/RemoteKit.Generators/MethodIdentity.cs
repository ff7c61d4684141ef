using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators
{
    /// <summary>
    /// The stable identity of a [Remote] method. The id is FNV-1a 64-bit over the UTF-8 bytes of
    /// <c>{containing type}.{name}({parameter types, ", "-separated}) -> {return type}</c>, every type written in
    /// <see cref="SymbolDisplayFormat.FullyQualifiedFormat"/>: <c>global::</c>-prefixed, namespaces and containing types
    /// included, generic arguments included, C# keywords for special types, no nullable-reference annotations
    /// (so <c>string?</c> and <c>string</c> give the same id), parameter modifiers and names excluded.
    /// Example: <c>global::Work.SlowPower(long, int) -> long</c>.
    /// Client and engine compute nothing at run time: both use the id compiled into the same assembly.
    /// </summary>
    internal static class MethodIdentity
    {
        /// <summary>Fully qualified and nullable-annotated: for emitted code.</summary>
        public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>Fully qualified, not annotated: the CLR identity of a type.</summary>
        public static readonly SymbolDisplayFormat KeyFormat = SymbolDisplayFormat.FullyQualifiedFormat;

        /// <summary>Short names for display: <c>Work.SlowPower(long, int)</c>.</summary>
        public static readonly SymbolDisplayFormat DisplayFormat = new SymbolDisplayFormat(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

        public static string Signature(IMethodSymbol method) =>
            method.ContainingType.ToDisplayString(KeyFormat) + "." + method.Name +
            "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(KeyFormat))) + ") -> " +
            method.ReturnType.ToDisplayString(KeyFormat);

        public static string DisplayName(IMethodSymbol method) =>
            method.ContainingType.ToDisplayString(DisplayFormat) + "." + method.Name +
            "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(DisplayFormat))) + ")";

        public static ulong Fnv1a64(string text)
        {
            const ulong offsetBasis = 14695981039346656037UL;
            const ulong prime = 1099511628211UL;
            var hash = offsetBasis;
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                hash ^= b;
                hash = unchecked(hash * prime);
            }

            return hash;
        }
    }
}
