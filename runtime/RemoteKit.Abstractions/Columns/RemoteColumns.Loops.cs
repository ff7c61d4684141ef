using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>The column loops behind <see cref="RemoteColumns"/>'s factories, 1 to 16 arguments.</summary>
public static partial class RemoteColumns
{
    private sealed class Loop1<TResult, T1>(Func<T1, TResult> method) : RemoteColumnLoop(1, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop2<TResult, T1, T2>(Func<T1, T2, TResult> method) : RemoteColumnLoop(2, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop3<TResult, T1, T2, T3>(Func<T1, T2, T3, TResult> method) : RemoteColumnLoop(3, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop4<TResult, T1, T2, T3, T4>(Func<T1, T2, T3, T4, TResult> method) : RemoteColumnLoop(4, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop5<TResult, T1, T2, T3, T4, T5>(Func<T1, T2, T3, T4, T5, TResult> method) : RemoteColumnLoop(5, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop6<TResult, T1, T2, T3, T4, T5, T6>(Func<T1, T2, T3, T4, T5, T6, TResult> method) : RemoteColumnLoop(6, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop7<TResult, T1, T2, T3, T4, T5, T6, T7>(Func<T1, T2, T3, T4, T5, T6, T7, TResult> method) : RemoteColumnLoop(7, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop8<TResult, T1, T2, T3, T4, T5, T6, T7, T8>(Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> method) : RemoteColumnLoop(8, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop9<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> method) : RemoteColumnLoop(9, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop10<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> method) : RemoteColumnLoop(10, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
        where T10 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var a10 = chunk.Argument<T10>(9);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i], a10[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop11<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult> method) : RemoteColumnLoop(11, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
        where T10 : unmanaged
        where T11 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var a10 = chunk.Argument<T10>(9);
            var a11 = chunk.Argument<T11>(10);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i], a10[i], a11[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop12<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult> method) : RemoteColumnLoop(12, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
        where T10 : unmanaged
        where T11 : unmanaged
        where T12 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var a10 = chunk.Argument<T10>(9);
            var a11 = chunk.Argument<T11>(10);
            var a12 = chunk.Argument<T12>(11);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i], a10[i], a11[i], a12[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop13<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, TResult> method) : RemoteColumnLoop(13, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
        where T10 : unmanaged
        where T11 : unmanaged
        where T12 : unmanaged
        where T13 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var a10 = chunk.Argument<T10>(9);
            var a11 = chunk.Argument<T11>(10);
            var a12 = chunk.Argument<T12>(11);
            var a13 = chunk.Argument<T13>(12);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i], a10[i], a11[i], a12[i], a13[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop14<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, TResult> method) : RemoteColumnLoop(14, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
        where T10 : unmanaged
        where T11 : unmanaged
        where T12 : unmanaged
        where T13 : unmanaged
        where T14 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var a10 = chunk.Argument<T10>(9);
            var a11 = chunk.Argument<T11>(10);
            var a12 = chunk.Argument<T12>(11);
            var a13 = chunk.Argument<T13>(12);
            var a14 = chunk.Argument<T14>(13);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i], a10[i], a11[i], a12[i], a13[i], a14[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop15<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, TResult> method) : RemoteColumnLoop(15, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
        where T10 : unmanaged
        where T11 : unmanaged
        where T12 : unmanaged
        where T13 : unmanaged
        where T14 : unmanaged
        where T15 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var a10 = chunk.Argument<T10>(9);
            var a11 = chunk.Argument<T11>(10);
            var a12 = chunk.Argument<T12>(11);
            var a13 = chunk.Argument<T13>(12);
            var a14 = chunk.Argument<T14>(13);
            var a15 = chunk.Argument<T15>(14);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i], a10[i], a11[i], a12[i], a13[i], a14[i], a15[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }

    private sealed class Loop16<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, TResult> method) : RemoteColumnLoop(16, Unsafe.SizeOf<TResult>())
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged
        where T10 : unmanaged
        where T11 : unmanaged
        where T12 : unmanaged
        where T13 : unmanaged
        where T14 : unmanaged
        where T15 : unmanaged
        where T16 : unmanaged
    {
        internal override void Run(ref ColumnChunk chunk)
        {
            var a1 = chunk.Argument<T1>(0);
            var a2 = chunk.Argument<T2>(1);
            var a3 = chunk.Argument<T3>(2);
            var a4 = chunk.Argument<T4>(3);
            var a5 = chunk.Argument<T5>(4);
            var a6 = chunk.Argument<T6>(5);
            var a7 = chunk.Argument<T7>(6);
            var a8 = chunk.Argument<T8>(7);
            var a9 = chunk.Argument<T9>(8);
            var a10 = chunk.Argument<T10>(9);
            var a11 = chunk.Argument<T11>(10);
            var a12 = chunk.Argument<T12>(11);
            var a13 = chunk.Argument<T13>(12);
            var a14 = chunk.Argument<T14>(13);
            var a15 = chunk.Argument<T15>(14);
            var a16 = chunk.Argument<T16>(15);
            var results = chunk.Results<TResult>();
            var cancellation = chunk.CancellationToken;
            for (var i = 0; i < results.Length; i++)
            {
                try
                {
                    for (; i < results.Length; i++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        results[i] = method(a1[i], a2[i], a3[i], a4[i], a5[i], a6[i], a7[i], a8[i], a9[i], a10[i], a11[i], a12[i], a13[i], a14[i], a15[i], a16[i]);
                    }
                }
                catch (Exception e) when (chunk.Catches(e))
                {
                    results[i] = default;
                    chunk.Fail(i, e);
                }
            }
        }
    }
}
