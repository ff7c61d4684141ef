using static RemoteKit.Abstractions.Arity.Helpers.Template;

namespace RemoteKit.Abstractions.Arity.Templates
{
    /// <summary>
    /// <c>RemoteColumns.Loop</c>, 1 to 16 arguments: the factories a generated provider passes a columnar method's group to.
    /// </summary>
    internal static class ColumnLoopFactories
    {
        public const string HintName = "RemoteColumns.Factories.g.cs";

        public static string Source() => File($$"""
            using System.ComponentModel;
            using System.Runtime.CompilerServices;

            namespace RemoteKit;

            public static partial class RemoteColumns
            {
                {{Members(1, Loop)}}
            }
            """);

        private static string Loop(int n) => Text($$"""
            /// <summary>The column loop of a method with {{n}} argument{{(n == 1 ? "" : "s")}}.</summary>
            /// <typeparam name="TResult">The result type.</typeparam>
            {{TypeParamDocs(n)}}
            /// <param name="method">The method, called once per item.</param>
            /// <returns>The loop.</returns>
            public static RemoteColumnLoop Loop<TResult, {{Join(n, i => $"T{i}")}}>(Func<{{Join(n, i => $"T{i}")}}, TResult> method)
                where TResult : unmanaged
                {{Lines(n, i => $"where T{i} : unmanaged")}} => new Loop{{n}}<TResult, {{Join(n, i => $"T{i}")}}>(method ?? throw new ArgumentNullException(nameof(method)));
            """);
    }
}
