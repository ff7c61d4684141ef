using System.ComponentModel;

namespace RemoteKit;

/// <summary>A [Remote] method with 1 argument, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1>
    where TResult : unmanaged
    where T1 : unmanaged
{
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1);
}

/// <summary>A [Remote] method with 2 arguments, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2>
    where TResult : unmanaged
    where T1 : unmanaged
    where T2 : unmanaged
{
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2);
}

/// <summary>A [Remote] method with 3 arguments, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="T3">The type of argument 3.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3>
    where TResult : unmanaged
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
{
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3);
}

/// <summary>A [Remote] method with 4 arguments, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="T3">The type of argument 3.</typeparam>
/// <typeparam name="T4">The type of argument 4.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4>
    where TResult : unmanaged
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
    where T4 : unmanaged
{
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4);
}

/// <summary>A [Remote] method with 5 arguments, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="T3">The type of argument 3.</typeparam>
/// <typeparam name="T4">The type of argument 4.</typeparam>
/// <typeparam name="T5">The type of argument 5.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5>
    where TResult : unmanaged
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
    where T4 : unmanaged
    where T5 : unmanaged
{
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5);
}

/// <summary>A [Remote] method with 6 arguments, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="T3">The type of argument 3.</typeparam>
/// <typeparam name="T4">The type of argument 4.</typeparam>
/// <typeparam name="T5">The type of argument 5.</typeparam>
/// <typeparam name="T6">The type of argument 6.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6>
    where TResult : unmanaged
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
    where T4 : unmanaged
    where T5 : unmanaged
    where T6 : unmanaged
{
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6);
}

/// <summary>A [Remote] method with 7 arguments, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="T3">The type of argument 3.</typeparam>
/// <typeparam name="T4">The type of argument 4.</typeparam>
/// <typeparam name="T5">The type of argument 5.</typeparam>
/// <typeparam name="T6">The type of argument 6.</typeparam>
/// <typeparam name="T7">The type of argument 7.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7>
    where TResult : unmanaged
    where T1 : unmanaged
    where T2 : unmanaged
    where T3 : unmanaged
    where T4 : unmanaged
    where T5 : unmanaged
    where T6 : unmanaged
    where T7 : unmanaged
{
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7);
}

/// <summary>A [Remote] method with 8 arguments, called by a column loop. Implemented by a generated struct.</summary>
/// <typeparam name="TResult">The result type.</typeparam>
/// <typeparam name="T1">The type of argument 1.</typeparam>
/// <typeparam name="T2">The type of argument 2.</typeparam>
/// <typeparam name="T3">The type of argument 3.</typeparam>
/// <typeparam name="T4">The type of argument 4.</typeparam>
/// <typeparam name="T5">The type of argument 5.</typeparam>
/// <typeparam name="T6">The type of argument 6.</typeparam>
/// <typeparam name="T7">The type of argument 7.</typeparam>
/// <typeparam name="T8">The type of argument 8.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8>
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
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8);
}

/// <summary>A [Remote] method with 9 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>
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
    /// <summary>Calls the method.</summary>
    /// <param name="a1">Argument 1.</param>
    /// <param name="a2">Argument 2.</param>
    /// <param name="a3">Argument 3.</param>
    /// <param name="a4">Argument 4.</param>
    /// <param name="a5">Argument 5.</param>
    /// <param name="a6">Argument 6.</param>
    /// <param name="a7">Argument 7.</param>
    /// <param name="a8">Argument 8.</param>
    /// <param name="a9">Argument 9.</param>
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9);
}

/// <summary>A [Remote] method with 10 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>
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
    /// <summary>Calls the method.</summary>
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
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10);
}

/// <summary>A [Remote] method with 11 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>
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
    /// <summary>Calls the method.</summary>
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
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11);
}

/// <summary>A [Remote] method with 12 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>
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
    /// <summary>Calls the method.</summary>
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
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12);
}

/// <summary>A [Remote] method with 13 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>
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
    /// <summary>Calls the method.</summary>
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
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13);
}

/// <summary>A [Remote] method with 14 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>
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
    /// <summary>Calls the method.</summary>
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
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14);
}

/// <summary>A [Remote] method with 15 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>
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
    /// <summary>Calls the method.</summary>
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
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15);
}

/// <summary>A [Remote] method with 16 arguments, called by a column loop. Implemented by a generated struct.</summary>
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
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>
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
    /// <summary>Calls the method.</summary>
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
    /// <returns>The method's result.</returns>
    static abstract TResult Invoke(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15, T16 a16);
}
