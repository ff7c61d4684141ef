using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using MemoryPack;
using RemoteKit.Protocol;
using RemoteKit.Transport;

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

    private sealed class Call<TResult> : RemoteCall<TResult>
    {
        public Call(RemoteMethodDescriptor method)
            : base(method)
        {
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
        }
    }

    private sealed class Call<TResult, T1> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>();

        private readonly T1 _a1;

        public Call(RemoteMethodDescriptor method, T1 a1)
            : base(method)
        {
            _a1 = a1;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 1, Unsafe.SizeOf<T1>());
            var c1 = columns.Next<T1>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1>>(calls, i);
                c1[i] = call._a1;
            }
        }
    }

    private sealed class Call<TResult, T1, T2> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>();

        private readonly T1 _a1;
        private readonly T2 _a2;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 2, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 3, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 4, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 5, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 6, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 7, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 8, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 9, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 10, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 11, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 12, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 13, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T14>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;
        private readonly T14 _a14;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
            _a14 = a14;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
            writer.WriteValue(_a14);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 14, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>() + Unsafe.SizeOf<T14>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            var c14 = columns.Next<T14>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
                c14[i] = call._a14;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T14>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T15>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;
        private readonly T14 _a14;
        private readonly T15 _a15;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
            _a14 = a14;
            _a15 = a15;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
            writer.WriteValue(_a14);
            writer.WriteValue(_a15);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 15, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>() + Unsafe.SizeOf<T14>() + Unsafe.SizeOf<T15>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            var c14 = columns.Next<T14>();
            var c15 = columns.Next<T15>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
                c14[i] = call._a14;
                c15[i] = call._a15;
            }
        }
    }

    private sealed class Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16> : RemoteCall<TResult>
    {
        private static readonly bool Unmanaged =
            !RuntimeHelpers.IsReferenceOrContainsReferences<TResult>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T1>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T2>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T3>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T4>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T5>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T6>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T7>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T8>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T9>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T10>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T11>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T12>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T13>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T14>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T15>() &&
            !RuntimeHelpers.IsReferenceOrContainsReferences<T16>();

        private readonly T1 _a1;
        private readonly T2 _a2;
        private readonly T3 _a3;
        private readonly T4 _a4;
        private readonly T5 _a5;
        private readonly T6 _a6;
        private readonly T7 _a7;
        private readonly T8 _a8;
        private readonly T9 _a9;
        private readonly T10 _a10;
        private readonly T11 _a11;
        private readonly T12 _a12;
        private readonly T13 _a13;
        private readonly T14 _a14;
        private readonly T15 _a15;
        private readonly T16 _a16;

        public Call(RemoteMethodDescriptor method, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15, T16 a16)
            : base(method)
        {
            _a1 = a1;
            _a2 = a2;
            _a3 = a3;
            _a4 = a4;
            _a5 = a5;
            _a6 = a6;
            _a7 = a7;
            _a8 = a8;
            _a9 = a9;
            _a10 = a10;
            _a11 = a11;
            _a12 = a12;
            _a13 = a13;
            _a14 = a14;
            _a15 = a15;
            _a16 = a16;
        }

        public override void WriteArguments<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer)
        {
            writer.WriteValue(_a1);
            writer.WriteValue(_a2);
            writer.WriteValue(_a3);
            writer.WriteValue(_a4);
            writer.WriteValue(_a5);
            writer.WriteValue(_a6);
            writer.WriteValue(_a7);
            writer.WriteValue(_a8);
            writer.WriteValue(_a9);
            writer.WriteValue(_a10);
            writer.WriteValue(_a11);
            writer.WriteValue(_a12);
            writer.WriteValue(_a13);
            writer.WriteValue(_a14);
            writer.WriteValue(_a15);
            writer.WriteValue(_a16);
        }

        internal override bool HasColumns => Unmanaged;

        internal override void WriteColumns(FrameBuilder w, IReadOnlyList<RemoteCall> calls)
        {
            var columns = ColumnWriter.Begin(w, calls.Count, 16, Unsafe.SizeOf<T1>() + Unsafe.SizeOf<T2>() + Unsafe.SizeOf<T3>() + Unsafe.SizeOf<T4>() + Unsafe.SizeOf<T5>() + Unsafe.SizeOf<T6>() + Unsafe.SizeOf<T7>() + Unsafe.SizeOf<T8>() + Unsafe.SizeOf<T9>() + Unsafe.SizeOf<T10>() + Unsafe.SizeOf<T11>() + Unsafe.SizeOf<T12>() + Unsafe.SizeOf<T13>() + Unsafe.SizeOf<T14>() + Unsafe.SizeOf<T15>() + Unsafe.SizeOf<T16>());
            var c1 = columns.Next<T1>();
            var c2 = columns.Next<T2>();
            var c3 = columns.Next<T3>();
            var c4 = columns.Next<T4>();
            var c5 = columns.Next<T5>();
            var c6 = columns.Next<T6>();
            var c7 = columns.Next<T7>();
            var c8 = columns.Next<T8>();
            var c9 = columns.Next<T9>();
            var c10 = columns.Next<T10>();
            var c11 = columns.Next<T11>();
            var c12 = columns.Next<T12>();
            var c13 = columns.Next<T13>();
            var c14 = columns.Next<T14>();
            var c15 = columns.Next<T15>();
            var c16 = columns.Next<T16>();
            for (var i = 0; i < calls.Count; i++)
            {
                var call = SameAsThis<Call<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>>(calls, i);
                c1[i] = call._a1;
                c2[i] = call._a2;
                c3[i] = call._a3;
                c4[i] = call._a4;
                c5[i] = call._a5;
                c6[i] = call._a6;
                c7[i] = call._a7;
                c8[i] = call._a8;
                c9[i] = call._a9;
                c10[i] = call._a10;
                c11[i] = call._a11;
                c12[i] = call._a12;
                c13[i] = call._a13;
                c14[i] = call._a14;
                c15[i] = call._a15;
                c16[i] = call._a16;
            }
        }
    }

    // A void method's call: typed as the non-generic RemoteCall wherever it is seen.
    private readonly struct NoResult;
}
