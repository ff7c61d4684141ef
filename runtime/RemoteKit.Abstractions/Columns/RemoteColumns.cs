using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>
/// The engine side of map chunks sent as columns (<see cref="RemoteMethodDescriptor.IsColumnar"/>): for a [Remote] method whose
/// arguments and result are unmanaged, the generated provider passes the method group to one of these factories, and the
/// loop calls it once per item straight from the argument columns into the result column. The loop is shared by every
/// method of one signature; a delegate rather than a generated type per method keeps the generated code small (a struct
/// per method implementing a static abstract interface made a 1,000-method project's build about a second slower).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RemoteColumns
{
    /// <summary>The column loop of a method with 1 argument.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1>(Func<T1, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged => new Loop1<TResult, T1>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 2 arguments.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2>(Func<T1, T2, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged => new Loop2<TResult, T1, T2>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 3 arguments.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3>(Func<T1, T2, T3, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged => new Loop3<TResult, T1, T2, T3>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 4 arguments.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4>(Func<T1, T2, T3, T4, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged => new Loop4<TResult, T1, T2, T3, T4>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 5 arguments.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5>(Func<T1, T2, T3, T4, T5, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged => new Loop5<TResult, T1, T2, T3, T4, T5>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 6 arguments.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6>(Func<T1, T2, T3, T4, T5, T6, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged => new Loop6<TResult, T1, T2, T3, T4, T5, T6>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 7 arguments.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7>(Func<T1, T2, T3, T4, T5, T6, T7, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged => new Loop7<TResult, T1, T2, T3, T4, T5, T6, T7>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 8 arguments.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8>(Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged => new Loop8<TResult, T1, T2, T3, T4, T5, T6, T7, T8>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 9 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> method)
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged => new Loop9<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 10 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> method)
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
        where T10 : unmanaged => new Loop10<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 11 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult> method)
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
        where T11 : unmanaged => new Loop11<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 12 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult> method)
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
        where T12 : unmanaged => new Loop12<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 13 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, TResult> method)
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
        where T13 : unmanaged => new Loop13<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 14 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, TResult> method)
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
        where T14 : unmanaged => new Loop14<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 15 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, TResult> method)
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
        where T15 : unmanaged => new Loop15<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(method ?? throw new ArgumentNullException(nameof(method)));

    /// <summary>The column loop of a method with 16 arguments.</summary>
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
    /// <param name="method">The method, called once per item.</param>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, TResult> method)
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
        where T16 : unmanaged => new Loop16<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(method ?? throw new ArgumentNullException(nameof(method)));
}
