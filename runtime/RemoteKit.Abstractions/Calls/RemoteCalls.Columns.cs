using System.Buffers;
using System.Collections;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>Calls a direct map reads at once, as one list: see <see cref="RemoteCalls.ZipOne{T1, TResult}"/>.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
internal interface IMaterializableCalls<TResult>
{
    /// <summary>Reads the whole input and returns its calls.</summary>
    IReadOnlyList<RemoteCall<TResult>> Materialize();
}

/// <summary>Calls held as argument columns, so a map chunk of them is written by copying a slice of each column.</summary>
internal interface IColumnCallList
{
    /// <summary>Writes the columns of calls <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/>.</summary>
    void WriteColumns(IBufferWriter<byte> w, int start, int count);
}

/// <summary>
/// The argument sequences of a map over one method, for generated code: a direct map reads them into arrays and sends
/// slices of those as its chunks' columns, with no call object per item. One to four arguments; more take <c>Zip</c>.
/// </summary>
public static partial class RemoteCalls
{
    /// <summary>
    /// Zips like <see cref="Zip{T1, TResult}"/>, for generated code whose <paramref name="factory"/> makes calls of one method.
    /// </summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="factory">Makes the call for one set of arguments; every call it makes is of the same method.</param>
    /// <returns>The calls, read lazily when enumerated.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IEnumerable<RemoteCall<TResult>> ZipOne<T1, TResult>(IEnumerable<T1> s1, Func<T1, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(factory);
        return new OneMethodCalls<TResult, T1>(s1, factory);
    }

    /// <summary>
    /// Zips like <see cref="Zip{T1, T2, TResult}"/>, for generated code whose <paramref name="factory"/> makes calls of one method.
    /// </summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="factory">Makes the call for one set of arguments; every call it makes is of the same method.</param>
    /// <returns>The calls, read lazily when enumerated (the shortest sequence wins).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IEnumerable<RemoteCall<TResult>> ZipOne<T1, T2, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, Func<T1, T2, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(factory);
        return new OneMethodCalls<TResult, T1, T2>(s1, s2, factory);
    }

    /// <summary>
    /// Zips like <see cref="Zip{T1, T2, T3, TResult}"/>, for generated code whose <paramref name="factory"/> makes calls of one method.
    /// </summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="factory">Makes the call for one set of arguments; every call it makes is of the same method.</param>
    /// <returns>The calls, read lazily when enumerated (the shortest sequence wins).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IEnumerable<RemoteCall<TResult>> ZipOne<T1, T2, T3, TResult>(
        IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, Func<T1, T2, T3, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(factory);
        return new OneMethodCalls<TResult, T1, T2, T3>(s1, s2, s3, factory);
    }

    /// <summary>
    /// Zips like <see cref="Zip{T1, T2, T3, T4, TResult}"/>, for generated code whose <paramref name="factory"/> makes calls of one
    /// method.
    /// </summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="factory">Makes the call for one set of arguments; every call it makes is of the same method.</param>
    /// <returns>The calls, read lazily when enumerated (the shortest sequence wins).</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static IEnumerable<RemoteCall<TResult>> ZipOne<T1, T2, T3, T4, TResult>(
        IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, Func<T1, T2, T3, T4, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(factory);
        return new OneMethodCalls<TResult, T1, T2, T3, T4>(s1, s2, s3, s4, factory);
    }

    private sealed class OneMethodCalls<TResult, T1>(IEnumerable<T1> s1, Func<T1, RemoteCall<TResult>> factory)
        : IEnumerable<RemoteCall<TResult>>, IMaterializableCalls<TResult>
    {
        public IEnumerator<RemoteCall<TResult>> GetEnumerator() => Zip(s1, factory).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public IReadOnlyList<RemoteCall<TResult>> Materialize()
        {
            var a1 = s1.ToArray();

            // Columns only when the factory makes exactly this arity's call (no defaults filled in) of unmanaged values.
            return a1.Length > 0 && factory(a1[0]) is Call<TResult, T1> { HasColumns: true } first
                ? new ColumnCalls<TResult, T1>(first, a1, factory)
                : Array.ConvertAll(a1, x => factory(x));
        }
    }

    private sealed class OneMethodCalls<TResult, T1, T2>(IEnumerable<T1> s1, IEnumerable<T2> s2, Func<T1, T2, RemoteCall<TResult>> factory)
        : IEnumerable<RemoteCall<TResult>>, IMaterializableCalls<TResult>
    {
        public IEnumerator<RemoteCall<TResult>> GetEnumerator() => Zip(s1, s2, factory).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public IReadOnlyList<RemoteCall<TResult>> Materialize()
        {
            var (a1, a2) = (s1.ToArray(), s2.ToArray());
            var count = Math.Min(a1.Length, a2.Length);
            return count > 0 && factory(a1[0], a2[0]) is Call<TResult, T1, T2> { HasColumns: true } first
                ? new ColumnCalls<TResult, T1, T2>(first, a1, a2, count, factory)
                : [.. Enumerable.Range(0, count).Select(i => factory(a1[i], a2[i]))];
        }
    }

    private sealed class OneMethodCalls<TResult, T1, T2, T3>(
        IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, Func<T1, T2, T3, RemoteCall<TResult>> factory)
        : IEnumerable<RemoteCall<TResult>>, IMaterializableCalls<TResult>
    {
        public IEnumerator<RemoteCall<TResult>> GetEnumerator() => Zip(s1, s2, s3, factory).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public IReadOnlyList<RemoteCall<TResult>> Materialize()
        {
            var (a1, a2, a3) = (s1.ToArray(), s2.ToArray(), s3.ToArray());
            var count = Math.Min(a1.Length, Math.Min(a2.Length, a3.Length));
            return count > 0 && factory(a1[0], a2[0], a3[0]) is Call<TResult, T1, T2, T3> { HasColumns: true } first
                ? new ColumnCalls<TResult, T1, T2, T3>(first, a1, a2, a3, count, factory)
                : [.. Enumerable.Range(0, count).Select(i => factory(a1[i], a2[i], a3[i]))];
        }
    }

    private sealed class OneMethodCalls<TResult, T1, T2, T3, T4>(
        IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, Func<T1, T2, T3, T4, RemoteCall<TResult>> factory)
        : IEnumerable<RemoteCall<TResult>>, IMaterializableCalls<TResult>
    {
        public IEnumerator<RemoteCall<TResult>> GetEnumerator() => Zip(s1, s2, s3, s4, factory).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public IReadOnlyList<RemoteCall<TResult>> Materialize()
        {
            var (a1, a2, a3, a4) = (s1.ToArray(), s2.ToArray(), s3.ToArray(), s4.ToArray());
            var count = Math.Min(Math.Min(a1.Length, a2.Length), Math.Min(a3.Length, a4.Length));
            return count > 0 && factory(a1[0], a2[0], a3[0], a4[0]) is Call<TResult, T1, T2, T3, T4> { HasColumns: true } first
                ? new ColumnCalls<TResult, T1, T2, T3, T4>(first, a1, a2, a3, a4, count, factory)
                : [.. Enumerable.Range(0, count).Select(i => factory(a1[i], a2[i], a3[i], a4[i]))];
        }
    }

    /// <summary>The calls of a one-argument method as one column; a call object is made only when one is asked for.</summary>
    private sealed class ColumnCalls<TResult, T1>(RemoteCall<TResult> first, T1[] a1, Func<T1, RemoteCall<TResult>> factory)
        : ColumnCallsBase<TResult>(first, a1.Length), IColumnCallList
    {
        protected override RemoteCall<TResult> Make(int index) => factory(a1[index]);

        public void WriteColumns(IBufferWriter<byte> w, int start, int count)
        {
            var columns = ColumnWriter.Begin(w, count, 1, Unsafe.SizeOf<T1>());
            a1.AsSpan(start, count).CopyTo(columns.Next<T1>());
        }
    }

    /// <summary>The calls of a two-argument method as two columns.</summary>
    private sealed class ColumnCalls<TResult, T1, T2>(RemoteCall<TResult> first, T1[] a1, T2[] a2, int count, Func<T1, T2, RemoteCall<TResult>> factory)
        : ColumnCallsBase<TResult>(first, count), IColumnCallList
    {
        protected override RemoteCall<TResult> Make(int index) => factory(a1[index], a2[index]);

        public void WriteColumns(IBufferWriter<byte> w, int start, int count)
        {
            var columns = ColumnWriter.Begin(w, count, 2, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>());
            a1.AsSpan(start, count).CopyTo(columns.Next<T1>());
            a2.AsSpan(start, count).CopyTo(columns.Next<T2>());
        }
    }

    /// <summary>The calls of a three-argument method as three columns.</summary>
    private sealed class ColumnCalls<TResult, T1, T2, T3>(
        RemoteCall<TResult> first, T1[] a1, T2[] a2, T3[] a3, int count, Func<T1, T2, T3, RemoteCall<TResult>> factory)
        : ColumnCallsBase<TResult>(first, count), IColumnCallList
    {
        protected override RemoteCall<TResult> Make(int index) => factory(a1[index], a2[index], a3[index]);

        public void WriteColumns(IBufferWriter<byte> w, int start, int count)
        {
            var columns = ColumnWriter.Begin(w, count, 3, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>());
            a1.AsSpan(start, count).CopyTo(columns.Next<T1>());
            a2.AsSpan(start, count).CopyTo(columns.Next<T2>());
            a3.AsSpan(start, count).CopyTo(columns.Next<T3>());
        }
    }

    /// <summary>The calls of a four-argument method as four columns.</summary>
    private sealed class ColumnCalls<TResult, T1, T2, T3, T4>(
        RemoteCall<TResult> first, T1[] a1, T2[] a2, T3[] a3, T4[] a4, int count, Func<T1, T2, T3, T4, RemoteCall<TResult>> factory)
        : ColumnCallsBase<TResult>(first, count), IColumnCallList
    {
        protected override RemoteCall<TResult> Make(int index) => factory(a1[index], a2[index], a3[index], a4[index]);

        public void WriteColumns(IBufferWriter<byte> w, int start, int count)
        {
            var columns = ColumnWriter.Begin(w, count, 4, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>());
            a1.AsSpan(start, count).CopyTo(columns.Next<T1>());
            a2.AsSpan(start, count).CopyTo(columns.Next<T2>());
            a3.AsSpan(start, count).CopyTo(columns.Next<T3>());
            a4.AsSpan(start, count).CopyTo(columns.Next<T4>());
        }
    }

    private abstract class ColumnCallsBase<TResult>(RemoteCall<TResult> first, int count) : IReadOnlyList<RemoteCall<TResult>>
    {
        public int Count => count;

        public RemoteCall<TResult> this[int index] =>
            (uint)index < (uint)count ? (index == 0 ? first : Make(index)) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<RemoteCall<TResult>> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        protected abstract RemoteCall<TResult> Make(int index);
    }
}
