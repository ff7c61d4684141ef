using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace RemoteKit;

/// <summary>
/// The engine side of map chunks sent as columns (<see cref="RemoteMethodDescriptor.IsColumnar"/>): for a [Remote] method whose
/// arguments and result are unmanaged, the generator emits a struct that calls the method (an <c>IColumnMethod</c>), and
/// these loops call it once per item straight from the argument columns into the result column. A struct type argument
/// makes the JIT compile one loop per method, with the call inlined where the method allows it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RemoteColumns
{
    /// <summary>The column loop of a method with 1 argument.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1>()
        where TMethod : struct, IColumnMethod<TResult, T1>
        where TResult : unmanaged
        where T1 : unmanaged => new Loop1<TMethod, TResult, T1>();

    /// <summary>The column loop of a method with 2 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged => new Loop2<TMethod, TResult, T1, T2>();

    /// <summary>The column loop of a method with 3 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged => new Loop3<TMethod, TResult, T1, T2, T3>();

    /// <summary>The column loop of a method with 4 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged => new Loop4<TMethod, TResult, T1, T2, T3, T4>();

    /// <summary>The column loop of a method with 5 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged => new Loop5<TMethod, TResult, T1, T2, T3, T4, T5>();

    /// <summary>The column loop of a method with 6 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged => new Loop6<TMethod, TResult, T1, T2, T3, T4, T5, T6>();

    /// <summary>The column loop of a method with 7 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged => new Loop7<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7>();

    /// <summary>The column loop of a method with 8 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged => new Loop8<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8>();

    /// <summary>The column loop of a method with 9 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>
        where TResult : unmanaged
        where T1 : unmanaged
        where T2 : unmanaged
        where T3 : unmanaged
        where T4 : unmanaged
        where T5 : unmanaged
        where T6 : unmanaged
        where T7 : unmanaged
        where T8 : unmanaged
        where T9 : unmanaged => new Loop9<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>();

    /// <summary>The column loop of a method with 10 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>
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
        where T10 : unmanaged => new Loop10<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>();

    /// <summary>The column loop of a method with 11 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>
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
        where T11 : unmanaged => new Loop11<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>();

    /// <summary>The column loop of a method with 12 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>
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
        where T12 : unmanaged => new Loop12<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>();

    /// <summary>The column loop of a method with 13 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>
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
        where T13 : unmanaged => new Loop13<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>();

    /// <summary>The column loop of a method with 14 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>
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
        where T14 : unmanaged => new Loop14<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>();

    /// <summary>The column loop of a method with 15 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>
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
        where T15 : unmanaged => new Loop15<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>();

    /// <summary>The column loop of a method with 16 arguments.</summary>
    /// <typeparam name="TMethod">The generated struct that calls the method.</typeparam>
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
    /// <returns>The loop.</returns>
    public static RemoteColumnLoop Loop<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>()
        where TMethod : struct, IColumnMethod<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>
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
        where T16 : unmanaged => new Loop16<TMethod, TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>();
}
