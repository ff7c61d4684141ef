using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RemoteKit.Generators
{
    /// <summary>
    /// Decides from symbols alone whether MemoryPack has a formatter for a type at run time: its built-in formatters,
    /// unmanaged structs, and types marked [MemoryPackable] / [MemoryPackUnion]. Anything else would fail on an engine
    /// with "type is not registered", so the generator rejects it at compile time instead.
    /// </summary>
    internal static class MemoryPackTypes
    {
        private static readonly HashSet<string> KnownTypes = new HashSet<string>
        {
            "System.Guid", "System.TimeSpan", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly", "System.Half",
            "System.Int128", "System.UInt128", "System.Numerics.BigInteger", "System.Numerics.Complex", "System.Version",
            "System.Uri", "System.Type", "System.Globalization.CultureInfo", "System.TimeZoneInfo", "System.Text.StringBuilder",
            "System.Collections.BitArray", "System.Text.Rune",
        };

        private static readonly HashSet<string> KnownGenericTypes = new HashSet<string>
        {
            "System.Nullable`1", "System.Memory`1", "System.ReadOnlyMemory`1", "System.ArraySegment`1", "System.Lazy`1",
            "System.Buffers.ReadOnlySequence`1",
            "System.ValueTuple`1", "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4",
            "System.ValueTuple`5", "System.ValueTuple`6", "System.ValueTuple`7", "System.ValueTuple`8",
            "System.Tuple`1", "System.Tuple`2", "System.Tuple`3", "System.Tuple`4",
            "System.Tuple`5", "System.Tuple`6", "System.Tuple`7", "System.Tuple`8",
            "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.HashSet`1",
            "System.Collections.Generic.SortedSet`1", "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.SortedList`2",
            "System.Collections.Generic.Queue`1", "System.Collections.Generic.Stack`1", "System.Collections.Generic.LinkedList`1",
            "System.Collections.Generic.PriorityQueue`2", "System.Collections.Generic.KeyValuePair`2",
            "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IList`1",
            "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1",
            "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2",
            "System.Collections.Generic.ISet`1", "System.Collections.Generic.IReadOnlySet`1",
            "System.Collections.ObjectModel.Collection`1", "System.Collections.ObjectModel.ObservableCollection`1",
            "System.Collections.ObjectModel.ReadOnlyCollection`1", "System.Collections.ObjectModel.ReadOnlyObservableCollection`1",
            "System.Collections.ObjectModel.ReadOnlyDictionary`2",
            "System.Collections.Concurrent.ConcurrentDictionary`2", "System.Collections.Concurrent.ConcurrentQueue`1",
            "System.Collections.Concurrent.ConcurrentStack`1", "System.Collections.Concurrent.ConcurrentBag`1",
            "System.Collections.Concurrent.BlockingCollection`1",
            "System.Collections.Immutable.ImmutableArray`1", "System.Collections.Immutable.ImmutableList`1",
            "System.Collections.Immutable.ImmutableDictionary`2", "System.Collections.Immutable.ImmutableHashSet`1",
            "System.Collections.Immutable.ImmutableSortedDictionary`2", "System.Collections.Immutable.ImmutableSortedSet`1",
            "System.Collections.Immutable.ImmutableQueue`1", "System.Collections.Immutable.ImmutableStack`1",
            "System.Collections.Immutable.IImmutableList`1", "System.Collections.Immutable.IImmutableDictionary`2",
            "System.Collections.Immutable.IImmutableSet`1", "System.Collections.Immutable.IImmutableQueue`1",
            "System.Collections.Immutable.IImmutableStack`1",
            "System.Collections.Frozen.FrozenDictionary`2", "System.Collections.Frozen.FrozenSet`1",
            "System.Linq.ILookup`2", "System.Linq.IGrouping`2",
        };

        public static bool IsSerializable(ITypeSymbol type) => IsSerializable(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

        private static bool IsSerializable(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
        {
            switch (type)
            {
                case IArrayTypeSymbol array:
                    return array.Rank <= 4 && IsSerializable(array.ElementType, visiting);
                case INamedTypeSymbol named when named.TypeKind != TypeKind.Error:
                    if (!visiting.Add(named))
                    {
                        return true;
                    }

                    try
                    {
                        return IsSerializableNamed(named, visiting);
                    }
                    finally
                    {
                        visiting.Remove(named);
                    }

                default:
                    // Pointers, function pointers, type parameters, dynamic, and unresolved types.
                    return false;
            }
        }

        private static bool IsSerializableNamed(INamedTypeSymbol type, HashSet<ITypeSymbol> visiting)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Object:
                    return false;
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Decimal:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_String:
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                case SpecialType.System_DateTime:
                    return true;
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return true;
            }

            if (type.TypeKind == TypeKind.Delegate || type.IsRefLikeType)
            {
                return false;
            }

            var typeArguments = type.TypeArguments;
            if (HasAttribute(type, "MemoryPackableAttribute") || HasAttribute(type, "MemoryPackUnionAttribute"))
            {
                return typeArguments.All(t => IsSerializable(t, visiting));
            }

            var definition = type.IsGenericType ? type.ConstructedFrom : type;
            var metadataName = FullMetadataName(definition);
            if (type.IsGenericType)
            {
                return KnownGenericTypes.Contains(metadataName) && typeArguments.All(t => IsSerializable(t, visiting));
            }

            if (KnownTypes.Contains(metadataName))
            {
                return true;
            }

            // MemoryPack copies structs without references as raw memory.
            return type.IsValueType && type.IsUnmanagedType;
        }

        private static bool HasAttribute(INamedTypeSymbol type, string name) =>
            type.GetAttributes().Any(a =>
                a.AttributeClass is { } c && c.Name == name && c.ContainingNamespace?.ToDisplayString() == "MemoryPack");

        private static string FullMetadataName(INamedTypeSymbol type)
        {
            var name = type.MetadataName;
            for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
            {
                name = containing.MetadataName + "+" + name;
            }

            var ns = type.ContainingNamespace;
            return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
        }
    }
}
