using static RemoteKit.Abstractions.Arity.Helpers.Template;

namespace RemoteKit.Abstractions.Arity.Templates
{
    /// <summary>
    /// <c>RemoteInvoker.FromFunc</c>, 0 to 16 arguments: the shared invoker of a [Remote] method that returns a value and takes
    /// only call arguments, over its method group.
    /// </summary>
    internal static class FunctionInvokers
    {
        public const string HintName = "RemoteInvoker.Functions.g.cs";

        public static string Source() => File($$"""
            using System.ComponentModel;

            namespace RemoteKit;

            // One FromFunc per arity 0-16, the way Func<> is written out; each reads the arguments in order and returns the result.
            public abstract partial class RemoteInvoker
            {
                {{Members(0, FromFunc)}}
            }
            """);

        private static string FromFunc(int n)
        {
            var types = Join(n, i => $", T{i}", "");
            var funcTypes = Join(n, i => $"T{i}, ", "");
            var invoke = n == 0
                ? Text($$"""
                    return new DelegateInvoker(method, invocation => invocation.Return(function())) { Columns = columns };
                    """)
                : Text($$"""
                    return new DelegateInvoker(method, invocation =>
                    {
                        invocation.ReadArguments({{Join(n, i => $"out T{i} a{i}")}});
                        return invocation.Return(function({{Join(n, i => $"a{i}")}}));
                    })
                    {
                        Columns = columns,
                    };
                    """);
            return Text($$"""
                /// <summary>
                /// An invoker for a method that takes {{n}} call argument{{(n == 1 ? "" : "s")}} and returns a value: generated code passes the method group, so a
                /// plain [Remote] method needs no invoke method of its own.
                /// </summary>
                /// <typeparam name="TResult">The result type.</typeparam>
                {{TypeParamDocs(n)}}
                /// <param name="method">The method invoked.</param>
                /// <param name="function">The method itself.</param>
                /// <param name="columns">Its column loop, when it has one (<see cref="RemoteColumns"/>).</param>
                /// <returns>The invoker.</returns>
                [EditorBrowsable(EditorBrowsableState.Never)]
                public static RemoteInvoker FromFunc<TResult{{types}}>(RemoteMethodDescriptor method, Func<{{funcTypes}}TResult> function, RemoteColumnLoop? columns = null)
                {
                    ArgumentNullException.ThrowIfNull(method);
                    ArgumentNullException.ThrowIfNull(function);
                    {{invoke}}
                }
                """);
        }
    }
}
