using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace RemoteKit;

/// <summary>
/// Calls of [Remote] methods with up to 16 arguments, shared by all generated code so that each method adds one factory line
/// rather than a class. Arguments are written in parameter order with MemoryPack.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RemoteCalls
{
    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="method">The method called.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult>(RemoteMethodDescriptor method) => new Call<TResult>(method);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <param name="method">The method called.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid(RemoteMethodDescriptor method) => new Call<NoResult>(method);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1>(RemoteMethodDescriptor method, T1 a1) => new Call<TResult, T1>(method, a1);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1>(RemoteMethodDescriptor method, T1 a1) => new Call<NoResult, T1>(method, a1);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2>(RemoteMethodDescriptor method, T1 a1, T2 a2) => new Call<TResult, T1, T2>(method, a1, a2);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2>(RemoteMethodDescriptor method, T1 a1, T2 a2) => new Call<NoResult, T1, T2>(method, a1, a2);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3) => new Call<TResult, T1, T2, T3>(method, a1, a2, a3);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3) => new Call<NoResult, T1, T2, T3>(method, a1, a2, a3);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4) => new Call<TResult, T1, T2, T3, T4>(method, a1, a2, a3, a4);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4) => new Call<NoResult, T1, T2, T3, T4>(method, a1, a2, a3, a4);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5) => new Call<TResult, T1, T2, T3, T4, T5>(method, a1, a2, a3, a4, a5);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5) => new Call<NoResult, T1, T2, T3, T4, T5>(method, a1, a2, a3, a4, a5);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6) => new Call<TResult, T1, T2, T3, T4, T5, T6>(method, a1, a2, a3, a4, a5, a6);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6) => new Call<NoResult, T1, T2, T3, T4, T5, T6>(method, a1, a2, a3, a4, a5, a6);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7>(method, a1, a2, a3, a4, a5, a6, a7);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7>(method, a1, a2, a3, a4, a5, a6, a7);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8>(method, a1, a2, a3, a4, a5, a6, a7, a8);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8>(method, a1, a2, a3, a4, a5, a6, a7, a8);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <typeparam name="T9">The type of argument 9.</typeparam>
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <param name="a15">Argument 15.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <param name="a15">Argument 15.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15);

    /// <summary>A call of <paramref name="method"/> with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <param name="a15">Argument 15.</param>
    /// <param name="a16">Argument 16.</param>
    /// <returns>The call.</returns>
    public static RemoteCall<TResult> Create<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15, T16 a16) => new Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16);

    /// <summary>A call of <paramref name="method"/> with no result.</summary>
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
    /// <param name="method">The method called.</param>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <param name="a10">Argument 10.</param>
    /// <param name="a11">Argument 11.</param>
    /// <param name="a12">Argument 12.</param>
    /// <param name="a13">Argument 13.</param>
    /// <param name="a14">Argument 14.</param>
    /// <param name="a15">Argument 15.</param>
    /// <param name="a16">Argument 16.</param>
    /// <returns>The call.</returns>
    public static RemoteCall CreateVoid<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15, T16 a16) => new Call<NoResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(method, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16);
}
