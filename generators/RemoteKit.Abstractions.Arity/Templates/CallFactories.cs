using static RemoteKit.Abstractions.Arity.Helpers.Template;

namespace RemoteKit.Abstractions.Arity.Templates
{
    /// <summary>
    /// <c>RemoteCalls.Create</c> and <c>CreateVoid</c>, 0 to 16 arguments: the call factories a generated
    /// <c>Work.Remote.M(...)</c> line calls.
    /// </summary>
    internal static class CallFactories
    {
        public const string HintName = "RemoteCalls.Factories.g.cs";

        public static string Source() => File($$"""
            using System.ComponentModel;

            namespace RemoteKit;

            public static partial class RemoteCalls
            {
                {{Members(0, Factories)}}
            }
            """);

        private static string Factories(int n)
        {
            var types = Join(n, i => $", T{i}", "");
            var parameters = Join(n, i => $", T{i} a{i}", "");
            var arguments = Join(n, i => $", a{i}", "");
            var paramDocs = Lines(n, i => $"/// <param name=\"a{i}\">Argument {i}.</param>");
            var voidTypes = n == 0 ? "" : $"<{Join(n, i => $"T{i}")}>";
            return Text($$"""
                /// <summary>A call of <paramref name="method"/> with a result.</summary>
                /// <typeparam name="TResult">The result type.</typeparam>
                {{TypeParamDocs(n)}}
                /// <param name="method">The method called.</param>
                {{paramDocs}}
                /// <returns>The call.</returns>
                [EditorBrowsable(EditorBrowsableState.Never)]
                public static RemoteCall<TResult> Create<TResult{{types}}>(RemoteMethodDescriptor method{{parameters}}) => new Call<TResult{{types}}>(method{{arguments}});

                /// <summary>A call of <paramref name="method"/> with no result.</summary>
                {{TypeParamDocs(n)}}
                /// <param name="method">The method called.</param>
                {{paramDocs}}
                /// <returns>The call.</returns>
                [EditorBrowsable(EditorBrowsableState.Never)]
                public static RemoteCall CreateVoid{{voidTypes}}(RemoteMethodDescriptor method{{parameters}}) => new Call<NoResult{{types}}>(method{{arguments}});
                """);
        }
    }
}
