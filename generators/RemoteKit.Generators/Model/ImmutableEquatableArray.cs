using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace RemoteKit.Generators.Model
{
    /// <summary>An immutable array compared by its elements, so pipeline models built from it compare by value.</summary>
    internal sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        public static readonly ImmutableEquatableArray<T> Empty = new ImmutableEquatableArray<T>(Array.Empty<T>());

        private readonly T[] _values;

        public ImmutableEquatableArray(IEnumerable<T> values) => _values = values.ToArray();

        public int Count => _values.Length;

        public T this[int index] => _values[index];

        public bool Equals(ImmutableEquatableArray<T>? other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other is null || other._values.Length != _values.Length)
            {
                return false;
            }

            for (var i = 0; i < _values.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(_values[i], other._values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is ImmutableEquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            var hash = 17;
            foreach (var value in _values)
            {
                hash = unchecked((hash * 31) + (value is null ? 0 : value.GetHashCode()));
            }

            return hash;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_values).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();
    }

    internal static class ImmutableEquatableArray
    {
        public static ImmutableEquatableArray<T> ToImmutableEquatableArray<T>(this IEnumerable<T> values)
            where T : IEquatable<T> => new ImmutableEquatableArray<T>(values);
    }
}
