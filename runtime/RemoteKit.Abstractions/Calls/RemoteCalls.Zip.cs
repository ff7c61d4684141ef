namespace RemoteKit;

/// <summary>The lazy zips a map over several argument sequences makes its calls from, 1 to 16 arguments.</summary>
public static partial class RemoteCalls
{
    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, TResult>(IEnumerable<T1> s1, Func<T1, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, Func<T1, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            while (e1.MoveNext())
            {
                yield return factory(e1.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, Func<T1, T2, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, Func<T1, T2, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext())
            {
                yield return factory(e1.Current, e2.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, Func<T1, T2, T3, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, Func<T1, T2, T3, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, Func<T1, T2, T3, T4, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, Func<T1, T2, T3, T4, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, Func<T1, T2, T3, T4, T5, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, Func<T1, T2, T3, T4, T5, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, Func<T1, T2, T3, T4, T5, T6, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, Func<T1, T2, T3, T4, T5, T6, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, Func<T1, T2, T3, T4, T5, T6, T7, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, Func<T1, T2, T3, T4, T5, T6, T7, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, Func<T1, T2, T3, T4, T5, T6, T7, T8, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, Func<T1, T2, T3, T4, T5, T6, T7, T8, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="s10">The values of argument 10.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(s10);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            using var e10 = s10.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext() && e10.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current, e10.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="s10">The values of argument 10.</param>
    /// <param name="s11">The values of argument 11.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(s10);
        ArgumentNullException.ThrowIfNull(s11);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            using var e10 = s10.GetEnumerator();
            using var e11 = s11.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext() && e10.MoveNext() && e11.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current, e10.Current, e11.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="s10">The values of argument 10.</param>
    /// <param name="s11">The values of argument 11.</param>
    /// <param name="s12">The values of argument 12.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(s10);
        ArgumentNullException.ThrowIfNull(s11);
        ArgumentNullException.ThrowIfNull(s12);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            using var e10 = s10.GetEnumerator();
            using var e11 = s11.GetEnumerator();
            using var e12 = s12.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext() && e10.MoveNext() && e11.MoveNext() && e12.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current, e10.Current, e11.Current, e12.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="s10">The values of argument 10.</param>
    /// <param name="s11">The values of argument 11.</param>
    /// <param name="s12">The values of argument 12.</param>
    /// <param name="s13">The values of argument 13.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(s10);
        ArgumentNullException.ThrowIfNull(s11);
        ArgumentNullException.ThrowIfNull(s12);
        ArgumentNullException.ThrowIfNull(s13);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            using var e10 = s10.GetEnumerator();
            using var e11 = s11.GetEnumerator();
            using var e12 = s12.GetEnumerator();
            using var e13 = s13.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext() && e10.MoveNext() && e11.MoveNext() && e12.MoveNext() && e13.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current, e10.Current, e11.Current, e12.Current, e13.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <typeparam name="T14">The type of argument 14.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="s10">The values of argument 10.</param>
    /// <param name="s11">The values of argument 11.</param>
    /// <param name="s12">The values of argument 12.</param>
    /// <param name="s13">The values of argument 13.</param>
    /// <param name="s14">The values of argument 14.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, IEnumerable<T14> s14, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(s10);
        ArgumentNullException.ThrowIfNull(s11);
        ArgumentNullException.ThrowIfNull(s12);
        ArgumentNullException.ThrowIfNull(s13);
        ArgumentNullException.ThrowIfNull(s14);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, IEnumerable<T14> s14, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            using var e10 = s10.GetEnumerator();
            using var e11 = s11.GetEnumerator();
            using var e12 = s12.GetEnumerator();
            using var e13 = s13.GetEnumerator();
            using var e14 = s14.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext() && e10.MoveNext() && e11.MoveNext() && e12.MoveNext() && e13.MoveNext() && e14.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current, e10.Current, e11.Current, e12.Current, e13.Current, e14.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <typeparam name="T14">The type of argument 14.</typeparam>
    /// <typeparam name="T15">The type of argument 15.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="s10">The values of argument 10.</param>
    /// <param name="s11">The values of argument 11.</param>
    /// <param name="s12">The values of argument 12.</param>
    /// <param name="s13">The values of argument 13.</param>
    /// <param name="s14">The values of argument 14.</param>
    /// <param name="s15">The values of argument 15.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, IEnumerable<T14> s14, IEnumerable<T15> s15, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(s10);
        ArgumentNullException.ThrowIfNull(s11);
        ArgumentNullException.ThrowIfNull(s12);
        ArgumentNullException.ThrowIfNull(s13);
        ArgumentNullException.ThrowIfNull(s14);
        ArgumentNullException.ThrowIfNull(s15);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, IEnumerable<T14> s14, IEnumerable<T15> s15, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            using var e10 = s10.GetEnumerator();
            using var e11 = s11.GetEnumerator();
            using var e12 = s12.GetEnumerator();
            using var e13 = s13.GetEnumerator();
            using var e14 = s14.GetEnumerator();
            using var e15 = s15.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext() && e10.MoveNext() && e11.MoveNext() && e12.MoveNext() && e13.MoveNext() && e14.MoveNext() && e15.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current, e10.Current, e11.Current, e12.Current, e13.Current, e14.Current, e15.Current);
            }
        }
    }

    /// <summary>Zips the argument sequences lazily (the shortest wins) into calls made by <paramref name="factory"/>.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <typeparam name="T10">The type of argument 10.</typeparam>
    /// <typeparam name="T11">The type of argument 11.</typeparam>
    /// <typeparam name="T12">The type of argument 12.</typeparam>
    /// <typeparam name="T13">The type of argument 13.</typeparam>
    /// <typeparam name="T14">The type of argument 14.</typeparam>
    /// <typeparam name="T15">The type of argument 15.</typeparam>
    /// <typeparam name="T16">The type of argument 16.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="s1">The values of argument 1.</param>
    /// <param name="s2">The values of argument 2.</param>
    /// <param name="s3">The values of argument 3.</param>
    /// <param name="s4">The values of argument 4.</param>
    /// <param name="s5">The values of argument 5.</param>
    /// <param name="s6">The values of argument 6.</param>
    /// <param name="s7">The values of argument 7.</param>
    /// <param name="s8">The values of argument 8.</param>
    /// <param name="s9">The values of argument 9.</param>
    /// <param name="s10">The values of argument 10.</param>
    /// <param name="s11">The values of argument 11.</param>
    /// <param name="s12">The values of argument 12.</param>
    /// <param name="s13">The values of argument 13.</param>
    /// <param name="s14">The values of argument 14.</param>
    /// <param name="s15">The values of argument 15.</param>
    /// <param name="s16">The values of argument 16.</param>
    /// <param name="factory">Makes the call for one set of arguments.</param>
    /// <returns>The calls.</returns>
    public static IEnumerable<RemoteCall<TResult>> Zip<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, TResult>(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, IEnumerable<T14> s14, IEnumerable<T15> s15, IEnumerable<T16> s16, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, RemoteCall<TResult>> factory)
    {
        ArgumentNullException.ThrowIfNull(s1);
        ArgumentNullException.ThrowIfNull(s2);
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(s4);
        ArgumentNullException.ThrowIfNull(s5);
        ArgumentNullException.ThrowIfNull(s6);
        ArgumentNullException.ThrowIfNull(s7);
        ArgumentNullException.ThrowIfNull(s8);
        ArgumentNullException.ThrowIfNull(s9);
        ArgumentNullException.ThrowIfNull(s10);
        ArgumentNullException.ThrowIfNull(s11);
        ArgumentNullException.ThrowIfNull(s12);
        ArgumentNullException.ThrowIfNull(s13);
        ArgumentNullException.ThrowIfNull(s14);
        ArgumentNullException.ThrowIfNull(s15);
        ArgumentNullException.ThrowIfNull(s16);
        ArgumentNullException.ThrowIfNull(factory);
        return ZipIterator(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, factory);

        static IEnumerable<RemoteCall<TResult>> ZipIterator(IEnumerable<T1> s1, IEnumerable<T2> s2, IEnumerable<T3> s3, IEnumerable<T4> s4, IEnumerable<T5> s5, IEnumerable<T6> s6, IEnumerable<T7> s7, IEnumerable<T8> s8, IEnumerable<T9> s9, IEnumerable<T10> s10, IEnumerable<T11> s11, IEnumerable<T12> s12, IEnumerable<T13> s13, IEnumerable<T14> s14, IEnumerable<T15> s15, IEnumerable<T16> s16, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, RemoteCall<TResult>> factory)
        {
            using var e1 = s1.GetEnumerator();
            using var e2 = s2.GetEnumerator();
            using var e3 = s3.GetEnumerator();
            using var e4 = s4.GetEnumerator();
            using var e5 = s5.GetEnumerator();
            using var e6 = s6.GetEnumerator();
            using var e7 = s7.GetEnumerator();
            using var e8 = s8.GetEnumerator();
            using var e9 = s9.GetEnumerator();
            using var e10 = s10.GetEnumerator();
            using var e11 = s11.GetEnumerator();
            using var e12 = s12.GetEnumerator();
            using var e13 = s13.GetEnumerator();
            using var e14 = s14.GetEnumerator();
            using var e15 = s15.GetEnumerator();
            using var e16 = s16.GetEnumerator();
            while (e1.MoveNext() && e2.MoveNext() && e3.MoveNext() && e4.MoveNext() && e5.MoveNext() && e6.MoveNext() && e7.MoveNext() && e8.MoveNext() && e9.MoveNext() && e10.MoveNext() && e11.MoveNext() && e12.MoveNext() && e13.MoveNext() && e14.MoveNext() && e15.MoveNext() && e16.MoveNext())
            {
                yield return factory(e1.Current, e2.Current, e3.Current, e4.Current, e5.Current, e6.Current, e7.Current, e8.Current, e9.Current, e10.Current, e11.Current, e12.Current, e13.Current, e14.Current, e15.Current, e16.Current);
            }
        }
    }
}
