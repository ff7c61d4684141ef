namespace RemoteKit;

// One FromFunc per arity 0-16, the way Func<> is written out; each reads the arguments in order and returns the result.
public abstract partial class RemoteInvoker
{
    /// <summary>
    /// An invoker for a method that takes 0 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult>(RemoteMethodDescriptor method, Func<TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation => invocation.Return(function())) { Columns = columns };
    }

    /// <summary>
    /// An invoker for a method that takes 1 call argument and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1>(RemoteMethodDescriptor method, Func<T1, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1);
            return invocation.Return(function(a1));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 2 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2>(RemoteMethodDescriptor method, Func<T1, T2, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2);
            return invocation.Return(function(a1, a2));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 3 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3>(RemoteMethodDescriptor method, Func<T1, T2, T3, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3);
            return invocation.Return(function(a1, a2, a3));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 4 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4);
            return invocation.Return(function(a1, a2, a3, a4));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 5 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5);
            return invocation.Return(function(a1, a2, a3, a4, a5));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 6 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 7 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 8 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <typeparam name="T1">The type of argument 1.</typeparam>
    /// <typeparam name="T2">The type of argument 2.</typeparam>
    /// <typeparam name="T3">The type of argument 3.</typeparam>
    /// <typeparam name="T4">The type of argument 4.</typeparam>
    /// <typeparam name="T5">The type of argument 5.</typeparam>
    /// <typeparam name="T6">The type of argument 6.</typeparam>
    /// <typeparam name="T7">The type of argument 7.</typeparam>
    /// <typeparam name="T8">The type of argument 8.</typeparam>
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 9 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 10 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 11 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 12 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 13 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 14 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13, out T14 a14);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 15 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13, out T14 a14, out T15 a15);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15));
        })
        {
            Columns = columns,
        };
    }

    /// <summary>
    /// An invoker for a method that takes 16 call arguments and returns a value: generated code passes the method group, so a
    /// plain [Remote] method needs no invoke method of its own.
    /// </summary>
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
    /// <param name="method">The method invoked.</param>
    /// <param name="function">The method itself.</param>
    /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
    /// <returns>The invoker.</returns>
    public static RemoteInvoker FromFunc<TResult, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16>(RemoteMethodDescriptor method, Func<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16, TResult> function, RemoteColumnLoop? columns = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(function);
        return new DelegateInvoker(method, invocation =>
        {
            invocation.ReadArguments(out T1 a1, out T2 a2, out T3 a3, out T4 a4, out T5 a5, out T6 a6, out T7 a7, out T8 a8, out T9 a9, out T10 a10, out T11 a11, out T12 a12, out T13 a13, out T14 a14, out T15 a15, out T16 a16);
            return invocation.Return(function(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16));
        })
        {
            Columns = columns,
        };
    }
}
